// SPDX-License-Identifier: GPL-2.0
/*
 * The "transit6" generic netlink family (kernel/uapi/transit6.h documents
 * every command).  Reading is open to everyone, as users paste "show"
 * output when they ask for help; changes need CAP_NET_ADMIN in the
 * device's namespace.  This file calls into the kinds, never the reverse:
 * they report state changes through t6_genl_notify_state() only.
 */

#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/genetlink.h>
#include <net/if_inet6.h>

#include "transit6.h"

static struct genl_family t6_genl_family;

static struct netlink_range_validation rs_interval_range = {
	.min = 1,
	.max = 86400,
};

static const struct nla_policy t6_policy[T6A_MAX + 1] = {
	[T6A_IFINDEX]		= { .type = NLA_U32 },
	[T6A_IFNAME]		= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[T6A_FORWARDING]	= NLA_POLICY_MAX(NLA_U8, 1),
	[T6A_RS_INTERVAL]	= NLA_POLICY_FULL_RANGE(NLA_U32, &rs_interval_range),
	[T6A_ROUTER_LIFETIME]	= NLA_POLICY_MAX(NLA_U16, 9000),
	[T6A_ROUTER_ADDR]	= NLA_POLICY_EXACT_LEN(sizeof(struct in_addr)),
	[T6A_PREFIX]		= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[T6A_PREFIX_LEN]	= NLA_POLICY_RANGE(NLA_U8, 1, 128),
	[T6A_PREFIX_VALID_LFT]	= { .type = NLA_U32 },
	[T6A_PREFIX_PREFERRED_LFT] = { .type = NLA_U32 },
	[T6A_6TO4_ROLE]		= NLA_POLICY_MAX(NLA_U8, __T6_6TO4_ROLE_MAX - 1),
	[T6A_6TO4_NATIVE_FROM]	= NLA_POLICY_MAX(NLA_U8,
						 __T6_6TO4_NATIVE_MAX - 1),
	[T6A_RELAY_ADDR]	= NLA_POLICY_EXACT_LEN(sizeof(struct in_addr)),
	[T6A_RELAY_NAME]	= { .type = NLA_NUL_STRING,
				    .len = T6_RELAY_NAME_MAX - 1 },
};

/* Resolve the request's device; a reference is held on success. */
static struct t6_dev *lookup_dev(struct net *net, struct nlattr **attrs,
				 struct netlink_ext_ack *extack)
{
	char name[IFNAMSIZ] = "";
	struct t6_dev *t;
	int ifindex = 0;

	if (attrs[T6A_IFINDEX])
		ifindex = nla_get_u32(attrs[T6A_IFINDEX]);
	if (attrs[T6A_IFNAME])
		nla_strscpy(name, attrs[T6A_IFNAME], sizeof(name));
	if (!ifindex && !name[0]) {
		NL_SET_ERR_MSG(extack, "no interface given (T6A_IFINDEX or T6A_IFNAME)");
		return ERR_PTR(-EINVAL);
	}
	t = t6_dev_get(net, ifindex, name[0] ? name : NULL);
	if (!t) {
		NL_SET_ERR_MSG(extack, "no such transit6 interface");
		return ERR_PTR(-ENODEV);
	}
	return t;
}

static struct t6_dev *lookup_isatap(struct genl_info *info)
{
	struct t6_dev *t = lookup_dev(genl_info_net(info), info->attrs,
				      info->extack);

	if (!IS_ERR(t) && t->ops->kind != T6_KIND_ISATAP) {
		dev_put(t->dev);
		NL_SET_ERR_MSG(info->extack, "not an ISATAP interface");
		return ERR_PTR(-EOPNOTSUPP);
	}
	return t;
}

static int put_local_addrs(struct sk_buff *skb, struct t6_dev *t)
{
	const struct t6_local_addrs *l;
	struct nlattr *nest;
	unsigned int i;
	int err = 0;

	nest = nla_nest_start(skb, T6A_LOCAL_ADDRS);
	if (!nest)
		return -EMSGSIZE;
	rcu_read_lock();
	l = rcu_dereference(t->local);
	for (i = 0; l && i < l->n && !err; i++)
		err = nla_put_in_addr(skb, T6A_ADDR4, l->addr[i]);
	rcu_read_unlock();
	nla_nest_end(skb, nest);
	return err;
}

static int put_addrs6(struct sk_buff *skb, struct t6_dev *t)
{
	const struct inet6_ifaddr *ifp;
	struct inet6_dev *idev;
	struct nlattr *nest;
	int err = 0;

	nest = nla_nest_start(skb, T6A_ADDRS6);
	if (!nest)
		return -EMSGSIZE;
	rcu_read_lock();
	idev = __in6_dev_get(t->dev);
	if (idev) {
		read_lock_bh(&idev->lock);
		list_for_each_entry(ifp, &idev->addr_list, if_list) {
			err = nla_put_in6_addr(skb, T6A_ADDR6, &ifp->addr);
			if (err)
				break;
		}
		read_unlock_bh(&idev->lock);
	}
	rcu_read_unlock();
	nla_nest_end(skb, nest);
	return err;
}

static int put_drops(struct sk_buff *skb, struct t6_dev *t)
{
	struct nlattr *nest;
	int r;

	nest = nla_nest_start(skb, T6A_DROPS);
	if (!nest)
		return -EMSGSIZE;
	for (r = T6_DROP_UNSPEC + 1; r < __T6_DROP_MAX; r++)
		if (nla_put_u64_64bit(skb, r, t6_drop_read(t, r),
				      T6_DROP_UNSPEC))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* @cb: the dump this message is part of, or NULL */
static int fill_device(struct sk_buff *skb, struct t6_dev *t, u32 portid,
		       u32 seq, int flags, u8 cmd, struct netlink_callback *cb)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &t6_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	if (nla_put_u32(skb, T6A_IFINDEX, t->dev->ifindex) ||
	    nla_put_string(skb, T6A_IFNAME, t->dev->name) ||
	    nla_put_u8(skb, T6A_KIND, t->ops->kind) ||
	    nla_put_u8(skb, T6A_STATE, READ_ONCE(t->state)) ||
	    nla_put_u8(skb, T6A_STATE_REASON, READ_ONCE(t->reason)))
		goto err;
	if (cmd != T6_CMD_EVENT &&
	    (put_local_addrs(skb, t) || put_addrs6(skb, t) ||
	     put_drops(skb, t) || (t->ops->fill && t->ops->fill(t, skb))))
		goto err;
	genlmsg_end(skb, hdr);
	return 0;
err:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static int get_device_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	struct t6_dev *t;
	int err;

	t = lookup_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(t))
		return PTR_ERR(t);
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	err = -ENOMEM;
	if (msg)
		err = fill_device(msg, t, info->snd_portid, info->snd_seq, 0,
				  T6_CMD_GET_DEVICE, NULL);
	dev_put(t->dev);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* One message per device; cb->args[0] counts the devices already sent. */
static int get_device_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	long idx = 0, skip = cb->args[0];
	struct t6_dev *t;
	int err = 0;

	/* RTNL, not RCU: filling a device may sleep (6to4 takes t->lock) */
	rtnl_lock();
	cb->seq = t6_net_devs_gen(net);
	list_for_each_entry(t, t6_net_devs(net), list) {
		if (idx++ < skip)
			continue;
		err = fill_device(skb, t, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, NLM_F_MULTI,
				  T6_CMD_GET_DEVICE, cb);
		if (err) {
			idx--;
			break;
		}
	}
	rtnl_unlock();
	cb->args[0] = idx;
	return err && idx == skip ? err : skb->len;
}

/*
 * Which kind each SET_DEVICE attribute belongs to: a device refuses those
 * of other kinds rather than store what it will never use.
 */
static const u8 set_attr_kind[T6A_MAX + 1] = {
	[T6A_FORWARDING]	= T6_KIND_ISATAP,
	[T6A_RS_INTERVAL]	= T6_KIND_ISATAP,
	[T6A_ROUTER_LIFETIME]	= T6_KIND_ISATAP,
	[T6A_6TO4_ROLE]		= T6_KIND_6TO4,
	[T6A_6TO4_NATIVE_FROM]	= T6_KIND_6TO4,
	[T6A_RELAY_ADDR]	= T6_KIND_6TO4,
	[T6A_RELAY_NAME]	= T6_KIND_6TO4,
};

static int set_attrs_of_kind(struct t6_dev *t, struct genl_info *info)
{
	struct nlattr *a;
	int i;

	for (i = 0; i <= T6A_MAX; i++) {
		a = info->attrs[i];
		if (!a || !set_attr_kind[i] || set_attr_kind[i] == t->ops->kind)
			continue;
		if (set_attr_kind[i] == T6_KIND_ISATAP)
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "not an ISATAP interface");
		else
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "not a 6to4 interface");
		return -EOPNOTSUPP;
	}
	return 0;
}

static int set_device_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct t6_dev *t;
	int err;

	t = lookup_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(t))
		return PTR_ERR(t);
	err = set_attrs_of_kind(t, info);
	if (!err && t->ops->set) {
		rtnl_lock();
		err = t->ops->set(t, info->attrs, info->extack);
		rtnl_unlock();
	}
	t6_state_update(t);
	dev_put(t->dev);
	return err;
}

/*
 * Dumps of a device's lists.  A reader may never come back for the rest
 * of a dump, so nothing is held between calls (a held reference would
 * keep "ip link del" and namespace teardown waiting until the reader's
 * socket closes): start resolves the device to its ifindex, each call
 * looks it up again, and a list changed between calls flags the dump
 * NLM_F_DUMP_INTR through the device's list generation.  The request was
 * validated already; parsing it here again spares us the
 * genl_dumpit_info()/genl_info_dump() difference between 6.1 and 6.12.
 */
static int list_dump_start(struct netlink_callback *cb)
{
	struct nlattr *attrs[T6A_MAX + 1];
	struct t6_dev *t;
	int err;

	err = nlmsg_parse(cb->nlh, GENL_HDRLEN, attrs, T6A_MAX, t6_policy,
			  cb->extack);
	if (err)
		return err;
	t = lookup_dev(sock_net(cb->skb->sk), attrs, cb->extack);
	if (IS_ERR(t))
		return PTR_ERR(t);
	if (t->ops->kind != T6_KIND_ISATAP) {
		NL_SET_ERR_MSG(cb->extack, "not an ISATAP interface");
		err = -EOPNOTSUPP;
	}
	cb->args[0] = t->dev->ifindex;
	dev_put(t->dev);
	return err;
}

/* RCU held: the dump's device, if it still exists. */
static struct t6_dev *list_dump_dev(struct netlink_callback *cb)
{
	struct net_device *dev;

	dev = dev_get_by_index_rcu(sock_net(cb->skb->sk), cb->args[0]);
	if (!dev || !t6_is_t6_dev(dev))
		return NULL;
	return netdev_priv(dev);
}

static int fill_router(struct sk_buff *skb, struct netlink_callback *cb,
		       struct t6_dev *t, const struct t6_prl_entry *e)
{
	unsigned long last_ra = READ_ONCE(e->last_ra);
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &t6_genl_family, NLM_F_MULTI, T6_CMD_GET_ROUTER);
	if (!hdr)
		return -EMSGSIZE;
	genl_dump_check_consistent(cb, hdr);
	if (nla_put_u32(skb, T6A_IFINDEX, t->dev->ifindex) ||
	    nla_put_in_addr(skb, T6A_ROUTER_ADDR, e->addr) ||
	    nla_put_u64_64bit(skb, T6A_ROUTER_RS_SENT,
			      atomic64_read(&e->rs_sent), T6A_PAD) ||
	    nla_put_u64_64bit(skb, T6A_ROUTER_RA_RCVD,
			      atomic64_read(&e->ra_rcvd), T6A_PAD) ||
	    (last_ra &&
	     nla_put_u64_64bit(skb, T6A_ROUTER_LAST_RA,
			       jiffies_to_msecs(jiffies - last_ra), T6A_PAD))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int get_router_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	long idx = 0, skip = cb->args[1];
	struct t6_prl_entry *e;
	struct t6_dev *t;
	int err = 0;

	rcu_read_lock();
	t = list_dump_dev(cb);
	if (!t)
		goto out;	/* gone: the dump ends */
	cb->seq = READ_ONCE(t->list_gen);
	list_for_each_entry_rcu(e, &t->isatap.prl, list) {
		if (idx++ < skip)
			continue;
		err = fill_router(skb, cb, t, e);
		if (err) {
			idx--;
			break;
		}
	}
out:
	rcu_read_unlock();
	cb->args[1] = idx;
	return err && idx == skip ? err : skb->len;
}

static int fill_prefix(struct sk_buff *skb, struct netlink_callback *cb,
		       struct t6_dev *t, const struct t6_nd_prefix *p)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &t6_genl_family, NLM_F_MULTI, T6_CMD_GET_PREFIX);
	if (!hdr)
		return -EMSGSIZE;
	genl_dump_check_consistent(cb, hdr);
	if (nla_put_u32(skb, T6A_IFINDEX, t->dev->ifindex) ||
	    nla_put_in6_addr(skb, T6A_PREFIX, &p->prefix) ||
	    nla_put_u8(skb, T6A_PREFIX_LEN, p->len) ||
	    nla_put_u32(skb, T6A_PREFIX_VALID_LFT, p->valid) ||
	    nla_put_u32(skb, T6A_PREFIX_PREFERRED_LFT, p->preferred)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int get_prefix_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	long idx = 0, skip = cb->args[1];
	struct t6_prefix *x;
	struct t6_dev *t;
	int err = 0;

	rcu_read_lock();
	t = list_dump_dev(cb);
	if (!t)
		goto out;
	cb->seq = READ_ONCE(t->list_gen);
	list_for_each_entry_rcu(x, &t->isatap.prefixes, list) {
		if (idx++ < skip)
			continue;
		err = fill_prefix(skb, cb, t, &x->p);
		if (err) {
			idx--;
			break;
		}
	}
out:
	rcu_read_unlock();
	cb->args[1] = idx;
	return err && idx == skip ? err : skb->len;
}

static int router_doit(struct sk_buff *skb, struct genl_info *info)
{
	bool add = info->genlhdr->cmd == T6_CMD_NEW_ROUTER;
	struct nlattr *attr = info->attrs[T6A_ROUTER_ADDR];
	struct t6_dev *t;
	int err = 0;

	if (add && GENL_REQ_ATTR_CHECK(info, T6A_ROUTER_ADDR))
		return -EINVAL;
	t = lookup_isatap(info);
	if (IS_ERR(t))
		return PTR_ERR(t);
	if (add)
		err = t6_isatap_prl_add(t, nla_get_in_addr(attr), info->extack);
	else if (attr)
		err = t6_isatap_prl_del(t, nla_get_in_addr(attr), info->extack);
	else
		t6_isatap_prl_flush(t);
	dev_put(t->dev);
	return err;
}

static int prefix_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct t6_nd_prefix p = {
		.valid = T6_DEFAULT_VALID_LFT,
		.preferred = T6_DEFAULT_PREFERRED_LFT,
	};
	struct t6_dev *t;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, T6A_PREFIX) ||
	    GENL_REQ_ATTR_CHECK(info, T6A_PREFIX_LEN))
		return -EINVAL;
	p.len = nla_get_u8(attrs[T6A_PREFIX_LEN]);
	ipv6_addr_prefix(&p.prefix, nla_data(attrs[T6A_PREFIX]), p.len);
	if (attrs[T6A_PREFIX_VALID_LFT])
		p.valid = nla_get_u32(attrs[T6A_PREFIX_VALID_LFT]);
	if (attrs[T6A_PREFIX_PREFERRED_LFT])
		p.preferred = nla_get_u32(attrs[T6A_PREFIX_PREFERRED_LFT]);
	else if (p.preferred > p.valid)
		p.preferred = p.valid;

	t = lookup_isatap(info);
	if (IS_ERR(t))
		return PTR_ERR(t);
	if (info->genlhdr->cmd == T6_CMD_NEW_PREFIX)
		err = t6_isatap_prefix_add(t, &p, info->extack);
	else
		err = t6_isatap_prefix_del(t, &p, info->extack);
	dev_put(t->dev);
	return err;
}

static const struct genl_ops t6_genl_ops[] = {
	{
		.cmd = T6_CMD_GET_DEVICE,
		.doit = get_device_doit,
		.dumpit = get_device_dumpit,
	}, {
		.cmd = T6_CMD_SET_DEVICE,
		.doit = set_device_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = T6_CMD_GET_ROUTER,
		.start = list_dump_start,
		.dumpit = get_router_dumpit,
	}, {
		.cmd = T6_CMD_NEW_ROUTER,
		.doit = router_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = T6_CMD_DEL_ROUTER,
		.doit = router_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = T6_CMD_GET_PREFIX,
		.start = list_dump_start,
		.dumpit = get_prefix_dumpit,
	}, {
		.cmd = T6_CMD_NEW_PREFIX,
		.doit = prefix_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = T6_CMD_DEL_PREFIX,
		.doit = prefix_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static const struct genl_multicast_group t6_genl_mcgrps[] = {
	{ .name = T6_MCGRP_EVENTS },
};

static struct genl_family t6_genl_family __ro_after_init = {
	.name		= T6_GENL_NAME,
	.version	= T6_GENL_VERSION,
	.maxattr	= T6A_MAX,
	.policy		= t6_policy,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.ops		= t6_genl_ops,
	.n_ops		= ARRAY_SIZE(t6_genl_ops),
	.mcgrps		= t6_genl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(t6_genl_mcgrps),
};

/* Process context: the state work of device.c. */
void t6_genl_notify_state(struct t6_dev *t)
{
	struct sk_buff *msg;

	if (!genl_has_listeners(&t6_genl_family, t->net, 0))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	if (fill_device(msg, t, 0, 0, 0, T6_CMD_EVENT, NULL)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_multicast_netns(&t6_genl_family, t->net, msg, 0, 0,
				GFP_KERNEL);
}

int t6_genl_init(void)
{
	return genl_register_family(&t6_genl_family);
}

void t6_genl_uninit(void)
{
	genl_unregister_family(&t6_genl_family);
}
