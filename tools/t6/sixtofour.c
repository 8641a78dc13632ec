// SPDX-License-Identifier: GPL-2.0
/*
 * t6 6to4: the 6to4 context (RFC 3056, RFC 3964, RFC 7526), in the words
 * of Windows' "netsh interface 6to4".  The module follows the public IPv4
 * addresses and keeps the addresses and routes; here live the names (of
 * relays), the role, and the LAN side of a router (sixtofour_lan.c).
 */
#include <errno.h>
#include <inttypes.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "t6.h"

#define DEFAULT_NAME	"sixtofour0"

struct setting {
	uint8_t role;
	bool has_role;
	uint8_t native_from;
	bool has_native_from;
	bool has_relay;
	struct in_addr relay;
	const char *relay_name;
};

static int fill_setting(struct nlmsghdr *nlh, const void *arg)
{
	const struct setting *s = arg;
	struct nlattr *nest = mnl_attr_nest_start(nlh, T6A_6TO4);

	if (s->has_role)
		mnl_attr_put_u8(nlh, T6A_6TO4_ROLE, s->role);
	if (s->has_native_from)
		mnl_attr_put_u8(nlh, T6A_6TO4_NATIVE_FROM, s->native_from);
	if (s->has_relay)
		mnl_attr_put(nlh, T6A_6TO4_RELAY_ADDR, sizeof(s->relay),
			     &s->relay);
	if (s->relay_name)
		mnl_attr_put_strz(nlh, T6A_6TO4_RELAY_NAME, s->relay_name);
	mnl_attr_nest_end(nlh, nest);
	return 0;
}

static int set_role(const struct t6_dev *dev, uint8_t role)
{
	struct setting s = { .role = role, .has_role = true };
	char what[64];

	snprintf(what, sizeof(what), "cannot set the role of %s", dev->name);
	return t6_dev_request(T6_CMD_SET_DEVICE, dev, fill_setting, &s, what);
}

/* set state enabled|relay|default|disabled [dev NAME] */
static int set_state(struct t6_args *a)
{
	const char *val = NULL, *name = NULL, *ifname;
	bool relay, found;
	struct t6_dev dev;
	int ret;

	ret = t6_args_value(a, "state", &val);
	if (!ret && strcmp(val, "enabled") && strcmp(val, "disabled") &&
	    strcmp(val, "relay") && strcmp(val, "default"))
		ret = t6_usage(a, "invalid state '%s'", val);
	if (!ret)
		ret = t6_args_dev_only(a, &name);
	if (ret)
		return ret;
	if (!strcmp(val, "disabled")) {
		ret = t6_dev_find(T6_KIND_6TO4, name, &dev);
		/* the LAN side first: it needs the interface's addresses */
		if (!ret)
			ret = t6_6to4_routing_off_all(&dev);
		if (!ret)
			ret = t6_rtnl_link_del(dev.ifindex);
		if (!ret)
			ret = t6_forwarding_release();
		t6_dev_free(&dev);
		return ret;
	}
	relay = !strcmp(val, "relay");
	ret = t6_dev_lookup(T6_KIND_6TO4, name, &dev, &found);
	ifname = found ? dev.name : name ? name : DEFAULT_NAME;
	if (!ret && !found)
		ret = t6_rtnl_link_create(ifname, T6_KIND_NAME_6TO4, NULL);
	if (!ret && !found) {
		t6_dev_free(&dev);
		ret = t6_dev_find(T6_KIND_6TO4, ifname, &dev);
		ifname = dev.name;
	}
	if (!ret)
		ret = set_role(&dev, relay ? T6_6TO4_RELAY : T6_6TO4_HOST);
	/* a relay forwards between 2002::/16 and native IPv6 */
	if (!ret)
		ret = relay ? t6_forwarding_on() : t6_forwarding_release();
	if (!ret)
		ret = t6_rtnl_link_up(ifname);
	t6_dev_free(&dev);
	return ret;
}

/*
 * @s as the relay: "none", "default" (192.88.99.1, RFC 3068), a dotted
 * quad, or the first IPv4 address of a name.
 */
static int resolve_relay(struct t6_args *a, const char *s,
			 struct setting *set)
{
	struct addrinfo hints = { .ai_family = AF_INET,
				  .ai_socktype = SOCK_DGRAM };
	struct addrinfo *res;
	int err;

	set->has_relay = true;
	set->relay_name = "";
	if (!strcmp(s, "none")) {
		set->relay.s_addr = 0;
		return 0;
	}
	if (!strcmp(s, "default")) {
		set->relay.s_addr = htonl(T6_6TO4_RELAY_ANYCAST);
		set->relay_name = s;
		return 0;
	}
	if (strchr(s, ':'))
		return t6_usage(a, "'%s': 6to4 relays have IPv4 addresses", s);
	if (strspn(s, "0123456789.") == strlen(s)) {
		if (inet_pton(AF_INET, s, &set->relay) != 1)
			return t6_usage(a, "invalid IPv4 address '%s'", s);
	} else {
		if (strlen(s) >= 256 ||
		    strspn(s, "abcdefghijklmnopqrstuvwxyz"
			      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_") !=
		    strlen(s))
			return t6_usage(a, "invalid relay name '%s'", s);
		err = getaddrinfo(s, NULL, &hints, &res);
		if (err && t6.from_file) {
			/* no relay until t6 resolve finds its address */
			if (!t6.dry_run)
				t6_warn("warning: cannot resolve relay '%s' yet (%s): kept, no relay until it resolves",
					s, err == EAI_SYSTEM ? strerror(errno) :
					gai_strerror(err));
			set->relay.s_addr = 0;
			set->relay_name = s;
			return 0;
		}
		if (err)
			return t6_err("cannot resolve '%s': %s", s,
				      err == EAI_SYSTEM ? strerror(errno) :
				      gai_strerror(err));
		set->relay = ((struct sockaddr_in *)res->ai_addr)->sin_addr;
		freeaddrinfo(res);
		set->relay_name = s;
	}
	if (!t6_6to4_ipv4_public(set->relay) &&
	    !(t6_ipv4_class(set->relay) & T6_V4_6TO4_ANY)) {
		char v4[INET_ADDRSTRLEN];

		inet_ntop(AF_INET, &set->relay, v4, sizeof(v4));
		if (*set->relay_name)
			return t6_err("relay %s (%s): not a public IPv4 address",
				      s, v4);
		return t6_usage(a, "relay %s: not a public IPv4 address", v4);
	}
	return 0;
}

/*
 * SET_DEVICE with @s on the 6to4 interface @name (NULL: the only one);
 * @what_fmt words the error, with the interface's name for its %s.
 */
static int request_setting(const char *name, const struct setting *s,
			   const char *what_fmt)
{
	struct t6_dev dev;
	char what[96];
	int ret;

	ret = t6_dev_find(T6_KIND_6TO4, name, &dev);
	if (ret)
		return ret;
	snprintf(what, sizeof(what), what_fmt, dev.name);
	ret = t6_dev_request(T6_CMD_SET_DEVICE, &dev, fill_setting, s, what);
	t6_dev_free(&dev);
	return ret;
}

/* t6 resolve (resolve.c): the relay set by name follows the name. */
void t6_6to4_refresh(const struct t6_dev *dev, bool *failed)
{
	const struct nlattr *st[T6A_6TO4_MAX + 1];
	struct setting s = { .has_relay = true };
	char v4[INET_ADDRSTRLEN], what[64];
	const char *name;
	t6_attrs tb;

	if (t6_parse(dev->msg, tb) ||
	    t6_parse_nest(tb[T6A_6TO4], &t6_6to4_set, st) ||
	    !st[T6A_6TO4_RELAY_NAME])
		return;
	name = mnl_attr_get_str(st[T6A_6TO4_RELAY_NAME]);
	if (!*name || !strcmp(name, "default") ||
	    strspn(name, "0123456789.") == strlen(name))
		return;
	if (t6_resolve4(name, &s.relay, 1) < 0) {
		*failed = true;
		return;
	}
	inet_ntop(AF_INET, &s.relay, v4, sizeof(v4));
	if (!t6_6to4_ipv4_public(s.relay) &&
	    !(t6_ipv4_class(s.relay) & T6_V4_6TO4_ANY)) {
		t6_warn("resolve: %s: relay %s (%s) is not a public IPv4 address: unchanged",
			dev->name, name, v4);
		*failed = true;
		return;
	}
	if (st[T6A_6TO4_RELAY_ADDR] &&
	    !memcmp(mnl_attr_get_payload(st[T6A_6TO4_RELAY_ADDR]), &s.relay,
		    sizeof(s.relay)))
		return;
	s.relay_name = name;
	snprintf(what, sizeof(what), "cannot set the relay of %s", dev->name);
	if (t6_dev_request(T6_CMD_SET_DEVICE, dev, fill_setting, &s, what)) {
		*failed = true;
		return;
	}
	t6_warn("resolve: %s: relay %s is %s now", dev->name, name, v4);
}

/* set relay ADDR|NAME|default|none [dev NAME] */
static int set_relay(struct t6_args *a)
{
	struct setting s = { .has_role = false };
	const char *val = NULL, *name = NULL;
	int ret;

	ret = t6_args_value(a, "relay", &val);
	if (!ret)
		ret = t6_args_dev_only(a, &name);
	if (!ret)
		ret = resolve_relay(a, val, &s);
	return ret ? ret : request_setting(name, &s, "cannot set the relay of %s");
}

static const char *const native_names[__T6_6TO4_NATIVE_MAX] = {
	[T6_6TO4_NATIVE_ANY] = "any",
	[T6_6TO4_NATIVE_RELAY] = "relay",
};

/* set nativefrom any|relay [dev NAME] */
static int set_native_from(struct t6_args *a)
{
	struct setting s = { .has_native_from = true };
	const char *val = NULL, *name = NULL;
	int ret;

	ret = t6_args_value(a, "nativefrom", &val);
	if (!ret && !strcmp(val, native_names[T6_6TO4_NATIVE_ANY]))
		s.native_from = T6_6TO4_NATIVE_ANY;
	else if (!ret && !strcmp(val, native_names[T6_6TO4_NATIVE_RELAY]))
		s.native_from = T6_6TO4_NATIVE_RELAY;
	else if (!ret)
		ret = t6_usage(a, "invalid nativefrom '%s' (any or relay)", val);
	if (!ret)
		ret = t6_args_dev_only(a, &name);
	return ret ? ret : request_setting(name, &s,
					   "cannot set where %s takes native IPv6 from");
}

static void print_native_from(const struct nlattr **tb)
{
	unsigned int v = tb[T6A_6TO4_NATIVE_FROM] ?
			 mnl_attr_get_u8(tb[T6A_6TO4_NATIVE_FROM]) : 0;

	print_label("Native from");
	print_string(PRINT_JSON, "native_from", NULL,
		     v < __T6_6TO4_NATIVE_MAX ? native_names[v] : "unknown");
	print_string(PRINT_FP, NULL, "%s\n",
		     v == T6_6TO4_NATIVE_ANY ? "any relay" :
		     v == T6_6TO4_NATIVE_RELAY ? "the configured relay only" :
		     "unknown");
}

static void print_relay(const struct nlattr **tb)
{
	const struct nlattr *last = tb[T6A_6TO4_RELAY_LAST_USED];
	char s[INET_ADDRSTRLEN] = "0.0.0.0";
	const char *name = tb[T6A_6TO4_RELAY_NAME] ?
			   mnl_attr_get_str(tb[T6A_6TO4_RELAY_NAME]) : NULL;

	if (tb[T6A_6TO4_RELAY_ADDR])
		inet_ntop(AF_INET,
			  mnl_attr_get_payload(tb[T6A_6TO4_RELAY_ADDR]),
			  s, sizeof(s));
	print_label("Relay");
	if (!strcmp(s, "0.0.0.0")) {
		print_null(PRINT_ANY, "relay", "%s\n", "none");
		return;
	}
	open_json_object("relay");
	if (name)
		print_string(PRINT_ANY, "name", "%s ", name);
	else
		print_null(PRINT_JSON, "name", NULL, NULL);
	print_string(PRINT_ANY, "address", name ? "(%s)" : "%s", s);
	if (last) {
		print_u64(PRINT_JSON, "last_used_ms", NULL,
			  mnl_attr_get_u64(last));
		print_u64(PRINT_FP, NULL, ", last used %" PRIu64 "s ago\n",
			  mnl_attr_get_u64(last) / 1000);
	} else {
		print_null(PRINT_ANY, "last_used_ms", ", last used %s\n",
			   "never");
	}
	close_json_object();
}

/* The interface's addresses under 2002::/16 (not its link-local one). */
static void print_6to4_addrs(const struct nlattr *addrs)
{
	char s[INET6_ADDRSTRLEN];
	const struct nlattr *e;
	bool first = true;

	print_label("6to4 addresses");
	open_json_array(PRINT_JSON, "addresses");
	if (addrs) {
		mnl_attr_for_each_nested(e, addrs) {
			const uint8_t *a = mnl_attr_get_payload(e);

			if (a[0] != 0x20 || a[1] != 0x02)
				continue;
			inet_ntop(AF_INET6, a, s, sizeof(s));
			print_string(PRINT_ANY, NULL, first ? "%s" : " %s", s);
			first = false;
		}
	}
	close_json_array(PRINT_JSON, NULL);
	print_string(PRINT_FP, NULL, "%s\n", first ? "(none)" : "");
}

/* 2002:V4::/48 of each public IPv4 address. */
static void print_prefixes(const struct nlattr *local)
{
	char s[INET6_ADDRSTRLEN];
	const struct nlattr *e;
	struct in6_addr p;
	bool first = true;
	struct in_addr v4;

	print_label("6to4 prefixes");
	open_json_array(PRINT_JSON, "prefixes");
	if (local) {
		mnl_attr_for_each_nested(e, local) {
			memcpy(&v4, mnl_attr_get_payload(e), sizeof(v4));
			if (!t6_6to4_ipv4_public(v4))
				continue;
			t6_6to4_subnet(v4, 0, &p);
			inet_ntop(AF_INET6, &p, s, sizeof(s));
			strcat(s, "/48");
			print_string(PRINT_ANY, NULL, first ? "%s" : " %s", s);
			first = false;
		}
	}
	close_json_array(PRINT_JSON, NULL);
	print_string(PRINT_FP, NULL, "%s\n", first ? "(none)" : "");
}

static void print_routing(void)
{
	struct t6_lan lans[T6_LAN_MAX];
	int i, n = t6_6to4_lans(lans, T6_LAN_MAX);
	bool radvd = t6_radvd_running();
	char s[INET6_ADDRSTRLEN + 4], unit[96];

	print_label("Routing");
	open_json_object("routing");
	print_bool(PRINT_JSON, "enabled", NULL, n > 0);
	print_string(PRINT_FP, NULL, "%s\n", n > 0 ? "enabled" : "disabled");
	if (n > 0) {
		print_string(PRINT_JSON, "radvd", NULL,
			     radvd ? "running" : "not running");
		print_label("Advertised");
	}
	open_json_array(PRINT_JSON, "lans");
	for (i = 0; i < n; i++) {
		if (i)
			print_cont();
		inet_ntop(AF_INET6, &lans[i].prefix, s, INET6_ADDRSTRLEN);
		strcat(s, "/64");
		open_json_object(NULL);
		print_string(PRINT_ANY, "lan", "%s", lans[i].ifname);
		print_uint(PRINT_ANY, "subnet", " subnet %u", lans[i].subnet);
		if (lans[i].has_prefix)
			print_string(PRINT_ANY, "prefix", " %s", s);
		else
			print_null(PRINT_ANY, "prefix", " %s",
				   "(no public IPv4 address yet)");
		print_string(PRINT_FP, NULL, " (radvd %s)\n",
			     radvd ? "running" : "not running");
		close_json_object();
	}
	close_json_array(PRINT_JSON, NULL);
	close_json_object();
	/* who restarts radvd if it dies: systemd, or nobody */
	unit[0] = '\0';
	if (n > 0 && radvd) {
		t6_radvd_supervisor(unit, sizeof(unit));
		print_label("Advertiser");
	}
	if (unit[0])
		print_string(PRINT_ANY, "radvd_unit",
			     "radvd, supervised by systemd as %s\n", unit);
	else if (n > 0)
		print_null(radvd ? PRINT_ANY : PRINT_JSON, "radvd_unit", "%s\n",
			   "radvd, started by t6 (not supervised: no systemd, or an unnamed namespace)");
}

static const char *const role_names[__T6_6TO4_ROLE_MAX] = {
	[T6_6TO4_HOST] = "host",
	[T6_6TO4_RELAY] = "relay",
};

/* show state [dev NAME] */
static int show_state(struct t6_args *a)
{
	const char *name = NULL;
	unsigned int role;
	struct t6_dev dev;
	const struct nlattr *st[T6A_6TO4_MAX + 1];
	t6_attrs tb;
	int ret;

	ret = t6_args_dev_only(a, &name);
	if (!ret)
		ret = t6_dev_find(T6_KIND_6TO4, name, &dev);
	if (ret)
		return ret;
	if (t6_parse(dev.msg, tb) ||
	    t6_parse_nest(tb[T6A_6TO4], &t6_6to4_set, st)) {
		t6_dev_free(&dev);
		return t6_err("malformed device reply from the kernel");
	}
	role = st[T6A_6TO4_ROLE] ? mnl_attr_get_u8(st[T6A_6TO4_ROLE]) : 0;
	open_json_object(NULL);
	t6_print_dev_state(tb);
	print_label("Role");
	print_string(PRINT_ANY, "role", "%s\n",
		     role < __T6_6TO4_ROLE_MAX ? role_names[role] : "unknown");
	t6_print_addr_list("IPv4 addresses", "ipv4", tb[T6A_LOCAL_ADDRS],
			   AF_INET);
	print_6to4_addrs(tb[T6A_ADDRS6]);
	print_prefixes(tb[T6A_LOCAL_ADDRS]);
	print_relay(st);
	print_native_from(st);
	print_routing();
	t6_print_ra_ignored(dev.name);
	t6_print_dev_drops(tb);
	close_json_object();
	t6_dev_free(&dev);
	return 0;
}

static const struct t6_command sixtofour_cmds[] = {
	{ "show", "state", show_state, "show state [dev NAME]",
	  "state, role, IPv4 and 6to4 addresses, relay, routing, drop counters" },
	{ "show", "interfaces", t6_show_interfaces, "show interfaces",
	  "every transit6 interface of the namespace, any kind, and its state" },
	{ "set", "state", set_state,
	  "set state enabled|relay|disabled|default [dev NAME]",
	  "create it (sixtofour0 by default) as host/router or as relay; disabled: delete it" },
	{ "set", "relay", set_relay,
	  "set relay ADDR|NAME|default|none [dev NAME]",
	  "the relay for native IPv6 (default: 192.88.99.1); none by default" },
	{ "set", "nativefrom", set_native_from,
	  "set nativefrom any|relay [dev NAME]",
	  "take native IPv6 from any relay (default) or the configured one only" },
	{ "set", "routing", t6_6to4_routing,
	  "set routing enabled|disabled [lan IFNAME] [subnet N] [dev NAME]",
	  "advertise 2002:V4:N::/64 on the LAN with radvd and forward to it" },
};

const struct t6_context t6_6to4_context = {
	.name = "6to4",
	.summary = "6to4 (RFC 3056) interfaces: state, relay, routing for a LAN",
	.cmds = sixtofour_cmds,
	.ncmds = ARRAY_SIZE(sixtofour_cmds),
	.notes =
	"Keys take \"key value\" or \"key=value\"; 'dev NAME' may be left out when exactly\n"
	"one 6to4 interface exists.\n\n"
	"The interface covers the host's public IPv4 addresses: for each, 2002:V4::V4/16\n"
	"(and so the 2002::/16 route).  No relay is used until one is set (RFC 7526);\n"
	"with one, a default route via its 6to4 address at metric 2048, which native\n"
	"IPv6 routes (metric 1024) beat.  'set state relay' also turns on IPv6\n"
	"forwarding (net.ipv6.conf.all.forwarding).\n\n"
	"Forwarding: Linux forwards IPv6 only with net.ipv6.conf.all.forwarding 1, and\n"
	"writing it sets every interface's own forwarding, which makes an interface\n"
	"with accept_ra=1 ignore Router Advertisements.  t6 turns it on for a relay or\n"
	"a LAN, puts every other interface's own value back (uplinks stay hosts), and\n"
	"restores it only when no role needs it any more (an ISATAP router, a 6to4\n"
	"relay, a LAN).  'show state' lists interfaces that ignore RAs anyway; on an\n"
	"uplink, accept_ra=2 makes it take them while forwarding.\n\n"
	"Native IPv6 comes back through the relay nearest to its sender, which is\n"
	"seldom the one you set: by default it is taken from any relay with a public\n"
	"IPv4 address (every RFC 3964 check still applies).  'set nativefrom relay'\n"
	"takes it from the configured relay only (RFC 3964 5.2, for a site that knows\n"
	"all its relays); the rest is dropped and counted as not_relay.\n\n"
	"Routing: 'set routing enabled lan IFNAME' has the kernel put 2002:V4:N::1/64\n"
	"on IFNAME (N: 'subnet N', by default IFNAME's interface index, as Windows\n"
	"does) and move it when the public IPv4 address V4 changes; t6 turns on IPv6\n"
	"forwarding and has radvd advertise IFNAME's prefixes with low router\n"
	"preference (RFC 6343).  'disabled [lan IFNAME]' undoes it for IFNAME, or for\n"
	"every LAN.  Where systemd runs the machine, radvd is its service\n"
	"transit6-radvd-net-INODE.service (restarted if it dies); 'show state' says.\n",
};
