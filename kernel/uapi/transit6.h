/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * transit6: IPv6 transition pseudo-interfaces (ISATAP, 6to4, Teredo).
 *
 * Interfaces are created over rtnetlink:
 *
 *	ip link add NAME type isatap [ IFLA_T6_* attributes ]
 *	ip link add NAME type sixtofour
 *	ip link add NAME type teredo
 *
 * Everything else is configured and read over the generic netlink family
 * T6_GENL_NAME, version T6_GENL_VERSION (Documentation/netlink/transit6.yaml
 * is the same ABI as a spec for spec-driven clients).  Every request names
 * its interface with T6A_IFINDEX or T6A_IFNAME; a request for a device that
 * is not a transit6 device fails with -ENODEV.  Each command has its own
 * policy: an attribute a command does not take is refused (-EINVAL), an
 * attribute of another kind's nest is refused with -EOPNOTSUPP.  GET
 * commands work for unprivileged users; the others need CAP_NET_ADMIN in
 * the interface's network namespace.  Nests are flagged NLA_F_NESTED.
 *
 * Attribute tree:
 *
 *	T6A_IFINDEX, T6A_IFNAME, T6A_KIND, T6A_STATE, T6A_STATE_REASON
 *	T6A_LOCAL_ADDRS: T6A_ADDR_IPV4 (one per IPv4 address covered)
 *	T6A_ADDRS6: T6A_ADDR_IPV6 (one per IPv6 address of the interface)
 *	T6A_DROPS: attribute type = enum t6_drop, a u64 packet count each
 *	T6A_ISATAP: enum t6_isatap_attr
 *		T6A_ISATAP_FORWARDING, T6A_ISATAP_RS_INTERVAL,
 *		T6A_ISATAP_ROUTER_LIFETIME,
 *		T6A_ISATAP_PRL_NAMES: T6A_PRL_NAME (what the PRL was set as)
 *		T6A_ISATAP_ROUTER: enum t6_router_attr (one PRL entry)
 *		T6A_ISATAP_PREFIX: enum t6_prefix_attr (one published prefix)
 *	T6A_6TO4: enum t6_6to4_attr
 *		T6A_6TO4_ROLE, T6A_6TO4_NATIVE_FROM, T6A_6TO4_RELAY_ADDR,
 *		T6A_6TO4_RELAY_NAME, T6A_6TO4_RELAY_LAST_USED
 *		T6A_6TO4_LAN: enum t6_lan_attr (one per LAN served)
 *
 * T6_CMD_GET_DEVICE (request: T6A_IFINDEX or T6A_IFNAME)
 *	doit: one device; dumpit (NLM_F_DUMP, no attributes): every transit6
 *	device of the namespace.  Each reply carries T6A_IFINDEX, T6A_IFNAME,
 *	T6A_KIND, T6A_STATE, T6A_STATE_REASON, T6A_LOCAL_ADDRS, T6A_ADDRS6,
 *	T6A_DROPS and the nest of its kind: T6A_ISATAP (forwarding, RS
 *	interval, router lifetime, PRL names when set) or T6A_6TO4 (role,
 *	native-from, relay address, relay name when set, relay last used
 *	once a packet went to the relay, the LANs it serves).
 *
 * T6_CMD_SET_DEVICE
 *	The device's kind nest with any of: T6A_ISATAP_FORWARDING,
 *	T6A_ISATAP_RS_INTERVAL, T6A_ISATAP_ROUTER_LIFETIME,
 *	T6A_ISATAP_PRL_NAMES (replaces them; empty: none); or
 *	T6A_6TO4_ROLE, T6A_6TO4_NATIVE_FROM, T6A_6TO4_RELAY_ADDR (public, or
 *	in 192.88.99.0/24; 0.0.0.0 for none; clears the name),
 *	T6A_6TO4_RELAY_NAME, T6A_6TO4_LAN (T6A_LAN_IFINDEX required,
 *	T6A_LAN_SUBNET: serve that LAN, or change its subnet; -ENOSPC past
 *	16 LANs) and T6A_6TO4_LAN_DEL (-ENOENT if not served).  The kernel
 *	puts 2002:V4:SUBNET::1/64 on each LAN (IFA_PROTO T6_IFA_PROTO) and
 *	moves it when V4 changes; it leaves the LAN's Router Advertisements
 *	to radvd.
 *
 * Dumps hold no reference between reads; one whose list changed between
 * two reads is flagged NLM_F_DUMP_INTR.
 *
 * T6_CMD_GET_ROUTER (dumpit only; ISATAP; request: T6A_IFINDEX/T6A_IFNAME)
 *	One message per potential router list (PRL) entry: T6A_IFINDEX and
 *	T6A_ISATAP with one T6A_ISATAP_ROUTER: T6A_ROUTER_ADDR,
 *	T6A_ROUTER_RS_SENT, T6A_ROUTER_RA_RCVD, T6A_ROUTER_LAST_RA (msecs
 *	since the last accepted RA; absent when none arrived yet).
 * T6_CMD_NEW_ROUTER / T6_CMD_DEL_ROUTER (ISATAP)
 *	T6A_ISATAP / T6A_ISATAP_ROUTER / T6A_ROUTER_ADDR adds or removes one
 *	PRL entry (-EEXIST, -ENOENT; with T6A_REPLACE, adding one that is
 *	there succeeds).  DEL_ROUTER without it empties the PRL.
 *
 * T6_CMD_GET_PREFIX (dumpit only; ISATAP router)
 *	One message per published prefix: T6A_IFINDEX and T6A_ISATAP with
 *	one T6A_ISATAP_PREFIX: T6A_PREFIX_ADDR, T6A_PREFIX_LEN,
 *	T6A_PREFIX_VALID_LFT, T6A_PREFIX_PREFERRED_LFT.
 * T6_CMD_NEW_PREFIX / T6_CMD_DEL_PREFIX (ISATAP router)
 *	T6A_ISATAP / T6A_ISATAP_PREFIX: T6A_PREFIX_ADDR + T6A_PREFIX_LEN
 *	(required), lifetimes (optional); -EEXIST if published, unless
 *	T6A_REPLACE, which sets its lifetimes.  Published prefixes go into the
 *	Router Advertisements the interface sends in answer to Router
 *	Solicitations.
 *
 * T6_CMD_GET_PEER (dumpit only; Teredo)
 *	One message per peer: T6A_IFINDEX and T6A_TEREDO with one
 *	T6A_TEREDO_PEER (enum t6_peer_attr).
 *
 * T6_CMD_EVENT (multicast group T6_MCGRP_EVENTS)
 *	Sent when a device's T6A_STATE or T6A_STATE_REASON changes; carries
 *	T6A_IFINDEX, T6A_IFNAME, T6A_KIND, T6A_STATE, T6A_STATE_REASON.
 *
 * Version 2 put each kind's attributes in its nest; version 1 (flat) is
 * not spoken.
 */
#ifndef _UAPI_TRANSIT6_H
#define _UAPI_TRANSIT6_H

#define T6_GENL_NAME		"transit6"
#define T6_GENL_VERSION		2
#define T6_MCGRP_EVENTS		"events"

/* rtnetlink kinds */
#define T6_KIND_NAME_ISATAP	"isatap"
#define T6_KIND_NAME_6TO4	"sixtofour"
#define T6_KIND_NAME_TEREDO	"teredo"

enum t6_kind {
	T6_KIND_UNSPEC,
	T6_KIND_ISATAP,
	T6_KIND_6TO4,
	T6_KIND_TEREDO,
	__T6_KIND_MAX
};

/*
 * Interface state, in the words Windows uses.  ISATAP: DORMANT while the
 * interface is administratively down, OFFLINE when it covers no IPv4
 * address, PROBE while it solicits routers and none answered yet (or it has
 * no PRL), QUALIFIED once a PRL router answered or it is a router.
 */
enum t6_state {
	T6_STATE_OFFLINE,
	T6_STATE_DORMANT,
	T6_STATE_PROBE,
	T6_STATE_QUALIFIED,
	__T6_STATE_MAX
};

enum t6_reason {
	T6_REASON_NONE,
	T6_REASON_ADMIN_DOWN,		/* interface is down */
	T6_REASON_NO_IPV4,		/* no usable IPv4 address covered */
	T6_REASON_NO_ROUTER,		/* PRL is empty */
	T6_REASON_ROUTER_UNREACHABLE,	/* no PRL router answered */
	T6_REASON_NO_PUBLIC_IPV4,	/* 6to4: no public IPv4 address */
	T6_REASON_DISABLED,		/* Teredo: type disabled */
	T6_REASON_NO_SERVER,		/* Teredo: no server configured */
	/* Teredo: the primary server did not answer over UDP */
	T6_REASON_SERVER_UNREACHABLE,
	/* Teredo: the secondary server (primary + 1) did not answer */
	T6_REASON_SECONDARY_UNREACHABLE,
	T6_REASON_SYMMETRIC_NAT,	/* Teredo: the two servers saw two mappings */
	T6_REASON_NO_ROUTE,		/* Teredo: no IPv4 route to the server */
	T6_REASON_SOCKET,		/* Teredo: its socket cannot be bound */
	T6_REASON_IDLE,			/* Teredo dormant: no traffic lately */
	__T6_REASON_MAX
};

/* Why a packet was dropped; reported per device in T6A_DROPS. */
enum t6_drop {
	T6_DROP_UNSPEC,
	/* rx: shorter than the headers it claims (tunnel4 drops payloads
	 * under 40 bytes before we see them)
	 */
	T6_DROP_SHORT,
	T6_DROP_MALFORMED,	/* rx: not IPv6, bad payload length */
	T6_DROP_SPOOFED,	/* rx: outer source inconsistent (RFC 5214 7.3) */
	T6_DROP_RA_NOT_PRL,	/* rx: RA not from a PRL router (8.3.3) */
	T6_DROP_LOOP,		/* rx/tx: RFC 6324 loop mitigation */
	T6_DROP_NO_NEXTHOP,	/* tx: no IPv4 next hop for the destination */
	T6_DROP_NO_ROUTE,	/* tx: no IPv4 route to the next hop */
	T6_DROP_TOO_BIG,	/* tx: over the path MTU, PTB sent */
	T6_DROP_BAD_ICMP,	/* rx: malformed RS/RA */
	/* 6to4, RFC 3964 5: an outer or embedded IPv4 address that cannot
	 * be a 6to4 site (private, loopback, multicast, ...)
	 */
	T6_DROP_BAD_ADDR4,	/* Teredo too: a non-global mapping (5.2.4) */
	T6_DROP_BAD_ADDR6,	/* 6to4: IPv6 address of RFC 3964 5.3.2 */
	/* 6to4 rx: native source not from the relay (native_from RELAY) */
	T6_DROP_NOT_RELAY,
	T6_DROP_DST_MISMATCH,	/* rx: 2002: or Teredo destination not ours */
	/* Teredo rx: an RA the client did not ask for (nonce, server) */
	T6_DROP_BAD_NONCE,
	T6_DROP_NO_PEER,	/* Teredo: no trusted peer for the packet */
	T6_DROP_OFFLINE,	/* Teredo tx: not qualified */
	/* Teredo rx: not from where the source's address or its trusted
	 * peer entry says (RFC 4380 5.2.3)
	 */
	T6_DROP_MAPPING,
	T6_DROP_LINK_LOCAL,	/* Teredo rx: link-local, not from the server */
	T6_DROP_PEER_LIMIT,	/* Teredo: the peer table is full */
	T6_DROP_QUEUE_FULL,	/* Teredo tx: the peer's queue is full */
	T6_DROP_BUBBLE_LIMIT,	/* Teredo rx: bubbles to answer over the cap */
	__T6_DROP_MAX
};

enum t6_cmd {
	T6_CMD_UNSPEC,
	T6_CMD_GET_DEVICE,
	T6_CMD_SET_DEVICE,
	T6_CMD_GET_ROUTER,
	T6_CMD_NEW_ROUTER,
	T6_CMD_DEL_ROUTER,
	T6_CMD_GET_PREFIX,
	T6_CMD_NEW_PREFIX,
	T6_CMD_DEL_PREFIX,
	T6_CMD_EVENT,
	T6_CMD_GET_PEER,
	__T6_CMD_MAX
};

#define T6_CMD_MAX (__T6_CMD_MAX - 1)

enum t6_attr {
	T6A_UNSPEC,
	T6A_PAD,
	T6A_IFINDEX,		/* u32 */
	T6A_IFNAME,		/* string, < IFNAMSIZ */
	T6A_KIND,		/* u8, enum t6_kind */
	T6A_STATE,		/* u8, enum t6_state */
	T6A_STATE_REASON,	/* u8, enum t6_reason */
	T6A_LOCAL_ADDRS,	/* nest, enum t6_addr_attr */
	T6A_ADDRS6,		/* nest, enum t6_addr_attr */
	T6A_DROPS,		/* nest: type = enum t6_drop, value u64 */
	T6A_ISATAP,		/* nest, enum t6_isatap_attr */
	T6A_6TO4,		/* nest, enum t6_6to4_attr */
	T6A_TEREDO,		/* nest, enum t6_teredo_attr */
	T6A_REPLACE,		/* flag: NEW_ROUTER/NEW_PREFIX of what exists */
	__T6A_MAX
};

#define T6A_MAX (__T6A_MAX - 1)

enum t6_addr_attr {
	T6A_ADDR_UNSPEC,
	T6A_ADDR_IPV4,		/* struct in_addr (network order) */
	T6A_ADDR_IPV6,		/* struct in6_addr */
	__T6A_ADDR_MAX
};

#define T6A_ADDR_MAX (__T6A_ADDR_MAX - 1)

enum t6_isatap_attr {
	T6A_ISATAP_UNSPEC,
	T6A_ISATAP_FORWARDING,	/* u8, 0 or 1: router role */
	T6A_ISATAP_RS_INTERVAL,	/* u32, seconds between RSs once answered */
	T6A_ISATAP_ROUTER_LIFETIME, /* u16, seconds, in RAs it sends */
	T6A_ISATAP_ROUTER,	/* nest, enum t6_router_attr */
	T6A_ISATAP_PREFIX,	/* nest, enum t6_prefix_attr */
	/*
	 * nest of T6A_PRL_NAME: what the PRL was set as (names, dotted
	 * quads), in order; kept for userspace, which resolves the names
	 * and keeps the PRL in step.  At most T6_ISATAP_MAX_PRL_NAMES.
	 */
	T6A_ISATAP_PRL_NAMES,
	__T6A_ISATAP_MAX
};

#define T6A_ISATAP_MAX (__T6A_ISATAP_MAX - 1)

enum t6_prl_name_attr {
	T6A_PRL_UNSPEC,
	T6A_PRL_NAME,		/* string, < 256 bytes */
	__T6A_PRL_MAX
};

#define T6A_PRL_MAX (__T6A_PRL_MAX - 1)
#define T6_ISATAP_MAX_PRL_NAMES	8

enum t6_router_attr {
	T6A_ROUTER_UNSPEC,
	T6A_ROUTER_PAD,
	T6A_ROUTER_ADDR,	/* struct in_addr */
	T6A_ROUTER_RS_SENT,	/* u64 */
	T6A_ROUTER_RA_RCVD,	/* u64 */
	T6A_ROUTER_LAST_RA,	/* u64, msecs since the last accepted RA */
	__T6A_ROUTER_MAX
};

#define T6A_ROUTER_MAX (__T6A_ROUTER_MAX - 1)

enum t6_prefix_attr {
	T6A_PREFIX_UNSPEC,
	T6A_PREFIX_ADDR,	/* struct in6_addr */
	T6A_PREFIX_LEN,		/* u8, 1..128 (64 for SLAAC) */
	T6A_PREFIX_VALID_LFT,	/* u32, seconds */
	T6A_PREFIX_PREFERRED_LFT, /* u32, seconds */
	__T6A_PREFIX_MAX
};

#define T6A_PREFIX_MAX (__T6A_PREFIX_MAX - 1)

enum t6_6to4_attr {
	T6A_6TO4_UNSPEC,
	T6A_6TO4_PAD,
	T6A_6TO4_ROLE,		/* u8, enum t6_6to4_role */
	T6A_6TO4_NATIVE_FROM,	/* u8, enum t6_6to4_native */
	T6A_6TO4_RELAY_ADDR,	/* struct in_addr; 0.0.0.0 = no relay */
	T6A_6TO4_RELAY_NAME,	/* string: what the relay was set as */
	T6A_6TO4_RELAY_LAST_USED, /* u64, msecs since a packet went to it */
	T6A_6TO4_LAN,		/* nest, enum t6_lan_attr; one per LAN */
	T6A_6TO4_LAN_DEL,	/* u32: ifindex of a LAN to stop serving */
	__T6A_6TO4_MAX
};

#define T6A_6TO4_MAX (__T6A_6TO4_MAX - 1)

/*
 * A LAN a 6to4 router serves: it gets 2002:V4:SUBNET::1/64, V4 the first
 * public IPv4 address the interface covers, and keeps following V4.
 */
enum t6_lan_attr {
	T6A_LAN_UNSPEC,
	T6A_LAN_IFINDEX,	/* u32 */
	T6A_LAN_SUBNET,		/* u16; default: the LAN's ifindex */
	T6A_LAN_ADDR,		/* struct in6_addr: on the LAN now (GET) */
	__T6A_LAN_MAX
};

#define T6A_LAN_MAX (__T6A_LAN_MAX - 1)

/*
 * 6to4 roles.  HOST: a host or site router (RFC 3056) that takes native
 * IPv6 only from its configured relay.  RELAY: a relay router (RFC 3056
 * 5.2) that takes 6to4 traffic from any site and forwards between
 * 2002::/16 and native IPv6.
 */
enum t6_6to4_role {
	T6_6TO4_HOST,
	T6_6TO4_RELAY,
	__T6_6TO4_ROLE_MAX
};

/*
 * Which relays a 6to4 host or router takes native IPv6 sources from.  ANY
 * (the default): any relay with a public IPv4 address, since answers come
 * back through the relay nearest to their sender (RFC 3056 5.2) and
 * anycast relays answer from their unicast addresses.  RELAY: only the
 * configured relay (RFC 3964 5.2, for a site that knows all its relays).
 */
enum t6_6to4_native {
	T6_6TO4_NATIVE_ANY,
	T6_6TO4_NATIVE_RELAY,
	__T6_6TO4_NATIVE_MAX
};

/*
 * Teredo (RFC 4380).  In GET, besides the settings: what the client
 * probes, the NAT it found, the server it uses, its mapping and address,
 * and when an offline client tries again.
 */
enum t6_teredo_attr {
	T6A_TEREDO_UNSPEC,
	T6A_TEREDO_PAD,
	T6A_TEREDO_TYPE,	/* u8, enum t6_teredo_type */
	T6A_TEREDO_SERVERS,	/* nest of T6A_ADDR_IPV4, in order of use */
	T6A_TEREDO_SERVER_NAME,	/* string: what the servers were set as */
	T6A_TEREDO_REFRESH,	/* u32, seconds between refreshes */
	T6A_TEREDO_CLIENT_PORT,	/* u16; 0 = an ephemeral port */
	T6A_TEREDO_PROBE,	/* u8, enum t6_teredo_probe (GET) */
	T6A_TEREDO_NAT,		/* u8, enum t6_teredo_nat (GET) */
	T6A_TEREDO_SERVER,	/* struct in_addr: the server in use (GET) */
	T6A_TEREDO_LOCAL_PORT,	/* u16: the bound port (GET) */
	T6A_TEREDO_MAPPED_ADDR,	/* struct in_addr: as the server saw us (GET) */
	T6A_TEREDO_MAPPED_PORT,	/* u16 (GET) */
	T6A_TEREDO_ADDR,	/* struct in6_addr: the Teredo address (GET) */
	T6A_TEREDO_NEXT_TRY,	/* u64, msecs until an offline client tries */
	T6A_TEREDO_PEER_MAX,	/* u32: how many peers it keeps */
	T6A_TEREDO_PEERS,	/* u32: how many it has (GET) */
	T6A_TEREDO_PEER,	/* nest, enum t6_peer_attr (GET_PEER dumps) */
	/* u32, seconds without traffic before it goes dormant; 0: never */
	T6A_TEREDO_IDLE_TIMEOUT,
	__T6A_TEREDO_MAX
};

#define T6A_TEREDO_MAX (__T6A_TEREDO_MAX - 1)
#define T6_TEREDO_MAX_SERVERS	8
#define T6_TEREDO_DEFAULT_PEER_MAX 4096
#define T6_TEREDO_DEFAULT_IDLE_TIMEOUT 3600	/* as Windows: an hour */
#define T6_TEREDO_PEER_MAX_LIMIT 65536

/*
 * A Teredo peer (RFC 4380 5.2.3): a Teredo client, or a native IPv6 host
 * reached through a relay.  Trusted: packets go to its mapping (for a
 * native host, its relay's) without bubbles or echo tests.
 */
enum t6_peer_attr {
	T6A_PEER_UNSPEC,
	T6A_PEER_PAD,
	T6A_PEER_ADDR,		/* struct in6_addr */
	T6A_PEER_TRUSTED,	/* u8, 0 or 1 */
	T6A_PEER_MAPPED_ADDR,	/* struct in_addr (trusted only) */
	T6A_PEER_MAPPED_PORT,	/* u16 (trusted only) */
	T6A_PEER_LAST_RX,	/* u64, msecs since a packet came; absent: never */
	T6A_PEER_LAST_TX,	/* u64, msecs since one went; absent: never */
	T6A_PEER_PROBES,	/* u32: bubbles or echo requests unanswered */
	T6A_PEER_QUEUED,	/* u32: packets waiting for it */
	__T6A_PEER_MAX
};

#define T6A_PEER_MAX (__T6A_PEER_MAX - 1)

/* netsh's "set teredo type" (enterpriseclient behaves as client) */
enum t6_teredo_type {
	T6_TEREDO_DISABLED,
	T6_TEREDO_CLIENT,
	T6_TEREDO_ENTERPRISE_CLIENT,
	__T6_TEREDO_TYPE_MAX
};

/* What a client in state PROBE is probing (RFC 4380 5.2.1). */
enum t6_teredo_probe {
	T6_TEREDO_PROBE_NONE,
	T6_TEREDO_PROBE_PRIMARY,	/* the primary server */
	T6_TEREDO_PROBE_SECONDARY,	/* the secondary: symmetric NAT? */
	T6_TEREDO_PROBE_CONE,		/* an answer from the other address */
	T6_TEREDO_PROBE_REFRESH,	/* a qualified client's refresh */
	__T6_TEREDO_PROBE_MAX
};

/* The NAT in front of the client, in the words Windows uses. */
enum t6_teredo_nat {
	T6_TEREDO_NAT_UNKNOWN,
	T6_TEREDO_NAT_NONE,		/* global connectivity */
	T6_TEREDO_NAT_CONE,
	T6_TEREDO_NAT_RESTRICTED,	/* address- or port-restricted */
	T6_TEREDO_NAT_SYMMETRIC,
	__T6_TEREDO_NAT_MAX
};

/* A last resort: native IPv6, ISATAP and 6to4 (2048) all win. */
#define T6_TEREDO_METRIC	4096
#define T6_TEREDO_DEFAULT_REFRESH 30	/* RFC 4380 5.2.5, RFC 6081 5.1.1 */

#define T6_6TO4_RELAY_ANYCAST	0xc0586301	/* 192.88.99.1, RFC 3068 */
/* Metric of the default route via the relay: native IPv6 (1024) wins. */
#define T6_6TO4_RELAY_METRIC	2048

/*
 * IFA_PROTO of the IPv6 addresses transit6 adds and removes itself (the
 * 6to4 addresses, an ISATAP router's addresses in its published /64s):
 * "ip -6 addr" shows them as "proto 116".
 */
#define T6_IFA_PROTO		116

/* rtnetlink IFLA_INFO_DATA attributes, at creation and in ip -d link */
enum {
	IFLA_T6_UNSPEC,
	IFLA_T6_LINK,		/* u32: underlying IPv4 interface (0: any) */
	IFLA_T6_LOCAL,		/* struct in_addr: only this IPv4 address */
	IFLA_T6_TTL,		/* u8: outer TTL, 0 = copy inner hop limit */
	IFLA_T6_TOS,		/* u8: outer DSCP, 1 = inherit from inner */
	__IFLA_T6_MAX
};

#define IFLA_T6_MAX (__IFLA_T6_MAX - 1)

#endif /* _UAPI_TRANSIT6_H */
