// SPDX-License-Identifier: GPL-2.0
/*
 * What a Teredo client sends (RFC 4380 5.2.4, 5.2.6, 5.2.9): IPv6 packets
 * straight to a trusted peer's mapping; for any other destination the
 * packet waits in the peer's queue while bubbles (a Teredo peer) or an
 * echo test through the server (a native host, to find its relay) ask
 * for an answer.  Everything leaves from the bound port, DF clear, with
 * a UDP checksum.
 */

#include <net/icmp.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/route.h>
#include <net/udp.h>
#include <net/udp_tunnel.h>

#include "../compat.h"
#include "peer.h"

static struct rtable *teredo_route(struct t6_dev *t, struct flowi4 *fl4,
				   __be32 daddr, __be16 dport, u32 mark)
{
	struct t6_teredo *td = &t->teredo;
	struct rtable *rt;

	memset(fl4, 0, sizeof(*fl4));
	fl4->daddr = daddr;
	fl4->saddr = t->fixed_local;
	fl4->flowi4_oif = t->link;
	fl4->flowi4_mark = mark;
	fl4->flowi4_proto = IPPROTO_UDP;
	fl4->fl4_dport = dport;
	fl4->fl4_sport = td->local_port;
	rt = t6_route_cached(t, fl4);
	if (IS_ERR(rt))
		return rt;
	if ((rt->rt_type != RTN_UNICAST && rt->rt_type != RTN_LOCAL) ||
	    rt->dst.dev == t->dev) {
		ip_rt_put(rt);
		return ERR_PTR(-ENETUNREACH);
	}
	return rt;
}

/*
 * Send the UDP payload @skb to @daddr:@dport; consumes @skb.  0, or why
 * it could not go (-ENETUNREACH: no route).
 */
static int teredo_send(struct t6_dev *t, struct sk_buff *skb, __be32 daddr,
		       __be16 dport, u8 tos, u8 ttl)
{
	struct t6_teredo *td = &t->teredo;
	struct socket *sock;
	struct flowi4 fl4;
	struct rtable *rt;
	int err;

	rcu_read_lock_bh();
	sock = rcu_dereference_bh(td->sock);
	if (!sock) {
		err = -ENOTCONN;
		goto free;
	}
	rt = teredo_route(t, &fl4, daddr, dport, skb->mark);
	if (IS_ERR(rt)) {
		err = PTR_ERR(rt);
		goto free;
	}
	err = skb_cow_head(skb, LL_RESERVED_SPACE(rt->dst.dev) +
				sizeof(struct iphdr) + sizeof(struct udphdr));
	if (err) {
		ip_rt_put(rt);
		goto free;
	}
	skb->dev = t->dev;
	/* what iptunnel_xmit() counts: the Teredo payload, from here */
	skb_set_inner_network_header(skb, 0);
	udp_tunnel_xmit_skb(rt, sock->sk, skb, fl4.saddr, daddr, tos,
			    ttl ? ttl : ip4_dst_hoplimit(&rt->dst), 0,
			    td->local_port, dport, false, false);
	rcu_read_unlock_bh();
	return 0;
free:
	rcu_read_unlock_bh();
	kfree_skb(skb);
	return err;
}

/* A packet of our own (RS, bubble, echo request); consumes @skb. */
int t6_teredo_send_udp(struct t6_dev *t, struct sk_buff *skb, __be32 daddr,
		       __be16 dport)
{
	return teredo_send(t, skb, daddr, dport, 0, t->ttl);
}

static void teredo_xmit_one(struct t6_dev *t, struct sk_buff *skb, u64 map)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	u8 tos = INET_ECN_encapsulate(0, ipv6_get_dsfield(ip6h));
	u8 ttl = t->ttl ? t->ttl : ip6h->hop_limit;

	/*
	 * The inner checksum is complete when the packet leaves: a peer in
	 * userspace (miredo) behind a veth, which hands on CHECKSUM_PARTIAL
	 * as it came, would otherwise read a TCP segment without one.
	 */
	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb)) {
		DEV_STATS_INC(t->dev, tx_dropped);
		kfree_skb(skb);
		return;
	}
	/* iptunnel_xmit() counts what leaves in the device's tstats */
	if (teredo_send(t, skb, t6_teredo_map_addr(map),
			t6_teredo_map_port(map), tos, ttl)) {
		DEV_STATS_INC(t->dev, tx_errors);
		t6_drop_count(t, T6_DROP_NO_ROUTE);
	}
}

/*
 * Encapsulate the IPv6 packet @skb to @map; consumes @skb.  A GSO packet
 * is cut into segments here, as wireguard does, each with its checksums
 * done: a peer in userspace behind a veth reads what it is handed, and a
 * veth completes no checksum.  (Sending the segments on together as one
 * UDP GSO datagram, cut at the device, was slower in make bench: the
 * copy into it cost more than the trips through the IPv4 stack it saved.)
 */
void t6_teredo_xmit(struct t6_dev *t, struct sk_buff *skb, u64 map)
{
	struct sk_buff *segs, *next;

	if (!skb_is_gso(skb)) {
		teredo_xmit_one(t, skb, map);
		return;
	}
	/*
	 * NETIF_F_SG without a checksum feature: the segments share the
	 * original's pages, and skb_segment() sums each one as it cuts it
	 * (features 0 copied every segment into new memory too).
	 */
	segs = skb_gso_segment(skb, NETIF_F_SG);
	if (IS_ERR(segs)) {
		DEV_STATS_INC(t->dev, tx_dropped);
		kfree_skb(skb);
		return;
	}
	if (!segs) {		/* one segment's worth: as it is */
		teredo_xmit_one(t, skb, map);
		return;
	}
	consume_skb(skb);
	skb_list_walk_safe(segs, skb, next) {
		skb_mark_not_on_list(skb);
		teredo_xmit_one(t, skb, map);
	}
}

static struct sk_buff *teredo_alloc(unsigned int len)
{
	struct sk_buff *skb;

	skb = alloc_skb(T6_TEREDO_UDP_HEADROOM + len, GFP_ATOMIC);
	if (skb)
		skb_reserve(skb, T6_TEREDO_UDP_HEADROOM);
	return skb;
}

/* A bubble from @saddr to @daddr, sent to @to:@port (RFC 4380 5.2.6). */
void t6_teredo_send_bubble(struct t6_dev *t, const struct in6_addr *saddr,
			   const struct in6_addr *daddr, __be32 to,
			   __be16 port)
{
	struct sk_buff *skb;

	if (!t6_teredo_v4_global(to))
		return;
	skb = teredo_alloc(sizeof(struct ipv6hdr));
	if (!skb)
		return;
	t6_teredo_build_bubble(skb_put(skb, sizeof(struct ipv6hdr)),
			       sizeof(struct ipv6hdr), saddr, daddr);
	t6_teredo_send_udp(t, skb, to, port);
}

/* The echo test's request to @daddr, through our server (5.2.9). */
void t6_teredo_send_echo(struct t6_dev *t, const struct t6_teredo_link *l,
			 const struct in6_addr *daddr,
			 const u8 nonce[T6_TEREDO_NONCE_LEN])
{
	size_t len = sizeof(struct ipv6hdr) + sizeof(struct icmp6hdr) +
		     T6_TEREDO_NONCE_LEN;
	struct sk_buff *skb;

	skb = teredo_alloc(len);
	if (!skb)
		return;
	t6_teredo_build_echo(skb_put(skb, len), len, &l->addr, daddr,
			     t->teredo.echo_id, nonce);
	t6_teredo_send_udp(t, skb, l->server, htons(T6_TEREDO_PORT));
}

/*
 * No trusted peer for @skb's destination (or not for the last 30 s):
 * queue it and ask the peer to answer, within RFC 4380 5.2.6's limits.
 * @ta: what the Teredo destination says, NULL for a native one.
 */
static void teredo_xmit_wait(struct t6_dev *t, const struct t6_teredo_link *l,
			     struct sk_buff *skb,
			     const struct t6_teredo_addr *ta)
{
	struct in6_addr daddr = ipv6_hdr(skb)->daddr;
	struct t6_teredo *td = &t->teredo;
	u8 nonce[T6_TEREDO_NONCE_LEN];
	struct t6_teredo_peer *p;
	enum t6_drop reason;
	int probe;
	u64 map;

	p = t6_teredo_peer_get(t, &daddr, true, &reason);
	if (!p)
		goto drop;
	spin_lock_bh(&p->queue.lock);
	if (p->dead) {
		spin_unlock_bh(&p->queue.lock);
		reason = T6_DROP_NO_PEER;
		goto drop;
	}
	/* it answered while we waited for the lock */
	map = p->map;
	if (map && time_before(jiffies, p->last_rx + T6_TEREDO_PEER_VALID)) {
		spin_unlock_bh(&p->queue.lock);
		WRITE_ONCE(p->last_tx, jiffies);
		t6_teredo_xmit(t, skb, map);
		return;
	}
	probe = t6_teredo_peer_probe(p, nonce);
	if (probe < 0) {
		spin_unlock_bh(&p->queue.lock);
		/* RFC 4380 5.2.4 gives up; say so as miredo does */
		icmpv6_ndo_send(skb, ICMPV6_DEST_UNREACH, ICMPV6_ADDR_UNREACH,
				0);
		reason = T6_DROP_NO_PEER;
		goto drop;
	}
	if (skb_queue_len(&p->queue) >= T6_TEREDO_QUEUE_LEN ||
	    atomic_inc_return(&td->peers.queued) > T6_TEREDO_QUEUE_TOTAL) {
		if (skb_queue_len(&p->queue) < T6_TEREDO_QUEUE_LEN)
			atomic_dec(&td->peers.queued);
		spin_unlock_bh(&p->queue.lock);
		reason = T6_DROP_QUEUE_FULL;
	} else {
		/*
		 * It may wait seconds: not on its sender's socket memory,
		 * which would stop a sender with a small send buffer (ping)
		 * from sending the packets that make us probe again.
		 */
		skb_orphan(skb);
		__skb_queue_tail(&p->queue, skb);
		spin_unlock_bh(&p->queue.lock);
		skb = NULL;
	}
	if (probe > 0) {
		WRITE_ONCE(p->last_tx, jiffies);
		if (!ta) {
			t6_teredo_send_echo(t, l, &daddr, nonce);
		} else {
			/*
			 * RFC 4380 5.2.4 case 5, with RFC 5991's advice to
			 * ignore the cone bit: a direct bubble opens our NAT
			 * to the peer, an indirect one through its server
			 * asks the peer to open its own.
			 */
			t6_teredo_send_bubble(t, &l->addr, &daddr, ta->addr,
					      ta->port);
			t6_teredo_send_bubble(t, &l->addr, &daddr, ta->server,
					      htons(T6_TEREDO_PORT));
		}
	}
	if (!skb)
		return;
drop:
	DEV_STATS_INC(t->dev, tx_errors);
	t6_drop(t, skb, reason);
}

netdev_tx_t t6_teredo_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct t6_dev *t = netdev_priv(dev);
	struct t6_teredo *td = &t->teredo;
	const struct t6_teredo_link *l;
	const struct in6_addr *daddr;
	struct t6_teredo_addr ta;
	struct t6_teredo_peer *p;
	enum t6_drop reason;
	bool teredo;
	u64 map;

	if (skb->protocol != htons(ETH_P_IPV6) ||
	    !pskb_network_may_pull(skb, sizeof(struct ipv6hdr))) {
		DEV_STATS_INC(dev, tx_errors);
		kfree_skb(skb);
		return NETDEV_TX_OK;
	}
	/* ndo_start_xmit runs under rcu_read_lock_bh */
	l = rcu_dereference_bh(td->link);
	if (!l) {
		reason = T6_DROP_OFFLINE;
		goto drop;
	}
	t6_teredo_used(t);
	daddr = &ipv6_hdr(skb)->daddr;
	/* an NBMA link: no multicast, no link-local neighbours */
	if (ipv6_addr_is_multicast(daddr) ||
	    (daddr->s6_addr32[0] & htonl(0xffc00000)) == htonl(0xfe800000)) {
		reason = T6_DROP_NO_NEXTHOP;
		goto drop;
	}
	p = t6_teredo_peer_find(td, daddr);
	if (likely(p)) {
		unsigned long now = jiffies;

		/*
		 * case 1: trusted, and heard within 30 s.  A mapping is
		 * trusted only when global (receive.c), so the address
		 * checks below are for the peers still to be probed.
		 */
		map = READ_ONCE(p->map);
		if (likely(map && time_before(now, READ_ONCE(p->last_rx) +
					      T6_TEREDO_PEER_VALID))) {
			if (READ_ONCE(p->last_tx) != now)
				WRITE_ONCE(p->last_tx, now);
			t6_teredo_xmit(t, skb, map);
			return NETDEV_TX_OK;
		}
	}
	teredo = t6_teredo_addr_parse(daddr, &ta);
	/* RFC 4380 5.2.4: never to a private IPv4 address (cases 4, 5) */
	if (teredo && (!t6_teredo_v4_global(ta.addr) ||
		       !t6_teredo_v4_global(ta.server))) {
		reason = T6_DROP_BAD_ADDR4;
		goto drop;
	}
	teredo_xmit_wait(t, l, skb, teredo ? &ta : NULL);
	return NETDEV_TX_OK;

drop:
	DEV_STATS_INC(dev, tx_errors);
	t6_drop(t, skb, reason);
	return NETDEV_TX_OK;
}
