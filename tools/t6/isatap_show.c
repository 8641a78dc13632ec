// SPDX-License-Identifier: GPL-2.0
/*
 * t6 isatap show state|router|prefix: everything is fetched first (the
 * device, its PRL, its prefixes), then printed, so a failure prints
 * nothing but the error line.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "t6.h"

static void print_router(const struct nlattr **tb)
{
	const struct nlattr *last = tb[T6A_ROUTER_LAST_RA];
	char s[INET_ADDRSTRLEN] = "?";
	uint64_t ms;

	if (tb[T6A_ROUTER_ADDR])
		inet_ntop(AF_INET, mnl_attr_get_payload(tb[T6A_ROUTER_ADDR]),
			  s, sizeof(s));
	open_json_object(NULL);
	print_string(PRINT_ANY, "address", "%s", s);
	print_u64(PRINT_ANY, "rs_sent", " rs_sent %" PRIu64,
		  tb[T6A_ROUTER_RS_SENT] ?
		  mnl_attr_get_u64(tb[T6A_ROUTER_RS_SENT]) : 0);
	print_u64(PRINT_ANY, "ra_received", " ra_rcvd %" PRIu64,
		  tb[T6A_ROUTER_RA_RCVD] ?
		  mnl_attr_get_u64(tb[T6A_ROUTER_RA_RCVD]) : 0);
	if (last) {
		ms = mnl_attr_get_u64(last);
		print_u64(PRINT_JSON, "last_ra_ms", NULL, ms);
		print_u64(PRINT_FP, NULL, " last RA %" PRIu64 "s ago\n",
			  ms / 1000);
	} else {
		print_null(PRINT_ANY, "last_ra_ms", " last RA %s\n", "never");
	}
	close_json_object();
}

/* A prefix lifetime: a number in JSON, "infinite" for all ones in text. */
static void print_lifetime(const char *key, const char *fmt,
			   const struct nlattr *a)
{
	char num[16] = "infinite";
	uint32_t v;

	if (!a) {
		print_null(PRINT_ANY, key, fmt, "unknown");
		return;
	}
	v = mnl_attr_get_u32(a);
	print_uint(PRINT_JSON, key, NULL, v);
	if (v != UINT32_MAX)
		snprintf(num, sizeof(num), "%u", v);
	print_string(PRINT_FP, NULL, fmt, num);
}

static void print_prefix(const struct nlattr **tb)
{
	char s[INET6_ADDRSTRLEN] = "?";

	if (tb[T6A_PREFIX_ADDR])
		inet_ntop(AF_INET6, mnl_attr_get_payload(tb[T6A_PREFIX_ADDR]), s,
			  sizeof(s));
	open_json_object(NULL);
	print_string(PRINT_ANY, "prefix", "%s", s);
	print_uint(PRINT_ANY, "length", "/%u",
		   tb[T6A_PREFIX_LEN] ? mnl_attr_get_u8(tb[T6A_PREFIX_LEN]) : 0);
	print_lifetime("valid_lft", " valid %s", tb[T6A_PREFIX_VALID_LFT]);
	print_lifetime("preferred_lft", " preferred %s\n",
		       tb[T6A_PREFIX_PREFERRED_LFT]);
	close_json_object();
}

/* One list: its entries are nest @type of T6A_ISATAP, of set @set. */
struct list_kind {
	uint16_t type;
	const struct t6_attr_set *set;
	void (*print)(const struct nlattr **tb);
};

static const struct list_kind router_list = {
	T6A_ISATAP_ROUTER, &t6_router_set, print_router
};

static const struct list_kind prefix_list = {
	T6A_ISATAP_PREFIX, &t6_prefix_set, print_prefix
};

/* A labelled list in show state, or a bare one in show router/prefix. */
static void print_list(const char *label, const char *key,
		       const struct t6_msgs *m, const struct list_kind *k)
{
	const struct nlattr *item[T6A_ROUTER_MAX + T6A_PREFIX_MAX + 1];
	const struct nlattr *it[T6A_ISATAP_MAX + 1];
	t6_attrs tb;
	size_t i;

	if (label)
		print_label(label);
	open_json_array(PRINT_JSON, key);
	for (i = 0; i < m->n; i++) {
		if (t6_parse(m->v[i], tb) ||
		    t6_parse_nest(tb[T6A_ISATAP], &t6_isatap_set, it) ||
		    t6_parse_nest(it[k->type], k->set, item))
			continue;
		if (label && i)		/* under the first one */
			print_cont();
		k->print(item);
	}
	close_json_array(PRINT_JSON, NULL);
	if (label && !m->n)
		print_string(PRINT_FP, NULL, "%s\n", "(none)");
}

/* The PRL and the published prefixes of @dev. */
static int get_lists(const struct t6_dev *dev, struct t6_msgs *routers,
		     struct t6_msgs *prefixes)
{
	int ret = 0;

	if (routers) {
		ret = t6_dev_dump(T6_CMD_GET_ROUTER, dev, routers);
		if (ret)
			return t6_nl_err(&t6.genl, ret,
					 "cannot list the routers of %s",
					 dev->name);
	}
	if (prefixes) {
		ret = t6_dev_dump(T6_CMD_GET_PREFIX, dev, prefixes);
		if (ret == -EOPNOTSUPP)	/* not a router: none published */
			ret = 0;
		if (ret)
			return t6_nl_err(&t6.genl, ret,
					 "cannot list the prefixes of %s",
					 dev->name);
	}
	return 0;
}

static void print_state(const t6_attrs tb, const struct t6_msgs *routers,
			const struct t6_msgs *prefixes)
{
	open_json_object(NULL);
	t6_print_dev_state(tb);
	t6_print_dev_config(tb);
	t6_print_addr_list("IPv4 addresses", "ipv4", tb[T6A_LOCAL_ADDRS],
			   AF_INET);
	t6_print_addr_list("ISATAP addresses", "addresses", tb[T6A_ADDRS6],
			   AF_INET6);
	print_list("Routers", "routers", routers, &router_list);
	print_list("Prefixes", "prefixes", prefixes, &prefix_list);
	t6_print_ra_ignored(tb[T6A_IFNAME] ?
			    mnl_attr_get_str(tb[T6A_IFNAME]) : "");
	t6_print_dev_drops(tb);
	close_json_object();
}

/* show state | router | prefix [dev NAME] */
int t6_isatap_show(struct t6_args *a)
{
	const char *obj = a->cmd->object, *name = NULL;
	struct t6_msgs r = { 0 }, p = { 0 };
	bool state = !strcmp(obj, "state");
	struct t6_dev dev;
	t6_attrs tb;
	int ret;

	ret = t6_args_dev_only(a, &name);
	if (!ret)
		ret = t6_dev_find(T6_KIND_ISATAP, name, &dev);
	if (ret)
		return ret;
	ret = get_lists(&dev, state || !strcmp(obj, "router") ? &r : NULL,
			state || !strcmp(obj, "prefix") ? &p : NULL);
	if (!ret && state && t6_parse(dev.msg, tb))
		ret = t6_err("malformed device reply from the kernel");
	if (!ret && state)
		print_state(tb, &r, &p);
	else if (!ret && !strcmp(obj, "router"))
		print_list(NULL, NULL, &r, &router_list);
	else if (!ret)
		print_list(NULL, NULL, &p, &prefix_list);
	t6_msgs_free(&r);
	t6_msgs_free(&p);
	t6_dev_free(&dev);
	return ret;
}
