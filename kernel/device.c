// SPDX-License-Identifier: GPL-2.0
/*
 * What the kinds share: netdev setup, rtnl_link_ops glue, the per-netns
 * device list, per-cpu drop counters and state.  local.c follows the IPv4
 * addresses a device covers.
 */

#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/ip_tunnels.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <net/rtnetlink.h>
#include <net/udp.h>

#include "transit6.h"
#include "compat.h"
#include "teredo/wire.h"

unsigned int t6_net_id __read_mostly;

/* Work that holds device references; drained before the module goes. */
struct workqueue_struct *t6_wq __read_mostly;

/* The generation of the namespace's device list, for dumps (RTNL). */
u32 t6_net_devs_gen(struct net *net)
{
	struct t6_net *tn = net_generic(net, t6_net_id);

	return tn->devs_gen;
}

static void t6_net_devs_changed(struct net *net)
{
	struct t6_net *tn = net_generic(net, t6_net_id);

	ASSERT_RTNL();
	if (!++tn->devs_gen)
		tn->devs_gen = 1;
}

/* Ours by the kind that made it: each kind may have its own netdev_ops. */
bool t6_is_t6_dev(const struct net_device *dev)
{
	return dev->rtnl_link_ops == &t6_isatap_link_ops ||
	       dev->rtnl_link_ops == &t6_6to4_link_ops ||
	       dev->rtnl_link_ops == &t6_teredo_link_ops;
}

/* A change to one of the device's lists (PRL, prefixes): t->lock held. */
void t6_list_changed(struct t6_dev *t)
{
	u32 gen = t->list_gen + 1;

	lockdep_assert_held(&t->lock);
	WRITE_ONCE(t->list_gen, gen ? gen : 1);
}

/* Returns the device with a reference held, or NULL. */
struct t6_dev *t6_dev_get(struct net *net, int ifindex, const char *name)
{
	struct net_device *dev;

	if (ifindex)
		dev = dev_get_by_index(net, ifindex);
	else if (name)
		dev = dev_get_by_name(net, name);
	else
		return NULL;
	if (!dev)
		return NULL;
	if (!t6_is_t6_dev(dev)) {
		dev_put(dev);
		return NULL;
	}
	return netdev_priv(dev);
}

void t6_drop_count(struct t6_dev *t, enum t6_drop reason)
{
	this_cpu_inc(t->drops->count[reason]);
}

void t6_drop(struct t6_dev *t, struct sk_buff *skb, enum t6_drop reason)
{
	t6_drop_count(t, reason);
	kfree_skb(skb);
}

u64 t6_drop_read(struct t6_dev *t, enum t6_drop reason)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(per_cpu_ptr(t->drops, cpu)->count[reason]);
	return sum;
}

/*
 * ethtool -S: the drop counters, each "drop_" and the name t6 show state
 * gives it; ethtool -i: the driver and its version.
 */
static const char *const t6_drop_names[__T6_DROP_MAX] = {
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

static void t6_get_drvinfo(struct net_device *dev,
			   struct ethtool_drvinfo *info)
{
	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
	strscpy(info->version, t6_version, sizeof(info->version));
}

static int t6_get_sset_count(struct net_device *dev, int sset)
{
	return sset == ETH_SS_STATS ? __T6_DROP_MAX - 1 : -EOPNOTSUPP;
}

static void t6_get_strings(struct net_device *dev, u32 sset, u8 *buf)
{
	int r;

	if (sset != ETH_SS_STATS)
		return;
	for (r = T6_DROP_UNSPEC + 1; r < __T6_DROP_MAX; r++)
		ethtool_sprintf(&buf, "drop_%s", t6_drop_names[r]);
}

static void t6_get_ethtool_stats(struct net_device *dev,
				 struct ethtool_stats *stats, u64 *data)
{
	struct t6_dev *t = netdev_priv(dev);
	int r;

	for (r = T6_DROP_UNSPEC + 1; r < __T6_DROP_MAX; r++)
		*data++ = t6_drop_read(t, r);
}

static const struct ethtool_ops t6_ethtool_ops = {
	.get_drvinfo		= t6_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_sset_count		= t6_get_sset_count,
	.get_strings		= t6_get_strings,
	.get_ethtool_stats	= t6_get_ethtool_stats,
};

static void state_work(struct work_struct *work)
{
	struct t6_dev *t = container_of(work, struct t6_dev, state_work);
	enum t6_reason reason;
	enum t6_state state;
	bool changed;

	mutex_lock(&t->lock);
	if (!(t->dev->flags & IFF_UP)) {
		state = T6_STATE_DORMANT;
		reason = T6_REASON_ADMIN_DOWN;
	} else if (!t6_local_primary(t)) {
		state = T6_STATE_OFFLINE;
		reason = t->ops->no_ipv4;
	} else {
		t->ops->state(t, &state, &reason);
	}
	changed = state != t->state || reason != t->reason;
	t->state = state;
	t->reason = reason;
	mutex_unlock(&t->lock);
	if (changed)
		t6_genl_notify_state(t);
}

/* Recompute the state in process context; callable from any context. */
void t6_state_update(struct t6_dev *t)
{
	schedule_work(&t->state_work);
}

static void t6_cfg_work(struct work_struct *work)
{
	struct t6_dev *t = container_of(work, struct t6_dev, cfg_work);

	t->ops->configure(t);
	dev_put(t->dev);
}

/*
 * Queue the kind's configuration pass; callable from any context.
 * Changes that come while it runs queue it again, and that pass mends
 * what this one did from a snapshot gone stale.
 */
void t6_cfg_queue(struct t6_dev *t)
{
	if (!t->ops->configure)
		return;
	dev_hold(t->dev);
	if (!queue_work(t6_wq, &t->cfg_work))
		dev_put(t->dev);
}

static void t6_dev_free(struct t6_dev *t)
{
	dst_cache_destroy(&t->dst_cache);
	free_percpu(t->pcpu);
	t->pcpu = NULL;
	free_percpu(t->drops);
	t->drops = NULL;
	kfree(rcu_dereference_protected(t->local, true));
	RCU_INIT_POINTER(t->local, NULL);
}

static int t6_dev_init(struct net_device *dev)
{
	struct t6_dev *t = netdev_priv(dev);
	int err = -ENOMEM;

	t->drops = alloc_percpu(struct t6_drop_stats);
	t->pcpu = alloc_percpu(struct t6_pcpu);
	if (!t->drops || !t->pcpu)
		goto err;
	err = dst_cache_init(&t->dst_cache, GFP_KERNEL);
	if (err)
		goto err;
	err = t->ops->init ? t->ops->init(t) : 0;
	if (err)
		goto err;
	netdev_lockdep_set_classes(dev);
	return 0;
err:
	t6_dev_free(t);
	return err;
}

static void t6_dev_uninit(struct net_device *dev)
{
	struct t6_dev *t = netdev_priv(dev);

	if (t->listed) {
		list_del_rcu(&t->list);
		t->listed = false;
		t6_net_devs_changed(t->net);
	}
	/* no receive path can find @t after this */
	synchronize_net();
	mutex_lock(&t->lock);
	t->dead = true;
	mutex_unlock(&t->lock);
	if (t->ops->uninit)
		t->ops->uninit(t);
	/* a queued pass would find it dead; a running one holds a reference */
	if (cancel_work(&t->cfg_work))
		dev_put(t->dev);
	cancel_work_sync(&t->state_work);
}

static void t6_dev_destruct(struct net_device *dev)
{
	struct t6_dev *t = netdev_priv(dev);

	/* a netlink request holding a reference may have queued it again */
	cancel_work_sync(&t->state_work);
	t6_dev_free(t);
	mutex_destroy(&t->lock);
}

static int t6_dev_open(struct net_device *dev)
{
	struct t6_dev *t = netdev_priv(dev);

	mutex_lock(&t->lock);
	WRITE_ONCE(t->running, true);
	if (t->ops->open)
		t->ops->open(t);
	mutex_unlock(&t->lock);
	t6_state_update(t);
	return 0;
}

static int t6_dev_stop(struct net_device *dev)
{
	struct t6_dev *t = netdev_priv(dev);

	mutex_lock(&t->lock);
	WRITE_ONCE(t->running, false);
	if (t->ops->stop)
		t->ops->stop(t);
	mutex_unlock(&t->lock);
	t6_state_update(t);
	return 0;
}

static int t6_get_iflink(const struct net_device *dev)
{
	const struct t6_dev *t = netdev_priv(dev);

	return t->link ? t->link : dev->ifindex;
}

static const struct net_device_ops t6_proto41_netdev_ops = {
	.ndo_init		= t6_dev_init,
	.ndo_uninit		= t6_dev_uninit,
	.ndo_open		= t6_dev_open,
	.ndo_stop		= t6_dev_stop,
	.ndo_start_xmit		= t6_proto41_start_xmit,
	.ndo_get_stats64	= dev_get_tstats64,
	.ndo_get_iflink		= t6_get_iflink,
};

#define T6_FEATURES (NETIF_F_SG | NETIF_F_FRAGLIST | NETIF_F_HIGHDMA | \
		     NETIF_F_GSO_SOFTWARE | NETIF_F_HW_CSUM)

static void t6_setup_proto41(struct net_device *dev)
{
	struct t6_dev *t = netdev_priv(dev);

	dev->netdev_ops = &t6_proto41_netdev_ops;
	dev->ethtool_ops = &t6_ethtool_ops;
	dev->header_ops = &ip_tunnel_header_ops;
	dev->needs_free_netdev = true;
	dev->priv_destructor = t6_dev_destruct;
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
	dev->type = ARPHRD_SIT;
	dev->flags = IFF_NOARP;
	dev->addr_len = 4;
	dev->mtu = T6_DEFAULT_MTU;
	dev->min_mtu = IPV6_MIN_MTU;
	dev->max_mtu = IP_MAX_MTU - sizeof(struct iphdr);
	dev->needed_headroom = LL_MAX_HEADER + sizeof(struct iphdr);
	dev->features |= T6_FEATURES;
	dev->hw_features |= T6_FEATURES;
	netif_keep_dst(dev);
	t6_set_lltx(dev);
	/*
	 * No qdisc of our own, as vxlan, geneve and wireguard: the packet
	 * queues at the underlay's.  A root qdisc on a tunnel only cost a
	 * small packet a lock, an enqueue and a dequeue (sit keeps one);
	 * tc can still attach one.
	 */
	dev->priv_flags |= IFF_NO_QUEUE;
	/* the underlay is the namespace the device lives in */
	t6_set_netns_local(dev);

	t->dev = dev;
	t->ttl = T6_DEFAULT_TTL;
	t->tos_inherit = true;
	t->rs_interval = T6_DEFAULT_RS_INTERVAL;
	t->router_lifetime = T6_DEFAULT_ROUTER_LFT;
	t->state = T6_STATE_DORMANT;
	t->reason = T6_REASON_ADMIN_DOWN;
	t->list_gen = 1;
	mutex_init(&t->lock);
	INIT_WORK(&t->state_work, state_work);
	INIT_WORK(&t->cfg_work, t6_cfg_work);
	INIT_LIST_HEAD(&t->list);
}

static void t6_isatap_setup(struct net_device *dev)
{
	struct t6_dev *t = netdev_priv(dev);

	t6_setup_proto41(dev);
	dev->priv_flags |= IFF_ISATAP;
	t->ops = &t6_isatap_ops;
}

/*
 * 6to4 is a plain NBMA link with no link-layer address (like wireguard's
 * ARPHRD_NONE): sit's ARPHRD_SIT would make addrconf add IPv4-compatible
 * ::V4/96 addresses for every IPv4 address of the namespace.
 */
static void t6_6to4_setup(struct net_device *dev)
{
	struct t6_dev *t = netdev_priv(dev);

	t6_setup_proto41(dev);
	dev->type = ARPHRD_NONE;
	dev->header_ops = NULL;
	dev->addr_len = 0;
	t->ops = &t6_6to4_ops;
}

static const struct net_device_ops t6_teredo_netdev_ops = {
	.ndo_init		= t6_dev_init,
	.ndo_uninit		= t6_dev_uninit,
	.ndo_open		= t6_dev_open,
	.ndo_stop		= t6_dev_stop,
	.ndo_start_xmit		= t6_teredo_start_xmit,
	.ndo_get_stats64	= dev_get_tstats64,
	.ndo_get_iflink		= t6_get_iflink,
};

/*
 * Teredo: an NBMA link over UDP, no link-layer address (ARPHRD_NONE, as
 * 6to4 and wireguard); RFC 4380 5.1.2: 1280 unless the server says more.
 */
static void t6_teredo_setup(struct net_device *dev)
{
	struct t6_dev *t = netdev_priv(dev);

	t6_setup_proto41(dev);
	dev->netdev_ops = &t6_teredo_netdev_ops;
	dev->type = ARPHRD_NONE;
	dev->header_ops = NULL;
	dev->addr_len = 0;
	dev->mtu = IPV6_MIN_MTU;
	dev->needed_headroom = LL_MAX_HEADER + sizeof(struct iphdr) +
			       sizeof(struct udphdr) + T6_TEREDO_AUTH_LEN +
			       T6_TEREDO_ORIGIN_LEN;
	dev->max_mtu = IP_MAX_MTU - sizeof(struct iphdr) -
		       sizeof(struct udphdr);
	/* no outer DSCP to inherit: t6_teredo_validate() refuses tos */
	t->tos_inherit = false;
	t->ops = &t6_teredo_ops;
}

static const struct nla_policy t6_link_policy[IFLA_T6_MAX + 1] = {
	[IFLA_T6_LINK]	= { .type = NLA_U32 },
	[IFLA_T6_LOCAL]	= NLA_POLICY_EXACT_LEN(sizeof(struct in_addr)),
	[IFLA_T6_TTL]	= { .type = NLA_U8 },
	[IFLA_T6_TOS]	= NLA_POLICY_MAX(NLA_U8, 1),
};

static int t6_validate(struct nlattr *tb[], struct nlattr *data[],
		       struct netlink_ext_ack *extack)
{
	__be32 local;

	if (!data || !data[IFLA_T6_LOCAL])
		return 0;
	local = nla_get_in_addr(data[IFLA_T6_LOCAL]);
	if (ipv4_is_zeronet(local) || ipv4_is_multicast(local) ||
	    ipv4_is_lbcast(local) || ipv4_is_loopback(local)) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_T6_LOCAL],
				    "local must be a unicast IPv4 address");
		return -EINVAL;
	}
	return 0;
}

static int t6_newlink(struct net *src_net, struct net_device *dev,
		      struct nlattr *tb[], struct nlattr *data[],
		      struct netlink_ext_ack *extack)
{
	struct t6_dev *t = netdev_priv(dev);
	int err;

	t->net = dev_net(dev);
	if (t->ops->newlink) {
		err = t->ops->newlink(t, extack);
		if (err)
			return err;
	}
	if (data && data[IFLA_T6_LINK]) {
		t->link = nla_get_u32(data[IFLA_T6_LINK]);
		if (!__dev_get_by_index(t->net, t->link)) {
			NL_SET_ERR_MSG_ATTR(extack, data[IFLA_T6_LINK],
					    "underlying link not found");
			return -ENODEV;
		}
	}
	if (data && data[IFLA_T6_LOCAL])
		t->fixed_local = nla_get_in_addr(data[IFLA_T6_LOCAL]);
	if (data && data[IFLA_T6_TTL])
		t->ttl = nla_get_u8(data[IFLA_T6_TTL]);
	if (data && data[IFLA_T6_TOS])
		t->tos_inherit = nla_get_u8(data[IFLA_T6_TOS]);

	netif_carrier_off(dev);
	err = register_netdevice(dev);
	if (err)
		return err;
	list_add_tail_rcu(&t->list, t6_net_devs(t->net));
	t->listed = true;
	t6_net_devs_changed(t->net);
	t6_local_update(t);
	return 0;
}

/* link, local and ttl: every kind's; Teredo's only, as it refuses tos */
static size_t t6_get_size_no_tos(const struct net_device *dev)
{
	return nla_total_size(4) +	/* IFLA_T6_LINK */
	       nla_total_size(4) +	/* IFLA_T6_LOCAL */
	       nla_total_size(1);	/* IFLA_T6_TTL */
}

static int t6_fill_info_no_tos(struct sk_buff *skb,
			       const struct net_device *dev)
{
	const struct t6_dev *t = netdev_priv(dev);

	if (nla_put_u32(skb, IFLA_T6_LINK, t->link) ||
	    nla_put_in_addr(skb, IFLA_T6_LOCAL, t->fixed_local) ||
	    nla_put_u8(skb, IFLA_T6_TTL, t->ttl))
		return -EMSGSIZE;
	return 0;
}

static size_t t6_get_size(const struct net_device *dev)
{
	return t6_get_size_no_tos(dev) +
	       nla_total_size(1);	/* IFLA_T6_TOS */
}

static int t6_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	const struct t6_dev *t = netdev_priv(dev);

	if (t6_fill_info_no_tos(skb, dev) ||
	    nla_put_u8(skb, IFLA_T6_TOS, t->tos_inherit))
		return -EMSGSIZE;
	return 0;
}

struct rtnl_link_ops t6_isatap_link_ops __read_mostly = {
	.kind		= T6_KIND_NAME_ISATAP,
	.maxtype	= IFLA_T6_MAX,
	.policy		= t6_link_policy,
	.priv_size	= sizeof(struct t6_dev),
	.setup		= t6_isatap_setup,
	.validate	= t6_validate,
	.newlink	= t6_newlink,
	.get_size	= t6_get_size,
	.fill_info	= t6_fill_info,
};

struct rtnl_link_ops t6_6to4_link_ops __read_mostly = {
	.kind		= T6_KIND_NAME_6TO4,
	.maxtype	= IFLA_T6_MAX,
	.policy		= t6_link_policy,
	.priv_size	= sizeof(struct t6_dev),
	.setup		= t6_6to4_setup,
	.validate	= t6_validate,
	.newlink	= t6_newlink,
	.get_size	= t6_get_size,
	.fill_info	= t6_fill_info,
};

/* Teredo binds to link and local and sends with ttl; tos has no meaning */
static int t6_teredo_validate(struct nlattr *tb[], struct nlattr *data[],
			      struct netlink_ext_ack *extack)
{
	if (data && data[IFLA_T6_TOS]) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_T6_TOS],
				    "tos is not a Teredo option");
		return -EOPNOTSUPP;
	}
	return t6_validate(tb, data, extack);
}

struct rtnl_link_ops t6_teredo_link_ops __read_mostly = {
	.kind		= T6_KIND_NAME_TEREDO,
	.maxtype	= IFLA_T6_MAX,
	.policy		= t6_link_policy,
	.priv_size	= sizeof(struct t6_dev),
	.setup		= t6_teredo_setup,
	.validate	= t6_teredo_validate,
	.newlink	= t6_newlink,
	.get_size	= t6_get_size_no_tos,
	.fill_info	= t6_fill_info_no_tos,
};

static int __net_init t6_net_init(struct net *net)
{
	struct t6_net *tn = net_generic(net, t6_net_id);

	INIT_LIST_HEAD(&tn->devs);
	tn->devs_gen = 1;
	return 0;
}

static void __net_exit t6_net_exit_batch_rtnl(struct list_head *net_list,
					      struct list_head *dev_kill_list)
{
	struct t6_dev *t;
	struct net *net;

	list_for_each_entry(net, net_list, exit_list)
		list_for_each_entry(t, t6_net_devs(net), list)
			unregister_netdevice_queue(t->dev, dev_kill_list);
}

static struct pernet_operations t6_net_ops = {
	.init		= t6_net_init,
	.exit_batch_rtnl = t6_net_exit_batch_rtnl,
	.id		= &t6_net_id,
	.size		= sizeof(struct t6_net),
};

int t6_device_init(void)
{
	int err;

	t6_wq = alloc_workqueue("transit6", 0, 0);
	if (!t6_wq)
		return -ENOMEM;
	err = register_pernet_device(&t6_net_ops);
	if (err)
		destroy_workqueue(t6_wq);
	return err;
}

void t6_device_uninit(void)
{
	unregister_pernet_device(&t6_net_ops);
	destroy_workqueue(t6_wq);
}
