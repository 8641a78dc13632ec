/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the Teredo room: the peer table (peer.c), the packet path that
 * uses it (send.c, receive.c) and what the client (client.c) shares with
 * them.
 */
#ifndef _T6_TEREDO_PEER_H
#define _T6_TEREDO_PEER_H

#include <linux/skbuff.h>

#include "../transit6.h"
#include "wire.h"

/* RFC 4380 5.2.4: an entry is valid 30 s after the peer was last heard */
#define T6_TEREDO_PEER_VALID	(30 * HZ)
/* what waits for peers' answers: packets a peer, and in all */
#define T6_TEREDO_QUEUE_LEN	4
#define T6_TEREDO_QUEUE_TOTAL	1024
#define T6_TEREDO_UDP_HEADROOM	(LL_MAX_HEADER + sizeof(struct iphdr) + \
				 sizeof(struct udphdr))

/*
 * A peer, keyed by its IPv6 address.  @map is where its packets go, in
 * one word so that the packet path reads it whole: 0 until the peer is
 * trusted.  The queue's lock guards the probe fields and @dead.
 */
struct t6_teredo_peer {
	struct hlist_node node;		/* t6_teredo_peers.buckets, RCU */
	struct rcu_head rcu;
	struct in6_addr addr;
	u64 map;
	unsigned long created;		/* jiffies */
	unsigned long last_rx;		/* jiffies; 0: never */
	unsigned long last_tx;
	struct sk_buff_head queue;	/* waiting until it is trusted */
	struct t6_teredo_probes probes;	/* bubbles or echo requests */
	u8 nonce[T6_TEREDO_NONCE_LEN];	/* of the echo test under way */
	bool local;			/* our own traffic made it */
	bool dead;			/* out of the table */
};

static inline u64 t6_teredo_map(__be32 addr, __be16 port)
{
	return BIT_ULL(48) | (u64)ntohl(addr) << 16 | ntohs(port);
}

static inline __be32 t6_teredo_map_addr(u64 map)
{
	return htonl((u32)(map >> 16));
}

static inline __be16 t6_teredo_map_port(u64 map)
{
	return htons((u16)map);
}

/* peer.c */
void t6_teredo_peers_init(struct t6_dev *t);
void t6_teredo_peers_start(struct t6_dev *t);
void t6_teredo_peers_stop(struct t6_dev *t);
void t6_teredo_peers_flush(struct t6_dev *t);
struct t6_teredo_peer *t6_teredo_peer_find(struct t6_teredo *td,
					   const struct in6_addr *addr);
struct t6_teredo_peer *t6_teredo_peer_get(struct t6_dev *t,
					  const struct in6_addr *addr,
					  bool local, enum t6_drop *reason);
int t6_teredo_peer_probe(struct t6_teredo_peer *p,
			 u8 nonce[T6_TEREDO_NONCE_LEN]);
void t6_teredo_peer_trust(struct t6_dev *t, struct t6_teredo_peer *p,
			  u64 map);
int t6_teredo_peer_dumpit(struct t6_dev *t, struct sk_buff *skb,
			  struct netlink_callback *cb);

unsigned long t6_teredo_peers_last_used(struct t6_dev *t, unsigned long last);

/* send.c */
int t6_teredo_send_udp(struct t6_dev *t, struct sk_buff *skb, __be32 daddr,
		       __be16 dport);
void t6_teredo_xmit(struct t6_dev *t, struct sk_buff *skb, u64 map);
void t6_teredo_send_bubble(struct t6_dev *t, const struct in6_addr *saddr,
			   const struct in6_addr *daddr, __be32 to,
			   __be16 port);
void t6_teredo_send_echo(struct t6_dev *t, const struct t6_teredo_link *l,
			 const struct in6_addr *daddr,
			 const u8 nonce[T6_TEREDO_NONCE_LEN]);

/* receive.c */
int t6_teredo_udp_rcv(struct sock *sk, struct sk_buff *skb);
struct sk_buff *t6_teredo_gro_receive(struct sock *sk, struct list_head *head,
				      struct sk_buff *skb);
int t6_teredo_gro_complete(struct sock *sk, struct sk_buff *skb, int nhoff);

/* client.c: the packet path hands it the server's RAs */
void t6_teredo_client_ra(struct t6_dev *t, struct sk_buff *skb);
bool t6_teredo_from_server(const struct t6_teredo *td, __be32 saddr,
			   __be16 sport);
void t6_teredo_client_wake(struct t6_dev *t);

/* The packet path: traffic wakes a dormant client. */
static inline void t6_teredo_used(struct t6_dev *t)
{
	if (unlikely(READ_ONCE(t->teredo.dormant)))
		t6_teredo_client_wake(t);
}

#endif
