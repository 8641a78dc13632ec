/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Teredo on the wire (RFC 4380 4, 5.1.1, 5.2; RFC 5991; RFC 6081): what
 * precedes the IPv6 packet in a UDP payload, Teredo addresses, and the
 * packets qualification and peers exchange.  Pure: buffers in, values
 * out; tests/kunit/teredo_wire_test.c checks each against the RFCs and
 * against bytes miredo and miredo-server 1.2.6 put on the wire.
 */
#ifndef _T6_TEREDO_WIRE_H
#define _T6_TEREDO_WIRE_H

#include <linux/in6.h>
#include <linux/jiffies.h>
#include <linux/types.h>

#define T6_TEREDO_PORT		3544
#define T6_TEREDO_NONCE_LEN	8
/* authentication header without client identifier and value */
#define T6_TEREDO_AUTH_LEN	(4 + T6_TEREDO_NONCE_LEN + 1)
#define T6_TEREDO_ORIGIN_LEN	8
#define T6_TEREDO_MIN_MTU	1280
/* miredo-server forwards no ICMPv6 with a longer payload (server.c) */
#define T6_TEREDO_SERVER_MAX_ICMP 88

/* RFC 5991 3.1: C z Random1(4) U G Random2(8) */
#define T6_TEREDO_FLAG_CONE	0x8000
#define T6_TEREDO_FLAGS_RANDOM	0x3cff

/* What a Teredo address says (RFC 4380 4): port and address unobscured. */
struct t6_teredo_addr {
	__be32 server;
	u16 flags;
	__be16 port;		/* the client's mapped UDP port */
	__be32 addr;		/* the client's mapped IPv4 address */
};

/* The headers before the IPv6 packet of a UDP payload (RFC 4380 5.1.1). */
struct t6_teredo_hdrs {
	bool auth;
	u8 nonce[T6_TEREDO_NONCE_LEN];
	u8 confirmation;
	bool origin;
	__be16 origin_port;
	__be32 origin_addr;
	unsigned int ip6_off;	/* where the IPv6 packet starts */
	unsigned int ip6_len;	/* header and payload, trailers excluded */
};

/* An RA from a Teredo server, once t6_teredo_parse_ra() accepted it. */
struct t6_teredo_ra {
	struct in6_addr prefix;	/* 2001:0:SERVER::/64 */
	__be32 server;		/* the server the prefix embeds */
	bool cone;		/* sent to the cone link-local address */
	u32 mtu;
};

/*
 * What a peer was sent to make it answer (bubbles, echo requests) and
 * has not answered yet; t6_teredo_probe_gate() keeps RFC 4380 5.2.6.
 */
struct t6_teredo_probes {
	unsigned long last;		/* jiffies of the last one */
	unsigned int n;			/* sent since the peer answered */
};

#define T6_TEREDO_PROBE_GAP	(2 * HZ)
#define T6_TEREDO_PROBE_MAX	4
#define T6_TEREDO_PROBE_WINDOW	(300 * HZ)

bool t6_teredo_v4_global(__be32 a);
void t6_teredo_addr_build(struct in6_addr *out,
			  const struct t6_teredo_addr *ta);
bool t6_teredo_addr_parse(const struct in6_addr *a, struct t6_teredo_addr *ta);
u16 t6_teredo_flags(u32 random);
void t6_teredo_rs_source(struct in6_addr *out, bool cone);
int t6_teredo_parse(const void *buf, size_t len, struct t6_teredo_hdrs *h);
size_t t6_teredo_build_auth(void *buf, const u8 nonce[T6_TEREDO_NONCE_LEN]);
size_t t6_teredo_build_origin(void *buf, __be16 port, __be32 addr);
size_t t6_teredo_build_rs(void *buf, size_t len, bool cone);
int t6_teredo_parse_ra(const void *buf, size_t len, struct t6_teredo_ra *ra);
size_t t6_teredo_build_bubble(void *buf, size_t len,
			      const struct in6_addr *saddr,
			      const struct in6_addr *daddr);
bool t6_teredo_is_bubble(const void *buf, size_t len);
size_t t6_teredo_build_echo(void *buf, size_t len,
			    const struct in6_addr *saddr,
			    const struct in6_addr *daddr, __be16 id,
			    const u8 nonce[T6_TEREDO_NONCE_LEN]);
int t6_teredo_probe_gate(struct t6_teredo_probes *p, unsigned long now);
unsigned long t6_teredo_refresh_delay(u32 refresh, u32 random);
bool t6_teredo_echo_reply_matches(const void *buf, size_t len, __be16 id,
				  const u8 nonce[T6_TEREDO_NONCE_LEN]);

#endif
