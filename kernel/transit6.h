/* SPDX-License-Identifier: GPL-2.0 */
/*
 * transit6 private API, one section per file.
 */
#ifndef _T6_TRANSIT6_H
#define _T6_TRANSIT6_H

#include <linux/in.h>
#include <linux/indirect_call_wrapper.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/ratelimit.h>
#include <linux/siphash.h>
#include <linux/rtnetlink.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <net/dst_cache.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/netns/generic.h>

#include "uapi/transit6.h"

#define T6_MAX_LOCAL_ADDRS	16
#define T6_MAX_PRL		32
#define T6_MAX_PREFIXES		8
#define T6_DEFAULT_MTU		1480	/* RFC 4213 3.2 */
#define T6_DEFAULT_TTL		64
#define T6_DEFAULT_RS_INTERVAL	120	/* RFC 5214 MinRouterSolicitInterval */
#define T6_DEFAULT_ROUTER_LFT	1800
#define T6_DEFAULT_VALID_LFT	86400
#define T6_DEFAULT_PREFERRED_LFT 14400

struct t6_dev;

/*
 * Whether a protocol-41 packet is a kind's traffic (Documentation/
 * admin-guide.md, "Which kind a packet belongs to").  Strong: consistent
 * with a sender of that kind (an ISATAP source embedding the outer source,
 * a PRL router; a 6to4 source embedding it, the relay).  Weak: only the
 * kind's addresses.  The first strong claim wins, else the first weak one;
 * with none the packet goes on to the rest of tunnel4 (sit), uncounted.
 */
enum t6_claim {
	T6_CLAIM_NONE,
	T6_CLAIM_WEAK,
	T6_CLAIM_STRONG,
};

/*
 * What a protocol-41 kind adds (proto41.c and local.c call these); a UDP
 * kind has none of them.
 */
struct t6_proto41_ops {
	/* which IPv4 addresses it covers (NULL: any, loopback excepted) */
	bool (*covers)(const struct t6_dev *t, __be32 addr);
	/* rx, RCU held, inner header in the head: see enum t6_claim */
	enum t6_claim (*claim)(struct t6_dev *t, const struct ipv6hdr *ip6h,
			       __be32 outer_saddr);
	/* rx, RCU held, a packet it claimed: 0 to deliver, else a t6_drop */
	int (*rcv)(struct t6_dev *t, struct sk_buff *skb,
		   __be32 outer_saddr, __be32 outer_daddr);
	/*
	 * tx: pick the outer addresses; 0 or an enum t6_drop.  skb_dst() is
	 * NULL or an IPv6 route (proto41.c turns away any other).
	 */
	int (*nexthop)(struct t6_dev *t, struct sk_buff *skb,
		       __be32 *daddr, __be32 *saddr);
};

/* proto41.c calls the kinds' hooks directly where retpolines make it pay */
#define T6_CLAIM_ARGS	struct t6_dev *t, const struct ipv6hdr *ip6h, \
			__be32 outer_saddr
#define T6_RCV_ARGS	struct t6_dev *t, struct sk_buff *skb, \
			__be32 outer_saddr, __be32 outer_daddr
#define T6_NEXTHOP_ARGS	struct t6_dev *t, struct sk_buff *skb, \
			__be32 *daddr, __be32 *saddr
INDIRECT_CALLABLE_DECLARE(enum t6_claim t6_isatap_claim(T6_CLAIM_ARGS));
INDIRECT_CALLABLE_DECLARE(int t6_isatap_rcv(T6_RCV_ARGS));
INDIRECT_CALLABLE_DECLARE(int t6_isatap_nexthop(T6_NEXTHOP_ARGS));
INDIRECT_CALLABLE_DECLARE(enum t6_claim t6_6to4_claim(T6_CLAIM_ARGS));
INDIRECT_CALLABLE_DECLARE(int t6_6to4_rcv(T6_RCV_ARGS));
INDIRECT_CALLABLE_DECLARE(int t6_6to4_nexthop(T6_NEXTHOP_ARGS));

/*
 * A genetlink command of one kind; netlink.c resolves the device and
 * checks its kind first.  @dumpit runs under RCU with the device looked
 * up again for each part (nothing is held between parts): it keeps its
 * position in cb->args[1], starts each message with t6_nl_dump_msg() and
 * returns as a dumpit does.
 */
struct t6_kind_cmd {
	u8 cmd;
	int (*doit)(struct t6_dev *t, struct genl_info *info);
	int (*dumpit)(struct t6_dev *t, struct sk_buff *skb,
		      struct netlink_callback *cb);
};

/* What every kind adds to the shared device (device.c, local.c, netlink.c). */
struct t6_kind_ops {
	enum t6_kind kind;
	enum t6_reason no_ipv4;		/* reason when it covers none */
	/* rtnetlink: may the device be created (RTNL held, unregistered) */
	int (*newlink)(struct t6_dev *t, struct netlink_ext_ack *extack);
	int (*init)(struct t6_dev *t);
	void (*uninit)(struct t6_dev *t);
	/* ndo_open/ndo_stop, RTNL and t->lock held */
	void (*open)(struct t6_dev *t);
	void (*stop)(struct t6_dev *t);
	void (*addrs_changed)(struct t6_dev *t);
	/* another device of the namespace changed (RTNL held) */
	void (*netdev_event)(struct t6_dev *t, struct net_device *dev,
			     unsigned long event);
	/*
	 * Bring the namespace's addresses and routes in line with the
	 * device, from t6_wq (process context, no lock held, a device
	 * reference held): queued by t6_cfg_queue().
	 */
	void (*configure)(struct t6_dev *t);
	void (*state)(struct t6_dev *t, enum t6_state *state,
		      enum t6_reason *reason);
	/*
	 * genetlink: the kind's nest (@nl_attr, T6A_ISATAP...) in GET
	 * replies, filled by @fill; in SET requests, checked then applied
	 * by @set (RTNL held; validated by the kind's policy).  A request
	 * with this nest for another kind's device fails with
	 * @nl_wrong_kind as the extack message.
	 */
	u16 nl_attr;
	const char *nl_wrong_kind;
	int (*fill)(struct t6_dev *t, struct sk_buff *skb);
	int (*set)(struct t6_dev *t, const struct nlattr *nest,
		   struct netlink_ext_ack *extack);
	/* the kind's own genetlink commands (lists: PRL, prefixes) */
	const struct t6_kind_cmd *cmds;
	unsigned int n_cmds;
	const struct t6_proto41_ops *proto41;
};

/* IPv4 addresses the device covers; replaced whole under RTNL. */
struct t6_local_addrs {
	struct rcu_head rcu;
	unsigned int n;
	__be32 addr[];
};

/* The outer route cache key of one CPU (see proto41.c). */
struct t6_route_key {
	__be32 daddr;
	__be32 saddr;
	u32 tos;
	u32 mark;		/* fwmark policy routing picks by it too */
};

/* What the packet path writes, per CPU so that no cache line bounces. */
struct t6_pcpu {
	struct t6_route_key route_key;
	unsigned long relay_used;	/* 6to4: jiffies of the last packet */
};

struct t6_drop_stats {
	u64 count[__T6_DROP_MAX];
};

/* ISATAP potential router list entry (RFC 5214 8.1). */
struct t6_prl_entry {
	struct list_head list;		/* t6_isatap.prl, RCU */
	struct t6_dev *t;
	__be32 addr;
	struct timer_list rs_timer;
	unsigned int unanswered;	/* RSs sent since the last RA */
	unsigned long last_ra;		/* jiffies, 0 = never */
	atomic64_t rs_sent;
	atomic64_t ra_rcvd;
	struct rcu_head rcu;
};

struct t6_nd_prefix {
	struct in6_addr prefix;
	u8 len;
	u32 valid;
	u32 preferred;
};

struct t6_prefix {
	struct list_head list;		/* t6_isatap.prefixes, RCU */
	struct t6_nd_prefix p;
	struct rcu_head rcu;
};

/* RAs in answer to RSs, per source (isatap.c): a burst, then 1/s. */
struct t6_rs_bucket {
	unsigned long stamp;		/* jiffies the tokens were counted at */
	unsigned int tokens;
};

#define T6_RS_BUCKETS		256

/* What the PRL was set as: a copy of T6A_ISATAP_PRL_NAMES' payload. */
struct t6_prl_names {
	int len;
	u8 attrs[];
};

struct t6_isatap {
	struct list_head prl;
	unsigned int nprl;
	struct t6_prl_names *prl_names;		/* t6_dev.lock; NULL: none */
	struct list_head prefixes;
	unsigned int nprefixes;
	struct ratelimit_state ra_ratelimit;	/* all sources together */
	spinlock_t rs_lock;			/* rs_buckets */
	u32 rs_seed;
	struct t6_rs_bucket rs_buckets[T6_RS_BUCKETS];
};

#define T6_RELAY_NAME_MAX	256
#define T6_6TO4_LAN_MAX		16

/* A LAN a 6to4 router serves (sixtofour_lan.c). */
struct t6_6to4_lan {
	int ifindex;
	u16 subnet;
	struct in6_addr addr;		/* put there by the last pass; :: none */
};

/* 6to4 (sixtofour.c); written under t6_dev.lock. */
struct t6_6to4 {
	enum t6_6to4_role role;
	enum t6_6to4_native native_from;
	__be32 relay;			/* 0: none */
	char relay_name[T6_RELAY_NAME_MAX];
	__be32 route_relay;		/* the default route we added goes via */
	unsigned int nlans;
	struct t6_6to4_lan lans[T6_6TO4_LAN_MAX];
	/* LANs no longer served whose addresses the next pass removes */
	unsigned int ngone;
	struct t6_6to4_lan gone[T6_6TO4_LAN_MAX];
};

/* What the packet path needs of a qualified client, published by RCU. */
struct t6_teredo_link {
	struct rcu_head rcu;
	struct in6_addr addr;		/* our Teredo address */
	__be32 server;			/* the server we qualified with */
};

#define T6_TEREDO_PEER_BUCKETS	4096

/* The peer table (teredo/peer.c). */
struct t6_teredo_peers {
	spinlock_t lock;		/* insert and remove; lookups RCU */
	unsigned int count;
	atomic_t queued;		/* packets waiting, all peers */
	siphash_key_t key;
	struct delayed_work gc;
	struct hlist_head buckets[T6_TEREDO_PEER_BUCKETS];
};

/* Teredo (teredo/): settings under t6_dev.lock, client state its own. */
struct t6_teredo {
	u8 type;				/* enum t6_teredo_type */
	unsigned int nservers;
	__be32 servers[T6_TEREDO_MAX_SERVERS];
	char server_name[T6_RELAY_NAME_MAX];
	u32 refresh;				/* seconds */
	u16 client_port;			/* 0: ephemeral */
	u32 peer_max;
	u32 idle_timeout;			/* seconds; 0: never dormant */

	struct socket __rcu *sock;
	__be16 local_port;

	/* the client (teredo/client.c): t6_dev.lock */
	struct delayed_work work;
	u8 probe;				/* enum t6_teredo_probe */
	u8 nat;					/* enum t6_teredo_nat */
	enum t6_reason reason;			/* why offline */
	unsigned int server_idx;
	unsigned int tries;			/* RSs of this probe */
	unsigned int failures;			/* backoff */
	u8 nonce[8];				/* the probe's */
	/*
	 * The last probes that were answered or given up with RSs out:
	 * their late RAs are no news, not bad nonces.
	 */
	u8 old_nonce[4][8];
	unsigned int old_next;
	struct t6_teredo_map {
		__be32 addr;
		__be16 port;
	} first, mapping;
	bool qualified;
	/* qualified, but idle: no refreshes until the next packet */
	bool dormant;
	bool wake;				/* the packet path saw one */
	unsigned long active;			/* jiffies: qualified or woken */
	unsigned long next;			/* jiffies of the next step */
	unsigned long last_server_rx;		/* jiffies */
	struct in6_addr addr;			/* the Teredo address, :: none */
	struct in6_addr addr_configured;	/* on the device now */
	u16 flags;

	/* an RA from a server, handed from receive to the client */
	spinlock_t ra_lock;
	unsigned int ra_len;
	u8 ra[256];

	/* the packet path (teredo/send.c, receive.c, peer.c) */
	struct t6_teredo_link __rcu *link;	/* NULL: not qualified */
	__be16 echo_id;				/* of our echo tests */
	struct ratelimit_state bubble_rl;	/* bubbles we answer */
	struct t6_teredo_peers peers;
};

struct t6_dev {
	struct net_device *dev;
	struct net *net;
	const struct t6_kind_ops *ops;
	struct list_head list;		/* t6_net.devs, RCU; RTNL to change */
	struct dst_cache dst_cache;
	struct t6_pcpu __percpu *pcpu;
	struct t6_drop_stats __percpu *drops;
	struct t6_local_addrs __rcu *local;

	/* creation parameters (rtnetlink), fixed for the device's life */
	int link;
	__be32 fixed_local;
	u8 ttl;
	bool tos_inherit;

	/* runtime configuration (genetlink), written under @lock */
	struct mutex lock;
	bool running;			/* between ndo_open and ndo_stop */
	bool dead;			/* ndo_uninit ran: refuse changes */
	bool listed;			/* on t6_net.devs (RTNL) */
	bool forwarding;
	u32 rs_interval;
	u16 router_lifetime;
	u32 list_gen;			/* PRL/prefix changes, for dumps */
	struct work_struct cfg_work;	/* ops->configure */
	enum t6_state state;
	enum t6_reason reason;
	struct work_struct state_work;

	union {
		struct t6_isatap isatap;
		struct t6_6to4 sixtofour;
		struct t6_teredo teredo;
	};
};

/* addr.c */
bool t6_ipv4_is_global(__be32 addr);
void t6_isatap_iid(u8 iid[8], __be32 v4);
void t6_isatap_addr(struct in6_addr *out, const struct in6_addr *prefix,
		    __be32 v4);
void t6_isatap_linklocal(struct in6_addr *out, __be32 v4);
bool t6_isatap_router_source(const struct in6_addr *src, __be32 outer_src);
void t6_6to4_prefix(struct in6_addr *out, __be32 v4);
void t6_6to4_addr(struct in6_addr *out, __be32 v4);
void t6_6to4_lan_addr(struct in6_addr *out, __be32 v4, u16 subnet);
bool t6_6to4_addr_is_own(const struct in6_addr *a, __be32 *v4);

/*
 * The address tests every packet asks, inline (a call each cost small
 * packets their rate against sit); pure, and tested with addr.c.
 */

/*
 * If @a has an ISATAP interface identifier (either value of the u bit, g
 * bit clear), store the embedded IPv4 address in @v4 and return true.
 */
static inline bool t6_isatap_addr_v4(const struct in6_addr *a, __be32 *v4)
{
	if ((a->s6_addr32[2] | htonl(0x02000000)) != htonl(0x02005efe))
		return false;
	*v4 = a->s6_addr32[3];
	return true;
}

/* RFC 5214 7.3: @a is an ISATAP address embedding exactly @v4. */
static inline bool t6_isatap_embeds(const struct in6_addr *a, __be32 v4)
{
	__be32 embedded;

	return t6_isatap_addr_v4(a, &embedded) && embedded == v4;
}

/*
 * Whether @a can stand for a 6to4 site (RFC 3056 2, RFC 3964 5.3.1, RFC
 * 6343 4.1): not "this network" 0/8, private 10/8, 172.16/12, 192.168/16,
 * shared 100.64/10, loopback, link-local, the relay anycast 192.88.99/24,
 * multicast, or 240/4 with the limited broadcast.
 */
static inline bool t6_6to4_v4_public(__be32 a)
{
	u32 h = ntohl(a);

	return !((h >> 24) == 0 || ipv4_is_private_10(a) ||
		 (h & 0xffc00000) == 0x64400000 || ipv4_is_loopback(a) ||
		 ipv4_is_linklocal_169(a) || ipv4_is_private_172(a) ||
		 ipv4_is_anycast_6to4(a) || ipv4_is_private_192(a) ||
		 h >= 0xe0000000);
}

/*
 * If @a is under 2002::/16, store the IPv4 address it embeds in @v4.
 * Always inline: gcc kept one out-of-line copy for its many callers.
 */
static __always_inline bool t6_6to4_addr_v4(const struct in6_addr *a,
					    __be32 *v4)
{
	if (a->s6_addr16[0] != htons(0x2002))
		return false;
	memcpy(v4, a->s6_addr + 2, 4);
	return true;
}

/*
 * RFC 3964 5.3.2: IPv6 addresses no 6to4 packet may carry, as source or
 * destination: ::/16 (unspecified, loopback, compatible, mapped),
 * link-local fe80::/10, site-local fec0::/10, multicast ff00::/8, and a
 * 6to4 address whose IPv4 address cannot be a site.
 */
static inline bool t6_6to4_v6_range_forbidden(const struct in6_addr *a)
{
	u16 top = ntohs(a->s6_addr16[0]);

	return top == 0 || (top & 0xffc0) == 0xfe80 ||
	       (top & 0xffc0) == 0xfec0 || (top & 0xff00) == 0xff00;
}

static inline bool t6_6to4_v6_forbidden(const struct in6_addr *a)
{
	__be32 v4;

	return t6_6to4_v6_range_forbidden(a) ||
	       (t6_6to4_addr_v4(a, &v4) && !t6_6to4_v4_public(v4));
}

/* nd.c */
struct t6_ra_params {
	u8 hop_limit;
	u16 router_lifetime;
	u32 mtu;
};

struct t6_ra_info {
	u16 router_lifetime;
	u32 min_lifetime;	/* smallest non-zero lifetime, seconds */
	unsigned int nprefixes;
};

bool t6_nd_csum_ok(const struct in6_addr *saddr, const struct in6_addr *daddr,
		   const void *buf, size_t len);
size_t t6_nd_build_rs(void *buf, size_t len);
size_t t6_nd_ra_size(unsigned int nprefixes);
size_t t6_nd_build_ra(void *buf, size_t len, const struct t6_ra_params *p,
		      const struct t6_nd_prefix *pfx, unsigned int n);
int t6_nd_parse_rs(const void *buf, size_t len);
int t6_nd_parse_ra(const void *buf, size_t len, struct t6_ra_info *ri);
unsigned int t6_nd_ra_prefixes(const void *buf, size_t len,
			       struct t6_nd_prefix *out, unsigned int max);

/* device.c */
extern struct rtnl_link_ops t6_isatap_link_ops;
extern struct rtnl_link_ops t6_6to4_link_ops;
extern struct rtnl_link_ops t6_teredo_link_ops;
extern struct workqueue_struct *t6_wq;
extern const char t6_version[];
bool t6_is_t6_dev(const struct net_device *dev);
u32 t6_net_devs_gen(struct net *net);
void t6_list_changed(struct t6_dev *t);
struct t6_dev *t6_dev_get(struct net *net, int ifindex, const char *name);
void t6_drop(struct t6_dev *t, struct sk_buff *skb, enum t6_drop reason);
void t6_drop_count(struct t6_dev *t, enum t6_drop reason);
u64 t6_drop_read(struct t6_dev *t, enum t6_drop reason);
void t6_state_update(struct t6_dev *t);
void t6_cfg_queue(struct t6_dev *t);

/* Our devices in one namespace (pernet). */
struct t6_net {
	struct list_head devs;	/* RCU; RTNL to change */
	u32 devs_gen;		/* changes with @devs (RTNL); 0 is never used */
};

extern unsigned int t6_net_id;

/* inline: the receive path walks it for every packet */
static inline struct list_head *t6_net_devs(struct net *net)
{
	struct t6_net *tn = net_generic(net, t6_net_id);

	return &tn->devs;
}

int t6_device_init(void);
void t6_device_uninit(void);

/* local.c */
bool t6_local_has(struct t6_dev *t, __be32 addr);

/*
 * t6_local_has() for the packet path, inline: a reader of any RCU flavour
 * (receive in softirq, transmit under rcu_read_lock_bh) or RTNL.
 */
static inline bool t6_local_has_rcu(struct t6_dev *t, __be32 addr)
{
	const struct t6_local_addrs *l;
	unsigned int i;

	l = rcu_dereference_check(t->local,
				  rcu_read_lock_any_held() || lockdep_rtnl_is_held());
	for (i = 0; l && i < l->n; i++)
		if (l->addr[i] == addr)
			return true;
	return false;
}

__be32 t6_local_primary(struct t6_dev *t);
void t6_local_update(struct t6_dev *t);
int t6_local_init(void);
void t6_local_uninit(void);

/* proto41.c */
int t6_proto41_init(void);
void t6_proto41_uninit(void);
void t6_proto41_xmit(struct t6_dev *t, struct sk_buff *skb,
		     __be32 daddr, __be32 saddr);
netdev_tx_t t6_proto41_start_xmit(struct sk_buff *skb, struct net_device *dev);
struct rtable *t6_route_cached(struct t6_dev *t, struct flowi4 *fl4);

/* isatap.c */
extern const struct t6_kind_ops t6_isatap_ops;

/* isatap_nl.c */
extern const struct nla_policy t6_isatap_set_policy[T6A_ISATAP_MAX + 1];
extern const struct nla_policy t6_isatap_router_policy[T6A_ISATAP_MAX + 1];
extern const struct nla_policy t6_isatap_prefix_policy[T6A_ISATAP_MAX + 1];
extern const struct t6_kind_cmd t6_isatap_cmds[6];
int t6_isatap_fill(struct t6_dev *t, struct sk_buff *skb);
int t6_isatap_set(struct t6_dev *t, const struct nlattr *nest,
		  struct netlink_ext_ack *extack);

/* isatap_rd.c */
#define T6_RS_BURST		3	/* MAX_RTR_SOLICITATIONS */
bool t6_isatap_v4_usable(__be32 v4);
struct sk_buff *t6_isatap_nd_alloc(struct net_device *dev, size_t len);
struct t6_prl_entry *t6_isatap_prl_lookup(struct t6_dev *t, __be32 addr);
void t6_isatap_prl_start(struct t6_prl_entry *e);
void t6_isatap_prl_flush_locked(struct t6_dev *t);
int t6_isatap_prl_add(struct t6_dev *t, __be32 addr, bool exist_ok,
		      struct netlink_ext_ack *extack);
int t6_isatap_prl_del(struct t6_dev *t, __be32 addr,
		      struct netlink_ext_ack *extack);
void t6_isatap_prl_flush(struct t6_dev *t);
void t6_isatap_rs_interval_changed(struct t6_dev *t);
int t6_isatap_prefix_add(struct t6_dev *t, const struct t6_nd_prefix *p,
			 bool replace, struct netlink_ext_ack *extack);
int t6_isatap_prefix_del(struct t6_dev *t, const struct t6_nd_prefix *p,
			 struct netlink_ext_ack *extack);

/* sixtofour.c */
extern const struct t6_kind_ops t6_6to4_ops;
extern const struct nla_policy t6_6to4_set_policy[T6A_6TO4_MAX + 1];

/* sixtofour_lan.c */
extern const struct nla_policy t6_6to4_lan_policy[T6A_LAN_MAX + 1];
int t6_6to4_lan_apply(struct t6_dev *t, struct nlattr **attrs,
		      struct netlink_ext_ack *extack);
int t6_6to4_lan_fill(struct t6_dev *t, struct sk_buff *skb);
void t6_6to4_lan_netdev_event(struct t6_dev *t, struct net_device *dev,
			      unsigned long event);
void t6_6to4_lan_configure(struct t6_dev *t, __be32 site);
void t6_6to4_lan_uninit(struct t6_dev *t);

/* teredo/teredo.c, teredo/client.c */
extern const struct t6_kind_ops t6_teredo_ops;
extern const struct nla_policy t6_teredo_set_policy[T6A_TEREDO_MAX + 1];
netdev_tx_t t6_teredo_start_xmit(struct sk_buff *skb, struct net_device *dev);
int t6_teredo_sock_open(struct t6_dev *t);
void t6_teredo_sock_close(struct t6_dev *t);
void t6_teredo_client_init(struct t6_dev *t);
void t6_teredo_client_requalify(struct t6_dev *t);
void t6_teredo_client_restart(struct t6_dev *t);
void t6_teredo_client_stop(struct t6_dev *t);
unsigned long t6_teredo_next_try(const struct t6_teredo *td);
void t6_teredo_configure(struct t6_dev *t);

/* rtcfg.c */
int t6_rtcfg_addr(struct net *net, int ifindex, int type,
		  const struct in6_addr *addr, u8 plen);
int t6_rtcfg_pass_addr(struct t6_dev *t, int type, const struct in6_addr *a,
		       u8 plen);
int t6_rtcfg_default_route(struct net *net, int ifindex, int type,
			   const struct in6_addr *gw, u32 metric);

/* netlink.c */
int t6_genl_init(void);
void t6_genl_uninit(void);
void t6_genl_notify_state(struct t6_dev *t);
void *t6_nl_dump_msg(struct t6_dev *t, struct sk_buff *skb,
		     struct netlink_callback *cb);

#endif /* _T6_TRANSIT6_H */
