// SPDX-License-Identifier: GPL-2.0
/*
 * libmnl helpers: one socket per bus, request/ack and dumps through one
 * t6_nl_talk(), extended ack messages kept for the error line, transit6
 * family resolution and its multicast events, and the ABI's attribute
 * policy.  The rtnetlink requests are in rtnl.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/genetlink.h>

#include "t6.h"

#ifndef NLM_F_CAPPED
#define NLM_F_CAPPED	0x100
#endif
#ifndef NLM_F_ACK_TLVS
#define NLM_F_ACK_TLVS	0x200
#endif

#define RX_BUF_SIZE	65536
#define TX_BUF_SIZE	4096

struct t6 t6;

static int nl_open(struct t6_nl *nl, int bus)
{
	int one = 1;

	if (nl->sk)
		return 0;
	nl->sk = mnl_socket_open(bus);
	if (!nl->sk)
		return -errno;
	if (mnl_socket_bind(nl->sk, 0, MNL_SOCKET_AUTOPID) < 0) {
		int err = -errno;

		mnl_socket_close(nl->sk);
		nl->sk = NULL;
		return err;
	}
	/* best effort: old kernels simply send no extended ack */
	mnl_socket_setsockopt(nl->sk, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sk, NETLINK_CAP_ACK, &one, sizeof(one));
	nl->portid = mnl_socket_get_portid(nl->sk);
	nl->seq = time(NULL);
	nl->bus = bus;
	return 0;
}

/* State of one exchange; the control callbacks see it too. */
struct talk {
	struct t6_nl *nl;
	mnl_cb_t cb;
	void *data;
	int err;		/* negative errno from the kernel */
};

static int ext_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
		tb[NLMSGERR_ATTR_MSG] = attr;
	return MNL_CB_OK;
}

/* Keep the extended ack message that starts @off bytes into the payload. */
static void ext_ack(struct talk *t, const struct nlmsghdr *nlh, size_t off)
{
	const struct nlattr *tb[NLMSGERR_ATTR_MAX + 1] = { NULL };

	t->nl->ext_msg[0] = '\0';
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) ||
	    mnl_nlmsg_get_payload_len(nlh) <= off)
		return;
	if (mnl_attr_parse(nlh, off, ext_attr_cb, tb) < 0 ||
	    !tb[NLMSGERR_ATTR_MSG])
		return;
	snprintf(t->nl->ext_msg, sizeof(t->nl->ext_msg), "%s",
		 mnl_attr_get_str(tb[NLMSGERR_ATTR_MSG]));
}

static int talk_error(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	struct talk *t = data;
	size_t off = sizeof(*e);

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*e)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
	ext_ack(t, nlh, off);
	if (e->error == 0) {
		if (t->nl->ext_msg[0])
			t6_warn("warning: %s", t->nl->ext_msg);
		return MNL_CB_STOP;
	}
	t->err = e->error < 0 ? e->error : -e->error;
	errno = -t->err;
	return MNL_CB_ERROR;
}

/* A dump that fails part way says so in NLMSG_DONE. */
static int talk_done(const struct nlmsghdr *nlh, void *data)
{
	struct talk *t = data;
	int err;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(int))
		return MNL_CB_STOP;
	memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(err));
	if (err >= 0)
		return MNL_CB_STOP;
	ext_ack(t, nlh, sizeof(int));
	t->err = err;
	errno = -err;
	return MNL_CB_ERROR;
}

static int talk_data(const struct nlmsghdr *nlh, void *data)
{
	struct talk *t = data;

	return t->cb ? t->cb(nlh, t->data) : MNL_CB_OK;
}

static mnl_cb_t talk_ctl[NLMSG_MIN_TYPE] = {
	[NLMSG_ERROR] = talk_error,
	[NLMSG_DONE] = talk_done,
};

static int talk_once(struct t6_nl *nl, struct nlmsghdr *nlh, struct talk *t)
{
	static char buf[RX_BUF_SIZE];
	ssize_t n;
	int ret;

	nlh->nlmsg_seq = ++nl->seq;
	nl->ext_msg[0] = '\0';
	if (mnl_socket_sendto(nl->sk, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	do {
		n = mnl_socket_recvfrom(nl->sk, buf, sizeof(buf));
		if (n < 0)
			return -errno;
		ret = mnl_cb_run2(buf, n, nlh->nlmsg_seq, nl->portid,
				  talk_data, t, talk_ctl, ARRAY_SIZE(talk_ctl));
	} while (ret > MNL_CB_STOP);
	if (ret < 0)
		return t->err ? t->err : (errno ? -errno : -EPROTO);
	return 0;
}

/*
 * Send @nlh and read until its ack or the end of its dump, calling @cb for
 * each data message.  Returns 0 or a negative errno; on failure the
 * kernel's extended ack message, if any, is in nl->ext_msg.
 *
 * A dump the kernel marks inconsistent (NLM_F_DUMP_INTR; libmnl says
 * EINTR) is restarted on a fresh socket, the rest of the old one being
 * stale; what @cb collected is thrown away first, so dumps must collect
 * with t6_msgs_add.
 */
int t6_nl_talk(struct t6_nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
	       void *data)
{
	struct talk t = { .nl = nl, .cb = cb, .data = data };
	/* both bits: NLM_F_ROOT and NLM_F_MATCH are also REPLACE and EXCL */
	bool dump = (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	int tries = 0, ret;

	ret = nl_open(nl, nl->bus);
	if (ret)
		return ret;
	if (!dump)
		nlh->nlmsg_flags |= NLM_F_ACK;
	for (;;) {
		t.err = 0;
		ret = talk_once(nl, nlh, &t);
		if (ret != -EINTR || !dump || ++tries > 10)
			return ret;
		if (cb == t6_msgs_add)
			t6_msgs_free(data);
		mnl_socket_close(nl->sk);
		nl->sk = NULL;
		ret = nl_open(nl, nl->bus);
		if (ret)
			return ret;
	}
}

/* "t6: <extack message>", or "t6: <what>: <strerror>" without one. */
int t6_nl_err(const struct t6_nl *nl, int err, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	/* the kernel's own words, after what we were doing */
	if (nl->ext_msg[0])
		return t6_err("%s: %s", what, nl->ext_msg);
	return t6_err("%s: %s%s", what, strerror(-err),
		      err == -EPERM ? " (CAP_NET_ADMIN needed)" : "");
}

/* Copies each message into the t6_msgs at @data. */
int t6_msgs_add(const struct nlmsghdr *nlh, void *data)
{
	struct t6_msgs *m = data;
	struct nlmsghdr *copy;

	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 16;
		void *v = realloc(m->v, cap * sizeof(*m->v));

		if (!v)
			return MNL_CB_ERROR;
		m->v = v;
		m->cap = cap;
	}
	copy = malloc(nlh->nlmsg_len);
	if (!copy)
		return MNL_CB_ERROR;
	memcpy(copy, nlh, nlh->nlmsg_len);
	m->v[m->n++] = copy;
	return MNL_CB_OK;
}

void t6_msgs_free(struct t6_msgs *m)
{
	while (m->n)
		free(m->v[--m->n]);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

/* Generic netlink */

struct nlmsghdr *t6_genl_msg(void *buf, uint8_t cmd, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = t6.family;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = T6_GENL_VERSION;
	return nlh;
}

static int ctrl_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	uint16_t type = mnl_attr_get_type(attr);
	static const enum mnl_attr_data_type types[CTRL_ATTR_MAX + 1] = {
		[CTRL_ATTR_FAMILY_ID] = MNL_TYPE_U16,
		[CTRL_ATTR_VERSION] = MNL_TYPE_U32,
		[CTRL_ATTR_MCAST_GROUPS] = MNL_TYPE_NESTED,
	};

	if (type > CTRL_ATTR_MAX || !types[type])
		return MNL_CB_OK;
	if (mnl_attr_validate(attr, types[type]) < 0)
		return MNL_CB_ERROR;
	tb[type] = attr;
	return MNL_CB_OK;
}

static int grp_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	uint16_t type = mnl_attr_get_type(attr);

	if (type == CTRL_ATTR_MCAST_GRP_NAME &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
		tb[type] = attr;
	else if (type == CTRL_ATTR_MCAST_GRP_ID &&
		 mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
		tb[type] = attr;
	return MNL_CB_OK;
}

static void family_groups(const struct nlattr *groups)
{
	const struct nlattr *grp;

	mnl_attr_for_each_nested(grp, groups) {
		const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = { NULL };

		if (mnl_attr_parse_nested(grp, grp_attr_cb, tb) < 0 ||
		    !tb[CTRL_ATTR_MCAST_GRP_NAME] || !tb[CTRL_ATTR_MCAST_GRP_ID])
			continue;
		if (!strcmp(mnl_attr_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]),
			    T6_MCGRP_EVENTS))
			t6.events_grp =
				mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
	}
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1] = { NULL };

	(void)data;
	if (mnl_attr_parse(nlh, sizeof(struct genlmsghdr), ctrl_attr_cb,
			   tb) < 0 || !tb[CTRL_ATTR_FAMILY_ID])
		return MNL_CB_ERROR;
	t6.family = mnl_attr_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	if (tb[CTRL_ATTR_VERSION])
		t6.family_version = mnl_attr_get_u32(tb[CTRL_ATTR_VERSION]);
	if (tb[CTRL_ATTR_MCAST_GROUPS])
		family_groups(tb[CTRL_ATTR_MCAST_GROUPS]);
	return MNL_CB_OK;
}

/*
 * Opens the generic netlink socket and resolves family "transit6": 0, an
 * exit status (said), or -ENOENT unsaid for a module not loaded when
 * @absent_ok.
 */
int t6_genl_resolve(bool absent_ok)
{
	char buf[TX_BUF_SIZE];
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	int ret;

	if (t6.family)
		return 0;
	ret = nl_open(&t6.genl, NETLINK_GENERIC);
	if (ret)
		return t6_err("cannot open a generic netlink socket: %s",
			      strerror(-ret));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, T6_GENL_NAME);
	ret = t6_nl_talk(&t6.genl, nlh, family_cb, NULL);
	if (ret == -ENOENT && absent_ok)
		return -ENOENT;
	if (ret == -ENOENT)
		return t6_err("transit6 module not loaded (generic netlink family '%s' not found)",
			      T6_GENL_NAME);
	if (ret || !t6.family)
		return t6_nl_err(&t6.genl, ret ? ret : -EPROTO,
				 "cannot resolve generic netlink family '%s'",
				 T6_GENL_NAME);
	return 0;
}

/* t6_genl_resolve(), and a family whose version is t6's own */
int t6_genl_open(void)
{
	int ret = t6_genl_resolve(false);

	if (ret)
		return ret;
	/* the attribute layout differs between versions: say so, once */
	if (t6.family_version != T6_GENL_VERSION) {
		t6.family = 0;
		return t6_err("the transit6 module speaks netlink version %u, this t6 version %u: use the t6 built with the module",
			      t6.family_version, T6_GENL_VERSION);
	}
	return 0;
}

int t6_events_subscribe(void)
{
	int ret = t6_genl_open();

	if (ret)
		return ret;
	if (!t6.events_grp)
		return t6_err("the transit6 family has no '%s' multicast group",
			      T6_MCGRP_EVENTS);
	if (mnl_socket_setsockopt(t6.genl.sk, NETLINK_ADD_MEMBERSHIP,
				  &t6.events_grp, sizeof(t6.events_grp)) < 0)
		return t6_err("cannot subscribe to transit6 events: %s",
			      strerror(errno));
	return 0;
}

/* Reads multicast messages forever; returns only on a fatal error. */
int t6_events_run(mnl_cb_t cb, void *data)
{
	static char buf[RX_BUF_SIZE];
	ssize_t n;

	for (;;) {
		n = mnl_socket_recvfrom(t6.genl.sk, buf, sizeof(buf));
		if (n < 0 && errno == ENOBUFS) {
			t6_warn("events lost: receive buffer overrun");
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return t6_err("monitor: %s", strerror(errno));
		if (mnl_cb_run(buf, n, 0, 0, cb, data) < 0)
			return t6_err("monitor: %s", strerror(errno));
	}
}

/*
 * The ABI's attribute sets (kernel/uapi/transit6.h): a type, an exact
 * length for binary attributes, and for a nest either the type of every
 * attribute in it (lists) or its own set.
 */
struct t6_attr_pol {
	enum mnl_attr_data_type type;
	uint16_t len;
	enum mnl_attr_data_type child;
	uint16_t child_len;
	const struct t6_attr_set *set;
};

struct t6_attr_set {
	const struct t6_attr_pol *pol;
	unsigned int max;
};

#define SET(p) { p, ARRAY_SIZE(p) - 1 }

static const struct t6_attr_pol router_pol[T6A_ROUTER_MAX + 1] = {
	[T6A_ROUTER_ADDR]	= { MNL_TYPE_BINARY, 4 },
	[T6A_ROUTER_RS_SENT]	= { MNL_TYPE_U64 },
	[T6A_ROUTER_RA_RCVD]	= { MNL_TYPE_U64 },
	[T6A_ROUTER_LAST_RA]	= { MNL_TYPE_U64 },
};

const struct t6_attr_set t6_router_set = SET(router_pol);

static const struct t6_attr_pol prefix_pol[T6A_PREFIX_MAX + 1] = {
	[T6A_PREFIX_ADDR]	= { MNL_TYPE_BINARY, 16 },
	[T6A_PREFIX_LEN]	= { MNL_TYPE_U8 },
	[T6A_PREFIX_VALID_LFT]	= { MNL_TYPE_U32 },
	[T6A_PREFIX_PREFERRED_LFT] = { MNL_TYPE_U32 },
};

const struct t6_attr_set t6_prefix_set = SET(prefix_pol);

static const struct t6_attr_pol isatap_pol[T6A_ISATAP_MAX + 1] = {
	[T6A_ISATAP_FORWARDING]	= { MNL_TYPE_U8 },
	[T6A_ISATAP_RS_INTERVAL] = { MNL_TYPE_U32 },
	[T6A_ISATAP_ROUTER_LIFETIME] = { MNL_TYPE_U16 },
	[T6A_ISATAP_ROUTER]	= { MNL_TYPE_NESTED, .set = &t6_router_set },
	[T6A_ISATAP_PREFIX]	= { MNL_TYPE_NESTED, .set = &t6_prefix_set },
	[T6A_ISATAP_PRL_NAMES]	= { MNL_TYPE_NESTED,
				    .child = MNL_TYPE_NUL_STRING },
};

const struct t6_attr_set t6_isatap_set = SET(isatap_pol);

static const struct t6_attr_pol lan_pol[T6A_LAN_MAX + 1] = {
	[T6A_LAN_IFINDEX]	= { MNL_TYPE_U32 },
	[T6A_LAN_SUBNET]	= { MNL_TYPE_U16 },
	[T6A_LAN_ADDR]		= { MNL_TYPE_BINARY, 16 },
};

const struct t6_attr_set t6_lan_set = SET(lan_pol);

static const struct t6_attr_pol sixtofour_pol[T6A_6TO4_MAX + 1] = {
	[T6A_6TO4_ROLE]		= { MNL_TYPE_U8 },
	[T6A_6TO4_NATIVE_FROM]	= { MNL_TYPE_U8 },
	[T6A_6TO4_RELAY_ADDR]	= { MNL_TYPE_BINARY, 4 },
	[T6A_6TO4_RELAY_NAME]	= { MNL_TYPE_NUL_STRING },
	[T6A_6TO4_RELAY_LAST_USED] = { MNL_TYPE_U64 },
	[T6A_6TO4_LAN]		= { MNL_TYPE_NESTED, .set = &t6_lan_set },
};

const struct t6_attr_set t6_6to4_set = SET(sixtofour_pol);

static const struct t6_attr_pol peer_pol[T6A_PEER_MAX + 1] = {
	[T6A_PEER_ADDR]		= { MNL_TYPE_BINARY, 16 },
	[T6A_PEER_TRUSTED]	= { MNL_TYPE_U8 },
	[T6A_PEER_MAPPED_ADDR]	= { MNL_TYPE_BINARY, 4 },
	[T6A_PEER_MAPPED_PORT]	= { MNL_TYPE_U16 },
	[T6A_PEER_LAST_RX]	= { MNL_TYPE_U64 },
	[T6A_PEER_LAST_TX]	= { MNL_TYPE_U64 },
	[T6A_PEER_PROBES]	= { MNL_TYPE_U32 },
	[T6A_PEER_QUEUED]	= { MNL_TYPE_U32 },
};

const struct t6_attr_set t6_peer_set = SET(peer_pol);

static const struct t6_attr_pol teredo_pol[T6A_TEREDO_MAX + 1] = {
	[T6A_TEREDO_TYPE]	= { MNL_TYPE_U8 },
	[T6A_TEREDO_SERVERS]	= { MNL_TYPE_NESTED, 0, MNL_TYPE_BINARY, 4 },
	[T6A_TEREDO_SERVER_NAME] = { MNL_TYPE_NUL_STRING },
	[T6A_TEREDO_REFRESH]	= { MNL_TYPE_U32 },
	[T6A_TEREDO_CLIENT_PORT] = { MNL_TYPE_U16 },
	[T6A_TEREDO_PROBE]	= { MNL_TYPE_U8 },
	[T6A_TEREDO_NAT]	= { MNL_TYPE_U8 },
	[T6A_TEREDO_SERVER]	= { MNL_TYPE_BINARY, 4 },
	[T6A_TEREDO_LOCAL_PORT]	= { MNL_TYPE_U16 },
	[T6A_TEREDO_MAPPED_ADDR] = { MNL_TYPE_BINARY, 4 },
	[T6A_TEREDO_MAPPED_PORT] = { MNL_TYPE_U16 },
	[T6A_TEREDO_ADDR]	= { MNL_TYPE_BINARY, 16 },
	[T6A_TEREDO_NEXT_TRY]	= { MNL_TYPE_U64 },
	[T6A_TEREDO_PEER_MAX]	= { MNL_TYPE_U32 },
	[T6A_TEREDO_PEERS]	= { MNL_TYPE_U32 },
	[T6A_TEREDO_PEER]	= { MNL_TYPE_NESTED, .set = &t6_peer_set },
	[T6A_TEREDO_IDLE_TIMEOUT] = { MNL_TYPE_U32 },
};

const struct t6_attr_set t6_teredo_set = SET(teredo_pol);

static const struct t6_attr_pol top_pol[T6A_MAX + 1] = {
	[T6A_IFINDEX]		= { MNL_TYPE_U32 },
	[T6A_IFNAME]		= { MNL_TYPE_NUL_STRING },
	[T6A_KIND]		= { MNL_TYPE_U8 },
	[T6A_STATE]		= { MNL_TYPE_U8 },
	[T6A_STATE_REASON]	= { MNL_TYPE_U8 },
	[T6A_LOCAL_ADDRS]	= { MNL_TYPE_NESTED, 0, MNL_TYPE_BINARY, 4 },
	[T6A_ADDRS6]		= { MNL_TYPE_NESTED, 0, MNL_TYPE_BINARY, 16 },
	[T6A_DROPS]		= { MNL_TYPE_NESTED, 0, MNL_TYPE_U64 },
	[T6A_ISATAP]		= { MNL_TYPE_NESTED, .set = &t6_isatap_set },
	[T6A_6TO4]		= { MNL_TYPE_NESTED, .set = &t6_6to4_set },
	[T6A_TEREDO]		= { MNL_TYPE_NESTED, .set = &t6_teredo_set },
	[T6A_REPLACE]		= { MNL_TYPE_FLAG },
};

static const struct t6_attr_set top_set = SET(top_pol);

static int validate(const struct nlattr *attr, enum mnl_attr_data_type type,
		    uint16_t len)
{
	return len ? mnl_attr_validate2(attr, type, len)
		   : mnl_attr_validate(attr, type);
}

struct parse_ctx {
	const struct t6_attr_set *set;
	const struct nlattr **tb;
};

/*
 * Validates one attribute, and every attribute of a list nest, so that
 * printers can trust what they read.  Unknown (newer) attributes are
 * skipped; a nest with a set of its own is validated when it is parsed.
 */
static int t6_attr_cb(const struct nlattr *attr, void *data)
{
	const struct parse_ctx *c = data;
	uint16_t type = mnl_attr_get_type(attr);
	const struct t6_attr_pol *p;
	const struct nlattr *a;

	if (type > c->set->max || !c->set->pol[type].type)
		return MNL_CB_OK;
	p = &c->set->pol[type];
	if (validate(attr, p->type, p->len) < 0)
		goto bad;
	if (p->child)
		mnl_attr_for_each_nested(a, attr)
			if (validate(a, p->child, p->child_len) < 0)
				goto bad;
	c->tb[type] = attr;
	return MNL_CB_OK;
bad:
	t6_warn("ignoring malformed attribute %u from the kernel", type);
	return MNL_CB_OK;
}

int t6_parse(const struct nlmsghdr *nlh, t6_attrs tb)
{
	struct parse_ctx c = { &top_set, tb };

	memset(tb, 0, sizeof(t6_attrs));
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), t6_attr_cb,
			      &c) < 0 ? -1 : 0;
}

/*
 * The attributes of nest @nest (NULL: none) of set @set into @tb, which
 * has room for set->max + 1.  Returns -1 if the nest is malformed.
 */
int t6_parse_nest(const struct nlattr *nest, const struct t6_attr_set *set,
		  const struct nlattr **tb)
{
	struct parse_ctx c = { set, tb };

	memset(tb, 0, sizeof(*tb) * (set->max + 1));
	if (!nest)
		return 0;
	return mnl_attr_parse_nested(nest, t6_attr_cb, &c) < 0 ? -1 : 0;
}
