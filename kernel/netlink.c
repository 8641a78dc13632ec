// SPDX-License-Identifier: GPL-2.0
/*
 * The "transit6" generic netlink family (kernel/uapi/transit6.h documents
 * every command).  Reading is open to everyone, as users paste "show"
 * output when they ask for help; changes need CAP_NET_ADMIN in the
 * device's namespace.  This file holds what every kind shares (the
 * device commands, the dump rules) and calls into the kinds for their
 * nests and their own commands (struct t6_kind_ops), never the reverse:
 * they report state changes through t6_genl_notify_state() only.
 */

#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/genetlink.h>
#include <net/if_inet6.h>

#include "transit6.h"

static struct genl_family t6_genl_family;

/*
 * One policy per command: a command refuses what it does not take.  The
 * kinds own the policies of their nests (isatap_nl.c, sixtofour.c).
 */
static const struct nla_policy dev_policy[T6A_MAX + 1] = {
	[T6A_IFINDEX]		= { .type = NLA_U32 },
	[T6A_IFNAME]		= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
};

static const struct nla_policy set_policy[T6A_MAX + 1] = {
	[T6A_IFINDEX]		= { .type = NLA_U32 },
	[T6A_IFNAME]		= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[T6A_ISATAP]		= NLA_POLICY_NESTED(t6_isatap_set_policy),
	[T6A_6TO4]		= NLA_POLICY_NESTED(t6_6to4_set_policy),
	[T6A_TEREDO]		= NLA_POLICY_NESTED(t6_teredo_set_policy),
};

static const struct nla_policy router_policy[T6A_MAX + 1] = {
	[T6A_IFINDEX]		= { .type = NLA_U32 },
	[T6A_IFNAME]		= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[T6A_ISATAP]		= NLA_POLICY_NESTED(t6_isatap_router_policy),
};

/* adds take T6A_REPLACE (genetlink leaves NLM_F_REPLACE no room) */
static const struct nla_policy new_router_policy[T6A_MAX + 1] = {
	[T6A_IFINDEX]		= { .type = NLA_U32 },
	[T6A_IFNAME]		= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[T6A_ISATAP]		= NLA_POLICY_NESTED(t6_isatap_router_policy),
	[T6A_REPLACE]		= { .type = NLA_FLAG },
};

static const struct nla_policy prefix_policy[T6A_MAX + 1] = {
	[T6A_IFINDEX]		= { .type = NLA_U32 },
	[T6A_IFNAME]		= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[T6A_ISATAP]		= NLA_POLICY_NESTED(t6_isatap_prefix_policy),
};

static const struct nla_policy new_prefix_policy[T6A_MAX + 1] = {
	[T6A_IFINDEX]		= { .type = NLA_U32 },
	[T6A_IFNAME]		= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[T6A_ISATAP]		= NLA_POLICY_NESTED(t6_isatap_prefix_policy),
	[T6A_REPLACE]		= { .type = NLA_FLAG },
};

/* Every kind, for the one that owns a nest or a command. */
static const struct t6_kind_ops *const kinds[] = {
	&t6_isatap_ops,
	&t6_6to4_ops,
	&t6_teredo_ops,
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
		err = nla_put_in_addr(skb, T6A_ADDR_IPV4, l->addr[i]);
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
			err = nla_put_in6_addr(skb, T6A_ADDR_IPV6, &ifp->addr);
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

/* The kind's own attributes, in its nest. */
static int put_kind(struct sk_buff *skb, struct t6_dev *t)
{
	struct nlattr *nest;

	if (!t->ops->fill)
		return 0;
	nest = nla_nest_start(skb, t->ops->nl_attr);
	if (!nest || t->ops->fill(t, skb))
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
	     put_drops(skb, t) || put_kind(skb, t)))
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

/* The kind that owns nest @attr or command @cmd (one of the two is 0). */
static const struct t6_kind_ops *owner(u16 attr, u8 cmd)
{
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		if (attr && kinds[i]->nl_attr == attr)
			return kinds[i];
		for (j = 0; cmd && j < kinds[i]->n_cmds; j++)
			if (kinds[i]->cmds[j].cmd == cmd)
				return kinds[i];
	}
	return NULL;
}

/* NL_SET_ERR_MSG() takes literals only: the kinds' messages are not. */
static void wrong_kind(struct netlink_ext_ack *extack,
		       const struct t6_kind_ops *o, const struct nlattr *attr)
{
	if (!extack)
		return;
	extack->_msg = o ? o->nl_wrong_kind : "no such command";
	extack->bad_attr = attr;
}

/*
 * A SET carries the nest of the device's kind only: a device refuses
 * another kind's rather than store what it will never use.
 */
static int set_device_doit(struct sk_buff *skb, struct genl_info *info)
{
	const struct t6_kind_ops *o;
	struct t6_dev *t;
	int i, err = 0;

	t = lookup_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(t))
		return PTR_ERR(t);
	for (i = 0; i <= T6A_MAX && !err; i++) {
		o = info->attrs[i] ? owner(i, 0) : NULL;
		if (o && o != t->ops) {
			wrong_kind(info->extack, o, info->attrs[i]);
			err = -EOPNOTSUPP;
		}
	}
	if (!err && t->ops->set && info->attrs[t->ops->nl_attr]) {
		rtnl_lock();
		err = t->ops->set(t, info->attrs[t->ops->nl_attr],
				  info->extack);
		rtnl_unlock();
	}
	t6_state_update(t);
	dev_put(t->dev);
	return err;
}

/* The device's own command @cmd, or NULL with the reason set. */
static const struct t6_kind_cmd *kind_cmd(struct t6_dev *t, u8 cmd,
					  struct netlink_ext_ack *extack)
{
	unsigned int i;

	for (i = 0; i < t->ops->n_cmds; i++)
		if (t->ops->cmds[i].cmd == cmd)
			return &t->ops->cmds[i];
	wrong_kind(extack, owner(0, cmd), NULL);
	return NULL;
}

/* A command of one kind (PRL, prefixes): the kind does it. */
static int kind_doit(struct sk_buff *skb, struct genl_info *info)
{
	const struct t6_kind_cmd *c;
	struct t6_dev *t;
	int err;

	t = lookup_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(t))
		return PTR_ERR(t);
	c = kind_cmd(t, info->genlhdr->cmd, info->extack);
	err = c && c->doit ? c->doit(t, info) : -EOPNOTSUPP;
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
static int kind_dump_start(struct netlink_callback *cb)
{
	u8 cmd = ((struct genlmsghdr *)nlmsg_data(cb->nlh))->cmd;
	struct nlattr *attrs[T6A_MAX + 1];
	const struct t6_kind_cmd *c;
	struct t6_dev *t;
	int err;

	err = nlmsg_parse(cb->nlh, GENL_HDRLEN, attrs, T6A_MAX, dev_policy,
			  cb->extack);
	if (err)
		return err;
	t = lookup_dev(sock_net(cb->skb->sk), attrs, cb->extack);
	if (IS_ERR(t))
		return PTR_ERR(t);
	c = kind_cmd(t, cmd, cb->extack);
	err = c && c->dumpit ? 0 : -EOPNOTSUPP;
	cb->args[0] = t->dev->ifindex;
	cb->args[1] = 0;
	dev_put(t->dev);
	return err;
}

static int kind_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	u8 cmd = ((struct genlmsghdr *)nlmsg_data(cb->nlh))->cmd;
	const struct t6_kind_cmd *c = NULL;
	struct net_device *dev;
	struct t6_dev *t;
	int err = 0;

	rcu_read_lock();
	dev = dev_get_by_index_rcu(sock_net(cb->skb->sk), cb->args[0]);
	if (dev && t6_is_t6_dev(dev)) {
		t = netdev_priv(dev);
		c = kind_cmd(t, cmd, NULL);
	}
	/* gone, or another device under that index: the dump ends */
	if (c && c->dumpit) {
		cb->seq = READ_ONCE(t->list_gen);
		err = c->dumpit(t, skb, cb);
	}
	rcu_read_unlock();
	return err;
}

/*
 * A message of a kind's dump (RCU held): the header and T6A_IFINDEX; the
 * kind adds its nest and ends it with genlmsg_end() or genlmsg_cancel().
 */
void *t6_nl_dump_msg(struct t6_dev *t, struct sk_buff *skb,
		     struct netlink_callback *cb)
{
	u8 cmd = ((struct genlmsghdr *)nlmsg_data(cb->nlh))->cmd;
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &t6_genl_family, NLM_F_MULTI, cmd);
	if (!hdr)
		return NULL;
	genl_dump_check_consistent(cb, hdr);
	if (nla_put_u32(skb, T6A_IFINDEX, t->dev->ifindex)) {
		genlmsg_cancel(skb, hdr);
		return NULL;
	}
	return hdr;
}

static const struct genl_ops t6_genl_ops[] = {
	{
		.cmd = T6_CMD_GET_DEVICE,
		.doit = get_device_doit,
		.dumpit = get_device_dumpit,
		.policy = dev_policy,
		.maxattr = T6A_MAX,
	}, {
		.cmd = T6_CMD_SET_DEVICE,
		.doit = set_device_doit,
		.policy = set_policy,
		.maxattr = T6A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = T6_CMD_GET_ROUTER,
		.start = kind_dump_start,
		.dumpit = kind_dumpit,
		.policy = dev_policy,
		.maxattr = T6A_MAX,
	}, {
		.cmd = T6_CMD_NEW_ROUTER,
		.doit = kind_doit,
		.policy = new_router_policy,
		.maxattr = T6A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = T6_CMD_DEL_ROUTER,
		.doit = kind_doit,
		.policy = router_policy,
		.maxattr = T6A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = T6_CMD_GET_PREFIX,
		.start = kind_dump_start,
		.dumpit = kind_dumpit,
		.policy = dev_policy,
		.maxattr = T6A_MAX,
	}, {
		.cmd = T6_CMD_NEW_PREFIX,
		.doit = kind_doit,
		.policy = new_prefix_policy,
		.maxattr = T6A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = T6_CMD_DEL_PREFIX,
		.doit = kind_doit,
		.policy = prefix_policy,
		.maxattr = T6A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = T6_CMD_GET_PEER,
		.start = kind_dump_start,
		.dumpit = kind_dumpit,
		.policy = dev_policy,
		.maxattr = T6A_MAX,
	},
};

static const struct genl_multicast_group t6_genl_mcgrps[] = {
	{ .name = T6_MCGRP_EVENTS },
};

static struct genl_family t6_genl_family __ro_after_init = {
	.name		= T6_GENL_NAME,
	.version	= T6_GENL_VERSION,
	.maxattr	= T6A_MAX,
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
