// SPDX-License-Identifier: GPL-2.0
/*
 * What a Teredo client receives (RFC 4380 5.2.3), on its UDP tunnel
 * socket: RAs from its server go to the client; bubbles its server
 * forwards get a direct bubble back to their origin; every other packet
 * is accepted only from where its source may send from (a trusted peer's
 * mapping, the mapping a Teredo source embeds, the relay an echo test
 * found), else it is a counted drop with its reason.
 */

#include <net/gro.h>
#include <net/ip_tunnels.h>
#include <net/udp.h>

#include "peer.h"

/* the most t6_teredo_parse() reads: auth with the longest id and value */
#define TEREDO_MAX_HDRS	(4 + 255 + 255 + T6_TEREDO_NONCE_LEN + 1 + \
			 T6_TEREDO_ORIGIN_LEN + sizeof(struct ipv6hdr))

/*
 * A packet the server forwarded carries the origin of its sender: answer
 * with a direct bubble there, which opens our NAT to the peer and tells
 * it where we are (5.2.3).  As miredo does, from the packet's destination
 * to its source, so that a miredo peer that sent from a link-local
 * address recognises its own.
 */
static void teredo_answer_indirect(struct t6_dev *t,
				   const struct t6_teredo_hdrs *h,
				   const struct ipv6hdr *ip6h)
{
	struct t6_teredo *td = &t->teredo;

	if (!__ratelimit(&td->bubble_rl)) {
		t6_drop_count(t, T6_DROP_BUBBLE_LIMIT);
		return;
	}
	t6_teredo_send_bubble(t, &ip6h->daddr, &ip6h->saddr, h->origin_addr,
			      h->origin_port);
}

/*
 * May the packet @ip6h (linear: all of it if ICMPv6, else its header)
 * come from @saddr:@sport (RFC 4380 5.2.3)?  0 to take it, else the drop
 * reason.  Trusts the peers that answered.
 */
static int teredo_check_source(struct t6_dev *t,
			       const struct t6_teredo_link *l,
			       const struct ipv6hdr *ip6h, unsigned int ip6_len,
			       __be32 saddr, __be16 sport)
{
	struct t6_teredo *td = &t->teredo;
	u64 from = t6_teredo_map(saddr, sport), map;
	unsigned long now = jiffies;
	struct t6_teredo_addr ta;
	struct t6_teredo_peer *p;
	enum t6_drop reason;
	bool probe, echo, moved;
	u8 nonce[T6_TEREDO_NONCE_LEN];

	p = t6_teredo_peer_find(td, &ip6h->saddr);
	if (p) {
		map = READ_ONCE(p->map);
		/* 1: a trusted peer, from its mapping */
		if (map == from) {
			/* what waits goes; unanswered probes are answered */
			if (!skb_queue_empty_lockless(&p->queue) ||
			    READ_ONCE(p->probes.n))
				t6_teredo_peer_trust(t, p, map);
			else if (READ_ONCE(p->last_rx) != now)
				WRITE_ONCE(p->last_rx, now);
			return 0;
		}
		/* 2: the answer to our echo test, through the peer's relay */
		spin_lock_bh(&p->queue.lock);
		memcpy(nonce, p->nonce, sizeof(nonce));
		echo = p->probes.n;
		spin_unlock_bh(&p->queue.lock);
		if (echo && t6_teredo_echo_reply_matches(ip6h, ip6_len,
							 td->echo_id, nonce)) {
			if (!t6_teredo_v4_global(saddr))
				return T6_DROP_BAD_ADDR4;
			t6_teredo_peer_trust(t, p, from);
			return 0;
		}
	}
	/* 3: a Teredo source from the mapping its address embeds */
	if (t6_teredo_addr_parse(&ip6h->saddr, &ta)) {
		if (ta.addr != saddr || ta.port != sport)
			return T6_DROP_MAPPING;
		/*
		 * never trust a private address (CVE-2006-6264), nor an
		 * address we would not send to (send.c: its server too)
		 */
		if (!t6_teredo_v4_global(saddr) ||
		    !t6_teredo_v4_global(ta.server))
			return T6_DROP_BAD_ADDR4;
		if (!p) {
			p = t6_teredo_peer_get(t, &ip6h->saddr, false,
					       &reason);
			if (!p)
				return reason;
		}
		t6_teredo_peer_trust(t, p, from);
		return 0;
	}
	/*
	 * 6: a native source from a relay we have not tested, or from
	 * another than its trusted one (it moved): ask the host through the
	 * server, and the relay its answer comes back through is trusted.
	 * This packet goes; its sender repeats.  Not our traffic: the peer
	 * stays one the table may let go of (no last_tx).
	 */
	moved = p && READ_ONCE(p->map);
	if (!p) {
		p = t6_teredo_peer_get(t, &ip6h->saddr, false, &reason);
		if (!p)
			return reason;
	}
	spin_lock_bh(&p->queue.lock);
	probe = !p->dead && t6_teredo_peer_probe(p, nonce) > 0;
	spin_unlock_bh(&p->queue.lock);
	if (probe)
		t6_teredo_send_echo(t, l, &ip6h->saddr, nonce);
	return moved ? T6_DROP_MAPPING : T6_DROP_NO_PEER;
}

/* encap_rcv: RCU held, UDP checksum checked, data at the UDP header. */
int t6_teredo_udp_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct t6_dev *t = rcu_dereference_sk_user_data(sk);
	__be16 sport = udp_hdr(skb)->source;
	__be32 saddr = ip_hdr(skb)->saddr;
	const struct t6_teredo_link *l;
	const struct ipv6hdr *ip6h;
	struct t6_teredo_hdrs h;
	struct t6_teredo *td;
	unsigned int len;
	bool from_server;
	int reason;
	u8 *p;

	if (!t)
		goto free;
	td = &t->teredo;
	len = skb->len - sizeof(struct udphdr);
	if (!pskb_may_pull(skb, sizeof(struct udphdr) +
			   min_t(unsigned int, len, TEREDO_MAX_HDRS))) {
		reason = T6_DROP_SHORT;
		goto drop;
	}
	p = skb->data + sizeof(struct udphdr);
	if (t6_teredo_parse(p, len, &h)) {
		reason = T6_DROP_MALFORMED;
		goto drop;
	}
	ip6h = (const struct ipv6hdr *)(p + h.ip6_off);
	from_server = t6_teredo_from_server(td, saddr, sport);
	if (from_server) {
		WRITE_ONCE(td->last_server_rx, jiffies);
		/* servers authenticate their RAs, and only those */
		if (h.auth) {
			__skb_pull(skb, sizeof(struct udphdr));
			t6_teredo_client_ra(t, skb);
			return 0;
		}
	}
	l = rcu_dereference(td->link);
	if (!l) {
		reason = T6_DROP_OFFLINE;
		goto drop;
	}
	if (!from_server &&
	    (ipv6_addr_type(&ip6h->saddr) & IPV6_ADDR_LINKLOCAL)) {
		/* a peer's bubble from its link-local address: NAT opened */
		if (t6_teredo_is_bubble(ip6h, h.ip6_len))
			goto consume;
		reason = T6_DROP_LINK_LOCAL;
		goto drop;
	}
	if (!ipv6_addr_equal(&ip6h->daddr, &l->addr)) {
		reason = T6_DROP_DST_MISMATCH;
		goto drop;
	}
	/*
	 * What the server forwards says where it came from: answer there
	 * (5.2.3).  A bubble is never delivered; anything else, from the
	 * server too (it may be a relay), passes the source checks.
	 */
	if (from_server && h.origin)
		teredo_answer_indirect(t, &h, ip6h);
	if (t6_teredo_is_bubble(ip6h, h.ip6_len) && from_server)
		goto consume;
	/* an echo reply's checksum covers the whole packet */
	if (ip6h->nexthdr == IPPROTO_ICMPV6) {
		if (!pskb_may_pull(skb, sizeof(struct udphdr) + h.ip6_off +
				   h.ip6_len)) {
			reason = T6_DROP_SHORT;
			goto drop;
		}
		ip6h = (const struct ipv6hdr *)(skb->data +
				sizeof(struct udphdr) + h.ip6_off);
	}
	reason = teredo_check_source(t, l, ip6h, h.ip6_len, saddr, sport);
	if (reason)
		goto drop;
	if (t6_teredo_is_bubble(ip6h, h.ip6_len))
		goto consume;
	t6_teredo_used(t);

	if (iptunnel_pull_header(skb, sizeof(struct udphdr) + h.ip6_off,
				 htons(ETH_P_IPV6), false))
		goto err;
	/* RFC 6081 4: trailers after the IPv6 packet are not its */
	if (pskb_trim_rcsum(skb, h.ip6_len))
		goto err;
	skb_reset_network_header(skb);
	skb_reset_mac_header(skb);
	skb->dev = t->dev;
	skb->pkt_type = PACKET_HOST;
	dev_sw_netstats_rx_add(t->dev, skb->len);
	netif_rx(skb);
	return 0;

consume:
	consume_skb(skb);
	return 0;
drop:
	t6_drop_count(t, reason);
err:
	DEV_STATS_INC(t->dev, rx_errors);
	kfree_skb(skb);
	return 0;
free:
	kfree_skb(skb);
	return 0;
}

/*
 * GRO, from the kernel's UDP tunnel GRO (udp_gro_receive() pulled the UDP
 * header): a data packet is a bare IPv6 packet after it, as in VXLAN-GPE,
 * and merges in the IPv6 offload with those of its flow.  What starts
 * with a Teredo header (RAs, forwarded bubbles: version 0) goes up alone.
 * Nothing here trusts anything: t6_teredo_udp_rcv() checks the merged
 * packet as any other, and a flow is one source, so one check covers all.
 */
struct sk_buff *t6_teredo_gro_receive(struct sock *sk, struct list_head *head,
				      struct sk_buff *skb)
{
	unsigned int off = skb_gro_offset(skb);
	const struct packet_offload *ptype;
	const struct ipv6hdr *ip6h;
	struct sk_buff *pp = NULL;
	int flush = 1;

	ip6h = skb_gro_header(skb, off + sizeof(*ip6h), off);
	if (!ip6h || ip6h->version != 6)
		goto out;
	ptype = gro_find_receive_by_type(htons(ETH_P_IPV6));
	if (!ptype)
		goto out;
	flush = 0;
	pp = call_gro_receive(ptype->callbacks.gro_receive, head, skb);
out:
	skb_gro_flush_final(skb, pp, flush);
	return pp;
}

/*
 * @nhoff: the inner IPv6 header.  The IPv6 offload sets the inner network
 * header; there is no inner link layer, so the inner mac header is the
 * same (as fou's), which is where GSO would find the end of the tunnel.
 */
int t6_teredo_gro_complete(struct sock *sk, struct sk_buff *skb, int nhoff)
{
	const struct packet_offload *ptype;
	int err;

	ptype = gro_find_complete_by_type(htons(ETH_P_IPV6));
	if (!ptype)
		return -ENOENT;
	err = ptype->callbacks.gro_complete(skb, nhoff);
	skb_set_inner_mac_header(skb, nhoff);
	return err;
}
