// SPDX-License-Identifier: GPL-2.0
/*
 * The IPv4 addresses a device covers (its "local" set), followed through
 * the inetaddr and netdevice notifiers, always under RTNL.  Readers on the
 * packet path see an RCU-replaced snapshot.
 */

#include <linux/inetdevice.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>

#include "transit6.h"

bool t6_local_has(struct t6_dev *t, __be32 addr)
{
	bool found;

	rcu_read_lock();
	found = t6_local_has_rcu(t, addr);
	rcu_read_unlock();
	return found;
}

__be32 t6_local_primary(struct t6_dev *t)
{
	const struct t6_local_addrs *l;
	__be32 addr = 0;

	rcu_read_lock();
	l = rcu_dereference(t->local);
	if (l && l->n)
		addr = l->addr[0];
	rcu_read_unlock();
	return addr;
}

/* The IPv4 addresses @t covers now: up links, not loopback, filtered. */
static struct t6_local_addrs *local_collect(struct t6_dev *t, __be32 keep)
{
	bool (*covers)(const struct t6_dev *t, __be32 addr) =
		t->ops->proto41 ? t->ops->proto41->covers : NULL;
	struct t6_local_addrs *l;
	struct net_device *d;

	l = kzalloc(struct_size(l, addr, T6_MAX_LOCAL_ADDRS), GFP_KERNEL);
	if (!l)
		return NULL;
	for_each_netdev(t->net, d) {
		const struct in_ifaddr *ifa;
		struct in_device *in_dev;

		if ((t->link && d->ifindex != t->link) ||
		    ((d->flags & IFF_LOOPBACK) && !covers) ||
		    !(d->flags & IFF_UP))
			continue;
		in_dev = __in_dev_get_rtnl(d);
		if (!in_dev)
			continue;
		in_dev_for_each_ifa_rtnl(ifa, in_dev) {
			if (ifa->ifa_scope >= RT_SCOPE_HOST ||
			    (t->fixed_local && ifa->ifa_local != t->fixed_local) ||
			    (covers && !covers(t, ifa->ifa_local)))
				continue;
			if (l->n == T6_MAX_LOCAL_ADDRS)
				break;
			/* keep the primary first so the interface is stable */
			if (ifa->ifa_local == keep && l->n) {
				l->addr[l->n++] = l->addr[0];
				l->addr[0] = keep;
			} else {
				l->addr[l->n++] = ifa->ifa_local;
			}
		}
	}
	return l;
}

/*
 * Follow the host's IPv4 addresses in place (RTNL held): same ifindex,
 * PRL, prefixes and settings.  The kind's configuration pass (queued by
 * addrs_changed) removes the IPv6 addresses of an IPv4 address that went
 * away, and only those; without any, the carrier goes and addrconf clears
 * the interface.
 */
void t6_local_update(struct t6_dev *t)
{
	struct t6_local_addrs *old = rtnl_dereference(t->local);
	struct net_device *dev = t->dev;
	struct t6_local_addrs *l;
	__be32 primary = 0;

	l = local_collect(t, old && old->n ? old->addr[0] : 0);
	if (!l)
		return;
	if (old && old->n == l->n && !memcmp(old->addr, l->addr,
					     l->n * sizeof(l->addr[0]))) {
		kfree(l);
		return;
	}
	rcu_assign_pointer(t->local, l);
	if (old)
		kfree_rcu(old, rcu);
	if (l->n)
		primary = l->addr[0];
	dev_addr_set(dev, (const u8 *)&primary);

	if (l->n)
		netif_carrier_on(dev);
	else
		netif_carrier_off(dev);
	if (t->ops->addrs_changed)
		t->ops->addrs_changed(t);
	t6_state_update(t);
}

static void net_local_update(struct net *net)
{
	struct t6_dev *t;

	if (!check_net(net))
		return;
	list_for_each_entry(t, t6_net_devs(net), list)
		t6_local_update(t);
}

static int t6_inetaddr_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	const struct in_ifaddr *ifa = ptr;

	net_local_update(dev_net(ifa->ifa_dev->dev));
	return NOTIFY_DONE;
}

/* Another device of the namespace came up or went: the kinds may care. */
static void kinds_netdev_event(struct net_device *dev, unsigned long event)
{
	struct list_head *devs = t6_net_devs(dev_net(dev));
	struct t6_dev *t;

	/*
	 * A namespace being set up registers the devices of the pernet
	 * operations before ours (loopback, sit's fallback device) before
	 * our list exists; one whose setup fails unregisters them again.
	 */
	if (!devs->next)
		return;
	list_for_each_entry(t, devs, list)
		if (t->ops->netdev_event)
			t->ops->netdev_event(t, dev, event);
}

static int t6_netdev_event(struct notifier_block *nb, unsigned long event,
			   void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	if (t6_is_t6_dev(dev)) {
		struct t6_dev *t = netdev_priv(dev);

		/* addrconf (notified before us) has set up the primary */
		if ((event == NETDEV_UP || event == NETDEV_CHANGE) &&
		    netif_carrier_ok(dev) && t->ops->addrs_changed)
			t->ops->addrs_changed(t);
		if (event == NETDEV_UP || event == NETDEV_DOWN ||
		    event == NETDEV_CHANGE)
			t6_state_update(t);
		return NOTIFY_DONE;
	}
	if (event == NETDEV_UP || event == NETDEV_UNREGISTER)
		kinds_netdev_event(dev, event);
	if (event == NETDEV_UP || event == NETDEV_DOWN)
		net_local_update(dev_net(dev));
	return NOTIFY_DONE;
}

static struct notifier_block t6_inetaddr_nb = {
	.notifier_call = t6_inetaddr_event,
};

static struct notifier_block t6_netdev_nb = {
	.notifier_call = t6_netdev_event,
};

int t6_local_init(void)
{
	int err;

	err = register_netdevice_notifier(&t6_netdev_nb);
	if (err)
		return err;
	err = register_inetaddr_notifier(&t6_inetaddr_nb);
	if (err)
		unregister_netdevice_notifier(&t6_netdev_nb);
	return err;
}

void t6_local_uninit(void)
{
	unregister_inetaddr_notifier(&t6_inetaddr_nb);
	unregister_netdevice_notifier(&t6_netdev_nb);
}
