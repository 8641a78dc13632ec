// SPDX-License-Identifier: GPL-2.0
/*
 * ISATAP (RFC 5214): the next-hop rule, the receive checks of 7.3 and
 * 8.3.3 (RAs only from PRL members), the router side (a unicast RA in
 * answer to each RS, 8.2) and the kind's hooks.  isatap_rd.c holds the PRL
 * and its solicitation timers.
 *
 * Addresses: addrconf gives an ARPHRD_SIT device with IFF_ISATAP the
 * link-local ISATAP address of dev->dev_addr (our primary IPv4 address) and
 * forms SLAAC addresses from RAs with the same interface identifier; we add
 * the link-local addresses of the other IPv4 addresses we cover.  addrconf
 * never solicits on such a device (rtr_solicits = 0): that is our job.
 */

#include <linux/icmpv6.h>
#include <linux/random.h>
#include <net/addrconf.h>
#include <net/ip6_route.h>
#include <net/ndisc.h>
#include <net/route.h>

#include "transit6.h"

/* Router side: a unicast RA from the address the RS was sent to (8.2). */
static void isatap_send_ra(struct t6_dev *t, const struct in6_addr *to,
			   __be32 our_v4)
{
	struct t6_nd_prefix pfx[T6_MAX_PREFIXES];
	struct t6_ra_params params = {
		.hop_limit = 64,
		.mtu = READ_ONCE(t->dev->mtu),
	};
	struct in6_addr saddr;
	struct t6_prefix *x;
	struct sk_buff *skb;
	unsigned int n = 0;
	size_t len;

	if (READ_ONCE(t->forwarding))
		params.router_lifetime = READ_ONCE(t->router_lifetime);
	list_for_each_entry_rcu(x, &t->isatap.prefixes, list) {
		if (n == T6_MAX_PREFIXES)
			break;
		pfx[n++] = x->p;
	}
	len = t6_nd_ra_size(n);
	skb = t6_isatap_nd_alloc(t->dev, len);
	if (!skb)
		return;
	t6_nd_build_ra(skb_put(skb, len), len, &params, pfx, n);
	t6_isatap_linklocal(&saddr, our_v4);
	ndisc_send_skb(skb, to, &saddr);
}

#define RS_SOURCE_BURST		3	/* a host's first burst of RSs */

/* Refill @b at one token a second, up to RS_SOURCE_BURST. */
static void rs_bucket_refill(struct t6_rs_bucket *b, unsigned long now)
{
	unsigned long secs = (now - b->stamp) / HZ;

	if (secs) {
		b->tokens = min_t(unsigned long, RS_SOURCE_BURST,
				  b->tokens + secs);
		b->stamp += secs * HZ;
	}
}

/*
 * An RA answers an RS to its source, several times its size: a spoofed
 * source earns its victim RAs.  Each source may have RS_SOURCE_BURST
 * answers and then one a second, all of them together ra_ratelimit.  A
 * source has two of T6_RS_BUCKETS buckets (seeded hashes, so that senders
 * cannot choose): it is answered while either holds a token, and takes one
 * from each.  A flooding source empties its own two; another host shares
 * both only by a rare double collision, so its RSs are still answered.
 * Softirq context.
 */
static bool isatap_rs_source_allow(struct t6_dev *t, const struct in6_addr *src)
{
	struct t6_isatap *i = &t->isatap;
	struct t6_rs_bucket *a, *b;
	unsigned long now = jiffies;
	u32 h = __ipv6_addr_jhash(src, i->rs_seed);
	bool allow;

	a = &i->rs_buckets[h % T6_RS_BUCKETS];
	b = &i->rs_buckets[(h / T6_RS_BUCKETS) % T6_RS_BUCKETS];
	spin_lock(&i->rs_lock);
	rs_bucket_refill(a, now);
	rs_bucket_refill(b, now);
	allow = a->tokens || b->tokens;
	if (allow) {
		/* both pay: a source's own rate stays one a second */
		a->tokens -= !!a->tokens;
		b->tokens -= !!b->tokens;
	}
	spin_unlock(&i->rs_lock);
	return allow;
}

static int isatap_rcv_rs(struct t6_dev *t, struct sk_buff *skb, int off,
			 unsigned int len, __be32 our_v4)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);

	if (t6_nd_parse_rs(skb->data + off, len))
		return T6_DROP_BAD_ICMP;
	if ((!READ_ONCE(t->forwarding) && !READ_ONCE(t->isatap.nprefixes)) ||
	    ipv6_addr_any(&ip6h->saddr) ||
	    !isatap_rs_source_allow(t, &ip6h->saddr) ||
	    !__ratelimit(&t->isatap.ra_ratelimit))
		return 0;
	isatap_send_ra(t, &ip6h->saddr, our_v4);
	return 0;
}

/* Solicit again at 80 % of the smallest lifetime, not sooner than
 * rs_interval (MinRouterSolicitInterval).
 */
static unsigned long isatap_refresh_delay(struct t6_dev *t,
					  const struct t6_ra_info *ri)
{
	u32 secs = READ_ONCE(t->rs_interval);

	if (ri->min_lifetime && ri->min_lifetime / 5 * 4 > secs)
		secs = ri->min_lifetime / 5 * 4;
	/* lifetimes run to 2^32 s: in 32 bits, secs * HZ would wrap */
	return (unsigned long)secs * HZ;
}

/*
 * addrconf forms SLAAC addresses from dev->dev_addr, our primary IPv4
 * address only; give the other covered IPv4 addresses theirs, with the
 * lifetimes of the RA (which the stack processes right after us).
 */
static void isatap_autoconf_secondaries(struct t6_dev *t, const u8 *ra,
					size_t len)
{
	struct inet6_dev *idev = __in6_dev_get(t->dev);
	const struct t6_local_addrs *l = rcu_dereference(t->local);
	struct t6_nd_prefix pfx[T6_MAX_PREFIXES];
	struct prefix_info pinfo = {
		.type = ND_OPT_PREFIX_INFO,
		.length = 4,
		.prefix_len = 64,
	};
	unsigned int n, i, j;
	struct in6_addr a;

	if (!idev || !l || l->n < 2 || !idev->cnf.autoconf ||
	    !(idev->cnf.accept_ra == 2 ||
	      (idev->cnf.accept_ra == 1 && !idev->cnf.forwarding)))
		return;
	n = t6_nd_ra_prefixes(ra, len, pfx, ARRAY_SIZE(pfx));
	for (i = 0; i < n; i++) {
		int type = ipv6_addr_type(&pfx[i].prefix);

		if (pfx[i].len != 64 || !pfx[i].valid ||
		    pfx[i].preferred > pfx[i].valid ||
		    (type & (IPV6_ADDR_MULTICAST | IPV6_ADDR_LINKLOCAL)))
			continue;
		pinfo.prefix = pfx[i].prefix;
		pinfo.autoconf = 1;
		for (j = 1; j < l->n; j++) {
			t6_isatap_addr(&a, &pfx[i].prefix, l->addr[j]);
			addrconf_prefix_rcv_add_addr(t->net, t->dev, &pinfo,
						     idev, &a, type, 0, false,
						     false, pfx[i].valid,
						     pfx[i].preferred);
		}
	}
}

/* Host side, 8.3.3: only from the link-local address of a PRL member. */
static int isatap_rcv_ra(struct t6_dev *t, struct sk_buff *skb, int off,
			 unsigned int len, __be32 outer_saddr)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	struct t6_prl_entry *e;
	struct t6_ra_info ri;

	if (!t6_isatap_router_source(&ip6h->saddr, outer_saddr))
		return T6_DROP_RA_NOT_PRL;
	e = t6_isatap_prl_lookup(t, outer_saddr);
	if (!e)
		return T6_DROP_RA_NOT_PRL;
	if (t6_nd_parse_ra(skb->data + off, len, &ri))
		return T6_DROP_BAD_ICMP;
	WRITE_ONCE(e->last_ra, jiffies ? jiffies : 1);
	WRITE_ONCE(e->unanswered, 0);
	atomic64_inc(&e->ra_rcvd);
	if (READ_ONCE(t->running))
		mod_timer(&e->rs_timer, jiffies + isatap_refresh_delay(t, &ri));
	if (ri.nprefixes)
		isatap_autoconf_secondaries(t, skb->data + off, len);
	t6_state_update(t);
	return 0;
}

/*
 * Where the ICMPv6 header of @skb starts, or 0 when it has none we police.
 * Sets @fragmented when a Fragment header came first (RFC 6980: such
 * router discovery messages are dropped).  Most packets are not ICMPv6
 * and carry no extension header: they leave at the first test.
 */
static int isatap_icmp_offset(struct sk_buff *skb, bool *fragmented)
{
	u8 nexthdr = ipv6_hdr(skb)->nexthdr;
	unsigned int fhoff = 0;
	__be16 frag_off;
	int off;

	*fragmented = false;
	if (nexthdr == IPPROTO_ICMPV6)
		return sizeof(struct ipv6hdr);
	if (!ipv6_ext_hdr(nexthdr))
		return 0;
	off = ipv6_skip_exthdr(skb, sizeof(struct ipv6hdr), &nexthdr,
			       &frag_off);
	/* a later fragment: the stack reassembles, ndisc drops (RFC 6980) */
	if (off < 0 || nexthdr != IPPROTO_ICMPV6 ||
	    (frag_off & htons(IP6_OFFSET)))
		return 0;
	*fragmented = ipv6_find_hdr(skb, &fhoff, NEXTHDR_FRAGMENT, NULL,
				    NULL) >= 0;
	return off;
}

/*
 * Police router discovery messages; anything else passes.  Nothing is
 * acted on before the message proved whole, unfragmented and with a
 * correct checksum (the stack checks the checksum only after us).
 */
static int isatap_rcv_nd(struct t6_dev *t, struct sk_buff *skb,
			 __be32 outer_saddr, __be32 outer_daddr)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	unsigned int end = sizeof(*ip6h) + ntohs(ip6h->payload_len);
	bool fragmented;
	int off;
	u8 type;

	off = isatap_icmp_offset(skb, &fragmented);
	if (!off)
		return 0;
	if (!pskb_may_pull(skb, off + sizeof(struct icmp6hdr)))
		return T6_DROP_SHORT;
	type = ((const struct icmp6hdr *)(skb->data + off))->icmp6_type;
	if (type != NDISC_ROUTER_SOLICITATION &&
	    type != NDISC_ROUTER_ADVERTISEMENT)
		return 0;
	if (fragmented)
		return T6_DROP_BAD_ICMP;
	/* the whole message, without link-layer padding, in the head */
	if (end <= off || !pskb_may_pull(skb, end))
		return T6_DROP_SHORT;
	ip6h = ipv6_hdr(skb);
	if (ip6h->hop_limit != 255 ||
	    !t6_nd_csum_ok(&ip6h->saddr, &ip6h->daddr, skb->data + off,
			   end - off))
		return T6_DROP_BAD_ICMP;
	if (type == NDISC_ROUTER_SOLICITATION)
		return isatap_rcv_rs(t, skb, off, end - off, outer_daddr);
	return isatap_rcv_ra(t, skb, off, end - off, outer_saddr);
}

/*
 * RFC 6324's loops run through routers: a node that does not forward
 * delivers or drops what it receives and sends only its own packets, so
 * the checks (and their prefix lookups) are for forwarding interfaces.
 */
static bool isatap_forwards(struct t6_dev *t)
{
	/* on the packet path: any RCU reader (BH on transmit) */
	const struct inet6_dev *idev =
		rcu_dereference_check(t->dev->ip6_ptr, rcu_read_lock_any_held());

	return idev && READ_ONCE(idev->cnf.forwarding);
}

/*
 * ISATAP traffic: from a PRL router or from the ISATAP address of the
 * outer source (strong), else anything to or from an ISATAP address
 * (weak: a spoofed ISATAP packet is ours to count).
 */
INDIRECT_CALLABLE_SCOPE
enum t6_claim t6_isatap_claim(struct t6_dev *t, const struct ipv6hdr *ip6h,
			      __be32 outer_saddr)
{
	bool from_isatap;
	__be32 v4;

	from_isatap = t6_isatap_addr_v4(&ip6h->saddr, &v4);
	if ((from_isatap && v4 == outer_saddr) ||
	    t6_isatap_prl_lookup(t, outer_saddr))
		return T6_CLAIM_STRONG;
	return from_isatap || t6_isatap_addr_v4(&ip6h->daddr, &v4) ?
	       T6_CLAIM_WEAK : T6_CLAIM_NONE;
}

INDIRECT_CALLABLE_SCOPE
int t6_isatap_rcv(struct t6_dev *t, struct sk_buff *skb, __be32 outer_saddr,
		  __be32 outer_daddr)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	__be32 v4;

	/* 7.3: from a PRL member, or an on-link ISATAP source of its own */
	if (!t6_isatap_prl_lookup(t, outer_saddr) &&
	    !(t6_isatap_embeds(&ip6h->saddr, outer_saddr) &&
	      ipv6_chk_prefix(&ip6h->saddr, t->dev)))
		return T6_DROP_SPOOFED;
	/*
	 * RFC 6324 3.3: an off-link destination that embeds one of our own
	 * IPv4 addresses would be sent straight back to us.
	 */
	if (t6_isatap_addr_v4(&ip6h->daddr, &v4) && t6_local_has_rcu(t, v4) &&
	    isatap_forwards(t) && !ipv6_chk_prefix(&ip6h->daddr, t->dev))
		return T6_DROP_LOOP;
	return isatap_rcv_nd(t, skb, outer_saddr, outer_daddr);
}

/*
 * On-link next hops (link-local, or an on-link prefix) and routers are
 * reached at the IPv4 address their ISATAP interface identifier embeds.
 */
INDIRECT_CALLABLE_SCOPE
int t6_isatap_nexthop(struct t6_dev *t, struct sk_buff *skb, __be32 *daddr,
		      __be32 *saddr)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	struct dst_entry *dst = skb_dst(skb);
	const struct in6_addr *nh;
	__be32 v4;

	if (!dst)
		return T6_DROP_NO_NEXTHOP;
	nh = rt6_nexthop(container_of(dst, struct rt6_info, dst),
			 &ip6h->daddr);
	if (!t6_isatap_addr_v4(nh, &v4) || !t6_isatap_v4_usable(v4))
		return T6_DROP_NO_NEXTHOP;
	*daddr = v4;
	*saddr = t->fixed_local;

	/* outer source = the IPv4 address the inner source embeds (7.3) */
	if (t6_isatap_addr_v4(&ip6h->saddr, &v4) && t6_local_has_rcu(t, v4)) {
		if (!(ipv6_addr_type(&ip6h->saddr) & IPV6_ADDR_LINKLOCAL) &&
		    isatap_forwards(t) && !ipv6_chk_prefix(&ip6h->saddr, t->dev))
			return T6_DROP_LOOP;	/* RFC 6324 3.3 */
		*saddr = v4;
	}
	return 0;
}

static int isatap_init(struct t6_dev *t)
{
	INIT_LIST_HEAD(&t->isatap.prl);
	INIT_LIST_HEAD(&t->isatap.prefixes);
	ratelimit_state_init(&t->isatap.ra_ratelimit, HZ, 100);
	ratelimit_set_flags(&t->isatap.ra_ratelimit, RATELIMIT_MSG_ON_RELEASE);
	spin_lock_init(&t->isatap.rs_lock);
	t->isatap.rs_seed = get_random_u32();
	return 0;
}

static void isatap_uninit(struct t6_dev *t)
{
	struct t6_prefix *x, *tmp;

	mutex_lock(&t->lock);
	t6_isatap_prl_flush_locked(t);
	list_for_each_entry_safe(x, tmp, &t->isatap.prefixes, list) {
		list_del_rcu(&x->list);
		kfree_rcu(x, rcu);
	}
	t->isatap.nprefixes = 0;
	kfree(t->isatap.prl_names);
	t->isatap.prl_names = NULL;
	mutex_unlock(&t->lock);
}

static void isatap_open(struct t6_dev *t)
{
	struct t6_prl_entry *e;

	list_for_each_entry(e, &t->isatap.prl, list)
		t6_isatap_prl_start(e);
}

static void isatap_stop(struct t6_dev *t)
{
	struct t6_prl_entry *e;

	list_for_each_entry(e, &t->isatap.prl, list) {
		timer_delete_sync(&e->rs_timer);
		WRITE_ONCE(e->last_ra, 0);
	}
}

/*
 * RTNL held: the link-local address of each covered IPv4 address (addrconf
 * gives the primary its own only when the interface comes up), then a
 * configuration pass for the rest.
 */
static void isatap_addrs_changed(struct t6_dev *t)
{
	struct inet6_dev *idev = __in6_dev_get(t->dev);
	const struct t6_local_addrs *l = rtnl_dereference(t->local);
	struct t6_prl_entry *e;
	struct in6_addr ll;
	unsigned int i;

	/* with no IPv4 address left, the pass takes all (carrier loss doesn't) */
	t6_cfg_queue(t);
	if (!idev || !l || !netif_carrier_ok(t->dev) ||
	    !(t->dev->flags & IFF_UP))
		return;
	for (i = 0; i < l->n; i++) {
		t6_isatap_linklocal(&ll, l->addr[i]);
		addrconf_add_linklocal(idev, &ll, 0);
	}
	/* our source address may have changed: ask the routers again */
	mutex_lock(&t->lock);
	if (t->running)
		list_for_each_entry(e, &t->isatap.prl, list)
			t6_isatap_prl_start(e);
	mutex_unlock(&t->lock);
}

#define ISATAP_CFG_MAX	32	/* changes per pass; a full pass queues another */

struct isatap_cfg {
	struct in6_addr del[ISATAP_CFG_MAX];
	u8 del_plen[ISATAP_CFG_MAX];
	struct in6_addr add[ISATAP_CFG_MAX];
	unsigned int ndel, nadd;
	bool more;
};

/* t->lock held: @a is in a published /64 */
static bool isatap_published64(struct t6_dev *t, const struct in6_addr *a)
{
	struct t6_prefix *x;

	list_for_each_entry(x, &t->isatap.prefixes, list)
		if (x->p.len == 64 && ipv6_prefix_equal(&x->p.prefix, a, 64))
			return true;
	return false;
}

static bool isatap_has_addr(struct inet6_dev *idev, const struct in6_addr *a)
{
	const struct inet6_ifaddr *ifp;

	list_for_each_entry(ifp, &idev->addr_list, if_list)
		if (ipv6_addr_equal(&ifp->addr, a))
			return true;
	return false;
}

/*
 * RTNL and t->lock held, interface running: what the pass changes.  Away
 * go the addresses of an IPv4 address no longer covered (its link-local
 * and SLAAC ones, our router addresses) and our router addresses in a /64
 * no longer published; each covered IPv4 address gets its router address
 * in each published /64.  Nothing else is touched.
 */
static void isatap_cfg_plan(struct t6_dev *t, struct isatap_cfg *c)
{
	struct inet6_dev *idev = __in6_dev_get(t->dev);
	const struct t6_local_addrs *l = rtnl_dereference(t->local);
	const struct inet6_ifaddr *ifp;
	struct t6_prefix *x;
	struct in6_addr a;
	unsigned int i;
	__be32 v4;

	if (!idev || !l)
		return;
	read_lock_bh(&idev->lock);
	list_for_each_entry(ifp, &idev->addr_list, if_list) {
		if (!t6_isatap_addr_v4(&ifp->addr, &v4) ||
		    (t6_local_has_rcu(t, v4) &&
		     (ifp->ifa_proto != T6_IFA_PROTO ||
		      isatap_published64(t, &ifp->addr))))
			continue;
		if (c->ndel == ISATAP_CFG_MAX) {
			c->more = true;
			break;
		}
		c->del_plen[c->ndel] = ifp->prefix_len;
		c->del[c->ndel++] = ifp->addr;
	}
	list_for_each_entry(x, &t->isatap.prefixes, list) {
		if (x->p.len != 64)
			continue;
		for (i = 0; i < l->n; i++) {
			t6_isatap_addr(&a, &x->p.prefix, l->addr[i]);
			if (isatap_has_addr(idev, &a))
				continue;
			if (c->nadd == ISATAP_CFG_MAX) {
				c->more = true;
				break;
			}
			c->add[c->nadd++] = a;
		}
	}
	read_unlock_bh(&idev->lock);
}

/*
 * The router's own addresses (PREFIX::5efe:V4/64, which also give the
 * kernel the prefix route toward the hosts) follow the published prefixes
 * and the covered IPv4 addresses, and an IPv4 address that goes takes its
 * IPv6 addresses along, leaving the others (SLAAC, static, routes) alone.
 */
static void isatap_configure(struct t6_dev *t)
{
	struct isatap_cfg *c;
	unsigned int i;

	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return;
	rtnl_lock();
	mutex_lock(&t->lock);
	if (!t->dead && t->running)
		isatap_cfg_plan(t, c);
	mutex_unlock(&t->lock);
	rtnl_unlock();

	for (i = 0; i < c->ndel; i++)
		if (t6_rtcfg_pass_addr(t, RTM_DELADDR, &c->del[i],
				       c->del_plen[i]))
			goto out;
	for (i = 0; i < c->nadd; i++)
		if (t6_rtcfg_pass_addr(t, RTM_NEWADDR, &c->add[i], 64))
			goto out;
	if (c->more)
		t6_cfg_queue(t);
out:
	kfree(c);
}

static void isatap_state(struct t6_dev *t, enum t6_state *state,
			 enum t6_reason *reason)
{
	struct t6_prl_entry *e;
	bool unreachable = false;

	*state = T6_STATE_PROBE;
	*reason = T6_REASON_NONE;
	if (t->forwarding) {
		*state = T6_STATE_QUALIFIED;
		return;
	}
	if (list_empty(&t->isatap.prl)) {
		*reason = T6_REASON_NO_ROUTER;
		return;
	}
	list_for_each_entry(e, &t->isatap.prl, list) {
		unsigned int unanswered = READ_ONCE(e->unanswered);

		if (READ_ONCE(e->last_ra) && unanswered <= T6_RS_BURST) {
			*state = T6_STATE_QUALIFIED;
			return;
		}
		unreachable |= unanswered > T6_RS_BURST;
	}
	if (unreachable)
		*reason = T6_REASON_ROUTER_UNREACHABLE;
}

static const struct t6_proto41_ops isatap_proto41 = {
	.claim		= t6_isatap_claim,
	.rcv		= t6_isatap_rcv,
	.nexthop	= t6_isatap_nexthop,
};

const struct t6_kind_ops t6_isatap_ops = {
	.kind		= T6_KIND_ISATAP,
	.no_ipv4	= T6_REASON_NO_IPV4,
	.init		= isatap_init,
	.uninit		= isatap_uninit,
	.open		= isatap_open,
	.stop		= isatap_stop,
	.addrs_changed	= isatap_addrs_changed,
	.configure	= isatap_configure,
	.nl_attr	= T6A_ISATAP,
	.nl_wrong_kind	= "not an ISATAP interface",
	.fill		= t6_isatap_fill,
	.set		= t6_isatap_set,
	.cmds		= t6_isatap_cmds,
	.n_cmds		= ARRAY_SIZE(t6_isatap_cmds),
	.proto41	= &isatap_proto41,
	.state		= isatap_state,
};
