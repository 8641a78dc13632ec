// SPDX-License-Identifier: GPL-2.0
/*
 * 6to4 (RFC 3056) with the checks of RFC 3964 5 and the relay rules of
 * RFC 7526: the kind's receive checks, next hop and configuration.
 *
 * The interface covers the host's public IPv4 addresses (local.c, filtered
 * by sixtofour_covers()).  For each it carries 2002:V4::V4/16, which also
 * gives the 2002::/16 route, and with a relay configured a default route
 * via the relay's 6to4 address at T6_6TO4_RELAY_METRIC, which native IPv6
 * beats.  rtcfg.c sets both from a work item, as "ip" would.
 */

#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/ip6_route.h>

#include "transit6.h"

static bool sixtofour_covers(const struct t6_dev *t, __be32 a)
{
	/* a relay also answers at the anycast address of RFC 3068 */
	return t6_6to4_v4_public(a) ||
	       (READ_ONCE(t->sixtofour.role) == T6_6TO4_RELAY &&
		ipv4_is_anycast_6to4(a));
}

/*
 * 6to4 traffic: from the site its 2002: source embeds, or from our relay
 * (strong); else anything to or from 2002::/16 (weak).
 */
INDIRECT_CALLABLE_SCOPE
enum t6_claim t6_6to4_claim(struct t6_dev *t, const struct ipv6hdr *ip6h,
			    __be32 outer_saddr)
{
	__be32 relay = READ_ONCE(t->sixtofour.relay);
	bool from_6to4;
	__be32 v4;

	from_6to4 = t6_6to4_addr_v4(&ip6h->saddr, &v4);
	if (from_6to4 && v4 == outer_saddr)
		return T6_CLAIM_STRONG;
	if (!from_6to4 && !t6_6to4_addr_v4(&ip6h->daddr, &v4))
		return T6_CLAIM_NONE;
	return relay && outer_saddr == relay ? T6_CLAIM_STRONG : T6_CLAIM_WEAK;
}

/*
 * RFC 3964 5.2, in the order that names the most specific reason: IPv4
 * addresses (outer and embedded), then the source's right to send, then
 * the destination, then the IPv6 ranges no 6to4 packet carries.
 */
INDIRECT_CALLABLE_SCOPE
int t6_6to4_rcv(struct t6_dev *t, struct sk_buff *skb, __be32 outer_saddr,
		__be32 outer_daddr)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	__be32 relay = READ_ONCE(t->sixtofour.relay);
	bool from_relay = relay && outer_saddr == relay;
	__be32 v4;

	if (!from_relay && !t6_6to4_v4_public(outer_saddr))
		return T6_DROP_BAD_ADDR4;
	/*
	 * Each 2002: address is checked here as t6_6to4_v6_forbidden()
	 * would (its IPv4 address public); the ranges are left for below.
	 */
	if (t6_6to4_addr_v4(&ip6h->saddr, &v4)) {
		if (!t6_6to4_v4_public(v4))
			return T6_DROP_BAD_ADDR4;
		/* the site's own router sent it, or our relay relayed it */
		if (v4 != outer_saddr && !from_relay)
			return T6_DROP_SPOOFED;
	} else if (!from_relay &&
		   READ_ONCE(t->sixtofour.native_from) == T6_6TO4_NATIVE_RELAY) {
		/*
		 * Native IPv6 comes back through the relay nearest to its
		 * sender (RFC 3056 5.2), so by default from any public IPv4
		 * address; a site that knows all its relays can insist on
		 * the one it chose (RFC 3964 5.2).
		 */
		return T6_DROP_NOT_RELAY;
	}
	if (t6_6to4_addr_v4(&ip6h->daddr, &v4)) {
		if (!t6_6to4_v4_public(v4))
			return T6_DROP_BAD_ADDR4;
		/* ours, or it would go straight back out (RFC 6324) */
		if (!t6_local_has_rcu(t, v4))
			return T6_DROP_DST_MISMATCH;
	} else if (READ_ONCE(t->sixtofour.role) != T6_6TO4_RELAY) {
		/* only a relay forwards from 6to4 to native IPv6 */
		return T6_DROP_DST_MISMATCH;
	}
	if (t6_6to4_v6_range_forbidden(&ip6h->saddr) ||
	    t6_6to4_v6_range_forbidden(&ip6h->daddr))
		return T6_DROP_BAD_ADDR6;
	return 0;
}

/*
 * The IPv4 next hop is the address the IPv6 next hop embeds (2002::/16),
 * else the relay.  The outer source is the IPv4 address the inner source
 * embeds, which must be ours (RFC 3964 5.1); a relay sends native sources
 * from whichever address IPv4 routing picks.
 */
INDIRECT_CALLABLE_SCOPE
int t6_6to4_nexthop(struct t6_dev *t, struct sk_buff *skb, __be32 *daddr,
		    __be32 *saddr)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	struct dst_entry *dst = skb_dst(skb);
	bool relay_role = READ_ONCE(t->sixtofour.role) == T6_6TO4_RELAY;
	__be32 relay = READ_ONCE(t->sixtofour.relay);
	const struct in6_addr *nh = &ip6h->daddr;
	bool d6to4, s6to4, nh6to4;
	__be32 v4, dv4, sv4;

	/* no link-layer multicast: MLD and RS of addrconf end here */
	if (ipv6_addr_is_multicast(&ip6h->daddr))
		return T6_DROP_NO_NEXTHOP;
	/* each address parsed once: this runs for every packet */
	d6to4 = t6_6to4_addr_v4(&ip6h->daddr, &dv4);
	s6to4 = t6_6to4_addr_v4(&ip6h->saddr, &sv4);
	if (dst)
		nh = rt6_nexthop(container_of(dst, struct rt6_info, dst),
				 &ip6h->daddr);
	if (nh == &ip6h->daddr) {
		nh6to4 = d6to4;
		v4 = dv4;
	} else {
		nh6to4 = t6_6to4_addr_v4(nh, &v4);
	}
	if (nh6to4) {
		if (!t6_6to4_v4_public(v4) && v4 != relay)
			return T6_DROP_BAD_ADDR4;
		*daddr = v4;
	} else if (relay && !relay_role) {
		*daddr = relay;
	} else {
		return T6_DROP_NO_NEXTHOP;
	}
	if (relay && *daddr == relay)
		this_cpu_write(t->pcpu->relay_used, jiffies ? jiffies : 1);
	/* 2002:<ours>:: that is not on this host would come back to us */
	if (d6to4 && t6_local_has_rcu(t, dv4))
		return T6_DROP_LOOP;

	*saddr = t->fixed_local;
	if (s6to4) {
		if (!t6_local_has_rcu(t, sv4))
			return T6_DROP_SPOOFED;
		*saddr = sv4;
	} else if (!relay_role) {
		/* a host or site router sends from its 6to4 prefix only */
		return T6_DROP_SPOOFED;
	}
	/* t6_6to4_v6_forbidden() of both, from what is parsed already */
	if (t6_6to4_v6_range_forbidden(&ip6h->saddr) ||
	    t6_6to4_v6_range_forbidden(&ip6h->daddr) ||
	    (s6to4 && !t6_6to4_v4_public(sv4)) ||
	    (d6to4 && !t6_6to4_v4_public(dv4)))
		return T6_DROP_BAD_ADDR6;
	return 0;
}

/*
 * RTNL held, so t->local is the set this pass configures from: the
 * 2002:V4::V4 addresses on the device whose V4 it does not cover, at most
 * T6_MAX_LOCAL_ADDRS of them.  A pass that read the IPv4 addresses just
 * before one went away adds an address nobody removes (the restart in
 * local.c came first), so each pass also takes away what is stale.
 */
static unsigned int sixtofour_stale(struct t6_dev *t, struct in6_addr *stale,
				    bool *more)
{
	struct inet6_dev *idev = __in6_dev_get(t->dev);
	const struct inet6_ifaddr *ifp;
	unsigned int k = 0;
	__be32 v4;

	*more = false;
	if (!idev)
		return 0;
	read_lock_bh(&idev->lock);
	list_for_each_entry(ifp, &idev->addr_list, if_list) {
		/* own addresses embed public IPv4 only: what a pass adds */
		if (!t6_6to4_addr_is_own(&ifp->addr, &v4) ||
		    t6_local_has_rcu(t, v4))
			continue;
		if (k == T6_MAX_LOCAL_ADDRS) {
			*more = true;
			break;
		}
		stale[k++] = ifp->addr;
	}
	read_unlock_bh(&idev->lock);
	return k;
}

/*
 * Bring the namespace's addresses and routes in line with the interface:
 * 2002:V4::V4/16 for each public IPv4 address and none for others, and
 * the default route via the relay (t6_cfg_queue()).
 */
static void sixtofour_configure(struct t6_dev *t)
{
	__be32 v4[T6_MAX_LOCAL_ADDRS], relay, old_relay;
	struct in6_addr stale[T6_MAX_LOCAL_ADDRS];
	const struct t6_local_addrs *l;
	int ifindex = t->dev->ifindex;
	unsigned int i, n = 0, k = 0;
	bool up, more = false;
	struct in6_addr a;

	rtnl_lock();
	mutex_lock(&t->lock);
	up = !t->dead && t->running;
	l = rtnl_dereference(t->local);
	for (i = 0; up && l && i < l->n; i++)
		if (t6_6to4_v4_public(l->addr[i]))
			v4[n++] = l->addr[i];
	relay = t->sixtofour.role == T6_6TO4_HOST && n ? t->sixtofour.relay : 0;
	old_relay = t->sixtofour.route_relay;
	t->sixtofour.route_relay = up ? relay : 0;
	mutex_unlock(&t->lock);
	if (up)
		k = sixtofour_stale(t, stale, &more);
	rtnl_unlock();
	if (!up) {
		/* no 6to4 site while down: the LANs lose their prefix */
		if (!t->dead)
			t6_6to4_lan_configure(t, 0);
		return;
	}

	for (i = 0; i < k; i++)
		if (t6_rtcfg_pass_addr(t, RTM_DELADDR, &stale[i], 16))
			return;
	for (i = 0; i < n; i++) {
		t6_6to4_addr(&a, v4[i]);
		if (t6_rtcfg_pass_addr(t, RTM_NEWADDR, &a, 16))
			return;
	}
	if (old_relay && old_relay != relay) {
		t6_6to4_addr(&a, old_relay);
		t6_rtcfg_default_route(t->net, ifindex, RTM_DELROUTE, &a,
				       T6_6TO4_RELAY_METRIC);
	}
	if (relay) {
		int err;

		t6_6to4_addr(&a, relay);
		err = t6_rtcfg_default_route(t->net, ifindex, RTM_NEWROUTE, &a,
					     T6_6TO4_RELAY_METRIC);
		if (err && err != -ENODEV)
			netdev_warn(t->dev, "cannot add default via %pI6c: %d\n",
				    &a, err);
	}
	t6_6to4_lan_configure(t, n ? v4[0] : 0);
	if (more)
		t6_cfg_queue(t);
}

const struct nla_policy t6_6to4_set_policy[T6A_6TO4_MAX + 1] = {
	[T6A_6TO4_ROLE]		= NLA_POLICY_MAX(NLA_U8, __T6_6TO4_ROLE_MAX - 1),
	[T6A_6TO4_NATIVE_FROM]	= NLA_POLICY_MAX(NLA_U8,
						 __T6_6TO4_NATIVE_MAX - 1),
	[T6A_6TO4_RELAY_ADDR]	= NLA_POLICY_EXACT_LEN(sizeof(struct in_addr)),
	[T6A_6TO4_RELAY_NAME]	= { .type = NLA_NUL_STRING,
				    .len = T6_RELAY_NAME_MAX - 1 },
	[T6A_6TO4_LAN]		= NLA_POLICY_NESTED(t6_6to4_lan_policy),
	[T6A_6TO4_LAN_DEL]	= { .type = NLA_U32 },
};

/* When a packet last went to the relay, on any CPU; 0: none since set. */
static unsigned long sixtofour_relay_used(struct t6_dev *t)
{
	unsigned long used = 0, u;
	int cpu;

	for_each_possible_cpu(cpu) {
		u = READ_ONCE(per_cpu_ptr(t->pcpu, cpu)->relay_used);
		if (u && (!used || time_after(u, used)))
			used = u;
	}
	return used;
}

static void sixtofour_relay_used_clear(struct t6_dev *t)
{
	int cpu;

	for_each_possible_cpu(cpu)
		WRITE_ONCE(per_cpu_ptr(t->pcpu, cpu)->relay_used, 0);
}

static int sixtofour_fill(struct t6_dev *t, struct sk_buff *skb)
{
	unsigned long used;
	int err;

	mutex_lock(&t->lock);
	used = sixtofour_relay_used(t);
	err = nla_put_u8(skb, T6A_6TO4_ROLE, t->sixtofour.role) ||
	      nla_put_u8(skb, T6A_6TO4_NATIVE_FROM,
			 t->sixtofour.native_from) ||
	      nla_put_in_addr(skb, T6A_6TO4_RELAY_ADDR, t->sixtofour.relay) ||
	      (t->sixtofour.relay_name[0] &&
	       nla_put_string(skb, T6A_6TO4_RELAY_NAME, t->sixtofour.relay_name)) ||
	      (used && nla_put_u64_64bit(skb, T6A_6TO4_RELAY_LAST_USED,
					 jiffies_to_msecs(jiffies - used),
					 T6A_6TO4_PAD)) ||
	      t6_6to4_lan_fill(t, skb);
	mutex_unlock(&t->lock);
	return err ? -EMSGSIZE : 0;
}

/*
 * RTNL held.  Checked before any is applied; a new role changes which IPv4
 * addresses the interface covers, so they are collected again.
 */
static int sixtofour_set(struct t6_dev *t, const struct nlattr *nest,
			 struct netlink_ext_ack *extack)
{
	struct nlattr *attrs[T6A_6TO4_MAX + 1];
	struct t6_6to4 *s = &t->sixtofour;
	bool relocal = false;
	__be32 relay = 0;
	int err;

	err = nla_parse_nested(attrs, T6A_6TO4_MAX, nest, t6_6to4_set_policy,
			       extack);
	if (err)
		return err;
	if (attrs[T6A_6TO4_RELAY_ADDR]) {
		relay = nla_get_in_addr(attrs[T6A_6TO4_RELAY_ADDR]);
		if (relay && !t6_6to4_v4_public(relay) &&
		    !ipv4_is_anycast_6to4(relay)) {
			NL_SET_ERR_MSG_ATTR(extack, attrs[T6A_6TO4_RELAY_ADDR],
					    "relay must be a public IPv4 address or in 192.88.99.0/24");
			return -EINVAL;
		}
	}
	err = t6_6to4_lan_apply(t, attrs, extack);
	if (err)
		return err;
	mutex_lock(&t->lock);
	if (attrs[T6A_6TO4_RELAY_ADDR]) {
		if (relay != s->relay)
			sixtofour_relay_used_clear(t);
		WRITE_ONCE(s->relay, relay);
		s->relay_name[0] = '\0';
	}
	if (attrs[T6A_6TO4_RELAY_NAME])
		nla_strscpy(s->relay_name, attrs[T6A_6TO4_RELAY_NAME],
			    sizeof(s->relay_name));
	if (attrs[T6A_6TO4_NATIVE_FROM])
		WRITE_ONCE(s->native_from,
			   nla_get_u8(attrs[T6A_6TO4_NATIVE_FROM]));
	if (attrs[T6A_6TO4_ROLE]) {
		u8 role = nla_get_u8(attrs[T6A_6TO4_ROLE]);

		relocal = role != s->role;
		WRITE_ONCE(s->role, role);
	}
	mutex_unlock(&t->lock);
	if (relocal && !t->dead)
		t6_local_update(t);
	t6_cfg_queue(t);
	return 0;
}

/* Two would claim the same addresses and 2002::/16. */
static int sixtofour_newlink(struct t6_dev *t, struct netlink_ext_ack *extack)
{
	struct t6_dev *other;

	list_for_each_entry(other, t6_net_devs(t->net), list) {
		if (other->ops->kind == T6_KIND_6TO4) {
			NL_SET_ERR_MSG(extack,
				       "this namespace has a 6to4 interface already");
			return -EEXIST;
		}
	}
	return 0;
}

static void sixtofour_open(struct t6_dev *t)
{
	struct inet6_dev *idev = __in6_dev_get(t->dev);

	/* nobody answers a Router Solicitation on 6to4 */
	if (idev)
		WRITE_ONCE(idev->cnf.rtr_solicits, 0);
	t6_cfg_queue(t);
}

static void sixtofour_stop(struct t6_dev *t)
{
	/* the kernel removes the addresses and routes of a down device */
	t->sixtofour.route_relay = 0;
	/* not those on the LANs */
	t6_cfg_queue(t);
}

static void sixtofour_addrs_changed(struct t6_dev *t)
{
	t6_cfg_queue(t);
}

static void sixtofour_state(struct t6_dev *t, enum t6_state *state,
			    enum t6_reason *reason)
{
	*state = T6_STATE_QUALIFIED;
	*reason = T6_REASON_NONE;
}

static const struct t6_proto41_ops sixtofour_proto41 = {
	.covers		= sixtofour_covers,
	.claim		= t6_6to4_claim,
	.rcv		= t6_6to4_rcv,
	.nexthop	= t6_6to4_nexthop,
};

const struct t6_kind_ops t6_6to4_ops = {
	.kind		= T6_KIND_6TO4,
	.no_ipv4	= T6_REASON_NO_PUBLIC_IPV4,
	.newlink	= sixtofour_newlink,
	.open		= sixtofour_open,
	.stop		= sixtofour_stop,
	.addrs_changed	= sixtofour_addrs_changed,
	.netdev_event	= t6_6to4_lan_netdev_event,
	.uninit		= t6_6to4_lan_uninit,
	.configure	= sixtofour_configure,
	.nl_attr	= T6A_6TO4,
	.nl_wrong_kind	= "not a 6to4 interface",
	.fill		= sixtofour_fill,
	.set		= sixtofour_set,
	.proto41	= &sixtofour_proto41,
	.state		= sixtofour_state,
};
