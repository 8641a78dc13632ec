// SPDX-License-Identifier: GPL-2.0
/*
 * transit6 devices, whatever their kind: finding the one a command means,
 * per-device requests and dumps, the fields every kind shows, the
 * interface list and the event monitor.
 */
#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <linux/genetlink.h>

#include "t6.h"

#define TX_BUF_SIZE	4096

/* The names t6 uses are its context names, not the rtnl kinds. */
static const char *const kind_names[__T6_KIND_MAX] = {
	[T6_KIND_ISATAP] = "isatap",
	[T6_KIND_6TO4] = "6to4",
	[T6_KIND_TEREDO] = "teredo",
};

static const char *const state_names[__T6_STATE_MAX] = {
	[T6_STATE_OFFLINE] = "offline",
	[T6_STATE_DORMANT] = "dormant",
	[T6_STATE_PROBE] = "probe",
	[T6_STATE_QUALIFIED] = "qualified",
};

/* JSON and one-line forms */
static const char *const reason_names[__T6_REASON_MAX] = {
	[T6_REASON_NONE] = "none",
	[T6_REASON_ADMIN_DOWN] = "admin_down",
	[T6_REASON_NO_IPV4] = "no_ipv4",
	[T6_REASON_NO_ROUTER] = "no_router",
	[T6_REASON_ROUTER_UNREACHABLE] = "router_unreachable",
	[T6_REASON_NO_PUBLIC_IPV4] = "no_public_ipv4",
	[T6_REASON_DISABLED] = "disabled",
	[T6_REASON_NO_SERVER] = "no_server",
	[T6_REASON_SERVER_UNREACHABLE] = "server_unreachable",
	[T6_REASON_SECONDARY_UNREACHABLE] = "secondary_unreachable",
	[T6_REASON_SYMMETRIC_NAT] = "symmetric_nat",
	[T6_REASON_NO_ROUTE] = "no_route",
	[T6_REASON_SOCKET] = "socket",
	[T6_REASON_IDLE] = "idle",
};

/* "Reason : ..." of show state */
static const char *const reason_texts[__T6_REASON_MAX] = {
	[T6_REASON_NONE] = "none",
	[T6_REASON_ADMIN_DOWN] = "interface down",
	[T6_REASON_NO_IPV4] = "no usable IPv4 address",
	[T6_REASON_NO_ROUTER] = "no router configured",
	[T6_REASON_ROUTER_UNREACHABLE] = "no router answered",
	[T6_REASON_NO_PUBLIC_IPV4] = "no public IPv4 address",
	[T6_REASON_DISABLED] = "client disabled",
	[T6_REASON_NO_SERVER] = "no Teredo server configured",
	[T6_REASON_SERVER_UNREACHABLE] = "primary teredo server unreachable over UDP",
	[T6_REASON_SECONDARY_UNREACHABLE] = "secondary teredo server unreachable over UDP",
	[T6_REASON_SYMMETRIC_NAT] = "client behind a symmetric NAT",
	[T6_REASON_NO_ROUTE] = "no IPv4 route to the Teredo server",
	[T6_REASON_SOCKET] = "client socket cannot be bound (client port in use)",
	[T6_REASON_IDLE] = "no Teredo traffic lately; the next packet wakes it",
};

static const char *const drop_names[__T6_DROP_MAX] = {
	[T6_DROP_SHORT] = "short",
	[T6_DROP_MALFORMED] = "malformed",
	[T6_DROP_SPOOFED] = "spoofed",
	[T6_DROP_RA_NOT_PRL] = "ra_not_prl",
	[T6_DROP_LOOP] = "loop",
	[T6_DROP_NO_NEXTHOP] = "no_nexthop",
	[T6_DROP_NO_ROUTE] = "no_route",
	[T6_DROP_TOO_BIG] = "too_big",
	[T6_DROP_BAD_ICMP] = "bad_icmp",
	[T6_DROP_BAD_ADDR4] = "bad_ipv4",
	[T6_DROP_BAD_ADDR6] = "bad_ipv6",
	[T6_DROP_NOT_RELAY] = "not_relay",
	[T6_DROP_DST_MISMATCH] = "dst_mismatch",
	[T6_DROP_BAD_NONCE] = "bad_nonce",
	[T6_DROP_NO_PEER] = "no_peer",
	[T6_DROP_OFFLINE] = "offline",
	[T6_DROP_MAPPING] = "mapping",
	[T6_DROP_LINK_LOCAL] = "link_local",
	[T6_DROP_PEER_LIMIT] = "peer_limit",
	[T6_DROP_QUEUE_FULL] = "queue_full",
	[T6_DROP_BUBBLE_LIMIT] = "bubble_limit",
};

#define ISATAP	(1u << T6_KIND_ISATAP)
#define SIXTO4	(1u << T6_KIND_6TO4)
#define TEREDO	(1u << T6_KIND_TEREDO)

/* The kinds that can drop for each reason: show state lists those. */
static const unsigned int drop_kinds[__T6_DROP_MAX] = {
	[T6_DROP_SHORT] = ISATAP | SIXTO4 | TEREDO,
	[T6_DROP_MALFORMED] = ISATAP | SIXTO4 | TEREDO,
	[T6_DROP_SPOOFED] = ISATAP | SIXTO4,
	[T6_DROP_RA_NOT_PRL] = ISATAP,
	[T6_DROP_LOOP] = ISATAP | SIXTO4,
	[T6_DROP_NO_NEXTHOP] = ISATAP | SIXTO4 | TEREDO,
	[T6_DROP_NO_ROUTE] = ISATAP | SIXTO4 | TEREDO,
	[T6_DROP_TOO_BIG] = ISATAP | SIXTO4,
	[T6_DROP_BAD_ICMP] = ISATAP | TEREDO,
	[T6_DROP_BAD_ADDR4] = SIXTO4 | TEREDO,
	[T6_DROP_BAD_ADDR6] = SIXTO4,
	[T6_DROP_NOT_RELAY] = SIXTO4,
	[T6_DROP_DST_MISMATCH] = SIXTO4 | TEREDO,
	[T6_DROP_BAD_NONCE] = TEREDO,
	[T6_DROP_NO_PEER] = TEREDO,
	[T6_DROP_OFFLINE] = TEREDO,
	[T6_DROP_MAPPING] = TEREDO,
	[T6_DROP_LINK_LOCAL] = TEREDO,
	[T6_DROP_PEER_LIMIT] = TEREDO,
	[T6_DROP_QUEUE_FULL] = TEREDO,
	[T6_DROP_BUBBLE_LIMIT] = TEREDO,
};

/* names[v], or "<unknown>N" for a value this t6 does not know yet */
static const char *enum_name(const char *const *names, size_t n,
			     unsigned int v, const char *unknown)
{
	static char buf[4][32];
	static unsigned int i;

	if (v < n && names[v])
		return names[v];
	i = (i + 1) % ARRAY_SIZE(buf);
	snprintf(buf[i], sizeof(buf[i]), "%s%u", unknown, v);
	return buf[i];
}

const char *t6_kind_name(uint8_t kind)
{
	return enum_name(kind_names, ARRAY_SIZE(kind_names), kind, "kind");
}

static unsigned int attr_u8(const struct nlattr *a)
{
	return a ? mnl_attr_get_u8(a) : 0;
}

/* Fills @dev from a GET_DEVICE reply; false if it lacks the basics. */
bool t6_dev_from_msg(const struct nlmsghdr *nlh, struct t6_dev *dev)
{
	t6_attrs tb;

	if (t6_parse(nlh, tb) || !tb[T6A_IFINDEX] || !tb[T6A_IFNAME])
		return false;
	dev->ifindex = mnl_attr_get_u32(tb[T6A_IFINDEX]);
	dev->kind = attr_u8(tb[T6A_KIND]);
	snprintf(dev->name, sizeof(dev->name), "%s",
		 mnl_attr_get_str(tb[T6A_IFNAME]));
	return true;
}

static int dev_get_one(const char *name, struct t6_msgs *m)
{
	char buf[TX_BUF_SIZE];
	struct nlmsghdr *nlh = t6_genl_msg(buf, T6_CMD_GET_DEVICE, 0);
	int ret;

	mnl_attr_put_strz(nlh, T6A_IFNAME, name);
	ret = t6_nl_talk(&t6.genl, nlh, t6_msgs_add, m);
	if (ret == -ENODEV && if_nametoindex(name))
		return t6_err("%s is not a transit6 interface", name);
	if (ret == -ENODEV)
		return 0;	/* m->n == 0: not found */
	if (ret)
		return t6_nl_err(&t6.genl, ret, "cannot get %s", name);
	return 0;
}

static int dev_get_all(struct t6_msgs *m)
{
	char buf[TX_BUF_SIZE];
	struct nlmsghdr *nlh = t6_genl_msg(buf, T6_CMD_GET_DEVICE, NLM_F_DUMP);
	int ret = t6_nl_talk(&t6.genl, nlh, t6_msgs_add, m);

	return ret ? t6_nl_err(&t6.genl, ret, "cannot list interfaces") : 0;
}

/* Every transit6 device of the namespace, as GET_DEVICE messages. */
int t6_dev_all(struct t6_msgs *m)
{
	int ret = t6_genl_open();

	return ret ? ret : dev_get_all(m);
}

/* Keeps the devices of @kind in @m (all of them when @kind is 0). */
static void keep_kind(struct t6_msgs *m, uint8_t kind)
{
	size_t i, n = 0;
	struct t6_dev d;

	for (i = 0; i < m->n; i++) {
		if (t6_dev_from_msg(m->v[i], &d) && (!kind || d.kind == kind))
			m->v[n++] = m->v[i];
		else
			free(m->v[i]);
	}
	m->n = n;
}

static int too_many(uint8_t kind, const struct t6_msgs *m)
{
	char names[256] = "";
	struct t6_dev d;
	size_t i, len;

	for (i = 0; i < m->n && t6_dev_from_msg(m->v[i], &d); i++) {
		len = strlen(names);
		snprintf(names + len, sizeof(names) - len, "%s%s",
			 i ? ", " : "", d.name);
	}
	return t6_err("several %s interfaces (%s); name one with 'dev NAME'",
		      t6_kind_name(kind), names);
}

/*
 * t6 exec's check (t6.dry_run): interfaces its lines would create, with
 * ifindexes no real one has, and the ones they would delete.
 */
#define DRY_MAX		64
#define DRY_IFINDEX	0x7fff0000u

static struct {
	struct { uint8_t kind; char name[IFNAMSIZ]; } made[DRY_MAX];
	unsigned int nmade;
	uint32_t gone[DRY_MAX];
	unsigned int ngone;
} dry;

void t6_dry_created(const char *name, const char *rtnl_kind)
{
	uint8_t kind = !strcmp(rtnl_kind, T6_KIND_NAME_ISATAP) ?
		       T6_KIND_ISATAP :
		       !strcmp(rtnl_kind, T6_KIND_NAME_6TO4) ? T6_KIND_6TO4 :
		       T6_KIND_TEREDO;

	if (dry.nmade == DRY_MAX)
		return;
	dry.made[dry.nmade].kind = kind;
	snprintf(dry.made[dry.nmade++].name, IFNAMSIZ, "%s", name);
}

void t6_dry_deleted(uint32_t ifindex)
{
	if (ifindex >= DRY_IFINDEX && ifindex - DRY_IFINDEX < dry.nmade)
		dry.made[ifindex - DRY_IFINDEX].name[0] = '\0';
	else if (dry.ngone < DRY_MAX)
		dry.gone[dry.ngone++] = ifindex;
}

void t6_dry_forget(void)
{
	memset(&dry, 0, sizeof(dry));
}

/* A GET_DEVICE reply for an interface a checked line would create. */
static struct nlmsghdr *dry_msg(unsigned int i)
{
	struct nlmsghdr *nlh = calloc(1, MNL_NLMSG_HDRLEN + 256);

	if (!nlh)
		return NULL;
	nlh = mnl_nlmsg_put_header(nlh);
	nlh->nlmsg_type = t6.family;
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct genlmsghdr));
	mnl_attr_put_u32(nlh, T6A_IFINDEX, DRY_IFINDEX + i);
	mnl_attr_put_strz(nlh, T6A_IFNAME, dry.made[i].name);
	mnl_attr_put_u8(nlh, T6A_KIND, dry.made[i].kind);
	return nlh;
}

bool t6_dev_is_dry(const struct t6_dev *dev)
{
	return t6.dry_run && dev->ifindex >= DRY_IFINDEX;
}

static bool dry_gone(uint32_t ifindex)
{
	unsigned int i;

	for (i = 0; i < dry.ngone; i++)
		if (dry.gone[i] == ifindex)
			return true;
	return false;
}

/* t6_dev_lookup()'s answer as it would be after the checked lines. */
static int dry_lookup(uint8_t kind, const char *name, struct t6_dev *dev,
		      bool *found)
{
	unsigned int i, hit = DRY_MAX, n = 0;

	if (*found && !dry_gone(dev->ifindex))
		return 0;
	t6_dev_free(dev);
	*found = false;
	for (i = 0; i < dry.nmade; i++) {
		if (!dry.made[i].name[0] ||
		    (name ? strcmp(name, dry.made[i].name) :
			    dry.made[i].kind != kind))
			continue;
		hit = i;
		n++;
	}
	if (n == 0)
		return 0;
	if (n > 1)
		return t6_err("several %s interfaces; name one with 'dev NAME'",
			      t6_kind_name(kind));
	if (dry.made[hit].kind != kind)
		return t6_err("%s is %s %s interface, not %s", name,
			      dry.made[hit].kind == T6_KIND_ISATAP ? "an" : "a",
			      t6_kind_name(dry.made[hit].kind),
			      t6_kind_name(kind));
	dev->msg = dry_msg(hit);
	if (!dev->msg)
		return t6_err("out of memory");
	dev->ifindex = DRY_IFINDEX + hit;
	dev->kind = kind;
	snprintf(dev->name, sizeof(dev->name), "%s", dry.made[hit].name);
	*found = true;
	return 0;
}

/*
 * The device of @kind a command means: @name, or the only one of the
 * namespace when @name is NULL.  *found says whether there is one; several
 * (without @name) or one of another kind are errors.
 */
int t6_dev_lookup(uint8_t kind, const char *name, struct t6_dev *dev,
		  bool *found)
{
	struct t6_msgs m = { 0 };
	int ret;

	memset(dev, 0, sizeof(*dev));
	*found = false;
	ret = t6_genl_open();
	if (!ret)
		ret = name ? dev_get_one(name, &m) : dev_get_all(&m);
	if (ret)
		goto out;
	if (!name)
		keep_kind(&m, kind);
	if (m.n > 1) {
		ret = too_many(kind, &m);
		goto out;
	}
	if (m.n == 0)
		goto out;
	if (!t6_dev_from_msg(m.v[0], dev)) {
		ret = t6_err("malformed device reply from the kernel");
	} else if (dev->kind != kind) {
		ret = t6_err("%s is %s %s interface, not %s", dev->name,
			     dev->kind == T6_KIND_ISATAP ? "an" : "a",
			     t6_kind_name(dev->kind), t6_kind_name(kind));
	} else {
		dev->msg = m.v[0];
		m.n = 0;
		*found = true;
	}
out:
	t6_msgs_free(&m);
	if (!ret && t6.dry_run)
		ret = dry_lookup(kind, name, dev, found);
	return ret;
}

/* t6_dev_lookup() where "not found" is an error too. */
int t6_dev_find(uint8_t kind, const char *name, struct t6_dev *dev)
{
	bool found;
	int ret = t6_dev_lookup(kind, name, dev, &found);

	if (ret || found)
		return ret;
	if (name)
		return t6_err("no %s interface named '%s'", t6_kind_name(kind),
			      name);
	if (kind == T6_KIND_ISATAP)
		return t6_err("no isatap interface; create one with 't6 isatap set state enabled'");
	if (kind == T6_KIND_6TO4)
		return t6_err("no 6to4 interface; create one with 't6 6to4 set state enabled'");
	return t6_err("no %s interface", t6_kind_name(kind));
}

void t6_dev_free(struct t6_dev *dev)
{
	free(dev->msg);
	dev->msg = NULL;
}

/* Dump @cmd for @dev, keeping only the messages about @dev. */
int t6_dev_dump(uint8_t cmd, const struct t6_dev *dev, struct t6_msgs *m)
{
	char buf[TX_BUF_SIZE];
	struct nlmsghdr *nlh = t6_genl_msg(buf, cmd, NLM_F_DUMP);
	size_t i, n = 0;
	t6_attrs tb;
	int ret;

	if (t6.dry_run && dev->ifindex >= DRY_IFINDEX)
		return 0;	/* it would be new: empty lists */
	mnl_attr_put_u32(nlh, T6A_IFINDEX, dev->ifindex);
	ret = t6_nl_talk(&t6.genl, nlh, t6_msgs_add, m);
	if (ret)
		return ret;
	for (i = 0; i < m->n; i++) {
		if (!t6_parse(m->v[i], tb) && tb[T6A_IFINDEX] &&
		    mnl_attr_get_u32(tb[T6A_IFINDEX]) == dev->ifindex)
			m->v[n++] = m->v[i];
		else
			free(m->v[i]);
	}
	m->n = n;
	return 0;
}

/*
 * One change request about @dev; @fill adds the attributes.  Prints the
 * error (as "<what>: ..." without an extended ack) and returns an exit
 * code.
 */
int t6_dev_request(uint8_t cmd, const struct t6_dev *dev,
		   int (*fill)(struct nlmsghdr *nlh, const void *arg),
		   const void *arg, const char *what)
{
	char buf[TX_BUF_SIZE];
	struct nlmsghdr *nlh = t6_genl_msg(buf, cmd, 0);
	int ret;

	if (t6.dry_run)
		return 0;
	mnl_attr_put_u32(nlh, T6A_IFINDEX, dev->ifindex);
	/* t6 exec: adding what is there replaces it */
	if (t6.replace && (cmd == T6_CMD_NEW_ROUTER ||
			   cmd == T6_CMD_NEW_PREFIX))
		mnl_attr_put(nlh, T6A_REPLACE, 0, NULL);
	if (fill)
		fill(nlh, arg);
	ret = t6_nl_talk(&t6.genl, nlh, NULL, NULL);
	return ret ? t6_nl_err(&t6.genl, ret, "%s", what) : 0;
}

/* Interface, state and reason: the head of every show state. */
void t6_print_dev_state(const t6_attrs tb)
{
	unsigned int reason = attr_u8(tb[T6A_STATE_REASON]);

	print_label("Interface");
	print_string(PRINT_ANY, "ifname", "%s\n",
		     tb[T6A_IFNAME] ? mnl_attr_get_str(tb[T6A_IFNAME]) : "");
	if (tb[T6A_IFINDEX])
		print_uint(PRINT_JSON, "ifindex", NULL,
			   mnl_attr_get_u32(tb[T6A_IFINDEX]));
	print_string(PRINT_JSON, "kind", NULL,
		     t6_kind_name(attr_u8(tb[T6A_KIND])));
	print_label("State");
	print_string(PRINT_ANY, "state", "%s\n",
		     enum_name(state_names, ARRAY_SIZE(state_names),
			       attr_u8(tb[T6A_STATE]), "state"));
	print_label("Reason");
	print_string(PRINT_FP, NULL, "%s\n",
		     enum_name(reason_texts, ARRAY_SIZE(reason_texts), reason,
			       "reason"));
	print_string(PRINT_JSON, "reason", NULL,
		     enum_name(reason_names, ARRAY_SIZE(reason_names), reason,
			       "reason"));
}

static void print_seconds(const char *label, const char *key,
			  const struct nlattr *a, uint32_t v)
{
	print_label(label);
	if (a)
		print_uint(PRINT_ANY, key, "%u seconds\n", v);
	else
		print_null(PRINT_ANY, key, "%s\n", "unknown");
}

/* Forwarding, RS interval and router lifetime. */
void t6_print_dev_config(const t6_attrs tb)
{
	const struct nlattr *it[T6A_ISATAP_MAX + 1], *rs, *lft;
	bool fwd;

	t6_parse_nest(tb[T6A_ISATAP], &t6_isatap_set, it);
	fwd = attr_u8(it[T6A_ISATAP_FORWARDING]);
	rs = it[T6A_ISATAP_RS_INTERVAL];
	lft = it[T6A_ISATAP_ROUTER_LIFETIME];

	print_label("Forwarding");
	print_string(PRINT_FP, NULL, "%s\n", fwd ? "enabled" : "disabled");
	print_bool(PRINT_JSON, "forwarding", NULL, fwd);
	print_seconds("RS interval", "rs_interval", rs,
		      rs ? mnl_attr_get_u32(rs) : 0);
	print_seconds("Router lifetime", "router_lifetime", lft,
		      lft ? mnl_attr_get_u16(lft) : 0);
}

/* The addresses of nest @a (T6A_ADDR_IPV4 or _IPV6 entries), one list. */
void t6_print_addr_list(const char *label, const char *key,
			    const struct nlattr *a, int af)
{
	char s[INET6_ADDRSTRLEN];
	const struct nlattr *e;
	bool first = true;

	print_label(label);
	open_json_array(PRINT_JSON, key);
	if (a) {
		mnl_attr_for_each_nested(e, a) {
			if (af == AF_INET6)
				t6_addr6_ntop(mnl_attr_get_payload(e), s,
					      sizeof(s));
			else
				inet_ntop(af, mnl_attr_get_payload(e), s,
					  sizeof(s));
			print_string(PRINT_ANY, NULL, first ? "%s" : " %s", s);
			first = false;
		}
	}
	close_json_array(PRINT_JSON, NULL);
	print_string(PRINT_FP, NULL, "%s\n", first ? "(none)" : "");
}

static void print_drop(bool *first, const char *name, uint64_t n)
{
	if (!*first)
		print_cont();
	*first = false;
	print_string(PRINT_FP, NULL, "%s ", name);
	print_u64(PRINT_ANY, name, "%" PRIu64 "\n", n);
}

/*
 * Every drop reason of the device's kind, zeros included; any other
 * reason the kernel reports (one this t6 does not know: "reason<N>") only
 * when it is not zero.
 */
void t6_print_dev_drops(const t6_attrs tb)
{
	const struct nlattr *a = tb[T6A_DROPS], *e;
	unsigned int kind = attr_u8(tb[T6A_KIND]);
	bool first = true;
	unsigned int r;
	uint64_t n;

	print_label("Drops");
	open_json_object("drops");
	for (r = 0; r < ARRAY_SIZE(drop_names); r++) {
		if (!drop_names[r] || !(drop_kinds[r] & (1u << kind)))
			continue;
		n = 0;
		if (a)
			mnl_attr_for_each_nested(e, a)
				if (mnl_attr_get_type(e) == r)
					n = mnl_attr_get_u64(e);
		print_drop(&first, drop_names[r], n);
	}
	if (a) {
		mnl_attr_for_each_nested(e, a) {
			r = mnl_attr_get_type(e);
			if ((r < ARRAY_SIZE(drop_names) && drop_names[r] &&
			     (drop_kinds[r] & (1u << kind))) ||
			    !mnl_attr_get_u64(e))
				continue;
			print_drop(&first,
				   enum_name(drop_names, ARRAY_SIZE(drop_names),
					     r, "reason"),
				   mnl_attr_get_u64(e));
		}
	}
	close_json_object();
}

/* "isatap0 (isatap) state probe reason none": interfaces and events. */
static void print_dev_line(const t6_attrs tb)
{
	open_json_object(NULL);
	print_string(PRINT_ANY, "ifname", "%s",
		     tb[T6A_IFNAME] ? mnl_attr_get_str(tb[T6A_IFNAME]) : "?");
	if (tb[T6A_IFINDEX])
		print_uint(PRINT_JSON, "ifindex", NULL,
			   mnl_attr_get_u32(tb[T6A_IFINDEX]));
	print_string(PRINT_ANY, "kind", " (%s)",
		     t6_kind_name(attr_u8(tb[T6A_KIND])));
	print_string(PRINT_ANY, "state", " state %s",
		     enum_name(state_names, ARRAY_SIZE(state_names),
			       attr_u8(tb[T6A_STATE]), "state"));
	print_string(PRINT_ANY, "reason", " reason %s\n",
		     enum_name(reason_names, ARRAY_SIZE(reason_names),
			       attr_u8(tb[T6A_STATE_REASON]), "reason"));
	close_json_object();
}

/* show interfaces: every transit6 device, any kind. */
int t6_show_interfaces(struct t6_args *a)
{
	struct t6_msgs m = { 0 };
	t6_attrs tb;
	size_t i;
	int ret;

	if (t6_args_more(a))
		return t6_usage(a, "unexpected '%s'", t6_args_peek(a));
	ret = t6_genl_open();
	if (!ret)
		ret = dev_get_all(&m);
	if (ret)
		return ret;
	open_json_array(PRINT_JSON, NULL);
	for (i = 0; i < m.n; i++)
		if (!t6_parse(m.v[i], tb))
			print_dev_line(tb);
	close_json_array(PRINT_JSON, NULL);
	t6_msgs_free(&m);
	return 0;
}

static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	t6_attrs tb;

	(void)data;
	if (nlh->nlmsg_type != t6.family ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof(*g) ||
	    g->cmd != T6_CMD_EVENT || t6_parse(nlh, tb))
		return MNL_CB_OK;
	print_dev_line(tb);
	fflush(stdout);
	return MNL_CB_OK;
}

/* t6 monitor [-j] [-p]: one line (or JSON object) per state change. */
int t6_monitor(int argc, char **argv)
{
	int i, ret;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json")) {
			t6.json = true;
		} else if (!strcmp(argv[i], "-p") ||
			   !strcmp(argv[i], "--pretty")) {
			t6.pretty = true;
		} else {
			t6_err("unknown argument '%s'; usage: t6 [-j] [-p] monitor",
			       argv[i]);
			return T6_EXIT_USAGE;
		}
	}
	t6_print_init(t6.json, t6.pretty);
	ret = t6_events_subscribe();
	return ret ? ret : t6_events_run(event_cb, NULL);
}

/* Writes @value to the sysctl file @path. */
int t6_sysctl_write(const char *path, const char *value)
{
	size_t len = strlen(value);
	int fd, err = 0;

	if (t6.dry_run)
		return 0;
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return t6_err("cannot open %s: %s", path, strerror(errno));
	errno = 0;
	if (write(fd, value, len) != (ssize_t)len)
		err = errno ? errno : EIO;
	if (close(fd) && !err)
		err = errno;
	if (err)
		return t6_err("cannot write %s: %s", path, strerror(err));
	return 0;
}
