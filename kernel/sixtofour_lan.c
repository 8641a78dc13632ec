// SPDX-License-Identifier: GPL-2.0
/*
 * The LANs a 6to4 router serves (RFC 3056 2: the site's 2002:V4::/48,
 * one /64 per LAN).  Each LAN gets 2002:V4:SUBNET::1/64, V4 the first
 * public IPv4 address the interface covers, and keeps following V4: when
 * the public address changes (DHCP, PPPoE) the configuration pass moves
 * every LAN's address to the new prefix, as it moves the interface's own
 * 2002:V4::V4.  radvd, advertising the LAN's own prefixes, follows the
 * address; the kernel sends no Router Advertisements of its own.
 *
 * The list is written under t->lock with RTNL held (netlink, netdevice
 * events); addresses change from the configuration pass only, as
 * rtnetlink requests tagged T6_IFA_PROTO.
 */

#include <net/addrconf.h>
#include <net/genetlink.h>

#include "transit6.h"

const struct nla_policy t6_6to4_lan_policy[T6A_LAN_MAX + 1] = {
	[T6A_LAN_IFINDEX]	= { .type = NLA_U32 },
	[T6A_LAN_SUBNET]	= { .type = NLA_U16 },
};

static struct t6_6to4_lan *lan_find(struct t6_6to4 *s, int ifindex)
{
	unsigned int i;

	for (i = 0; i < s->nlans; i++)
		if (s->lans[i].ifindex == ifindex)
			return &s->lans[i];
	return NULL;
}

/*
 * t->lock held: @l stops being served; the next pass removes its address
 * unless the LAN device itself went (@dev_gone), taking it along.
 */
static void lan_remove(struct t6_6to4 *s, struct t6_6to4_lan *l,
		       bool dev_gone)
{
	if (!dev_gone && !ipv6_addr_any(&l->addr) &&
	    !WARN_ON_ONCE(s->ngone == T6_6TO4_LAN_MAX))
		s->gone[s->ngone++] = *l;
	*l = s->lans[--s->nlans];
}

/* RTNL held: serve the LAN of @nest, or change its subnet. */
static int lan_set(struct t6_dev *t, const struct nlattr *nest,
		   struct netlink_ext_ack *extack)
{
	struct nlattr *tb[T6A_LAN_MAX + 1];
	struct t6_6to4 *s = &t->sixtofour;
	struct net_device *dev;
	struct t6_6to4_lan *l;
	int err, ifindex;
	u16 subnet;

	err = nla_parse_nested(tb, T6A_LAN_MAX, nest, t6_6to4_lan_policy,
			       extack);
	if (err)
		return err;
	if (!tb[T6A_LAN_IFINDEX]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "missing the LAN's interface (T6A_LAN_IFINDEX)");
		return -EINVAL;
	}
	ifindex = nla_get_u32(tb[T6A_LAN_IFINDEX]);
	dev = __dev_get_by_index(t->net, ifindex);
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(extack, tb[T6A_LAN_IFINDEX],
				    "no such LAN interface");
		return -ENODEV;
	}
	if (dev == t->dev || t6_is_t6_dev(dev)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[T6A_LAN_IFINDEX],
				    "a LAN cannot be a transit6 interface");
		return -EINVAL;
	}
	/* Windows' choice of a subnet: the LAN's interface index */
	subnet = tb[T6A_LAN_SUBNET] ? nla_get_u16(tb[T6A_LAN_SUBNET]) :
		 ifindex & 0xffff;

	mutex_lock(&t->lock);
	l = lan_find(s, ifindex);
	if (!l && s->nlans == T6_6TO4_LAN_MAX) {
		mutex_unlock(&t->lock);
		NL_SET_ERR_MSG(extack, "at most 16 LANs");
		return -ENOSPC;
	}
	if (!l) {
		l = &s->lans[s->nlans++];
		*l = (struct t6_6to4_lan){ .ifindex = ifindex };
	}
	l->subnet = subnet;
	mutex_unlock(&t->lock);
	return 0;
}

/* RTNL held: the 6to4 nest's LAN attributes, validated. */
int t6_6to4_lan_apply(struct t6_dev *t, struct nlattr **attrs,
		      struct netlink_ext_ack *extack)
{
	struct t6_6to4 *s = &t->sixtofour;
	struct t6_6to4_lan *l;
	int err = 0;

	if (attrs[T6A_6TO4_LAN_DEL]) {
		mutex_lock(&t->lock);
		l = lan_find(s, nla_get_u32(attrs[T6A_6TO4_LAN_DEL]));
		if (l)
			lan_remove(s, l, false);
		mutex_unlock(&t->lock);
		if (!l) {
			NL_SET_ERR_MSG_ATTR(extack, attrs[T6A_6TO4_LAN_DEL],
					    "not a LAN of this interface");
			return -ENOENT;
		}
	}
	if (attrs[T6A_6TO4_LAN])
		err = lan_set(t, attrs[T6A_6TO4_LAN], extack);
	return err;
}

/* t->lock held: one T6A_6TO4_LAN nest per LAN. */
int t6_6to4_lan_fill(struct t6_dev *t, struct sk_buff *skb)
{
	const struct t6_6to4 *s = &t->sixtofour;
	struct nlattr *nest;
	unsigned int i;

	for (i = 0; i < s->nlans; i++) {
		const struct t6_6to4_lan *l = &s->lans[i];

		nest = nla_nest_start(skb, T6A_6TO4_LAN);
		if (!nest ||
		    nla_put_u32(skb, T6A_LAN_IFINDEX, l->ifindex) ||
		    nla_put_u16(skb, T6A_LAN_SUBNET, l->subnet) ||
		    (!ipv6_addr_any(&l->addr) &&
		     nla_put_in6_addr(skb, T6A_LAN_ADDR, &l->addr)))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

/* RTNL held: a LAN came up (its addresses went when it went down) or went. */
void t6_6to4_lan_netdev_event(struct t6_dev *t, struct net_device *dev,
			      unsigned long event)
{
	struct t6_6to4_lan *l;
	bool up;

	if (event != NETDEV_UP && event != NETDEV_UNREGISTER)
		return;
	mutex_lock(&t->lock);
	l = lan_find(&t->sixtofour, dev->ifindex);
	if (l && event == NETDEV_UNREGISTER)
		lan_remove(&t->sixtofour, l, true);	/* its address went too */
	up = l && event == NETDEV_UP;
	mutex_unlock(&t->lock);
	if (up)
		t6_cfg_queue(t);
}

static int lan_addr(struct t6_dev *t, int ifindex, int type,
		    const struct in6_addr *a)
{
	int err = t6_rtcfg_addr(t->net, ifindex, type, a, 64);

	/* the LAN went, or lost its addresses going down: nothing to do */
	if (err == -ENODEV || (type == RTM_DELADDR && err == -EADDRNOTAVAIL))
		return 0;
	if (err)
		netdev_warn(t->dev, "cannot %s %pI6c/64 on LAN %d: %d\n",
			    type == RTM_DELADDR ? "remove" : "add", a, ifindex,
			    err);
	return err;
}

/*
 * The LAN part of a configuration pass (process context, no lock held):
 * 2002:@site:SUBNET::1/64 on each LAN, none when @site is 0 (no public
 * IPv4 address, or the interface is down), and the addresses of LANs no
 * longer served removed.
 */
void t6_6to4_lan_configure(struct t6_dev *t, __be32 site)
{
	struct t6_6to4 *s = &t->sixtofour;
	struct t6_6to4_lan *snap, *l;
	unsigned int i, n, ngone;
	struct in6_addr want;
	bool again = false;

	snap = kmalloc_array(2 * T6_6TO4_LAN_MAX, sizeof(*snap), GFP_KERNEL);
	if (!snap)
		return;
	mutex_lock(&t->lock);
	n = s->nlans;
	memcpy(snap, s->lans, n * sizeof(*snap));
	ngone = s->ngone;
	memcpy(snap + n, s->gone, ngone * sizeof(*snap));
	s->ngone = 0;
	mutex_unlock(&t->lock);

	for (i = n; i < n + ngone; i++)
		lan_addr(t, snap[i].ifindex, RTM_DELADDR, &snap[i].addr);
	for (i = 0; i < n; i++) {
		want = in6addr_any;
		if (site)
			t6_6to4_lan_addr(&want, site, snap[i].subnet);
		if (!ipv6_addr_any(&snap[i].addr) &&
		    !ipv6_addr_equal(&snap[i].addr, &want))
			lan_addr(t, snap[i].ifindex, RTM_DELADDR,
				 &snap[i].addr);
		/* again each pass: a LAN that went down lost it */
		if (site &&
		    lan_addr(t, snap[i].ifindex, RTM_NEWADDR, &want))
			want = in6addr_any;

		mutex_lock(&t->lock);
		l = lan_find(s, snap[i].ifindex);
		if (l && l->subnet == snap[i].subnet) {
			l->addr = want;
		} else if (!ipv6_addr_any(&want) &&
			   s->ngone < T6_6TO4_LAN_MAX) {
			/* changed under the pass: the next one cleans up */
			snap[i].addr = want;
			s->gone[s->ngone++] = snap[i];
			again = true;
		}
		mutex_unlock(&t->lock);
	}
	kfree(snap);
	if (again)
		t6_cfg_queue(t);
}

struct lan_cleanup {
	struct work_struct work;
	struct net *net;
	unsigned int n;
	struct t6_6to4_lan lans[];
};

static void lan_cleanup_work(struct work_struct *work)
{
	struct lan_cleanup *c = container_of(work, struct lan_cleanup, work);
	unsigned int i;

	for (i = 0; i < c->n; i++)
		t6_rtcfg_addr(c->net, c->lans[i].ifindex, RTM_DELADDR,
			      &c->lans[i].addr, 64);
	put_net(c->net);
	kfree(c);
}

/*
 * ndo_uninit (RTNL held, no pass will run again): the addresses the
 * passes put on the LANs go too, from t6_wq as rtnetlink needs RTNL.  A
 * namespace on its way out takes its LANs' addresses with it.
 */
void t6_6to4_lan_uninit(struct t6_dev *t)
{
	struct t6_6to4 *s = &t->sixtofour;
	struct lan_cleanup *c;
	unsigned int i;

	c = kzalloc(struct_size(c, lans, s->nlans + s->ngone), GFP_KERNEL);
	if (!c)
		return;
	for (i = 0; i < s->nlans; i++)
		if (!ipv6_addr_any(&s->lans[i].addr))
			c->lans[c->n++] = s->lans[i];
	for (i = 0; i < s->ngone; i++)
		c->lans[c->n++] = s->gone[i];
	c->net = c->n ? maybe_get_net(t->net) : NULL;
	if (!c->net) {
		kfree(c);
		return;
	}
	INIT_WORK(&c->work, lan_cleanup_work);
	queue_work(t6_wq, &c->work);
}
