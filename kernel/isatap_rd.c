// SPDX-License-Identifier: GPL-2.0
/*
 * ISATAP router discovery, host side (RFC 5214 8.3): the potential router
 * list with one solicitation timer per router; and the prefixes a router
 * publishes.  Timers run in softirq context and never take a lock: PRL
 * changes hold t->lock, stop each timer with timer_shutdown_sync() and free
 * the entry after a grace period.
 */

#include <linux/random.h>
#include <net/addrconf.h>
#include <net/ndisc.h>
#include <net/route.h>

#include "transit6.h"

#define RS_BURST_INTERVAL	(4 * HZ)/* RTR_SOLICITATION_INTERVAL */

/* A unicast IPv4 address a router or peer can have (not 240/4 either) */
bool t6_isatap_v4_usable(__be32 v4)
{
	return !(ipv4_is_zeronet(v4) || ipv4_is_multicast(v4) ||
		 ipv4_is_lbcast(v4) || ipv4_is_loopback(v4) ||
		 (v4 & htonl(0xf0000000)) == htonl(0xf0000000));
}

struct t6_prl_entry *t6_isatap_prl_lookup(struct t6_dev *t, __be32 addr)
{
	struct t6_prl_entry *e;

	list_for_each_entry_rcu(e, &t->isatap.prl, list,
				lockdep_is_held(&t->lock))
		if (e->addr == addr)
			return e;
	return NULL;
}

struct sk_buff *t6_isatap_nd_alloc(struct net_device *dev, size_t len)
{
	int hlen = LL_RESERVED_SPACE(dev);
	struct sk_buff *skb;

	skb = alloc_skb(hlen + sizeof(struct ipv6hdr) + len +
			dev->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb->protocol = htons(ETH_P_IPV6);
	skb->dev = dev;
	skb_reserve(skb, hlen + sizeof(struct ipv6hdr));
	skb_reset_transport_header(skb);
	return skb;
}

/* The covered IPv4 address IPv4 routing would use toward @peer. */
static __be32 isatap_source_for(struct t6_dev *t, __be32 peer)
{
	struct flowi4 fl4 = {
		.daddr = peer,
		.saddr = t->fixed_local,
		.flowi4_oif = t->link,
		.flowi4_proto = IPPROTO_IPV6,
	};
	struct rtable *rt;

	rt = ip_route_output_key(t->net, &fl4);
	if (!IS_ERR(rt)) {
		ip_rt_put(rt);
		if (t6_local_has(t, fl4.saddr))
			return fl4.saddr;
	}
	return t6_local_primary(t);
}

static void isatap_send_rs(struct t6_dev *t, struct t6_prl_entry *e)
{
	struct in6_addr saddr, daddr;
	struct sk_buff *skb;
	__be32 src;

	src = isatap_source_for(t, e->addr);
	if (!src)
		return;
	skb = t6_isatap_nd_alloc(t->dev, sizeof(struct rs_msg));
	if (!skb)
		return;
	t6_nd_build_rs(skb_put(skb, sizeof(struct rs_msg)),
		       sizeof(struct rs_msg));
	t6_isatap_linklocal(&saddr, src);
	t6_isatap_linklocal(&daddr, e->addr);
	atomic64_inc(&e->rs_sent);
	ndisc_send_skb(skb, &daddr, &saddr);
}

/*
 * Solicit in bursts of three, 4 s apart; a router that left all three
 * unanswered for 4 s more is unreachable, and is solicited every
 * rs_interval from then on.  An RA resets the count and schedules the next
 * solicitation before the advertised lifetimes run out (isatap_rcv_ra()).
 */
static void isatap_rs_expired(struct timer_list *timer)
{
	struct t6_prl_entry *e = from_timer(e, timer, rs_timer);
	struct t6_dev *t = e->t;
	unsigned int unanswered;

	if (!READ_ONCE(t->running))
		return;
	unanswered = READ_ONCE(e->unanswered) + 1;
	WRITE_ONCE(e->unanswered, unanswered);
	rcu_read_lock();
	isatap_send_rs(t, e);
	rcu_read_unlock();
	if (unanswered <= T6_RS_BURST)
		mod_timer(&e->rs_timer, jiffies + RS_BURST_INTERVAL);
	else
		mod_timer(&e->rs_timer,
			  jiffies + READ_ONCE(t->rs_interval) * HZ);
	if (unanswered == T6_RS_BURST + 1)
		t6_state_update(t);
}

/* A shorter rs_interval takes effect now, not after the pending wait. */
void t6_isatap_rs_interval_changed(struct t6_dev *t)
{
	unsigned long next = jiffies + READ_ONCE(t->rs_interval) * HZ;
	struct t6_prl_entry *e;

	lockdep_assert_held(&t->lock);
	list_for_each_entry(e, &t->isatap.prl, list)
		if (t->running && timer_pending(&e->rs_timer))
			timer_reduce(&e->rs_timer, next);
}

/* Start soliciting @e after a random 0-1 s (RFC 4861 6.3.7). */
void t6_isatap_prl_start(struct t6_prl_entry *e)
{
	WRITE_ONCE(e->unanswered, 0);
	mod_timer(&e->rs_timer, jiffies + get_random_u32_below(HZ));
}

int t6_isatap_prl_add(struct t6_dev *t, __be32 addr, bool exist_ok,
		      struct netlink_ext_ack *extack)
{
	struct t6_prl_entry *e;
	int err = 0;

	if (!t6_isatap_v4_usable(addr)) {
		NL_SET_ERR_MSG(extack, "router must be a unicast IPv4 address");
		return -EINVAL;
	}
	mutex_lock(&t->lock);
	if (t->dead) {
		err = -ENODEV;
	} else if (t6_isatap_prl_lookup(t, addr)) {
		if (exist_ok)
			goto out;
		NL_SET_ERR_MSG(extack, "router is already in the PRL");
		err = -EEXIST;
	} else if (t->isatap.nprl >= T6_MAX_PRL) {
		NL_SET_ERR_MSG(extack, "potential router list is full");
		err = -ENOSPC;
	}
	if (err)
		goto out;
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e) {
		err = -ENOMEM;
		goto out;
	}
	e->t = t;
	e->addr = addr;
	timer_setup(&e->rs_timer, isatap_rs_expired, 0);
	list_add_tail_rcu(&e->list, &t->isatap.prl);
	t->isatap.nprl++;
	t6_list_changed(t);
	if (t->running)
		t6_isatap_prl_start(e);
out:
	mutex_unlock(&t->lock);
	t6_state_update(t);
	return err;
}

static void prl_remove(struct t6_dev *t, struct t6_prl_entry *e)
{
	lockdep_assert_held(&t->lock);
	list_del_rcu(&e->list);
	t->isatap.nprl--;
	t6_list_changed(t);
	/* the timer may not re-arm itself after this */
	timer_shutdown_sync(&e->rs_timer);
	kfree_rcu(e, rcu);
}

int t6_isatap_prl_del(struct t6_dev *t, __be32 addr,
		      struct netlink_ext_ack *extack)
{
	struct t6_prl_entry *e;
	int err = 0;

	mutex_lock(&t->lock);
	e = t6_isatap_prl_lookup(t, addr);
	if (e) {
		prl_remove(t, e);
	} else {
		NL_SET_ERR_MSG(extack, "router is not in the PRL");
		err = -ENOENT;
	}
	mutex_unlock(&t->lock);
	t6_state_update(t);
	return err;
}

void t6_isatap_prl_flush_locked(struct t6_dev *t)
{
	struct t6_prl_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, &t->isatap.prl, list)
		prl_remove(t, e);
}

void t6_isatap_prl_flush(struct t6_dev *t)
{
	mutex_lock(&t->lock);
	t6_isatap_prl_flush_locked(t);
	mutex_unlock(&t->lock);
	t6_state_update(t);
}

static struct t6_prefix *prefix_lookup(struct t6_dev *t,
				       const struct t6_nd_prefix *p)
{
	struct t6_prefix *x;

	list_for_each_entry(x, &t->isatap.prefixes, list)
		if (x->p.len == p->len && ipv6_addr_equal(&x->p.prefix,
							  &p->prefix))
			return x;
	return NULL;
}

int t6_isatap_prefix_add(struct t6_dev *t, const struct t6_nd_prefix *p,
			 bool replace, struct netlink_ext_ack *extack)
{
	int type = ipv6_addr_type(&p->prefix);
	struct t6_prefix *x, *old = NULL;
	int err = 0;

	if (!(type & IPV6_ADDR_UNICAST) ||
	    (type & (IPV6_ADDR_LINKLOCAL | IPV6_ADDR_LOOPBACK)) ||
	    ipv6_addr_any(&p->prefix)) {
		NL_SET_ERR_MSG(extack, "prefix must be a global or unique local unicast prefix");
		return -EINVAL;
	}
	if (p->preferred > p->valid) {
		NL_SET_ERR_MSG(extack, "preferred lifetime exceeds valid lifetime");
		return -EINVAL;
	}
	mutex_lock(&t->lock);
	old = prefix_lookup(t, p);
	if (t->dead) {
		err = -ENODEV;
	} else if (old && !replace) {
		NL_SET_ERR_MSG(extack, "prefix is already published");
		err = -EEXIST;
	} else if (!old && t->isatap.nprefixes >= T6_MAX_PREFIXES) {
		NL_SET_ERR_MSG(extack, "too many published prefixes");
		err = -ENOSPC;
	}
	if (err)
		goto out;
	x = kzalloc(sizeof(*x), GFP_KERNEL);
	if (!x) {
		err = -ENOMEM;
		goto out;
	}
	x->p = *p;
	if (old) {
		/* new lifetimes; RA senders see the old entry or this one */
		list_replace_rcu(&old->list, &x->list);
		kfree_rcu(old, rcu);
	} else {
		list_add_tail_rcu(&x->list, &t->isatap.prefixes);
		WRITE_ONCE(t->isatap.nprefixes, t->isatap.nprefixes + 1);
	}
	t6_list_changed(t);
	/* the router's own addresses in it */
	t6_cfg_queue(t);
out:
	mutex_unlock(&t->lock);
	t6_state_update(t);
	return err;
}

int t6_isatap_prefix_del(struct t6_dev *t, const struct t6_nd_prefix *p,
			 struct netlink_ext_ack *extack)
{
	struct t6_prefix *x;
	int err = 0;

	mutex_lock(&t->lock);
	x = prefix_lookup(t, p);
	if (x) {
		list_del_rcu(&x->list);
		WRITE_ONCE(t->isatap.nprefixes, t->isatap.nprefixes - 1);
		t6_list_changed(t);
		kfree_rcu(x, rcu);
		t6_cfg_queue(t);
	} else {
		NL_SET_ERR_MSG(extack, "prefix is not published");
		err = -ENOENT;
	}
	mutex_unlock(&t->lock);
	t6_state_update(t);
	return err;
}
