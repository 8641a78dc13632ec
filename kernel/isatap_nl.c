// SPDX-License-Identifier: GPL-2.0
/*
 * ISATAP's generic netlink: its T6A_ISATAP nest (forwarding, RS interval,
 * router lifetime) and its two lists, the potential router list and the
 * prefixes a router publishes, each with a dump and an add/remove pair.
 * netlink.c resolved the device and checked its kind before any of this
 * runs.
 */

#include <net/addrconf.h>
#include <net/genetlink.h>

#include "transit6.h"

static struct netlink_range_validation rs_interval_range = {
	.min = 1,
	.max = 86400,
};

static const struct nla_policy prl_name_policy[T6A_PRL_MAX + 1] = {
	[T6A_PRL_NAME]		= { .type = NLA_NUL_STRING,
				    .len = T6_RELAY_NAME_MAX - 1 },
};

const struct nla_policy t6_isatap_set_policy[T6A_ISATAP_MAX + 1] = {
	[T6A_ISATAP_FORWARDING]	= NLA_POLICY_MAX(NLA_U8, 1),
	[T6A_ISATAP_RS_INTERVAL] = NLA_POLICY_FULL_RANGE(NLA_U32,
							 &rs_interval_range),
	[T6A_ISATAP_ROUTER_LIFETIME] = NLA_POLICY_MAX(NLA_U16, 9000),
	[T6A_ISATAP_PRL_NAMES]	= NLA_POLICY_NESTED(prl_name_policy),
};

static const struct nla_policy router_policy[T6A_ROUTER_MAX + 1] = {
	[T6A_ROUTER_ADDR]	= NLA_POLICY_EXACT_LEN(sizeof(struct in_addr)),
};

const struct nla_policy t6_isatap_router_policy[T6A_ISATAP_MAX + 1] = {
	[T6A_ISATAP_ROUTER]	= NLA_POLICY_NESTED(router_policy),
};

static const struct nla_policy prefix_policy[T6A_PREFIX_MAX + 1] = {
	[T6A_PREFIX_ADDR]	= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[T6A_PREFIX_LEN]	= NLA_POLICY_RANGE(NLA_U8, 1, 128),
	[T6A_PREFIX_VALID_LFT]	= { .type = NLA_U32 },
	[T6A_PREFIX_PREFERRED_LFT] = { .type = NLA_U32 },
};

const struct nla_policy t6_isatap_prefix_policy[T6A_ISATAP_MAX + 1] = {
	[T6A_ISATAP_PREFIX]	= NLA_POLICY_NESTED(prefix_policy),
};

int t6_isatap_fill(struct t6_dev *t, struct sk_buff *skb)
{
	const struct t6_prl_names *names;
	int err;

	if (nla_put_u8(skb, T6A_ISATAP_FORWARDING, READ_ONCE(t->forwarding)) ||
	    nla_put_u32(skb, T6A_ISATAP_RS_INTERVAL,
			READ_ONCE(t->rs_interval)) ||
	    nla_put_u16(skb, T6A_ISATAP_ROUTER_LIFETIME,
			READ_ONCE(t->router_lifetime)))
		return -EMSGSIZE;
	mutex_lock(&t->lock);
	names = t->isatap.prl_names;
	err = names ? nla_put(skb, T6A_ISATAP_PRL_NAMES | NLA_F_NESTED,
			      names->len, names->attrs) : 0;
	mutex_unlock(&t->lock);
	return err;
}

/* T6A_ISATAP_PRL_NAMES: kept as sent (validated), at most 8 names. */
static int prl_names_set(struct t6_dev *t, const struct nlattr *nest,
			 struct netlink_ext_ack *extack)
{
	struct t6_prl_names *names = NULL, *old;
	const struct nlattr *a;
	int rem, n = 0;

	nla_for_each_nested(a, nest, rem)
		if (nla_type(a) != T6A_PRL_NAME || nla_len(a) <= 1 ||
		    ++n > T6_ISATAP_MAX_PRL_NAMES) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "PRL names: up to 8 non-empty T6A_PRL_NAME");
			return -EINVAL;
		}
	if (n) {
		names = kmalloc(struct_size(names, attrs, nla_len(nest)),
				GFP_KERNEL);
		if (!names)
			return -ENOMEM;
		names->len = nla_len(nest);
		memcpy(names->attrs, nla_data(nest), names->len);
	}
	mutex_lock(&t->lock);
	old = t->isatap.prl_names;
	t->isatap.prl_names = names;
	mutex_unlock(&t->lock);
	kfree(old);
	return 0;
}

int t6_isatap_set(struct t6_dev *t, const struct nlattr *nest,
		  struct netlink_ext_ack *extack)
{
	struct nlattr *tb[T6A_ISATAP_MAX + 1];
	int err;

	err = nla_parse_nested(tb, T6A_ISATAP_MAX, nest, t6_isatap_set_policy,
			       extack);
	if (!err && tb[T6A_ISATAP_PRL_NAMES])
		err = prl_names_set(t, tb[T6A_ISATAP_PRL_NAMES], extack);
	if (err)
		return err;
	mutex_lock(&t->lock);
	if (tb[T6A_ISATAP_FORWARDING])
		WRITE_ONCE(t->forwarding,
			   nla_get_u8(tb[T6A_ISATAP_FORWARDING]));
	if (tb[T6A_ISATAP_RS_INTERVAL]) {
		WRITE_ONCE(t->rs_interval,
			   nla_get_u32(tb[T6A_ISATAP_RS_INTERVAL]));
		t6_isatap_rs_interval_changed(t);
	}
	if (tb[T6A_ISATAP_ROUTER_LIFETIME])
		WRITE_ONCE(t->router_lifetime,
			   nla_get_u16(tb[T6A_ISATAP_ROUTER_LIFETIME]));
	mutex_unlock(&t->lock);
	return 0;
}

/* The nest @type inside the request's T6A_ISATAP, parsed into @tb. */
static int parse_item(struct genl_info *info, int type, struct nlattr **tb,
		      int max, const struct nla_policy *policy)
{
	struct nlattr *isatap[T6A_ISATAP_MAX + 1] = { NULL };
	int err;

	memset(tb, 0, sizeof(*tb) * (max + 1));
	if (!info->attrs[T6A_ISATAP])
		return 0;
	err = nla_parse_nested(isatap, T6A_ISATAP_MAX, info->attrs[T6A_ISATAP],
			       NULL, info->extack);
	if (err || !isatap[type])
		return err;
	return nla_parse_nested(tb, max, isatap[type], policy, info->extack);
}

static int router_doit(struct t6_dev *t, struct genl_info *info)
{
	bool add = info->genlhdr->cmd == T6_CMD_NEW_ROUTER;
	struct nlattr *tb[T6A_ROUTER_MAX + 1];
	struct nlattr *addr;
	int err;

	err = parse_item(info, T6A_ISATAP_ROUTER, tb, T6A_ROUTER_MAX,
			 router_policy);
	if (err)
		return err;
	addr = tb[T6A_ROUTER_ADDR];
	if (add && !addr) {
		NL_SET_ERR_MSG(info->extack,
			       "missing the router's address (T6A_ROUTER_ADDR)");
		return -EINVAL;
	}
	if (add)
		return t6_isatap_prl_add(t, nla_get_in_addr(addr),
					 !!info->attrs[T6A_REPLACE],
					 info->extack);
	if (addr)
		return t6_isatap_prl_del(t, nla_get_in_addr(addr),
					 info->extack);
	t6_isatap_prl_flush(t);
	return 0;
}

static int prefix_doit(struct t6_dev *t, struct genl_info *info)
{
	struct t6_nd_prefix p = {
		.valid = T6_DEFAULT_VALID_LFT,
		.preferred = T6_DEFAULT_PREFERRED_LFT,
	};
	struct nlattr *tb[T6A_PREFIX_MAX + 1];
	int err;

	err = parse_item(info, T6A_ISATAP_PREFIX, tb, T6A_PREFIX_MAX,
			 prefix_policy);
	if (err)
		return err;
	if (!tb[T6A_PREFIX_ADDR] || !tb[T6A_PREFIX_LEN]) {
		NL_SET_ERR_MSG(info->extack,
			       "missing the prefix (T6A_PREFIX_ADDR and T6A_PREFIX_LEN)");
		return -EINVAL;
	}
	p.len = nla_get_u8(tb[T6A_PREFIX_LEN]);
	ipv6_addr_prefix(&p.prefix, nla_data(tb[T6A_PREFIX_ADDR]), p.len);
	if (tb[T6A_PREFIX_VALID_LFT])
		p.valid = nla_get_u32(tb[T6A_PREFIX_VALID_LFT]);
	if (tb[T6A_PREFIX_PREFERRED_LFT])
		p.preferred = nla_get_u32(tb[T6A_PREFIX_PREFERRED_LFT]);
	else if (p.preferred > p.valid)
		p.preferred = p.valid;

	if (info->genlhdr->cmd == T6_CMD_NEW_PREFIX)
		return t6_isatap_prefix_add(t, &p, !!info->attrs[T6A_REPLACE],
					    info->extack);
	return t6_isatap_prefix_del(t, &p, info->extack);
}

static int fill_router(struct t6_dev *t, struct sk_buff *skb,
		       struct netlink_callback *cb,
		       const struct t6_prl_entry *e)
{
	unsigned long last_ra = READ_ONCE(e->last_ra);
	struct nlattr *isatap, *router;
	void *hdr;

	hdr = t6_nl_dump_msg(t, skb, cb);
	if (!hdr)
		return -EMSGSIZE;
	isatap = nla_nest_start(skb, T6A_ISATAP);
	router = isatap ? nla_nest_start(skb, T6A_ISATAP_ROUTER) : NULL;
	if (!router ||
	    nla_put_in_addr(skb, T6A_ROUTER_ADDR, e->addr) ||
	    nla_put_u64_64bit(skb, T6A_ROUTER_RS_SENT,
			      atomic64_read(&e->rs_sent), T6A_ROUTER_PAD) ||
	    nla_put_u64_64bit(skb, T6A_ROUTER_RA_RCVD,
			      atomic64_read(&e->ra_rcvd), T6A_ROUTER_PAD) ||
	    (last_ra &&
	     nla_put_u64_64bit(skb, T6A_ROUTER_LAST_RA,
			       jiffies_to_msecs(jiffies - last_ra),
			       T6A_ROUTER_PAD))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, router);
	nla_nest_end(skb, isatap);
	genlmsg_end(skb, hdr);
	return 0;
}

/* RCU held (netlink.c). */
static int router_dumpit(struct t6_dev *t, struct sk_buff *skb,
			 struct netlink_callback *cb)
{
	long idx = 0, skip = cb->args[1];
	struct t6_prl_entry *e;
	int err = 0;

	list_for_each_entry_rcu(e, &t->isatap.prl, list) {
		if (idx++ < skip)
			continue;
		err = fill_router(t, skb, cb, e);
		if (err) {
			idx--;
			break;
		}
	}
	cb->args[1] = idx;
	return err && idx == skip ? err : skb->len;
}

static int fill_prefix(struct t6_dev *t, struct sk_buff *skb,
		       struct netlink_callback *cb,
		       const struct t6_nd_prefix *p)
{
	struct nlattr *isatap, *prefix;
	void *hdr;

	hdr = t6_nl_dump_msg(t, skb, cb);
	if (!hdr)
		return -EMSGSIZE;
	isatap = nla_nest_start(skb, T6A_ISATAP);
	prefix = isatap ? nla_nest_start(skb, T6A_ISATAP_PREFIX) : NULL;
	if (!prefix ||
	    nla_put_in6_addr(skb, T6A_PREFIX_ADDR, &p->prefix) ||
	    nla_put_u8(skb, T6A_PREFIX_LEN, p->len) ||
	    nla_put_u32(skb, T6A_PREFIX_VALID_LFT, p->valid) ||
	    nla_put_u32(skb, T6A_PREFIX_PREFERRED_LFT, p->preferred)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, prefix);
	nla_nest_end(skb, isatap);
	genlmsg_end(skb, hdr);
	return 0;
}

/* RCU held (netlink.c). */
static int prefix_dumpit(struct t6_dev *t, struct sk_buff *skb,
			 struct netlink_callback *cb)
{
	long idx = 0, skip = cb->args[1];
	struct t6_prefix *x;
	int err = 0;

	list_for_each_entry_rcu(x, &t->isatap.prefixes, list) {
		if (idx++ < skip)
			continue;
		err = fill_prefix(t, skb, cb, &x->p);
		if (err) {
			idx--;
			break;
		}
	}
	cb->args[1] = idx;
	return err && idx == skip ? err : skb->len;
}

const struct t6_kind_cmd t6_isatap_cmds[6] = {
	{ .cmd = T6_CMD_GET_ROUTER, .dumpit = router_dumpit },
	{ .cmd = T6_CMD_NEW_ROUTER, .doit = router_doit },
	{ .cmd = T6_CMD_DEL_ROUTER, .doit = router_doit },
	{ .cmd = T6_CMD_GET_PREFIX, .dumpit = prefix_dumpit },
	{ .cmd = T6_CMD_NEW_PREFIX, .doit = prefix_doit },
	{ .cmd = T6_CMD_DEL_PREFIX, .doit = prefix_doit },
};
