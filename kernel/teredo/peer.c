// SPDX-License-Identifier: GPL-2.0
/*
 * The Teredo client's peers (RFC 4380 5.2.3-5.2.9): a hash table the
 * packet path reads under RCU, capped at the interface's peer limit, and
 * aged: a peer neither side used for PEER_IDLE goes, and one that only
 * ever sent to us after UNUSED_IDLE, as miredo's list does.  Those are
 * what anyone can make by sending, so a peer our own traffic needs may
 * take the place of one in a full table.  Trust (where a peer's packets
 * go) is one word the packet path reads whole; the probe state and the
 * packets waiting are under the peer's queue's lock.
 */

#include <linux/siphash.h>

#include "peer.h"

#define PEER_GC_INTERVAL	(10 * HZ)
#define PEER_IDLE		(300 * HZ)
#define UNUSED_IDLE		(30 * HZ)
/* what waited this long without an answer will not be wanted any more */
#define QUEUE_STALE		(10 * HZ)

static struct hlist_head *peer_bucket(struct t6_teredo *td,
				      const struct in6_addr *addr)
{
	u64 h = siphash(addr, sizeof(*addr), &td->peers.key);

	return &td->peers.buckets[h % T6_TEREDO_PEER_BUCKETS];
}

/* RCU held */
struct t6_teredo_peer *t6_teredo_peer_find(struct t6_teredo *td,
					   const struct in6_addr *addr)
{
	struct t6_teredo_peer *p;

	hlist_for_each_entry_rcu(p, peer_bucket(td, addr), node)
		if (ipv6_addr_equal(&p->addr, addr))
			return p;
	return NULL;
}

/* peers.lock held */
static void peer_remove(struct t6_dev *t, struct t6_teredo_peer *p)
{
	struct t6_teredo *td = &t->teredo;
	unsigned int n;

	hlist_del_rcu(&p->node);
	WRITE_ONCE(td->peers.count, td->peers.count - 1);
	/* a dump that spans this is told so (NLM_F_DUMP_INTR) */
	WRITE_ONCE(t->list_gen, t->list_gen + 1);
	spin_lock(&p->queue.lock);
	p->dead = true;
	n = skb_queue_len(&p->queue);
	__skb_queue_purge(&p->queue);
	spin_unlock(&p->queue.lock);
	atomic_sub(n, &td->peers.queued);
	while (n--)
		t6_drop_count(t, T6_DROP_NO_PEER);
	kfree_rcu(p, rcu);
}

/* Neither made by our traffic nor ever sent to: anyone can make those. */
static bool peer_unused(const struct t6_teredo_peer *p)
{
	return !p->local && !READ_ONCE(p->last_tx);
}

/*
 * The peer for @addr, a new untrusted one if there is none; NULL with
 * @reason when the table is full.  @local: our own traffic needs it, and
 * it may take an unused peer's place.  RCU held, any context.
 */
struct t6_teredo_peer *t6_teredo_peer_get(struct t6_dev *t,
					  const struct in6_addr *addr,
					  bool local, enum t6_drop *reason)
{
	struct t6_teredo *td = &t->teredo;
	struct t6_teredo_peer *p, *found, *victim = NULL, *q;
	struct hlist_head *bucket = peer_bucket(td, addr);

	p = t6_teredo_peer_find(td, addr);
	if (p)
		return p;
	*reason = T6_DROP_PEER_LIMIT;
	if (!local && READ_ONCE(td->peers.count) >= READ_ONCE(td->peer_max))
		return NULL;
	p = kzalloc(sizeof(*p), GFP_ATOMIC);
	if (!p) {
		*reason = T6_DROP_UNSPEC;
		return NULL;
	}
	p->addr = *addr;
	p->created = jiffies;
	p->local = local;
	skb_queue_head_init(&p->queue);

	spin_lock_bh(&td->peers.lock);
	/* another CPU may have added it meanwhile */
	found = t6_teredo_peer_find(td, addr);
	if (found)
		goto out;
	if (td->peers.count >= READ_ONCE(td->peer_max)) {
		if (local)
			hlist_for_each_entry(q, bucket, node)
				if (peer_unused(q) &&
				    (!victim ||
				     time_before(q->created, victim->created)))
					victim = q;
		if (!victim)
			goto out;
		peer_remove(t, victim);
	}
	hlist_add_head_rcu(&p->node, bucket);
	WRITE_ONCE(td->peers.count, td->peers.count + 1);
	WRITE_ONCE(t->list_gen, t->list_gen + 1);
	spin_unlock_bh(&td->peers.lock);
	return p;
out:
	spin_unlock_bh(&td->peers.lock);
	kfree(p);
	return found;
}

/* Forget every peer: our address changed or went (RFC 4380 5.2.5). */
void t6_teredo_peers_flush(struct t6_dev *t)
{
	struct t6_teredo *td = &t->teredo;
	struct t6_teredo_peer *p;
	struct hlist_node *tmp;
	unsigned int i;

	for (i = 0; i < T6_TEREDO_PEER_BUCKETS; i++) {
		spin_lock_bh(&td->peers.lock);
		hlist_for_each_entry_safe(p, tmp, &td->peers.buckets[i], node)
			peer_remove(t, p);
		spin_unlock_bh(&td->peers.lock);
	}
}

static unsigned long peer_last_used(const struct t6_teredo_peer *p)
{
	unsigned long last = p->created, rx = READ_ONCE(p->last_rx),
		      tx = READ_ONCE(p->last_tx);

	if (rx && time_after(rx, last))
		last = rx;
	if (tx && time_after(tx, last))
		last = tx;
	return last;
}

/* The latest of @last and every peer's last packet either way (RCU). */
unsigned long t6_teredo_peers_last_used(struct t6_dev *t, unsigned long last)
{
	struct t6_teredo *td = &t->teredo;
	struct t6_teredo_peer *p;
	unsigned long used;
	unsigned int i;

	for (i = 0; i < T6_TEREDO_PEER_BUCKETS; i++) {
		hlist_for_each_entry_rcu(p, &td->peers.buckets[i], node) {
			used = peer_last_used(p);
			if (time_after(used, last))
				last = used;
		}
	}
	return last;
}

static void peers_gc(struct work_struct *work)
{
	struct t6_teredo *td = container_of(to_delayed_work(work),
					    struct t6_teredo, peers.gc);
	struct t6_dev *t = container_of(td, struct t6_dev, teredo);
	unsigned long now = jiffies;
	struct t6_teredo_peer *p;
	struct hlist_node *tmp;
	unsigned int i, stale;

	for (i = 0; i < T6_TEREDO_PEER_BUCKETS; i++) {
		spin_lock_bh(&td->peers.lock);
		hlist_for_each_entry_safe(p, tmp, &td->peers.buckets[i], node) {
			if (time_after(now, peer_last_used(p) + PEER_IDLE) ||
			    (peer_unused(p) &&
			     time_after(now, peer_last_used(p) + UNUSED_IDLE))) {
				peer_remove(t, p);
				continue;
			}
			stale = 0;
			spin_lock(&p->queue.lock);
			if (!skb_queue_empty(&p->queue) &&
			    time_after(now, p->probes.last + QUEUE_STALE)) {
				stale = skb_queue_len(&p->queue);
				__skb_queue_purge(&p->queue);
			}
			spin_unlock(&p->queue.lock);
			atomic_sub(stale, &td->peers.queued);
			while (stale--)
				t6_drop_count(t, T6_DROP_NO_PEER);
		}
		spin_unlock_bh(&td->peers.lock);
		cond_resched();
	}
	queue_delayed_work(system_power_efficient_wq, &td->peers.gc,
			   PEER_GC_INTERVAL);
}

/*
 * May a probe go to @p now (t6_teredo_probe_gate())?  The nonce an echo
 * request carries goes to @nonce: a new one for a new test, the same for
 * a repeat of one under way.  The queue's lock held.
 */
int t6_teredo_peer_probe(struct t6_teredo_peer *p,
			 u8 nonce[T6_TEREDO_NONCE_LEN])
{
	int probe = t6_teredo_probe_gate(&p->probes, jiffies);

	if (probe > 0 && p->probes.n == 1)
		get_random_bytes(p->nonce, sizeof(p->nonce));
	memcpy(nonce, p->nonce, T6_TEREDO_NONCE_LEN);
	return probe;
}

/*
 * @p answered from @map: trust it and send what waited for it.  RCU
 * held, any context.
 */
void t6_teredo_peer_trust(struct t6_dev *t, struct t6_teredo_peer *p,
			  u64 map)
{
	struct sk_buff_head waiting;
	struct sk_buff *skb;

	__skb_queue_head_init(&waiting);
	spin_lock_bh(&p->queue.lock);
	WRITE_ONCE(p->map, map);
	WRITE_ONCE(p->last_rx, jiffies);
	p->probes.n = 0;
	skb_queue_splice_init(&p->queue, &waiting);
	spin_unlock_bh(&p->queue.lock);
	if (skb_queue_empty(&waiting))
		return;
	atomic_sub(skb_queue_len(&waiting), &t->teredo.peers.queued);
	WRITE_ONCE(p->last_tx, jiffies);
	while ((skb = __skb_dequeue(&waiting)))
		t6_teredo_xmit(t, skb, map);
}

static int peer_fill(struct t6_dev *t, struct sk_buff *skb,
		     struct netlink_callback *cb, struct t6_teredo_peer *p)
{
	unsigned long now = jiffies, rx = READ_ONCE(p->last_rx),
		      tx = READ_ONCE(p->last_tx);
	u64 map = READ_ONCE(p->map);
	struct nlattr *teredo, *peer;
	unsigned int probes, queued;
	void *hdr;

	spin_lock_bh(&p->queue.lock);
	probes = p->probes.n;
	queued = skb_queue_len(&p->queue);
	spin_unlock_bh(&p->queue.lock);

	hdr = t6_nl_dump_msg(t, skb, cb);
	if (!hdr)
		return -EMSGSIZE;
	teredo = nla_nest_start(skb, T6A_TEREDO);
	peer = teredo ? nla_nest_start(skb, T6A_TEREDO_PEER) : NULL;
	if (!peer ||
	    nla_put_in6_addr(skb, T6A_PEER_ADDR, &p->addr) ||
	    nla_put_u8(skb, T6A_PEER_TRUSTED, !!map) ||
	    (map &&
	     (nla_put_in_addr(skb, T6A_PEER_MAPPED_ADDR,
			      t6_teredo_map_addr(map)) ||
	      nla_put_u16(skb, T6A_PEER_MAPPED_PORT,
			  ntohs(t6_teredo_map_port(map))))) ||
	    (rx && nla_put_u64_64bit(skb, T6A_PEER_LAST_RX,
				     jiffies_to_msecs(now - rx),
				     T6A_PEER_PAD)) ||
	    (tx && nla_put_u64_64bit(skb, T6A_PEER_LAST_TX,
				     jiffies_to_msecs(now - tx),
				     T6A_PEER_PAD)) ||
	    nla_put_u32(skb, T6A_PEER_PROBES, probes) ||
	    nla_put_u32(skb, T6A_PEER_QUEUED, queued)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, peer);
	nla_nest_end(skb, teredo);
	genlmsg_end(skb, hdr);
	return 0;
}

/*
 * RCU held (netlink.c).  The position is a bucket and an index in it; a
 * table that changes under a dump may show a peer twice or miss one.
 */
int t6_teredo_peer_dumpit(struct t6_dev *t, struct sk_buff *skb,
			  struct netlink_callback *cb)
{
	struct t6_teredo *td = &t->teredo;
	long bucket = cb->args[1], skip = cb->args[2], idx;
	struct t6_teredo_peer *p;
	unsigned int added = 0;
	int err = 0;

	for (; bucket < T6_TEREDO_PEER_BUCKETS; bucket++, skip = 0) {
		idx = 0;
		hlist_for_each_entry_rcu(p, &td->peers.buckets[bucket], node) {
			if (idx++ < skip)
				continue;
			err = peer_fill(t, skb, cb, p);
			if (err) {
				idx--;
				goto out;
			}
			added++;
		}
	}
	idx = 0;
out:
	cb->args[1] = bucket;
	cb->args[2] = idx;
	return err && !added ? err : skb->len;
}

void t6_teredo_peers_init(struct t6_dev *t)
{
	struct t6_teredo_peers *peers = &t->teredo.peers;

	spin_lock_init(&peers->lock);
	get_random_bytes(&peers->key, sizeof(peers->key));
	INIT_DELAYED_WORK(&peers->gc, peers_gc);
}

/* ndo_open: age the table while the interface is up */
void t6_teredo_peers_start(struct t6_dev *t)
{
	queue_delayed_work(system_power_efficient_wq, &t->teredo.peers.gc,
			   PEER_GC_INTERVAL);
}

/* ndo_stop and uninit: no more ageing, no peers */
void t6_teredo_peers_stop(struct t6_dev *t)
{
	cancel_delayed_work_sync(&t->teredo.peers.gc);
	t6_teredo_peers_flush(t);
}
