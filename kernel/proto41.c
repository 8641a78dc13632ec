// SPDX-License-Identifier: GPL-2.0
/*
 * Protocol 41 (IPv6 in IPv4, RFC 4213) for the ISATAP and 6to4 kinds:
 * one tunnel4 handler for receive and the shared transmit tail.  Each kind
 * only says which device a packet is for, whether it may pass, and which
 * IPv4 next hop a packet goes to.
 */

#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <net/icmp.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ip_tunnels.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <net/xfrm.h>

#include "transit6.h"

/*
 * tunnel4 runs its protocol-41 handlers in ascending priority until one
 * consumes the packet: vti 0, sit 1, xfrm_interface 2, xfrm4_tunnel 3.
 * The last two consume (drop) everything without an IPsec SA, so a handler
 * behind them never sees a packet once either module is loaded.  We go
 * first and decline (return 1) whatever none of our devices covers, so sit
 * and IPsec still get their packets.
 */
#define T6_PROTO41_PRIORITY	(-10)

/* @t is an up protocol-41 device that covers @daddr. */
static bool proto41_covers(struct t6_dev *t, __be32 daddr)
{
	return t->ops->proto41 && (t->dev->flags & IFF_UP) &&
	       t6_local_has_rcu(t, daddr);
}

/* The first such device (for ICMP errors). */
static struct t6_dev *proto41_lookup(struct net *net, __be32 daddr)
{
	struct t6_dev *t;

	list_for_each_entry_rcu(t, t6_net_devs(net), list) {
		if (proto41_covers(t, daddr))
			return t;
	}
	return NULL;
}

/* The inner header must be a whole IPv6 header of a consistent length. */
static int proto41_check_inner(struct sk_buff *skb)
{
	const struct ipv6hdr *ip6h;

	if (!pskb_may_pull(skb, sizeof(*ip6h)))
		return T6_DROP_SHORT;
	ip6h = (const struct ipv6hdr *)skb->data;
	if (ip6h->version != 6 || !ip6h->payload_len)
		return T6_DROP_MALFORMED;
	if (sizeof(*ip6h) + ntohs(ip6h->payload_len) > skb->len)
		return T6_DROP_SHORT;
	return 0;
}

/*
 * The device whose traffic @skb is, among those that cover its outer
 * destination: the first strong claim, else the first weak one (enum
 * t6_claim).  NULL declines the packet.  A malformed inner packet cannot
 * be told apart: the first covering device counts it in @reason.
 */
static struct t6_dev *proto41_claimant(struct sk_buff *skb, __be32 saddr,
				       __be32 daddr, int *reason)
{
	struct t6_dev *t, *weak = NULL;
	bool checked = false;

	*reason = 0;
	list_for_each_entry_rcu(t, t6_net_devs(dev_net(skb->dev)), list) {
		enum t6_claim claim;

		if (!proto41_covers(t, daddr))
			continue;
		if (!checked) {
			checked = true;
			*reason = proto41_check_inner(skb);
			if (*reason)
				return t;
		}
		claim = INDIRECT_CALL_2(t->ops->proto41->claim, t6_6to4_claim,
					t6_isatap_claim, t, (void *)skb->data,
					saddr);
		if (claim == T6_CLAIM_STRONG)
			return t;
		if (claim == T6_CLAIM_WEAK && !weak)
			weak = t;
	}
	return weak;
}

static int t6_proto41_rcv(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	__be32 saddr = iph->saddr, daddr = iph->daddr;
	struct t6_dev *t;
	int reason, err;

	t = proto41_claimant(skb, saddr, daddr, &reason);
	if (!t)
		return 1;

	/* outer header stays reachable as the mac header */
	skb->mac_header = skb->network_header;
	skb_reset_network_header(skb);
	IPCB(skb)->flags = 0;
	skb->dev = t->dev;

	if (!reason)
		reason = INDIRECT_CALL_2(t->ops->proto41->rcv, t6_6to4_rcv,
					 t6_isatap_rcv, t, skb, saddr, daddr);
	if (reason)
		goto drop;

	if (iptunnel_pull_header(skb, 0, htons(ETH_P_IPV6), false))
		goto err;
	/* the pull may have reallocated the head */
	iph = (const struct iphdr *)skb_mac_header(skb);
	skb_reset_mac_header(skb);
	err = IP_ECN_decapsulate(iph, skb);
	if (unlikely(err > 1)) {
		DEV_STATS_INC(t->dev, rx_frame_errors);
		goto err;
	}
	dev_sw_netstats_rx_add(t->dev, skb->len);
	/*
	 * As sit: GRO for protocol 41 happens on the way in, at the outer
	 * header (the kernel's IPPROTO_IPV6 offload), before tunnel4.  A
	 * second pass through per-device GRO cells found little left to
	 * merge and cost small packets a third of their rate on 6.12.
	 */
	netif_rx(skb);
	return 0;

drop:
	t6_drop_count(t, reason);
err:
	DEV_STATS_INC(t->dev, rx_errors);
	kfree_skb(skb);
	return 0;
}

/* ICMPv4 errors about packets we sent: learn the path MTU, as sit does. */
static int t6_proto41_err(struct sk_buff *skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	const int type = icmp_hdr(skb)->type;
	const int code = icmp_hdr(skb)->code;
	struct net *net = dev_net(skb->dev);
	struct t6_dev *t;

	t = proto41_lookup(net, iph->saddr);
	if (!t)
		return -ENOENT;
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED) {
		ipv4_update_pmtu(skb, net, info, t->link, IPPROTO_IPV6);
		return 0;
	}
	if (type == ICMP_REDIRECT) {
		ipv4_redirect(skb, net, t->link, IPPROTO_IPV6);
		return 0;
	}
	if (type == ICMP_DEST_UNREACH || type == ICMP_TIME_EXCEEDED)
		ip6_err_gen_icmpv6_unreach(skb, iph->ihl * 4, type, 0);
	return 0;
}

static struct xfrm_tunnel t6_proto41_handler __read_mostly = {
	.handler	= t6_proto41_rcv,
	.err_handler	= t6_proto41_err,
	.priority	= T6_PROTO41_PRIORITY,
};

/*
 * The outer route, cached per CPU for the last destination that CPU sent
 * to.  sit keeps one cache per device, so with changing destinations it
 * looks the route up every time; a flow to one peer hits here.
 */
struct rtable *t6_route_cached(struct t6_dev *t, struct flowi4 *fl4)
{
	struct t6_route_key *key = this_cpu_ptr(&t->pcpu->route_key);
	struct t6_route_key want = {
		.daddr = fl4->daddr,
		.saddr = fl4->saddr,
		.tos = fl4->flowi4_tos,
		.mark = fl4->flowi4_mark,
	};
	struct rtable *rt;

	if (!memcmp(key, &want, sizeof(want))) {
		rt = dst_cache_get_ip4(&t->dst_cache, &fl4->saddr);
		if (rt)
			return rt;
	}
	rt = ip_route_output_key(t->net, fl4);
	if (IS_ERR(rt))
		return rt;
	dst_cache_set_ip4(&t->dst_cache, &rt->dst, fl4->saddr);
	*key = want;
	return rt;
}

static void proto41_tx_drop(struct t6_dev *t, struct sk_buff *skb,
			    enum t6_drop reason)
{
	DEV_STATS_INC(t->dev, tx_errors);
	t6_drop(t, skb, reason);
}

/* Encapsulate @skb (IPv6, head checked) to @daddr; consumes @skb. */
void t6_proto41_xmit(struct t6_dev *t, struct sk_buff *skb,
		     __be32 daddr, __be32 saddr)
{
	struct net_device *dev = t->dev;
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	u8 dsfield = ipv6_get_dsfield(ip6h);
	u8 tos = t->tos_inherit ? dsfield & INET_DSCP_MASK : 0;
	__be16 df = htons(IP_DF);
	struct flowi4 fl4;
	struct rtable *rt;
	int mtu;

	flowi4_init_output(&fl4, t->link, skb->mark, tos, RT_SCOPE_UNIVERSE,
			   IPPROTO_IPV6, 0, daddr, saddr, 0, 0,
			   sock_net_uid(t->net, NULL));
	rt = t6_route_cached(t, &fl4);
	if (IS_ERR(rt)) {
		dst_link_failure(skb);
		proto41_tx_drop(t, skb, T6_DROP_NO_ROUTE);
		return;
	}
	if ((rt->rt_type != RTN_UNICAST && rt->rt_type != RTN_LOCAL) ||
	    rt->dst.dev == dev) {
		ip_rt_put(rt);
		proto41_tx_drop(t, skb, T6_DROP_NO_ROUTE);
		return;
	}

	mtu = dst_mtu(&rt->dst) - sizeof(struct iphdr);
	if (mtu < IPV6_MIN_MTU) {
		/* RFC 4213 3.2: fragment in IPv4 rather than go below 1280 */
		mtu = IPV6_MIN_MTU;
		df = 0;
	}
	if (skb->len > mtu && !skb_is_gso(skb)) {
		/*
		 * The IPv6 route learns it too (a per-destination exception),
		 * so our own replies, which no socket hears the PTB for, are
		 * fragmented from the next one on.
		 */
		skb_dst_update_pmtu_no_confirm(skb, mtu);
		icmpv6_ndo_send(skb, ICMPV6_PKT_TOOBIG, 0, mtu);
		ip_rt_put(rt);
		proto41_tx_drop(t, skb, T6_DROP_TOO_BIG);
		return;
	}

	if (iptunnel_handle_offloads(skb, SKB_GSO_IPXIP4) ||
	    skb_cow_head(skb, LL_RESERVED_SPACE(rt->dst.dev) +
			      sizeof(struct iphdr))) {
		ip_rt_put(rt);
		DEV_STATS_INC(dev, tx_dropped);
		kfree_skb(skb);
		return;
	}
	ip6h = ipv6_hdr(skb);
	skb_set_inner_ipproto(skb, IPPROTO_IPV6);
	iptunnel_xmit(NULL, rt, skb, fl4.saddr, fl4.daddr, IPPROTO_IPV6,
		      INET_ECN_encapsulate(tos, dsfield),
		      t->ttl ? t->ttl : ip6h->hop_limit, df, false);
}

/*
 * The route an IPv6 packet carries is usually an IPv6 route, but tc can
 * hand us one with a metadata dst (act_tunnel_key + mirred) or an IPv4
 * route (bpf_skb_change_proto + redirect): neither says where the packet
 * goes next, and reading either as an rt6_info reads past the object.
 */
static bool proto41_dst_foreign(const struct sk_buff *skb)
{
	const struct dst_entry *dst = skb_dst(skb);

	return dst && ((dst->flags & DST_METADATA) ||
		       dst->ops->family != AF_INET6);
}

netdev_tx_t t6_proto41_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct t6_dev *t = netdev_priv(dev);
	__be32 daddr = 0, saddr = 0;
	int reason;

	if (skb->protocol != htons(ETH_P_IPV6) ||
	    !pskb_network_may_pull(skb, sizeof(struct ipv6hdr))) {
		DEV_STATS_INC(dev, tx_errors);
		kfree_skb(skb);
		return NETDEV_TX_OK;
	}
	if (unlikely(proto41_dst_foreign(skb))) {
		/* no dst_link_failure(): that is the foreign dst's too */
		proto41_tx_drop(t, skb, T6_DROP_NO_NEXTHOP);
		return NETDEV_TX_OK;
	}
	reason = INDIRECT_CALL_2(t->ops->proto41->nexthop, t6_6to4_nexthop,
				 t6_isatap_nexthop, t, skb, &daddr, &saddr);
	if (reason) {
		if (reason == T6_DROP_NO_NEXTHOP)
			dst_link_failure(skb);
		proto41_tx_drop(t, skb, reason);
		return NETDEV_TX_OK;
	}
	t6_proto41_xmit(t, skb, daddr, saddr);
	return NETDEV_TX_OK;
}

int t6_proto41_init(void)
{
	return xfrm4_tunnel_register(&t6_proto41_handler, AF_INET6);
}

void t6_proto41_uninit(void)
{
	xfrm4_tunnel_deregister(&t6_proto41_handler, AF_INET6);
}
