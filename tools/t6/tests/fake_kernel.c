// SPDX-License-Identifier: GPL-2.0
/*
 * A stand-in for the transit6 module, for testing t6 where the module
 * cannot be loaded: LD_PRELOADed into t6, it answers what t6 sends through
 * libmnl (generic netlink family "transit6", rtnetlink) from a fixed
 * table, logs every request, and redirects the files t6 touches: the
 * forwarding sysctls, and for 6to4 routing its state directory and radvd.
 *
 *   FAKE_T6_DEVS	"name:kind,..." (kind 1 isatap, 2 6to4, 3 teredo);
 *			ifindex 10, 11, ...; unset: "isatap0:1".  A link t6
 *			creates joins them (for the rest of that t6 run).
 *   FAKE_T6_NOFAMILY	set: the family does not exist (-ENOENT)
 *   FAKE_T6_ERR	"CMD:ERRNO[:extack message]": fail genl command CMD
 *			(or rtnetlink message type 1000 + RTM_*)
 *   FAKE_T6_LOG	file that gets one line per request
 *   FAKE_T6_SYSCTL	directory standing in for /proc/sys/net/ipv6/conf
 *   FAKE_T6_RUN	directory standing in for /run/transit6
 *   FAKE_T6_RADVD	program standing in for /usr/sbin/radvd (run without
 *			the fake; logged as "exec ...")
 *
 * 6to4 devices (kind 2) also answer with:
 *   FAKE_T6_ROLE	T6A_6TO4_ROLE (unset: 0, host)
 *   FAKE_T6_RELAY	"ADDR[:NAME[:MSECS]]": T6A_6TO4_RELAY_ADDR, _NAME,
 *			_LAST_USED (unset: 0.0.0.0, no relay)
 *   FAKE_T6_LANS	file keeping the LANs served, "IFINDEX SUBNET" lines,
 *			across t6 runs: SET_DEVICE's T6A_6TO4_LAN and
 *			_LAN_DEL change it, GET answers with it (the LAN's
 *			address from the first public FAKE_T6_V4)
 *   FAKE_T6_V4		"A,B,...": the IPv4 addresses covered, each but
 *			192.88.99.0/24 with its 2002:V4::V4 (unset: 203.0.113.1
 *			and 198.51.100.7; a relay: 203.0.113.1, 192.88.99.1)
 *
 * Test code only: it believes what t6 sends.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/stat.h>
#include <linux/genetlink.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <libmnl/libmnl.h>

#include <transit6.h>

#define FAMILY	0x2a
#define GRP	7

static char queue[65536];
static size_t qlen;
static int events_left = -1;	/* -1: not subscribed */
static char created[64];	/* the link t6 created, if any */
static int created_kind;

static void note(const char *fmt, ...)
{
	const char *path = getenv("FAKE_T6_LOG");
	va_list ap;
	FILE *f;

	if (!path || !(f = fopen(path, "a")))
		return;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fclose(f);
}

static struct nlmsghdr *put(uint16_t type, uint16_t flags, uint32_t seq)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(queue + qlen);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	return nlh;
}

static void done(struct nlmsghdr *nlh)
{
	qlen += NLMSG_ALIGN(nlh->nlmsg_len);
}

static struct nlmsghdr *put_genl(uint8_t cmd, uint16_t flags, uint32_t seq)
{
	struct nlmsghdr *nlh = put(FAMILY, flags, seq);
	struct genlmsghdr *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));

	g->cmd = cmd;
	g->version = T6_GENL_VERSION;
	return nlh;
}

static void put_ack(uint32_t seq, int err, const char *msg)
{
	struct nlmsghdr *nlh = put(NLMSG_ERROR, NLM_F_CAPPED, seq);
	struct nlmsgerr *e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));

	e->error = err;
	e->msg.nlmsg_len = sizeof(struct nlmsghdr);
	if (msg && *msg) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, msg);
	}
	done(nlh);
}

static void put_done(uint32_t seq)
{
	struct nlmsghdr *nlh = put(NLMSG_DONE, NLM_F_MULTI, seq);
	int zero = 0;

	memcpy(mnl_nlmsg_put_extra_header(nlh, sizeof(zero)), &zero,
	       sizeof(zero));
	done(nlh);
}

/* The configured error for @cmd, if any: returns -errno or 0. */
static int want_err(int cmd, const char **msg)
{
	static char buf[256];
	const char *e = getenv("FAKE_T6_ERR");
	char *colon;
	int c, no;

	*msg = NULL;
	if (!e || sscanf(e, "%d:%d", &c, &no) != 2 || c != cmd)
		return 0;
	snprintf(buf, sizeof(buf), "%s", e);
	colon = strchr(buf, ':');
	colon = colon ? strchr(colon + 1, ':') : NULL;
	*msg = colon ? colon + 1 : NULL;
	return -no;
}

struct dev {
	char name[64];
	int kind;
	uint32_t ifindex;
};

static int devices(struct dev *d, int max)
{
	const char *env = getenv("FAKE_T6_DEVS");
	char buf[512], *tok, *save, *colon;
	int n = 0;

	snprintf(buf, sizeof(buf), "%s", env ? env : "isatap0:1");
	for (tok = strtok_r(buf, ",", &save); tok && n < max;
	     tok = strtok_r(NULL, ",", &save)) {
		colon = strrchr(tok, ':');
		if (!colon)
			continue;
		*colon = '\0';
		snprintf(d[n].name, sizeof(d[n].name), "%s", tok);
		d[n].kind = atoi(colon + 1);
		d[n].ifindex = 10 + n;
		n++;
	}
	if (created_kind && n < max) {
		snprintf(d[n].name, sizeof(d[n].name), "%s", created);
		d[n].kind = created_kind;
		d[n].ifindex = 10 + n;
		n++;
	}
	return n;
}

static void put_in(struct nlmsghdr *nlh, uint16_t type, const char *s)
{
	struct in_addr a;

	inet_pton(AF_INET, s, &a);
	mnl_attr_put(nlh, type, sizeof(a), &a);
}

static void put_in6(struct nlmsghdr *nlh, uint16_t type, const char *s)
{
	struct in6_addr a;

	inet_pton(AF_INET6, s, &a);
	mnl_attr_put(nlh, type, sizeof(a), &a);
}

/* Room for any attribute type of the families we fake (IFLA_MAX and up). */
#define ATTR_MAX	128

static int attr_cb(const struct nlattr *a, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_get_type(a) <= ATTR_MAX)
		tb[mnl_attr_get_type(a)] = a;
	return MNL_CB_OK;
}

#define LANS_MAX	16

struct lan {
	unsigned int ifindex, subnet;
};

static int lans_read(struct lan *l)
{
	const char *p = getenv("FAKE_T6_LANS");
	FILE *f = p ? fopen(p, "r") : NULL;
	int n = 0;

	while (f && n < LANS_MAX &&
	       fscanf(f, "%u %u", &l[n].ifindex, &l[n].subnet) == 2)
		n++;
	if (f)
		fclose(f);
	return n;
}

static void lans_write(const struct lan *l, int n)
{
	const char *p = getenv("FAKE_T6_LANS");
	FILE *f = p ? fopen(p, "w") : NULL;
	int i;

	for (i = 0; f && i < n; i++)
		fprintf(f, "%u %u\n", l[i].ifindex, l[i].subnet);
	if (f)
		fclose(f);
}

/* The first public address of @v4 ("A,B,..."), as the kernel picks it. */
static bool site_v4(const char *v4, struct in_addr *site)
{
	char buf[512], *tok, *save;
	uint32_t h;

	snprintf(buf, sizeof(buf), "%s", v4);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (inet_pton(AF_INET, tok, site) != 1)
			continue;
		h = ntohl(site->s_addr);
		if ((h & 0xffffff00) != 0xc0586300 && (h >> 24) != 10 &&
		    (h & 0xfff00000) != 0xac100000 &&
		    (h & 0xffff0000) != 0xc0a80000)
			return true;
	}
	return false;
}

static void put_lans(struct nlmsghdr *nlh, const char *v4)
{
	struct lan l[LANS_MAX];
	int i, n = lans_read(l);
	struct in_addr site;
	struct in6_addr a;
	struct nlattr *nest;

	for (i = 0; i < n; i++) {
		nest = mnl_attr_nest_start(nlh, T6A_6TO4_LAN);
		mnl_attr_put_u32(nlh, T6A_LAN_IFINDEX, l[i].ifindex);
		mnl_attr_put_u16(nlh, T6A_LAN_SUBNET, l[i].subnet);
		if (site_v4(v4, &site)) {
			memset(&a, 0, sizeof(a));
			a.s6_addr[0] = 0x20;
			a.s6_addr[1] = 0x02;
			memcpy(a.s6_addr + 2, &site, 4);
			a.s6_addr[6] = l[i].subnet >> 8;
			a.s6_addr[7] = l[i].subnet & 0xff;
			a.s6_addr[15] = 1;
			mnl_attr_put(nlh, T6A_LAN_ADDR, sizeof(a), &a);
		}
		mnl_attr_nest_end(nlh, nest);
	}
}

/*
 * SET_DEVICE's LAN attributes, as the kernel takes them; an error (and
 * its extack message) for the request, or 0.
 */
static int set_lans(const struct nlattr **st, const char **msg)
{
	const struct nlattr *lt[ATTR_MAX + 1] = { NULL };
	struct lan l[LANS_MAX];
	int i, n = lans_read(l);
	unsigned int ifindex;

	if (st[T6A_6TO4_LAN_DEL]) {
		ifindex = mnl_attr_get_u32(st[T6A_6TO4_LAN_DEL]);
		for (i = 0; i < n && l[i].ifindex != ifindex; i++)
			;
		if (i == n) {
			*msg = "not a LAN of this interface";
			return -ENOENT;
		}
		l[i] = l[--n];
	}
	if (st[T6A_6TO4_LAN]) {
		mnl_attr_parse_nested(st[T6A_6TO4_LAN], attr_cb, lt);
		ifindex = mnl_attr_get_u32(lt[T6A_LAN_IFINDEX]);
		for (i = 0; i < n && l[i].ifindex != ifindex; i++)
			;
		if (i == n && n == LANS_MAX) {
			*msg = "at most 16 LANs";
			return -ENOSPC;
		}
		n += i == n;
		l[i].ifindex = ifindex;
		l[i].subnet = lt[T6A_LAN_SUBNET] ?
			      mnl_attr_get_u16(lt[T6A_LAN_SUBNET]) :
			      ifindex & 0xffff;
	}
	lans_write(l, n);
	return 0;
}

/* The 6to4 part of a device: covered addresses, role, relay, LANs. */
static void put_6to4(struct nlmsghdr *nlh)
{
	const char *role = getenv("FAKE_T6_ROLE");
	const char *relay = getenv("FAKE_T6_RELAY");
	const char *v4 = getenv("FAKE_T6_V4");
	char buf[512], *tok, *save, *name = NULL, *ms = NULL;
	struct in6_addr a6;
	struct in_addr a;
	struct nlattr *n;

	if (!v4)
		v4 = role && atoi(role) == T6_6TO4_RELAY ?
		     "203.0.113.1,192.88.99.1" : "203.0.113.1,198.51.100.7";
	n = mnl_attr_nest_start(nlh, T6A_LOCAL_ADDRS);
	snprintf(buf, sizeof(buf), "%s", v4);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		put_in(nlh, T6A_ADDR_IPV4, tok);
	mnl_attr_nest_end(nlh, n);
	n = mnl_attr_nest_start(nlh, T6A_ADDRS6);
	snprintf(buf, sizeof(buf), "%s", v4);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (inet_pton(AF_INET, tok, &a) != 1 ||
		    (ntohl(a.s_addr) & 0xffffff00) == 0xc0586300)
			continue;
		memset(&a6, 0, sizeof(a6));
		a6.s6_addr[0] = 0x20;
		a6.s6_addr[1] = 0x02;
		memcpy(a6.s6_addr + 2, &a, 4);
		memcpy(a6.s6_addr + 12, &a, 4);
		mnl_attr_put(nlh, T6A_ADDR_IPV6, sizeof(a6), &a6);
	}
	mnl_attr_nest_end(nlh, n);
	n = mnl_attr_nest_start(nlh, T6A_DROPS);
	mnl_attr_put_u64(nlh, T6_DROP_SPOOFED, 4);
	mnl_attr_put_u64(nlh, T6_DROP_BAD_ADDR4, 2);
	mnl_attr_put_u64(nlh, T6_DROP_NOT_RELAY, 1);
	mnl_attr_put_u64(nlh, T6_DROP_RA_NOT_PRL, 0);	/* not a 6to4 reason */
	mnl_attr_put_u64(nlh, 42, 5);
	mnl_attr_nest_end(nlh, n);
	n = mnl_attr_nest_start(nlh, T6A_6TO4);
	mnl_attr_put_u8(nlh, T6A_6TO4_ROLE, role ? atoi(role) : T6_6TO4_HOST);
	if (getenv("FAKE_T6_NATIVE"))
		mnl_attr_put_u8(nlh, T6A_6TO4_NATIVE_FROM,
				atoi(getenv("FAKE_T6_NATIVE")));
	snprintf(buf, sizeof(buf), "%s", relay ? relay : "0.0.0.0");
	name = strchr(buf, ':');
	if (name) {
		*name++ = '\0';
		ms = strchr(name, ':');
		if (ms)
			*ms++ = '\0';
	}
	put_in(nlh, T6A_6TO4_RELAY_ADDR, buf);
	if (name && *name)
		mnl_attr_put_strz(nlh, T6A_6TO4_RELAY_NAME, name);
	if (ms && *ms)
		mnl_attr_put_u64(nlh, T6A_6TO4_RELAY_LAST_USED,
				 strtoull(ms, NULL, 10));
	put_lans(nlh, v4);
	mnl_attr_nest_end(nlh, n);
}

static void put_dev(const struct dev *d, uint32_t seq, uint16_t flags)
{
	struct nlmsghdr *nlh = put_genl(T6_CMD_GET_DEVICE, flags, seq);
	bool sixtofour = d->kind == T6_KIND_6TO4;
	struct nlattr *n;

	mnl_attr_put_u32(nlh, T6A_IFINDEX, d->ifindex);
	mnl_attr_put_strz(nlh, T6A_IFNAME, d->name);
	mnl_attr_put_u8(nlh, T6A_KIND, d->kind);
	mnl_attr_put_u8(nlh, T6A_STATE, d->ifindex != 10 ? T6_STATE_DORMANT :
			sixtofour ? T6_STATE_QUALIFIED : T6_STATE_PROBE);
	mnl_attr_put_u8(nlh, T6A_STATE_REASON, d->ifindex != 10 ?
			T6_REASON_ADMIN_DOWN : sixtofour ? T6_REASON_NONE :
			T6_REASON_ROUTER_UNREACHABLE);
	if (sixtofour) {
		put_6to4(nlh);
		done(nlh);
		return;
	}
	n = mnl_attr_nest_start(nlh, T6A_LOCAL_ADDRS);
	put_in(nlh, T6A_ADDR_IPV4, "10.0.0.1");
	put_in(nlh, T6A_ADDR_IPV4, "8.8.4.4");
	mnl_attr_nest_end(nlh, n);
	n = mnl_attr_nest_start(nlh, T6A_ADDRS6);
	put_in6(nlh, T6A_ADDR_IPV6, "fe80::5efe:a00:1");
	put_in6(nlh, T6A_ADDR_IPV6, "fe80::200:5efe:808:404");
	put_in6(nlh, T6A_ADDR_IPV6, "2001:db8::5efe:a00:9");
	mnl_attr_nest_end(nlh, n);
	n = mnl_attr_nest_start(nlh, T6A_DROPS);
	mnl_attr_put_u64(nlh, T6_DROP_SPOOFED, 4);
	mnl_attr_put_u64(nlh, T6_DROP_SHORT, 3);
	mnl_attr_put_u64(nlh, 42, 5);	/* a reason from the future */
	mnl_attr_nest_end(nlh, n);
	n = mnl_attr_nest_start(nlh, T6A_ISATAP);
	mnl_attr_put_u8(nlh, T6A_ISATAP_FORWARDING, d->ifindex == 10);
	mnl_attr_put_u32(nlh, T6A_ISATAP_RS_INTERVAL, 120);
	mnl_attr_put_u16(nlh, T6A_ISATAP_ROUTER_LIFETIME, 1800);
	mnl_attr_nest_end(nlh, n);
	done(nlh);
}

static void put_routers(uint32_t ifindex, uint32_t seq)
{
	static const char *const addr[] = { "10.0.0.2", "10.0.0.3" };
	struct nlattr *n1, *n2;
	struct nlmsghdr *nlh;
	int i;

	for (i = 0; i < 2; i++) {
		nlh = put_genl(T6_CMD_GET_ROUTER, NLM_F_MULTI, seq);
		mnl_attr_put_u32(nlh, T6A_IFINDEX, ifindex);
		n1 = mnl_attr_nest_start(nlh, T6A_ISATAP);
		n2 = mnl_attr_nest_start(nlh, T6A_ISATAP_ROUTER);
		put_in(nlh, T6A_ROUTER_ADDR, addr[i]);
		mnl_attr_put_u64(nlh, T6A_ROUTER_RS_SENT, 3);
		mnl_attr_put_u64(nlh, T6A_ROUTER_RA_RCVD, 1 - i);
		if (i == 0)
			mnl_attr_put_u64(nlh, T6A_ROUTER_LAST_RA, 12345);
		mnl_attr_nest_end(nlh, n2);
		mnl_attr_nest_end(nlh, n1);
		done(nlh);
	}
}

static void put_prefix(uint32_t ifindex, uint32_t seq, const char *prefix,
		       uint8_t len, const uint32_t *lft)
{
	struct nlmsghdr *nlh = put_genl(T6_CMD_GET_PREFIX, NLM_F_MULTI, seq);
	struct nlattr *n1, *n2;

	mnl_attr_put_u32(nlh, T6A_IFINDEX, ifindex);
	n1 = mnl_attr_nest_start(nlh, T6A_ISATAP);
	n2 = mnl_attr_nest_start(nlh, T6A_ISATAP_PREFIX);
	put_in6(nlh, T6A_PREFIX_ADDR, prefix);
	mnl_attr_put_u8(nlh, T6A_PREFIX_LEN, len);
	if (lft) {
		mnl_attr_put_u32(nlh, T6A_PREFIX_VALID_LFT, lft[0]);
		mnl_attr_put_u32(nlh, T6A_PREFIX_PREFERRED_LFT, lft[1]);
	}
	mnl_attr_nest_end(nlh, n2);
	mnl_attr_nest_end(nlh, n1);
	done(nlh);
}

static void put_prefixes(uint32_t ifindex, uint32_t seq)
{
	static const uint32_t day[] = { 86400, 14400 };
	static const uint32_t ever[] = { 0xffffffff, 0xffffffff };

	put_prefix(ifindex, seq, "2001:db8::", 64, day);
	put_prefix(ifindex + 100, seq, "2001:db8:ffff::", 64, NULL); /* another dev */
	put_prefix(ifindex, seq, "2001:db8:1::", 48, ever);
}


/* The attributes of nest @nest, or none. */
static void parse_nest(const struct nlattr *nest, const struct nlattr **tb,
		       size_t n)
{
	memset(tb, 0, n * sizeof(*tb));
	if (nest)
		mnl_attr_parse_nested(nest, attr_cb, tb);
}

/* Nests that are not flagged NLA_F_NESTED the kernel refuses: log them. */
static void check_nested(const struct nlattr *a, const char *what)
{
	if (a && !(a->nla_type & NLA_F_NESTED))
		note(" %s-not-flagged-nested", what);
}

static void log_genl(uint8_t cmd, const struct nlattr **tb)
{
	const struct nlattr *it[ATTR_MAX + 1], *rt[ATTR_MAX + 1];
	const struct nlattr *pt[ATTR_MAX + 1], *st[ATTR_MAX + 1];
	char s[INET6_ADDRSTRLEN];

	note("genl cmd=%u", cmd);
	parse_nest(tb[T6A_ISATAP], it, MNL_ARRAY_SIZE(it));
	parse_nest(it[T6A_ISATAP_ROUTER], rt, MNL_ARRAY_SIZE(rt));
	parse_nest(it[T6A_ISATAP_PREFIX], pt, MNL_ARRAY_SIZE(pt));
	parse_nest(tb[T6A_6TO4], st, MNL_ARRAY_SIZE(st));
	check_nested(tb[T6A_ISATAP], "isatap");
	check_nested(tb[T6A_6TO4], "6to4");
	check_nested(it[T6A_ISATAP_ROUTER], "router");
	check_nested(it[T6A_ISATAP_PREFIX], "prefix");
	if (tb[T6A_IFINDEX])
		note(" ifindex=%u", mnl_attr_get_u32(tb[T6A_IFINDEX]));
	if (tb[T6A_IFNAME])
		note(" ifname=%s", mnl_attr_get_str(tb[T6A_IFNAME]));
	if (rt[T6A_ROUTER_ADDR])
		note(" router=%s", inet_ntop(AF_INET,
		     mnl_attr_get_payload(rt[T6A_ROUTER_ADDR]), s, sizeof(s)));
	if (pt[T6A_PREFIX_ADDR])
		note(" prefix=%s", inet_ntop(AF_INET6,
		     mnl_attr_get_payload(pt[T6A_PREFIX_ADDR]), s, sizeof(s)));
	if (pt[T6A_PREFIX_LEN])
		note(" len=%u", mnl_attr_get_u8(pt[T6A_PREFIX_LEN]));
	if (pt[T6A_PREFIX_VALID_LFT])
		note(" valid=%u", mnl_attr_get_u32(pt[T6A_PREFIX_VALID_LFT]));
	if (pt[T6A_PREFIX_PREFERRED_LFT])
		note(" preferred=%u",
		     mnl_attr_get_u32(pt[T6A_PREFIX_PREFERRED_LFT]));
	if (it[T6A_ISATAP_FORWARDING])
		note(" forwarding=%u",
		     mnl_attr_get_u8(it[T6A_ISATAP_FORWARDING]));
	if (it[T6A_ISATAP_RS_INTERVAL])
		note(" rs_interval=%u",
		     mnl_attr_get_u32(it[T6A_ISATAP_RS_INTERVAL]));
	if (it[T6A_ISATAP_ROUTER_LIFETIME])
		note(" router_lifetime=%u",
		     mnl_attr_get_u16(it[T6A_ISATAP_ROUTER_LIFETIME]));
	if (it[T6A_ISATAP_PRL_NAMES]) {
		const struct nlattr *n;

		check_nested(it[T6A_ISATAP_PRL_NAMES], "prl_names");
		note(" prl_names=");
		mnl_attr_for_each_nested(n, it[T6A_ISATAP_PRL_NAMES])
			note("%s,", mnl_attr_get_str(n));
	}
	if (tb[T6A_REPLACE])
		note(" replace");
	if (st[T6A_6TO4_ROLE])
		note(" role=%u", mnl_attr_get_u8(st[T6A_6TO4_ROLE]));
	if (st[T6A_6TO4_RELAY_ADDR])
		note(" relay=%s", inet_ntop(AF_INET,
		     mnl_attr_get_payload(st[T6A_6TO4_RELAY_ADDR]), s,
		     sizeof(s)));
	if (st[T6A_6TO4_RELAY_NAME])
		note(" relay_name=%s",
		     mnl_attr_get_str(st[T6A_6TO4_RELAY_NAME]));
	if (st[T6A_6TO4_NATIVE_FROM])
		note(" native_from=%u",
		     mnl_attr_get_u8(st[T6A_6TO4_NATIVE_FROM]));
	if (st[T6A_6TO4_LAN]) {
		const struct nlattr *lt[ATTR_MAX + 1];

		parse_nest(st[T6A_6TO4_LAN], lt, MNL_ARRAY_SIZE(lt));
		check_nested(st[T6A_6TO4_LAN], "lan");
		note(" lan=%u", lt[T6A_LAN_IFINDEX] ?
		     mnl_attr_get_u32(lt[T6A_LAN_IFINDEX]) : 0);
		if (lt[T6A_LAN_SUBNET])
			note("/%u", mnl_attr_get_u16(lt[T6A_LAN_SUBNET]));
	}
	if (st[T6A_6TO4_LAN_DEL])
		note(" lan_del=%u", mnl_attr_get_u32(st[T6A_6TO4_LAN_DEL]));
	note("\n");
}

static void ctrl(const struct nlmsghdr *req)
{
	struct nlmsghdr *nlh;
	struct nlattr *grps, *grp;

	if (getenv("FAKE_T6_NOFAMILY")) {
		put_ack(req->nlmsg_seq, -ENOENT, NULL);
		return;
	}
	nlh = put(GENL_ID_CTRL, 0, req->nlmsg_seq);
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct genlmsghdr));
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, FAMILY);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, T6_GENL_NAME);
	mnl_attr_put_u32(nlh, CTRL_ATTR_VERSION, getenv("FAKE_T6_VERSION") ?
			 atoi(getenv("FAKE_T6_VERSION")) : T6_GENL_VERSION);
	grps = mnl_attr_nest_start(nlh, CTRL_ATTR_MCAST_GROUPS);
	grp = mnl_attr_nest_start(nlh, 1);
	mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME, T6_MCGRP_EVENTS);
	mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, GRP);
	mnl_attr_nest_end(nlh, grp);
	mnl_attr_nest_end(nlh, grps);
	done(nlh);
	put_ack(req->nlmsg_seq, 0, NULL);
}

static const struct dev *find_dev(const struct dev *d, int n,
				  const struct nlattr **tb)
{
	int i;

	for (i = 0; i < n; i++)
		if ((tb[T6A_IFINDEX] &&
		     mnl_attr_get_u32(tb[T6A_IFINDEX]) == d[i].ifindex) ||
		    (tb[T6A_IFNAME] &&
		     !strcmp(mnl_attr_get_str(tb[T6A_IFNAME]), d[i].name)))
			return &d[i];
	return NULL;
}

static void genl(const struct nlmsghdr *req)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(req);
	const struct nlattr *tb[ATTR_MAX + 1] = { NULL };
	bool dump = (req->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	const struct dev *dev;
	struct dev d[8];
	int i, n = devices(d, 8), err;
	const char *msg;

	mnl_attr_parse(req, sizeof(*g), attr_cb, tb);
	log_genl(g->cmd, tb);
	dev = find_dev(d, n, tb);
	err = want_err(g->cmd, &msg);
	if (!err && !dev && !(dump && g->cmd == T6_CMD_GET_DEVICE))
		err = -ENODEV;
	if (!err && g->cmd == T6_CMD_SET_DEVICE && tb[T6A_6TO4]) {
		const struct nlattr *st[ATTR_MAX + 1];

		parse_nest(tb[T6A_6TO4], st, MNL_ARRAY_SIZE(st));
		err = set_lans(st, &msg);
	}
	if (err) {
		put_ack(req->nlmsg_seq, err, msg);
		return;
	}
	if (g->cmd == T6_CMD_GET_DEVICE && dump)
		for (i = 0; i < n; i++)
			put_dev(&d[i], req->nlmsg_seq, NLM_F_MULTI);
	else if (g->cmd == T6_CMD_GET_DEVICE)
		put_dev(dev, req->nlmsg_seq, 0);
	else if (g->cmd == T6_CMD_GET_ROUTER)
		put_routers(dev->ifindex, req->nlmsg_seq);
	else if (g->cmd == T6_CMD_GET_PREFIX)
		put_prefixes(dev->ifindex, req->nlmsg_seq);
	if (dump)
		put_done(req->nlmsg_seq);
	else if (req->nlmsg_flags & NLM_F_ACK)
		put_ack(req->nlmsg_seq, 0, NULL);
}

/* " data:" and each IFLA_T6_* of an IFLA_INFO_DATA nest, as sent */
static void log_link_data(const struct nlattr *nest)
{
	char s[INET_ADDRSTRLEN];
	const struct nlattr *a;

	note(" data:");
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case IFLA_T6_LINK:
			note(" link=%u", mnl_attr_get_u32(a));
			break;
		case IFLA_T6_LOCAL:
			note(" local=%s", mnl_attr_get_payload_len(a) == 4 ?
			     inet_ntop(AF_INET, mnl_attr_get_payload(a), s,
				       sizeof(s)) : "badlen");
			break;
		case IFLA_T6_TTL:
			note(" ttl=%u", mnl_attr_get_u8(a));
			break;
		case IFLA_T6_TOS:
			note(" tos=%u", mnl_attr_get_u8(a));
			break;
		default:
			note(" attr%u", mnl_attr_get_type(a));
		}
	}
}

static void rtnl(const struct nlmsghdr *req)
{
	const struct nlattr *tb[ATTR_MAX + 1] = { NULL }, *info[ATTR_MAX + 1] = { NULL };
	uint16_t t = req->nlmsg_type;
	char s[INET6_ADDRSTRLEN];
	const char *msg;
	int err;

	if (t == RTM_GETLINK) {
		/* a transit6 link with the default creation options */
		const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(req);
		struct nlmsghdr *nlh = put(RTM_NEWLINK, 0, req->nlmsg_seq);
		struct ifinfomsg *r = mnl_nlmsg_put_extra_header(nlh, sizeof(*r));
		struct nlattr *li, *data;

		note("rtnl getlink index=%d\n", ifi->ifi_index);
		r->ifi_index = ifi->ifi_index;
		li = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
		mnl_attr_put_strz(nlh, IFLA_INFO_KIND, T6_KIND_NAME_ISATAP);
		data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
		mnl_attr_put_u32(nlh, IFLA_T6_LINK, 0);
		mnl_attr_put_u32(nlh, IFLA_T6_LOCAL, 0);
		mnl_attr_put_u8(nlh, IFLA_T6_TTL, 64);
		mnl_attr_nest_end(nlh, data);
		mnl_attr_nest_end(nlh, li);
		done(nlh);
		if (req->nlmsg_flags & NLM_F_ACK)
			put_ack(req->nlmsg_seq, 0, NULL);
		return;
	}
	if (t == RTM_NEWLINK || t == RTM_DELLINK) {
		const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(req);

		mnl_attr_parse(req, sizeof(*ifi), attr_cb, tb);
		if (tb[IFLA_LINKINFO])
			mnl_attr_parse_nested(tb[IFLA_LINKINFO], attr_cb, info);
		note("rtnl %s flags=%#x index=%d ifi_flags=%#x change=%#x name=%s kind=%s",
		     t == RTM_NEWLINK ? "newlink" : "dellink", req->nlmsg_flags,
		     ifi->ifi_index, ifi->ifi_flags, ifi->ifi_change,
		     tb[IFLA_IFNAME] ? mnl_attr_get_str(tb[IFLA_IFNAME]) : "-",
		     info[IFLA_INFO_KIND] ? mnl_attr_get_str(info[IFLA_INFO_KIND]) : "-");
		if (info[IFLA_INFO_DATA])
			log_link_data(info[IFLA_INFO_DATA]);
		note("\n");
	} else {
		const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(req);

		mnl_attr_parse(req, sizeof(*ifa), attr_cb, tb);
		note("rtnl %s flags=%#x index=%u addr=%s/%u ifa_flags=%#x\n",
		     t == RTM_NEWADDR ? "newaddr" : "deladdr", req->nlmsg_flags,
		     ifa->ifa_index, tb[IFA_LOCAL] ? inet_ntop(AF_INET6,
		     mnl_attr_get_payload(tb[IFA_LOCAL]), s, sizeof(s)) : "-",
		     ifa->ifa_prefixlen, ifa->ifa_flags);
	}
	err = want_err(1000 + t, &msg);
	if (err || (req->nlmsg_flags & NLM_F_ACK))
		put_ack(req->nlmsg_seq, err, msg);
	/* a new link is there for what t6 asks next */
	if (!err && t == RTM_NEWLINK && (req->nlmsg_flags & NLM_F_CREATE) &&
	    tb[IFLA_IFNAME] && info[IFLA_INFO_KIND]) {
		const char *kind = mnl_attr_get_str(info[IFLA_INFO_KIND]);

		snprintf(created, sizeof(created), "%s",
			 mnl_attr_get_str(tb[IFLA_IFNAME]));
		created_kind = !strcmp(kind, T6_KIND_NAME_ISATAP) ?
			       T6_KIND_ISATAP :
			       !strcmp(kind, T6_KIND_NAME_6TO4) ? T6_KIND_6TO4 :
			       T6_KIND_TEREDO;
	}
}

ssize_t mnl_socket_sendto(const struct mnl_socket *nl, const void *buf,
			  size_t len)
{
	const struct nlmsghdr *req = buf;
	int proto = 0;
	socklen_t sl = sizeof(proto);

	getsockopt(mnl_socket_get_fd(nl), SOL_SOCKET, SO_PROTOCOL, &proto, &sl);
	qlen = 0;
	if (proto == NETLINK_ROUTE)
		rtnl(req);
	else if (req->nlmsg_type == GENL_ID_CTRL)
		ctrl(req);
	else
		genl(req);
	return len;
}

static void put_event(const char *name, uint8_t state, uint8_t reason)
{
	struct nlmsghdr *nlh = put_genl(T6_CMD_EVENT, 0, 0);

	mnl_attr_put_u32(nlh, T6A_IFINDEX, 10);
	mnl_attr_put_strz(nlh, T6A_IFNAME, name);
	mnl_attr_put_u8(nlh, T6A_KIND, T6_KIND_ISATAP);
	mnl_attr_put_u8(nlh, T6A_STATE, state);
	mnl_attr_put_u8(nlh, T6A_STATE_REASON, reason);
	done(nlh);
}

ssize_t mnl_socket_recvfrom(const struct mnl_socket *nl, void *buf,
			    size_t size)
{
	size_t n = qlen;

	(void)nl;
	if (events_left == 0) {
		errno = EBADF;	/* ends t6 monitor */
		return -1;
	}
	if (events_left > 0) {
		qlen = 0;
		put_event("isatap0", T6_STATE_PROBE, T6_REASON_NONE);
		put_event("isatap0", T6_STATE_QUALIFIED, T6_REASON_NONE);
		events_left = 0;
		n = qlen;
	}
	if (n == 0) {
		/* the kernel would leave t6 waiting forever */
		note("hang: nothing to read\n");
		errno = ETIMEDOUT;
		return -1;
	}
	if (n > size) {
		errno = ENOSPC;
		return -1;
	}
	memcpy(buf, queue, n);
	qlen = 0;
	return n;
}

int mnl_socket_setsockopt(const struct mnl_socket *nl, int type, void *buf,
			  socklen_t len)
{
	(void)nl;
	(void)len;
	if (type == NETLINK_ADD_MEMBERSHIP && *(uint32_t *)buf == GRP)
		events_left = 1;
	return 0;
}

/*
 * @path, or its stand-in when it lies under a redirected tree (the
 * variable names a directory standing in for the tree, or for
 * FAKE_T6_RADVD the program).  *sysctl says whether it is a sysctl.
 */
static const char *map_path(const char *path, char *buf, size_t len,
			    bool *sysctl)
{
	static const struct {
		const char *env, *tree;
	} maps[] = {
		{ "FAKE_T6_SYSCTL", "/proc/sys/net/ipv6/conf" },
		{ "FAKE_T6_RUN", "/run/transit6" },
		{ "FAKE_T6_RADVD", "/usr/sbin/radvd" },
		{ "FAKE_T6_MODULE", "/sys/module/transit6" },
	};
	const char *to;
	size_t i, n;

	for (i = 0; path && i < sizeof(maps) / sizeof(maps[0]); i++) {
		to = getenv(maps[i].env);
		n = strlen(maps[i].tree);
		if (!to || strncmp(path, maps[i].tree, n) ||
		    (path[n] && path[n] != '/'))
			continue;
		if (sysctl)
			*sysctl = i == 0;
		snprintf(buf, len, "%s%s", to, path + n);
		return buf;
	}
	if (sysctl)
		*sysctl = false;
	return path;
}

#define REAL(fn) \
	static __typeof__(fn) *real_##fn; \
	if (!real_##fn) \
		real_##fn = (__typeof__(fn) *)dlsym(RTLD_NEXT, #fn)

int open(const char *path, int flags, ...)
{
	const char *to;
	char p[512];
	bool sysctl;
	va_list ap;
	int mode;

	REAL(open);
	va_start(ap, flags);
	mode = flags & O_CREAT ? va_arg(ap, int) : 0;
	va_end(ap);
	to = map_path(path, p, sizeof(p), &sysctl);
	if (sysctl)
		note("sysctl %s\n", path);
	return real_open(to, flags, mode);
}

FILE *fopen(const char *path, const char *mode)
{
	char p[512];

	REAL(fopen);
	return real_fopen(map_path(path, p, sizeof(p), NULL), mode);
}

FILE *fopen64(const char *path, const char *mode)
{
	char p[512];

	REAL(fopen64);
	return real_fopen64(map_path(path, p, sizeof(p), NULL), mode);
}

DIR *opendir(const char *path)
{
	char p[512];

	REAL(opendir);
	return real_opendir(map_path(path, p, sizeof(p), NULL));
}

int mkdir(const char *path, mode_t mode)
{
	char p[512];

	REAL(mkdir);
	return real_mkdir(map_path(path, p, sizeof(p), NULL), mode);
}

int rmdir(const char *path)
{
	char p[512];

	REAL(rmdir);
	return real_rmdir(map_path(path, p, sizeof(p), NULL));
}

int unlink(const char *path)
{
	char p[512];

	REAL(unlink);
	return real_unlink(map_path(path, p, sizeof(p), NULL));
}

int access(const char *path, int mode)
{
	char p[512];

	REAL(access);
	return real_access(map_path(path, p, sizeof(p), NULL), mode);
}

/* radvd: logged as asked for, run with its paths mapped, without us */
int execv(const char *path, char *const argv[])
{
	char p[16][512], *v[16];
	size_t i;

	REAL(execv);
	note("exec");
	for (i = 0; argv[i] && i < 15; i++) {
		note(" %s", argv[i]);
		v[i] = (char *)map_path(argv[i], p[i], sizeof(p[i]), NULL);
	}
	note("\n");
	v[i] = NULL;
	unsetenv("LD_PRELOAD");
	return real_execv(map_path(path, p[15], sizeof(p[15]), NULL), v);
}
