// SPDX-License-Identifier: GPL-2.0
/*
 * The Teredo client (RFC 4380 5.2, RFC 5991): its UDP tunnel socket,
 * qualification against the server list with NAT detection, refresh and
 * recovery, and the address and routes of a qualified client.
 *
 * Qualification, one probe after the other, each RS_TRIES solicitations
 * RS_INTERVAL apart: the primary server (the mapping; a mapping that is
 * one of our own addresses is no NAT), the cone probe (an RS with the
 * cone bit, which the server answers from its other address: only a cone
 * NAT lets that in, and only before we sent to that address ourselves),
 * then the secondary server, primary + 1 (another mapping is a symmetric
 * NAT, where Teredo cannot work).  A client is never
 * latched offline: a probe that fails moves to the next server, and a
 * round through the list that failed waits a backoff, doubled each time
 * up to BACKOFF_MAX; a change of the namespace's IPv4 addresses starts
 * again at once.
 */

#include <linux/random.h>
#include <linux/rtnetlink.h>
#include <net/ip.h>
#include <net/route.h>
#include <net/udp.h>
#include <net/udp_tunnel.h>

#include "peer.h"

#define RS_INTERVAL	(4 * HZ)	/* RFC 4380 5.2.1: T */
#define RS_TRIES	3		/* RFC 4380 5.2.1: N */
#define CONE_TRIES	2
#define BACKOFF_MAX	(300 * HZ)
#define RS_LEN		(T6_TEREDO_AUTH_LEN + 48)

/* @saddr:@sport is the server in use (or its other address) */
bool t6_teredo_from_server(const struct t6_teredo *td, __be32 saddr,
			   __be16 sport)
{
	unsigned int i = READ_ONCE(td->server_idx);
	__be32 s;

	if (sport != htons(T6_TEREDO_PORT) || i >= T6_TEREDO_MAX_SERVERS)
		return false;
	s = READ_ONCE(td->servers[i]);
	/* the cone probe's answer comes from the other address */
	return s && (saddr == s || saddr == htonl(ntohl(s) + 1));
}

/*
 * An RA from the server (receive.c; @skb at the UDP payload, consumed):
 * qualification runs in process context, so hand it over.
 */
void t6_teredo_client_ra(struct t6_dev *t, struct sk_buff *skb)
{
	struct t6_teredo *td = &t->teredo;

	if (skb->len > sizeof(td->ra) || skb_linearize(skb)) {
		t6_drop(t, skb, T6_DROP_MALFORMED);
		return;
	}
	spin_lock(&td->ra_lock);
	if (td->ra_len) {
		/*
		 * One RA waits for the client at a time: a server answers
		 * an RS with one, and what comes faster is a flood.
		 */
		spin_unlock(&td->ra_lock);
		t6_drop(t, skb, T6_DROP_QUEUE_FULL);
		return;
	}
	memcpy(td->ra, skb->data, skb->len);
	td->ra_len = skb->len;
	spin_unlock(&td->ra_lock);
	mod_delayed_work(system_wq, &td->work, 0);
	consume_skb(skb);
}

int t6_teredo_sock_open(struct t6_dev *t)
{
	struct t6_teredo *td = &t->teredo;
	struct udp_port_cfg cfg = {
		.family = AF_INET,
		.local_ip.s_addr = t->fixed_local,	/* "local": bind to it */
		.local_udp_port = htons(td->client_port),
		.bind_ifindex = t->link,
	};
	struct udp_tunnel_sock_cfg tcfg = {
		.sk_user_data = t,
		.encap_type = 1,
		.encap_rcv = t6_teredo_udp_rcv,
	};
	struct socket *sock;
	int err;

	err = udp_sock_create(t->net, &cfg, &sock);
	if (err)
		return err;
	/*
	 * GRO only for a socket bound to every address: before 6.9 the
	 * kernel's UDP GRO looks the socket up again, when it completes, by
	 * the addresses of the inner header (fixed by "net: gro: fix udp bad
	 * offset in socket lookup"), where one bound to "local" is not found
	 * and the merged packet would be cut as plain UDP, mid-stream.  With
	 * "link", GRO finds no socket (the input interface is not known yet)
	 * and does nothing.
	 */
	if (!t->fixed_local) {
		tcfg.gro_receive = t6_teredo_gro_receive;
		tcfg.gro_complete = t6_teredo_gro_complete;
	}
	setup_udp_tunnel_sock(t->net, sock, &tcfg);
	td->local_port = inet_sk(sock->sk)->inet_sport;
	rcu_assign_pointer(td->sock, sock);
	return 0;
}

void t6_teredo_sock_close(struct t6_dev *t)
{
	struct socket *sock = rcu_dereference_protected(t->teredo.sock, true);

	if (!sock)
		return;
	RCU_INIT_POINTER(t->teredo.sock, NULL);
	synchronize_net();
	udp_tunnel_sock_release(sock);
}

static int teredo_send_rs(struct t6_dev *t, __be32 server, bool cone)
{
	struct t6_teredo *td = &t->teredo;
	struct sk_buff *skb;
	u8 *p;

	skb = alloc_skb(T6_TEREDO_UDP_HEADROOM + RS_LEN, GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	skb_reserve(skb, T6_TEREDO_UDP_HEADROOM);
	p = skb_put(skb, RS_LEN);
	t6_teredo_build_auth(p, td->nonce);
	t6_teredo_build_rs(p + T6_TEREDO_AUTH_LEN, RS_LEN - T6_TEREDO_AUTH_LEN,
			   cone);
	return t6_teredo_send_udp(t, skb, server, htons(T6_TEREDO_PORT));
}

/* RFC 4380 5.2.5: uniformly in [75 %, 100 %] of the refresh interval. */
static unsigned long teredo_refresh_delay(const struct t6_teredo *td)
{
	return t6_teredo_refresh_delay(td->refresh, get_random_u32());
}

/*
 * One nonce for all the RSs of a probe: on a slow path an RA may come
 * after the next RS went out, and it answers the probe all the same.
 */
/* The current probe's RAs, if any come late, are no news (teredo_ra()). */
static void teredo_nonce_retire(struct t6_teredo *td)
{
	if (!memchr_inv(td->nonce, 0, sizeof(td->nonce)))
		return;		/* retired already */
	memcpy(td->old_nonce[td->old_next], td->nonce, sizeof(td->nonce));
	td->old_next = (td->old_next + 1) % ARRAY_SIZE(td->old_nonce);
	memset(td->nonce, 0, sizeof(td->nonce));
}

static bool teredo_nonce_old(const struct t6_teredo *td, const u8 *nonce)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(td->old_nonce); i++)
		if (!memcmp(nonce, td->old_nonce[i], sizeof(td->nonce)))
			return true;
	return false;
}

/* No probe now; one given up with RSs out (failed, restarted) retires. */
static void teredo_probe_end(struct t6_teredo *td)
{
	if (td->probe != T6_TEREDO_PROBE_NONE && td->tries)
		teredo_nonce_retire(td);
	td->probe = T6_TEREDO_PROBE_NONE;
}

static void teredo_probe(struct t6_teredo *td, u8 probe)
{
	teredo_probe_end(td);
	td->probe = probe;
	td->tries = 0;
	td->next = jiffies;
	get_random_bytes(td->nonce, sizeof(td->nonce));
}

static void teredo_unqualify(struct t6_teredo *td)
{
	td->qualified = false;
	td->dormant = false;
	td->addr = in6addr_any;
	td->nat = T6_TEREDO_NAT_UNKNOWN;
}

/*
 * A probe failed: try the next server at once; after a whole round of
 * the list, wait a backoff that doubles up to BACKOFF_MAX.
 */
static void teredo_fail(struct t6_teredo *td, enum t6_reason reason)
{
	unsigned int rounds;

	teredo_unqualify(td);
	teredo_probe_end(td);
	td->reason = reason;
	td->failures++;
	td->server_idx = td->nservers ? (td->server_idx + 1) % td->nservers : 0;
	td->next = jiffies;
	if (td->server_idx)
		return;
	rounds = td->nservers ? td->failures / td->nservers : td->failures;
	td->next += min_t(unsigned long, BACKOFF_MAX,
			  (unsigned long)RS_INTERVAL << min(rounds, 7U));
}

static void teredo_qualify(struct t6_dev *t)
{
	struct t6_teredo *td = &t->teredo;
	struct t6_teredo_addr ta = {
		.server = td->servers[td->server_idx],
		.port = td->mapping.port,
		.addr = td->mapping.addr,
	};
	struct in6_addr a;

	/* RFC 5991 4: new random flag bits for each new mapping */
	ta.flags = td->flags;
	t6_teredo_addr_build(&a, &ta);
	if (!td->qualified || !ipv6_addr_equal(&a, &td->addr)) {
		td->flags = t6_teredo_flags(get_random_u32());
		ta.flags = td->flags;
		t6_teredo_addr_build(&td->addr, &ta);
	}
	td->qualified = true;
	td->dormant = false;
	td->active = jiffies;
	td->probe = T6_TEREDO_PROBE_NONE;
	td->reason = T6_REASON_NONE;
	td->failures = 0;
	td->next = jiffies + teredo_refresh_delay(td);
}

/* A probe sent its last RS and heard nothing. */
static void teredo_probe_timeout(struct t6_dev *t)
{
	struct t6_teredo *td = &t->teredo;

	switch (td->probe) {
	case T6_TEREDO_PROBE_SECONDARY:
		teredo_fail(td, T6_REASON_SECONDARY_UNREACHABLE);
		break;
	case T6_TEREDO_PROBE_CONE:
		/* not a cone: on to the secondary server all the same */
		td->nat = T6_TEREDO_NAT_RESTRICTED;
		teredo_probe(td, T6_TEREDO_PROBE_SECONDARY);
		break;
	default:
		teredo_fail(td, T6_REASON_SERVER_UNREACHABLE);
		break;
	}
}

/* When the client or a peer last had traffic. */
static unsigned long teredo_last_active(struct t6_dev *t)
{
	unsigned long last = t->teredo.active;

	rcu_read_lock();
	last = t6_teredo_peers_last_used(t, last);
	rcu_read_unlock();
	return last;
}

/*
 * Dormant (as Windows): qualified, but nothing went over the interface
 * for idle_timeout; no refreshes, so the server and the NAT may forget
 * us, until a packet wakes the client and a refresh checks the mapping.
 */
static bool teredo_dormant(struct t6_dev *t)
{
	struct t6_teredo *td = &t->teredo;

	if (!td->dormant) {
		if (!td->idle_timeout ||
		    time_before(jiffies, teredo_last_active(t) +
				(unsigned long)td->idle_timeout * HZ))
			return false;
		td->dormant = true;
	}
	td->next = jiffies + BACKOFF_MAX;
	return true;
}

/* What is due now: a probe's next RS, or the start of a probe. */
static void teredo_step(struct t6_dev *t)
{
	struct t6_teredo *td = &t->teredo;
	unsigned int max;
	__be32 server;
	int err;

	if (td->probe == T6_TEREDO_PROBE_NONE) {
		if (td->type == T6_TEREDO_DISABLED || !td->nservers) {
			teredo_unqualify(td);
			td->reason = td->nservers ? T6_REASON_DISABLED :
						    T6_REASON_NO_SERVER;
			td->next = jiffies + BACKOFF_MAX;
			return;
		}
		if (td->qualified) {
			unsigned long heard = READ_ONCE(td->last_server_rx);

			if (teredo_dormant(t))
				return;
			/* RFC 4380 5.2.5: refresh only a silent server */
			if (time_before(jiffies, heard + td->refresh * HZ)) {
				td->next = heard + teredo_refresh_delay(td);
				return;
			}
			teredo_probe(td, T6_TEREDO_PROBE_REFRESH);
		} else {
			teredo_probe(td, T6_TEREDO_PROBE_PRIMARY);
		}
	}
	max = td->probe == T6_TEREDO_PROBE_CONE ? CONE_TRIES : RS_TRIES;
	if (td->tries >= max) {
		teredo_probe_timeout(t);
		return;
	}
	server = td->servers[td->server_idx];
	if (td->probe == T6_TEREDO_PROBE_SECONDARY)
		server = htonl(ntohl(server) + 1);
	err = teredo_send_rs(t, server, td->probe == T6_TEREDO_PROBE_CONE);
	td->tries++;
	td->next = jiffies + RS_INTERVAL;
	if (err == -ENETUNREACH || err == -EHOSTUNREACH)
		teredo_fail(td, T6_REASON_NO_ROUTE);
}

/* An RA handed over by teredo_udp_rcv(): the answer to our last RS? */
static void teredo_ra(struct t6_dev *t, const u8 *buf, unsigned int len)
{
	struct t6_teredo *td = &t->teredo;
	struct t6_teredo_hdrs h;
	struct t6_teredo_map map;
	struct t6_teredo_ra ra;

	if (t6_teredo_parse(buf, len, &h) || !h.origin) {
		t6_drop_count(t, T6_DROP_MALFORMED);
		return;
	}
	/*
	 * The answer to another RS of a probe we took an answer for already
	 * (the RA of the first crossed the second on a slow path), or to a
	 * probe given up since (a restart): no news.  A zero nonce is never
	 * ours.
	 */
	if (h.auth && !memchr_inv(h.nonce, 0, sizeof(h.nonce))) {
		t6_drop_count(t, T6_DROP_BAD_NONCE);
		return;
	}
	if (h.auth && teredo_nonce_old(td, h.nonce))
		return;
	if (td->probe == T6_TEREDO_PROBE_NONE || !h.auth ||
	    memcmp(h.nonce, td->nonce, sizeof(td->nonce))) {
		t6_drop_count(t, T6_DROP_BAD_NONCE);
		return;
	}
	/* miredo-server puts the primary address in every prefix */
	if (t6_teredo_parse_ra(buf + h.ip6_off, h.ip6_len, &ra) ||
	    ra.server != td->servers[td->server_idx]) {
		t6_drop_count(t, T6_DROP_BAD_ICMP);
		return;
	}
	map.addr = h.origin_addr;
	map.port = h.origin_port;
	/* a nonce answers one probe only */
	teredo_nonce_retire(td);

	switch (td->probe) {
	case T6_TEREDO_PROBE_PRIMARY:
		td->first = map;
		td->mapping = map;
		if (map.port == td->local_port && t6_local_has(t, map.addr)) {
			td->nat = T6_TEREDO_NAT_NONE;
			teredo_qualify(t);
		} else {
			teredo_probe(td, T6_TEREDO_PROBE_CONE);
		}
		break;
	case T6_TEREDO_PROBE_CONE:
		td->nat = T6_TEREDO_NAT_CONE;
		teredo_probe(td, T6_TEREDO_PROBE_SECONDARY);
		break;
	case T6_TEREDO_PROBE_SECONDARY:
		if (map.addr != td->first.addr || map.port != td->first.port) {
			teredo_fail(td, T6_REASON_SYMMETRIC_NAT);
			td->nat = T6_TEREDO_NAT_SYMMETRIC;
			break;
		}
		/* td->nat: cone or restricted, as the cone probe found */
		teredo_qualify(t);
		break;
	case T6_TEREDO_PROBE_REFRESH:
		/* RFC 4380 5.2.5: a new mapping means a new address */
		td->mapping = map;
		teredo_qualify(t);
		break;
	}
}

/*
 * Show the packet path what the client is now (t->lock held): our
 * address and server while qualified, nothing otherwise.  Peers trusted
 * us at the old address: they go with it.
 */
static void teredo_publish(struct t6_dev *t)
{
	struct t6_teredo *td = &t->teredo;
	struct t6_teredo_link *old, *l = NULL;

	old = rcu_dereference_protected(td->link, lockdep_is_held(&t->lock));
	if (td->qualified) {
		__be32 server = td->servers[td->server_idx];

		if (old && ipv6_addr_equal(&old->addr, &td->addr) &&
		    old->server == server)
			return;
		l = kzalloc(sizeof(*l), GFP_KERNEL);
		if (l) {
			l->addr = td->addr;
			l->server = server;
		} else if (time_after(td->next, jiffies + HZ)) {
			/* offline to the packet path until it can: retry */
			td->next = jiffies + HZ;
		}
	} else if (!old) {
		return;
	}
	rcu_assign_pointer(td->link, l);
	if (old)
		kfree_rcu(old, rcu);
	t6_teredo_peers_flush(t);
}

static void teredo_work(struct work_struct *work)
{
	struct t6_teredo *td = container_of(to_delayed_work(work),
					    struct t6_teredo, work);
	struct t6_dev *t = container_of(td, struct t6_dev, teredo);
	unsigned int ra_len;
	u8 ra[sizeof(td->ra)];
	bool reconfigure;

	spin_lock_bh(&td->ra_lock);
	ra_len = td->ra_len;
	memcpy(ra, td->ra, ra_len);
	td->ra_len = 0;
	spin_unlock_bh(&td->ra_lock);

	mutex_lock(&t->lock);
	if (t->dead || !t->running) {
		mutex_unlock(&t->lock);
		return;
	}
	if (ra_len)
		teredo_ra(t, ra, ra_len);
	if (READ_ONCE(td->wake)) {
		WRITE_ONCE(td->wake, false);
		if (td->dormant) {
			/* awake: is the mapping still ours? */
			td->dormant = false;
			td->active = jiffies;
			teredo_probe(td, T6_TEREDO_PROBE_REFRESH);
		}
	}
	if (!time_before(jiffies, td->next))
		teredo_step(t);
	teredo_publish(t);
	reconfigure = !ipv6_addr_equal(&td->addr, &td->addr_configured);
	mod_delayed_work(system_wq, &td->work,
			 time_after(td->next, jiffies) ? td->next - jiffies : 0);
	mutex_unlock(&t->lock);
	if (reconfigure)
		t6_cfg_queue(t);
	t6_state_update(t);
}

/* Qualify from the first server again, now (t->lock held). */
void t6_teredo_client_requalify(struct t6_dev *t)
{
	struct t6_teredo *td = &t->teredo;

	teredo_unqualify(td);
	teredo_publish(t);
	teredo_probe_end(td);
	td->server_idx = 0;
	td->failures = 0;
	td->next = jiffies;
	if (t->running)
		mod_delayed_work(system_wq, &td->work, 0);
}

/*
 * Something changed under the client (t->lock held): a qualified one
 * checks its mapping at once, keeping the address meanwhile; any other
 * starts again from the first server.
 */
void t6_teredo_client_restart(struct t6_dev *t)
{
	struct t6_teredo *td = &t->teredo;

	if (!td->qualified || td->type == T6_TEREDO_DISABLED ||
	    !td->nservers) {
		t6_teredo_client_requalify(t);
		return;
	}
	teredo_probe(td, T6_TEREDO_PROBE_REFRESH);
	if (t->running)
		mod_delayed_work(system_wq, &td->work, 0);
}

/*
 * The interface goes down (RTNL and t->lock held): no address, and the
 * work, which may be waiting for the lock, sees !running and stops.
 */
void t6_teredo_client_stop(struct t6_dev *t)
{
	cancel_delayed_work(&t->teredo.work);
	teredo_unqualify(&t->teredo);
	teredo_publish(t);
	teredo_probe_end(&t->teredo);
}

void t6_teredo_client_init(struct t6_dev *t)
{
	struct t6_teredo *td = &t->teredo;

	INIT_DELAYED_WORK(&td->work, teredo_work);
	spin_lock_init(&td->ra_lock);
	get_random_bytes(&td->echo_id, sizeof(td->echo_id));
	/* whoever asks through the server, 64 bubbles a second at most */
	ratelimit_state_init(&td->bubble_rl, HZ, 64);
	ratelimit_set_flags(&td->bubble_rl, RATELIMIT_MSG_ON_RELEASE);
	t6_teredo_peers_init(t);
}

/* The packet path saw traffic while dormant (any context). */
void t6_teredo_client_wake(struct t6_dev *t)
{
	struct t6_teredo *td = &t->teredo;

	if (READ_ONCE(td->wake))
		return;
	WRITE_ONCE(td->wake, true);
	mod_delayed_work(system_wq, &td->work, 0);
}

/* t->lock held: how long until an offline client tries again */
unsigned long t6_teredo_next_try(const struct t6_teredo *td)
{
	return time_after(td->next, jiffies) ? td->next - jiffies : 0;
}

/* Bring the device's address and routes in line (t6_wq, no lock held). */
void t6_teredo_configure(struct t6_dev *t)
{
	struct t6_teredo *td = &t->teredo;
	int ifindex = t->dev->ifindex;
	struct in6_addr want, have;

	mutex_lock(&t->lock);
	want = !t->dead && t->running ? td->addr : in6addr_any;
	have = td->addr_configured;
	td->addr_configured = want;
	mutex_unlock(&t->lock);
	if (ipv6_addr_equal(&want, &have))
		return;
	if (!ipv6_addr_any(&have)) {
		/* the /32 goes, its on-link 2001::/32 route with it */
		if (t6_rtcfg_pass_addr(t, RTM_DELADDR, &have, 32))
			return;
		if (ipv6_addr_any(&want))
			t6_rtcfg_default_route(t->net, ifindex, RTM_DELROUTE,
					       NULL, T6_TEREDO_METRIC);
	}
	if (ipv6_addr_any(&want))
		return;
	if (t6_rtcfg_pass_addr(t, RTM_NEWADDR, &want, 32))
		return;
	if (t6_rtcfg_default_route(t->net, ifindex, RTM_NEWROUTE, NULL,
				   T6_TEREDO_METRIC))
		netdev_warn(t->dev, "cannot add the default route\n");
}
