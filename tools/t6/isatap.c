// SPDX-License-Identifier: GPL-2.0
/*
 * t6 isatap: the ISATAP context (RFC 5214), in the words of Windows'
 * "netsh interface isatap".  Name resolution of routers happens here,
 * never in the kernel.  The kernel keeps the router's own addresses in
 * the prefixes it publishes.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <linux/rtnetlink.h>

#include "t6.h"

#define MAX_ROUTERS	64

struct routers {
	struct in_addr v[MAX_ROUTERS];
	size_t n;
};

/*
 * The creation options of set state enabled|default: [link DEV]
 * [local A.B.C.D] [ttl N|inherit], besides [dev NAME].  @opts gets them;
 * @given names the first one given (for errors), or stays NULL.
 */
static int parse_state_args(struct t6_args *a, const char **name,
			    struct t6_link_opts *opts, const char **given)
{
	const char *key, *link = NULL, *local = NULL, *ttl = NULL;
	uint32_t v = 0;
	int ret = 0;

	while (!ret && (key = t6_args_next(a))) {
		if (!strcmp(key, "dev"))
			ret = t6_args_value(a, key, name);
		else if (!strcmp(key, "link"))
			ret = t6_args_value(a, key, &link);
		else if (!strcmp(key, "local"))
			ret = t6_args_value(a, key, &local);
		else if (!strcmp(key, "ttl"))
			ret = t6_args_value(a, key, &ttl);
		else
			ret = t6_usage(a, "unknown key '%s'", key);
		if (!ret && strcmp(key, "dev") && !*given)
			*given = key;
	}
	if (ret)
		return ret;
	if (link && (!*link || strlen(link) >= IFNAMSIZ))
		return t6_usage(a, "invalid interface name '%s'", link);
	/* the kernel judges the address (unicast only): it says why */
	if (local && inet_pton(AF_INET, local, &opts->local) != 1)
		return t6_usage(a, "invalid IPv4 address '%s'", local);
	opts->has_local = local;
	if (ttl && !strcmp(ttl, "inherit")) {
		v = 0;
	} else if (ttl) {
		ret = t6_parse_u32(a, "ttl", ttl, UINT8_MAX, false, &v);
		if (ret)
			return ret;
	}
	opts->has_ttl = ttl;
	opts->ttl = ttl ? v : 0;
	if (link) {
		opts->link = if_nametoindex(link);
		if (!opts->link)
			return t6_err("link '%s': no such interface", link);
		opts->has_link = true;
	}
	return 0;
}

/*
 * Whether the existing @dev has the creation options given in @want, so
 * that a configuration applies again to the interface it made.
 */
static bool same_opts(const struct t6_dev *dev, const struct t6_link_opts *want)
{
	struct t6_link_opts o;

	if (t6_dev_is_dry(dev))
		return true;	/* made by a line checked before */
	if (t6_rtnl_link_opts(dev->ifindex, &o))
		return false;
	return (!want->has_link || want->link == o.link) &&
	       (!want->has_local || want->local.s_addr == o.local.s_addr) &&
	       (!want->has_ttl || want->ttl == o.ttl);
}

/*
 * set state enabled|disabled|default [dev NAME]
 *	     [link DEV] [local A.B.C.D] [ttl N|inherit]
 */
static int set_state(struct t6_args *a)
{
	const char *val = NULL, *name = NULL, *given = NULL;
	struct t6_link_opts opts = { .has_link = false };
	struct t6_dev dev;
	bool found;
	int ret;

	ret = t6_args_value(a, "state", &val);
	if (!ret && strcmp(val, "enabled") && strcmp(val, "disabled") &&
	    strcmp(val, "default"))
		ret = t6_usage(a, "invalid state '%s'", val);
	if (!ret)
		ret = parse_state_args(a, &name, &opts, &given);
	if (!ret && given && !strcmp(val, "disabled"))
		ret = t6_usage(a, "'%s' is a creation option: not with state disabled",
			       given);
	if (ret)
		return ret;
	if (!strcmp(val, "disabled")) {
		ret = t6_dev_find(T6_KIND_ISATAP, name, &dev);
		if (!ret)
			ret = t6_rtnl_link_del(dev.ifindex);
		t6_dev_free(&dev);
		return ret;
	}
	ret = t6_dev_lookup(T6_KIND_ISATAP, name, &dev, &found);
	if (!ret && found && given && !same_opts(&dev, &opts))
		ret = t6_err("%s exists; link/local/ttl are creation options (delete it first)",
			     dev.name);
	if (!ret && !found)
		ret = t6_rtnl_link_create(name ? name : "isatap0",
					  T6_KIND_NAME_ISATAP, &opts);
	if (!ret)
		ret = t6_rtnl_link_up(found ? dev.name :
				      name ? name : "isatap0");
	t6_dev_free(&dev);
	return ret;
}

/* Host names as RFC 1123 allows them, plus '_'. */
static bool host_name_ok(const char *s)
{
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr(".-_", *s))
			return false;
	return true;
}

/* @s as IPv4 addresses: a dotted quad, or every A record of a name. */
static int resolve(struct t6_args *a, const char *s, struct routers *r)
{
	struct addrinfo hints = { .ai_family = AF_INET,
				  .ai_socktype = SOCK_DGRAM };
	struct addrinfo *res, *ai;
	struct in_addr in;
	size_t i;
	int err;

	r->n = 0;
	if (strspn(s, "0123456789.") == strlen(s)) {
		if (inet_pton(AF_INET, s, &in) != 1)
			return t6_usage(a, "invalid IPv4 address '%s'", s);
		if (t6_ipv4_class(in) & (T6_V4_ZERONET | T6_V4_MULTICAST |
					 T6_V4_BROADCAST))
			return t6_usage(a, "'%s' is not a unicast IPv4 address",
					s);
		r->v[r->n++] = in;
		return 0;
	}
	if (strchr(s, ':'))
		return t6_usage(a, "'%s': ISATAP routers have IPv4 addresses",
				s);
	if (!*s || !host_name_ok(s))
		return t6_usage(a, "invalid router name '%s'", s);
	err = getaddrinfo(s, NULL, &hints, &res);
	if (err)
		return t6_err("cannot resolve '%s': %s", s,
			      err == EAI_SYSTEM ? strerror(errno) :
			      gai_strerror(err));
	for (ai = res; ai && r->n < MAX_ROUTERS; ai = ai->ai_next) {
		in = ((struct sockaddr_in *)ai->ai_addr)->sin_addr;
		for (i = 0; i < r->n && r->v[i].s_addr != in.s_addr; i++)
			;
		if (i == r->n)
			r->v[r->n++] = in;
	}
	freeaddrinfo(res);
	return r->n ? 0 : t6_err("cannot resolve '%s': no IPv4 address", s);
}

static int fill_router(struct nlmsghdr *nlh, const void *arg)
{
	struct nlattr *isatap = mnl_attr_nest_start(nlh, T6A_ISATAP);
	struct nlattr *router = mnl_attr_nest_start(nlh, T6A_ISATAP_ROUTER);

	mnl_attr_put(nlh, T6A_ROUTER_ADDR, sizeof(struct in_addr), arg);
	mnl_attr_nest_end(nlh, router);
	mnl_attr_nest_end(nlh, isatap);
	return 0;
}

static int routers_do(const struct t6_dev *dev, uint8_t cmd,
		      const struct routers *r)
{
	char what[128], s[INET_ADDRSTRLEN];
	size_t i;
	int ret;

	for (i = 0; i < r->n; i++) {
		inet_ntop(AF_INET, &r->v[i], s, sizeof(s));
		snprintf(what, sizeof(what), "cannot %s router %s %s %s",
			 cmd == T6_CMD_NEW_ROUTER ? "add" : "remove", s,
			 cmd == T6_CMD_NEW_ROUTER ? "to" : "from", dev->name);
		ret = t6_dev_request(cmd, dev, fill_router, &r->v[i], what);
		if (ret)
			return ret;
	}
	return 0;
}

static int flush_routers(const struct t6_dev *dev)
{
	char what[64];

	snprintf(what, sizeof(what), "cannot empty the PRL of %s", dev->name);
	return t6_dev_request(T6_CMD_DEL_ROUTER, dev, NULL, NULL, what);
}

/* What the PRL was set as (T6A_ISATAP_PRL_NAMES), from a GET_DEVICE reply. */
struct prl_names {
	const char *v[T6_ISATAP_MAX_PRL_NAMES + 1];
	size_t n;
};

static void prl_names_of(const struct nlmsghdr *msg, struct prl_names *names)
{
	const struct nlattr *it[T6A_ISATAP_MAX + 1], *a;
	t6_attrs tb;

	names->n = 0;
	if (t6_parse(msg, tb) ||
	    t6_parse_nest(tb[T6A_ISATAP], &t6_isatap_set, it) ||
	    !it[T6A_ISATAP_PRL_NAMES])
		return;
	mnl_attr_for_each_nested(a, it[T6A_ISATAP_PRL_NAMES])
		if (mnl_attr_get_type(a) == T6A_PRL_NAME &&
		    names->n < T6_ISATAP_MAX_PRL_NAMES)
			names->v[names->n++] = mnl_attr_get_str(a);
}

static int fill_prl_names(struct nlmsghdr *nlh, const void *arg)
{
	const struct prl_names *names = arg;
	struct nlattr *isatap = mnl_attr_nest_start(nlh, T6A_ISATAP);
	struct nlattr *list = mnl_attr_nest_start(nlh, T6A_ISATAP_PRL_NAMES);
	size_t i;

	for (i = 0; i < names->n; i++)
		mnl_attr_put_strz(nlh, T6A_PRL_NAME, names->v[i]);
	mnl_attr_nest_end(nlh, list);
	mnl_attr_nest_end(nlh, isatap);
	return 0;
}

/* The PRL names after "@verb router @target" (NULL: all), sent. */
static int update_prl_names(const struct t6_dev *dev, const char *verb,
			    const char *target)
{
	struct prl_names names;
	char what[64];
	size_t i, k;

	prl_names_of(dev->msg, &names);
	for (i = 0; target && i < names.n && strcmp(names.v[i], target); i++)
		;
	if (!strcmp(verb, "set")) {
		names.v[0] = target;
		names.n = 1;
	} else if (!strcmp(verb, "add") && i == names.n) {
		if (names.n == T6_ISATAP_MAX_PRL_NAMES)
			return t6_err("%s: at most %d router names or addresses; delete one first",
				      dev->name, T6_ISATAP_MAX_PRL_NAMES);
		names.v[names.n++] = target;
	} else if (!strcmp(verb, "del") && !target) {
		names.n = 0;
	} else if (!strcmp(verb, "del") && i < names.n) {
		for (k = i; k + 1 < names.n; k++)
			names.v[k] = names.v[k + 1];
		names.n--;
	}
	snprintf(what, sizeof(what), "cannot set the PRL names of %s",
		 dev->name);
	return t6_dev_request(T6_CMD_SET_DEVICE, dev, fill_prl_names, &names,
			      what);
}

/*
 * set router [ADDR|NAME] (default "isatap"): the PRL becomes exactly these.
 * add router ADDR|NAME, del router ADDR|NAME|all.  The kernel keeps what
 * was given (names stay names, for t6 dump and for t6 resolve, which
 * resolves them again).  From a file (t6 exec), a name that does not
 * resolve yet is kept with a warning: t6 resolve adds its addresses once
 * it does.
 */
static int router(struct t6_args *a)
{
	const char *verb = a->cmd->verb, *target = NULL, *name = NULL;
	bool set = !strcmp(verb, "set"), all = false;
	struct routers r = { .n = 0 };
	struct t6_dev dev;
	int ret;

	if (t6_args_more(a) && strcmp(t6_args_peek(a), "dev"))
		target = t6_args_next(a);
	if (!target && !set)
		return t6_usage(a, "missing router address or name");
	if (!target)
		target = "isatap";
	ret = t6_args_dev_only(a, &name);
	if (ret)
		return ret;
	all = !strcmp(verb, "del") && !strcmp(target, "all");
	if (!all)
		ret = resolve(a, target, &r);
	if (ret == T6_EXIT_RUNTIME && t6.from_file) {
		/* said once, when the line applies */
		if (!t6.dry_run)
			t6_warn("warning: router '%s' kept; its addresses follow once it resolves",
				target);
		ret = 0;
	}
	if (!ret)
		ret = t6_dev_find(T6_KIND_ISATAP, name, &dev);
	if (ret)
		return ret;
	ret = update_prl_names(&dev, verb, all ? NULL : target);
	if (!ret && (set || all))
		ret = flush_routers(&dev);
	if (!ret && !all)
		ret = routers_do(&dev, strcmp(verb, "del") ? T6_CMD_NEW_ROUTER :
				 T6_CMD_DEL_ROUTER, &r);
	t6_dev_free(&dev);
	return ret;
}

static bool has_router(const struct routers *r, struct in_addr a)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].s_addr == a.s_addr)
			return true;
	return false;
}

/* The PRL's addresses as the kernel has them; -1 (said) on failure. */
static int prl_now(const struct t6_dev *dev, struct routers *have)
{
	const struct nlattr *x[T6A_ISATAP_MAX + 1], *rt[T6A_ROUTER_MAX + 1];
	struct t6_msgs m = { 0 };
	struct in_addr a;
	t6_attrs tb;
	size_t i;
	int ret;

	have->n = 0;
	ret = t6_dev_dump(T6_CMD_GET_ROUTER, dev, &m);
	if (ret) {
		t6_nl_err(&t6.genl, ret, "cannot list the routers of %s",
			  dev->name);
		return -1;
	}
	for (i = 0; i < m.n && have->n < MAX_ROUTERS; i++) {
		if (t6_parse(m.v[i], tb) ||
		    t6_parse_nest(tb[T6A_ISATAP], &t6_isatap_set, x) ||
		    t6_parse_nest(x[T6A_ISATAP_ROUTER], &t6_router_set, rt) ||
		    !rt[T6A_ROUTER_ADDR])
			continue;
		memcpy(&a, mnl_attr_get_payload(rt[T6A_ROUTER_ADDR]),
		       sizeof(a));
		have->v[have->n++] = a;
	}
	t6_msgs_free(&m);
	return 0;
}

/*
 * t6 resolve (resolve.c): the PRL becomes what its names resolve to now.
 * While a name does not resolve, nothing is removed: which entries were
 * its is not known, and a DNS outage must not empty the list.
 */
void t6_isatap_refresh(const struct t6_dev *dev, bool *failed)
{
	struct routers want = { .n = 0 }, have, add = { .n = 0 };
	struct routers del = { .n = 0 };
	struct in_addr v[MAX_ROUTERS];
	char s[INET_ADDRSTRLEN];
	struct prl_names names;
	bool some = false;
	size_t i;
	int n, j;

	prl_names_of(dev->msg, &names);
	if (!names.n)
		return;
	for (i = 0; i < names.n; i++) {
		n = t6_resolve4(names.v[i], v, MAX_ROUTERS);
		some |= n < 0;
		for (j = 0; j < n && want.n < MAX_ROUTERS; j++)
			if (!(t6_ipv4_class(v[j]) & (T6_V4_ZERONET |
						     T6_V4_MULTICAST |
						     T6_V4_BROADCAST)) &&
			    !has_router(&want, v[j]))
				want.v[want.n++] = v[j];
	}
	*failed |= some;
	if (prl_now(dev, &have)) {
		*failed = true;
		return;
	}
	for (i = 0; i < want.n; i++)
		if (!has_router(&have, want.v[i]))
			add.v[add.n++] = want.v[i];
	for (i = 0; !some && i < have.n; i++)
		if (!has_router(&want, have.v[i]))
			del.v[del.n++] = have.v[i];
	if (routers_do(dev, T6_CMD_NEW_ROUTER, &add) ||
	    routers_do(dev, T6_CMD_DEL_ROUTER, &del)) {
		*failed = true;
		return;
	}
	for (i = 0; i < add.n; i++)
		t6_warn("resolve: %s: router %s added", dev->name,
			inet_ntop(AF_INET, &add.v[i], s, sizeof(s)));
	for (i = 0; i < del.n; i++)
		t6_warn("resolve: %s: router %s removed", dev->name,
			inet_ntop(AF_INET, &del.v[i], s, sizeof(s)));
}

struct dev_setting {
	uint16_t type;
	uint32_t value;
};

static int fill_setting(struct nlmsghdr *nlh, const void *arg)
{
	const struct dev_setting *s = arg;
	struct nlattr *nest = mnl_attr_nest_start(nlh, T6A_ISATAP);

	if (s->type == T6A_ISATAP_FORWARDING)
		mnl_attr_put_u8(nlh, s->type, s->value);
	else if (s->type == T6A_ISATAP_ROUTER_LIFETIME)
		mnl_attr_put_u16(nlh, s->type, s->value);
	else
		mnl_attr_put_u32(nlh, s->type, s->value);
	mnl_attr_nest_end(nlh, nest);
	return 0;
}

/*
 * IPv6 forwarding is global on Linux: "all" first (forwarding.c), then the
 * device; off, "all" goes back only when no other role needs it.
 */
static int forwarding_sysctls(const char *ifname, bool on)
{
	char path[128];
	int ret = 0;

	if (on)
		ret = t6_forwarding_on();
	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/forwarding",
		 ifname);
	if (!ret)
		ret = t6_sysctl_write(path, on ? "1" : "0");
	if (!ret && !on)
		ret = t6_forwarding_release();
	return ret;
}

/* set forwarding enabled|disabled, set rsinterval N, set routerlifetime N */
static int set_device(struct t6_args *a)
{
	const char *obj = a->cmd->object, *val = NULL, *name = NULL;
	struct dev_setting s = { 0 };
	struct t6_dev dev;
	char what[64];
	bool on = false;
	int ret;

	ret = t6_args_value(a, obj, &val);
	if (ret)
		return ret;
	if (!strcmp(obj, "forwarding")) {
		s.type = T6A_ISATAP_FORWARDING;
		ret = t6_parse_enabled(a, obj, val, &on);
		s.value = on;
	} else if (!strcmp(obj, "rsinterval")) {
		/* the kernel's limits (netlink policy): 1..86400 */
		s.type = T6A_ISATAP_RS_INTERVAL;
		ret = t6_parse_u32(a, obj, val, UINT32_MAX, false, &s.value);
		if (!ret && (!s.value || s.value > 86400))
			ret = t6_usage(a, "invalid %s '%s' (1..86400)", obj, val);
	} else {
		/* RFC 4861 6.2.1: at most 9000 s */
		s.type = T6A_ISATAP_ROUTER_LIFETIME;
		ret = t6_parse_u32(a, obj, val, 9000, false, &s.value);
	}
	if (!ret)
		ret = t6_args_dev_only(a, &name);
	if (!ret)
		ret = t6_dev_find(T6_KIND_ISATAP, name, &dev);
	if (ret)
		return ret;
	snprintf(what, sizeof(what), "cannot set %s of %s", obj, dev.name);
	ret = t6_dev_request(T6_CMD_SET_DEVICE, &dev, fill_setting, &s, what);
	if (!ret && s.type == T6A_ISATAP_FORWARDING)
		ret = forwarding_sysctls(dev.name, on);
	t6_dev_free(&dev);
	return ret;
}

struct prefix {
	struct in6_addr addr;
	uint8_t len;
	bool has_valid, has_preferred;
	uint32_t valid, preferred;
};

static int fill_prefix(struct nlmsghdr *nlh, const void *arg)
{
	const struct prefix *p = arg;
	struct nlattr *isatap = mnl_attr_nest_start(nlh, T6A_ISATAP);
	struct nlattr *prefix = mnl_attr_nest_start(nlh, T6A_ISATAP_PREFIX);

	mnl_attr_put(nlh, T6A_PREFIX_ADDR, sizeof(p->addr), &p->addr);
	mnl_attr_put_u8(nlh, T6A_PREFIX_LEN, p->len);
	if (p->has_valid)
		mnl_attr_put_u32(nlh, T6A_PREFIX_VALID_LFT, p->valid);
	if (p->has_preferred)
		mnl_attr_put_u32(nlh, T6A_PREFIX_PREFERRED_LFT, p->preferred);
	mnl_attr_nest_end(nlh, prefix);
	mnl_attr_nest_end(nlh, isatap);
	return 0;
}

/* PREFIX/LEN [validlft SECS] [preferredlft SECS] [dev NAME] */
static int parse_prefix_args(struct t6_args *a, struct prefix *p,
			     const char **name)
{
	const char *key, *val, *valid = NULL, *preferred = NULL;
	bool add = !strcmp(a->cmd->verb, "add");
	int ret;

	val = t6_args_next(a);
	if (!val)
		return t6_usage(a, "missing PREFIX/LEN");
	ret = t6_parse_prefix(a, val, &p->addr, &p->len);
	while (!ret && (key = t6_args_next(a))) {
		if (!strcmp(key, "dev"))
			ret = t6_args_value(a, key, name);
		else if (add && !strcmp(key, "validlft"))
			ret = t6_args_value(a, key, &valid);
		else if (add && !strcmp(key, "preferredlft"))
			ret = t6_args_value(a, key, &preferred);
		else
			ret = t6_usage(a, "unknown key '%s'", key);
	}
	p->has_valid = valid;
	p->has_preferred = preferred;
	if (!ret && valid)
		ret = t6_parse_u32(a, "validlft", valid, UINT32_MAX, true,
				   &p->valid);
	if (!ret && preferred)
		ret = t6_parse_u32(a, "preferredlft", preferred, UINT32_MAX,
				   true, &p->preferred);
	if (!ret && valid && preferred && p->preferred > p->valid)
		ret = t6_usage(a, "preferredlft %s exceeds validlft %s",
			       preferred, valid);
	return ret;
}

/* A /64 gets the router's own addresses: one per covered IPv4 address. */
static void warn_no_addrs(const struct t6_dev *dev, const struct prefix *p)
{
	t6_attrs tb;

	if (p->len == 64 && !t6.dry_run && !t6_parse(dev->msg, tb) &&
	    !tb[T6A_LOCAL_ADDRS])
		t6_warn("warning: %s covers no IPv4 address: no address of its own in the prefix yet",
			dev->name);
}

/* add prefix P/LEN [validlft S] [preferredlft S], del prefix P/LEN */
static int prefix(struct t6_args *a)
{
	bool add = !strcmp(a->cmd->verb, "add");
	char what[128], s[INET6_ADDRSTRLEN];
	struct prefix p = { .len = 0 };
	const char *name = NULL;
	struct t6_dev dev;
	int ret;

	ret = parse_prefix_args(a, &p, &name);
	if (!ret)
		ret = t6_dev_find(T6_KIND_ISATAP, name, &dev);
	if (ret)
		return ret;
	inet_ntop(AF_INET6, &p.addr, s, sizeof(s));
	snprintf(what, sizeof(what), "cannot %s prefix %s/%u %s %s",
		 add ? "publish" : "withdraw", s, p.len, add ? "on" : "from",
		 dev.name);
	ret = t6_dev_request(add ? T6_CMD_NEW_PREFIX : T6_CMD_DEL_PREFIX, &dev,
			     fill_prefix, &p, what);
	if (!ret && add)
		warn_no_addrs(&dev, &p);
	t6_dev_free(&dev);
	return ret;
}

static const struct t6_command isatap_cmds[] = {
	{ "show", "state", t6_isatap_show, "show state [dev NAME]",
	  "state, IPv4 and ISATAP addresses, routers, prefixes, drop counters" },
	{ "show", "router", t6_isatap_show, "show router [dev NAME]",
	  "the potential router list (PRL) with its RS and RA counters" },
	{ "show", "prefix", t6_isatap_show, "show prefix [dev NAME]",
	  "the prefixes this interface advertises as a router" },
	{ "show", "interfaces", t6_show_interfaces, "show interfaces",
	  "every transit6 interface of the namespace, any kind, and its state" },
	{ "set", "state", set_state,
	  "set state enabled|disabled|default [dev NAME] [link DEV] [local A.B.C.D] [ttl N]",
	  "create it (isatap0 by default) if missing, set it up; disabled: delete it" },
	{ "set", "router", router, "set router [ADDR|NAME] [dev NAME]",
	  "replace the PRL with every IPv4 address of NAME (default: \"isatap\")" },
	{ "set", "forwarding", set_device,
	  "set forwarding enabled|disabled [dev NAME]",
	  "act as an ISATAP router; IPv6 forwarding on Linux is global: see below" },
	{ "set", "rsinterval", set_device, "set rsinterval SECS [dev NAME]",
	  "seconds between Router Solicitations once a router answered" },
	{ "set", "routerlifetime", set_device,
	  "set routerlifetime SECS [dev NAME]",
	  "router lifetime (0..9000 s) in the RAs sent when forwarding" },
	{ "add", "router", router, "add router ADDR|NAME [dev NAME]",
	  "add every IPv4 address of NAME to the PRL" },
	{ "add", "prefix", prefix,
	  "add prefix PREFIX/LEN [validlft SECS] [preferredlft SECS] [dev NAME]",
	  "advertise PREFIX in RAs; for a /64 the kernel also keeps this router's addresses in it" },
	{ "del", "router", router, "del router ADDR|NAME|all [dev NAME]",
	  "remove the IPv4 addresses of NAME from the PRL, or empty it (all)" },
	{ "del", "prefix", prefix, "del prefix PREFIX/LEN [dev NAME]",
	  "stop advertising PREFIX and remove the interface's addresses in it" },
};

const struct t6_context t6_isatap_context = {
	.name = "isatap",
	.summary = "ISATAP (RFC 5214) interfaces: state, routers, prefixes",
	.cmds = isatap_cmds,
	.ncmds = ARRAY_SIZE(isatap_cmds),
	.notes =
	"Keys take \"key value\" or \"key=value\"; 'dev NAME' may be left out when exactly\n"
	"one ISATAP interface exists.  Lifetimes accept 'infinite'.\n\n"
	"Creation options of 'set state enabled': 'link DEV' covers only DEV's IPv4\n"
	"addresses, 'local A.B.C.D' only that address; 'ttl N' (0..255, default 64)\n"
	"is the outer TTL, 0 or 'inherit' copying the inner hop limit.  They apply\n"
	"when the interface is created: for an existing one, delete it first.\n\n"
	"Forwarding: Linux forwards IPv6 only with net.ipv6.conf.all.forwarding 1, and\n"
	"writing it sets every interface's own forwarding, which makes an interface\n"
	"with accept_ra=1 ignore Router Advertisements.  'set forwarding enabled'\n"
	"turns it on, puts every other interface's own value back (uplinks stay hosts)\n"
	"and sets the ISATAP interface's; 'disabled' clears the interface's and puts\n"
	"net.ipv6.conf.all.forwarding back as it was only when no role needs it any\n"
	"more (an ISATAP router, a 6to4 relay or LAN).  'show state' lists interfaces\n"
	"that ignore RAs anyway; on an uplink, accept_ra=2 makes it take them.\n",
};
