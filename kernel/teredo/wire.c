// SPDX-License-Identifier: GPL-2.0
/*
 * Teredo on the wire: see wire.h.  Where miredo 1.2.6, the peer Debian
 * ships, reads the RFCs differently, we send what both accept and accept
 * what it sends.
 */

#include <linux/errno.h>
#include <linux/icmpv6.h>
#include <linux/in.h>
#include <linux/ipv6.h>
#include <linux/string.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include <kunit/visibility.h>

#include "wire.h"

#define TEREDO_PREFIX		htonl(0x20010000)	/* 2001:0::/32 */
#define TEREDO_AUTH_TYPE	1
#define TEREDO_ORIGIN_TYPE	0
#define ND_OPT_UNIT		8
#define ND_PIO_LEN		32
#define ND_MTU_LEN		8

/* network-order fields at any offset (no unaligned.h: it moved in 6.12) */
static __be16 wire_be16(const u8 *p)
{
	__be16 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static __be32 wire_be32(const u8 *p)
{
	__be32 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/*
 * Whether @a may be a Teredo server or a mapped address (RFC 4380 5.2.4,
 * 5.3.1): the IPv4 addresses miredo refuses (v4global.c: this network,
 * private, loopback, link-local, the 6to4 relay anycast, multicast and
 * broadcast) and the reserved 240/4.  Documentation ranges pass, so that
 * test networks reach miredo-server.
 */
bool t6_teredo_v4_global(__be32 a)
{
	u32 h = ntohl(a);

	return !((h >> 24) == 0 || ipv4_is_private_10(a) ||
		 ipv4_is_loopback(a) || ipv4_is_linklocal_169(a) ||
		 ipv4_is_private_172(a) || ipv4_is_private_192(a) ||
		 ipv4_is_anycast_6to4(a) || h >= 0xe0000000);
}
EXPORT_SYMBOL_IF_KUNIT(t6_teredo_v4_global);

/* 2001:0:SERVER:FLAGS:~PORT:~ADDR (RFC 4380 4) */
void t6_teredo_addr_build(struct in6_addr *out, const struct t6_teredo_addr *ta)
{
	out->s6_addr32[0] = TEREDO_PREFIX;
	out->s6_addr32[1] = ta->server;
	out->s6_addr16[4] = htons(ta->flags);
	out->s6_addr16[5] = ~ta->port;
	out->s6_addr32[3] = ~ta->addr;
}
EXPORT_SYMBOL_IF_KUNIT(t6_teredo_addr_build);

/* If @a is a Teredo address (2001:0::/32), what it says. */
bool t6_teredo_addr_parse(const struct in6_addr *a, struct t6_teredo_addr *ta)
{
	if (a->s6_addr32[0] != TEREDO_PREFIX)
		return false;
	ta->server = a->s6_addr32[1];
	ta->flags = ntohs(a->s6_addr16[4]);
	ta->port = ~a->s6_addr16[5];
	ta->addr = ~a->s6_addr32[3];
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(t6_teredo_addr_parse);

/*
 * A client's flags (RFC 5991 3.1, 4): twelve random bits, the cone bit
 * clear (RFC 5991 3.2 deprecates it), z, U and G zero.
 */
u16 t6_teredo_flags(u32 random)
{
	return random & T6_TEREDO_FLAGS_RANDOM;
}
EXPORT_SYMBOL_IF_KUNIT(t6_teredo_flags);

/*
 * The link-local source of a client's RS: miredo's fe80::ffff:ffff:ffff,
 * with the cone bit (RFC 4380 5.2.1) for the probe that asks the server
 * to answer from its other address.
 */
void t6_teredo_rs_source(struct in6_addr *out, bool cone)
{
	memset(out, 0, sizeof(*out));
	out->s6_addr16[0] = htons(0xfe80);
	out->s6_addr32[2] = htonl(cone ? 0x8000ffff : 0x0000ffff);
	out->s6_addr32[3] = htonl(0xffffffff);
}
EXPORT_SYMBOL_IF_KUNIT(t6_teredo_rs_source);

/*
 * Parse the headers of a UDP payload (RFC 4380 5.1.1): an authentication
 * header, then an origin indication, each optional and in that order,
 * then an IPv6 packet, which may be followed by trailers (RFC 6081 4).
 * -EINVAL for anything else.
 */
int t6_teredo_parse(const void *buf, size_t len, struct t6_teredo_hdrs *h)
{
	const u8 *p = buf;
	size_t off = 0, plen;

	memset(h, 0, sizeof(*h));
	if (len >= 2 && p[0] == 0 && p[1] == TEREDO_AUTH_TYPE) {
		size_t skip;

		if (len < 4)
			return -EINVAL;
		/* client identifier and authentication value: not used */
		skip = 4 + p[2] + p[3];
		if (len < skip + T6_TEREDO_NONCE_LEN + 1)
			return -EINVAL;
		memcpy(h->nonce, p + skip, T6_TEREDO_NONCE_LEN);
		h->confirmation = p[skip + T6_TEREDO_NONCE_LEN];
		h->auth = true;
		off = skip + T6_TEREDO_NONCE_LEN + 1;
	}
	if (len - off >= 2 && p[off] == 0 && p[off + 1] == TEREDO_ORIGIN_TYPE) {
		if (len - off < T6_TEREDO_ORIGIN_LEN)
			return -EINVAL;
		h->origin_port = ~wire_be16(p + off + 2);
		h->origin_addr = ~wire_be32(p + off + 4);
		h->origin = true;
		off += T6_TEREDO_ORIGIN_LEN;
	}
	if (len - off < sizeof(struct ipv6hdr) || p[off] >> 4 != 6)
		return -EINVAL;
	plen = ntohs(wire_be16(p + off + 4));
	if (sizeof(struct ipv6hdr) + plen > len - off)
		return -EINVAL;
	h->ip6_off = off;
	h->ip6_len = sizeof(struct ipv6hdr) + plen;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(t6_teredo_parse);

/* An authentication header with no identifier and no value: 13 bytes. */
size_t t6_teredo_build_auth(void *buf, const u8 nonce[T6_TEREDO_NONCE_LEN])
{
	u8 *p = buf;

	p[0] = 0;
	p[1] = TEREDO_AUTH_TYPE;
	p[2] = 0;
	p[3] = 0;
	memcpy(p + 4, nonce, T6_TEREDO_NONCE_LEN);
	p[4 + T6_TEREDO_NONCE_LEN] = 0;
	return T6_TEREDO_AUTH_LEN;
}
EXPORT_SYMBOL_IF_KUNIT(t6_teredo_build_auth);

size_t t6_teredo_build_origin(void *buf, __be16 port, __be32 addr)
{
	u8 *p = buf;

	port = ~port;
	addr = ~addr;
	p[0] = 0;
	p[1] = TEREDO_ORIGIN_TYPE;
	memcpy(p + 2, &port, sizeof(port));
	memcpy(p + 4, &addr, sizeof(addr));
	return T6_TEREDO_ORIGIN_LEN;
}
EXPORT_SYMBOL_IF_KUNIT(t6_teredo_build_origin);

static void wire_ip6_header(struct ipv6hdr *ip6h, u16 plen, u8 nexthdr,
			    u8 hop_limit, const struct in6_addr *saddr,
			    const struct in6_addr *daddr)
{
	memset(ip6h, 0, sizeof(*ip6h));
	ip6h->version = 6;
	ip6h->payload_len = htons(plen);
	ip6h->nexthdr = nexthdr;
	ip6h->hop_limit = hop_limit;
	ip6h->saddr = *saddr;
	ip6h->daddr = *daddr;
}

static __sum16 wire_icmp6_csum(const struct ipv6hdr *ip6h, const void *icmp,
			       size_t len)
{
	return csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, len,
			       IPPROTO_ICMPV6, csum_partial(icmp, len, 0));
}

/*
 * A qualification RS, the IPv6 packet after the authentication header:
 * to ff02::2 with no options, as miredo sends it.  Returns its length, or
 * 0 when @len is too small.
 */
size_t t6_teredo_build_rs(void *buf, size_t len, bool cone)
{
	struct ipv6hdr *ip6h = buf;
	struct rs_msg *rs = (struct rs_msg *)(ip6h + 1);
	struct in6_addr src;

	if (len < sizeof(*ip6h) + sizeof(*rs))
		return 0;
	t6_teredo_rs_source(&src, cone);
	wire_ip6_header(ip6h, sizeof(*rs), IPPROTO_ICMPV6, 255, &src,
			&in6addr_linklocal_allrouters);
	memset(rs, 0, sizeof(*rs));
	rs->icmph.icmp6_type = NDISC_ROUTER_SOLICITATION;
	rs->icmph.icmp6_cksum = wire_icmp6_csum(ip6h, rs, sizeof(*rs));
	return sizeof(*ip6h) + sizeof(*rs);
}
EXPORT_SYMBOL_IF_KUNIT(t6_teredo_build_rs);

/* Walk the options; exactly one prefix, and an MTU miredo would take. */
static int wire_ra_options(const u8 *p, size_t len, struct t6_teredo_ra *ra)
{
	unsigned int nprefixes = 0;
	size_t off = 0;

	while (off < len) {
		size_t optlen;

		if (len - off < 2)
			return -EINVAL;
		optlen = p[off + 1] * ND_OPT_UNIT;
		if (!optlen || optlen > len - off)
			return -EINVAL;
		if (p[off] == ND_OPT_PREFIX_INFO) {
			/* type, length, prefix length, flags, lifetimes */
			if (optlen != ND_PIO_LEN || p[off + 2] != 64 ||
			    nprefixes++)
				return -EINVAL;
			memcpy(&ra->prefix, p + off + 16, 8);
		} else if (p[off] == ND_OPT_MTU) {
			if (optlen != ND_MTU_LEN)
				return -EINVAL;
			ra->mtu = ntohl(wire_be32(p + off + 4));
			if (ra->mtu < T6_TEREDO_MIN_MTU || ra->mtu > 65535)
				return -EINVAL;
		}
		off += optlen;
	}
	return nprefixes == 1 ? 0 : -EINVAL;
}

/*
 * Validate the IPv6 packet of a qualification RA (RFC 4380 5.2.1 with RFC
 * 4861 6.1.2): whole, hop limit 255, link-local source, to one of our RS
 * sources, a correct checksum, exactly one /64 prefix under 2001:0::/32
 * embedding a global server.  As miredo-server sends it, a router
 * lifetime of 0 and a prefix without the L flag are fine.  The nonce and
 * the origin indication around it are the caller's to check.
 */
int t6_teredo_parse_ra(const void *buf, size_t len, struct t6_teredo_ra *ra)
{
	const struct ipv6hdr *ip6h = buf;
	const struct ra_msg *msg = (const struct ra_msg *)(ip6h + 1);
	struct in6_addr restricted, cone;
	size_t plen;

	memset(ra, 0, sizeof(*ra));
	if (len < sizeof(*ip6h) + sizeof(*msg) || ip6h->version != 6)
		return -EINVAL;
	plen = ntohs(ip6h->payload_len);
	if (sizeof(*ip6h) + plen != len || ip6h->nexthdr != IPPROTO_ICMPV6 ||
	    ip6h->hop_limit != 255 ||
	    !(ipv6_addr_type(&ip6h->saddr) & IPV6_ADDR_LINKLOCAL))
		return -EINVAL;
	t6_teredo_rs_source(&restricted, false);
	t6_teredo_rs_source(&cone, true);
	if (ipv6_addr_equal(&ip6h->daddr, &cone))
		ra->cone = true;
	else if (!ipv6_addr_equal(&ip6h->daddr, &restricted))
		return -EINVAL;
	if (msg->icmph.icmp6_type != NDISC_ROUTER_ADVERTISEMENT ||
	    msg->icmph.icmp6_code || wire_icmp6_csum(ip6h, msg, plen))
		return -EINVAL;
	ra->mtu = T6_TEREDO_MIN_MTU;
	if (wire_ra_options((const u8 *)(msg + 1), plen - sizeof(*msg), ra))
		return -EINVAL;
	if (ra->prefix.s6_addr32[0] != TEREDO_PREFIX ||
	    !t6_teredo_v4_global(ra->prefix.s6_addr32[1]))
		return -EINVAL;
	ra->server = ra->prefix.s6_addr32[1];
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(t6_teredo_parse_ra);

/*
 * A bubble (RFC 4380 2.8): an IPv6 header with no payload.  Hop limit 0,
 * as miredo's: a bubble opens a NAT mapping and is never delivered.
 */
size_t t6_teredo_build_bubble(void *buf, size_t len,
			      const struct in6_addr *saddr,
			      const struct in6_addr *daddr)
{
	if (len < sizeof(struct ipv6hdr))
		return 0;
	wire_ip6_header(buf, 0, NEXTHDR_NONE, 0, saddr, daddr);
	return sizeof(struct ipv6hdr);
}
EXPORT_SYMBOL_IF_KUNIT(t6_teredo_build_bubble);

/* @buf, the IPv6 packet t6_teredo_parse() found, is a bubble. */
bool t6_teredo_is_bubble(const void *buf, size_t len)
{
	const struct ipv6hdr *ip6h = buf;

	return len >= sizeof(*ip6h) && !ip6h->payload_len &&
	       ip6h->nexthdr == NEXTHDR_NONE;
}
EXPORT_SYMBOL_IF_KUNIT(t6_teredo_is_bubble);

/*
 * The echo test's request (RFC 4380 5.2.9): an ICMPv6 echo whose data is
 * the nonce, 16 bytes of payload, well under what miredo-server forwards.
 */
size_t t6_teredo_build_echo(void *buf, size_t len,
			    const struct in6_addr *saddr,
			    const struct in6_addr *daddr, __be16 id,
			    const u8 nonce[T6_TEREDO_NONCE_LEN])
{
	struct ipv6hdr *ip6h = buf;
	struct icmp6hdr *icmp = (struct icmp6hdr *)(ip6h + 1);
	size_t plen = sizeof(*icmp) + T6_TEREDO_NONCE_LEN;

	if (len < sizeof(*ip6h) + plen)
		return 0;
	wire_ip6_header(ip6h, plen, IPPROTO_ICMPV6, 64, saddr, daddr);
	memset(icmp, 0, sizeof(*icmp));
	icmp->icmp6_type = ICMPV6_ECHO_REQUEST;
	icmp->icmp6_identifier = id;
	memcpy(icmp + 1, nonce, T6_TEREDO_NONCE_LEN);
	icmp->icmp6_cksum = wire_icmp6_csum(ip6h, icmp, plen);
	return sizeof(*ip6h) + plen;
}
EXPORT_SYMBOL_IF_KUNIT(t6_teredo_build_echo);

/* @buf (an IPv6 packet of @len bytes) answers our echo @id with @nonce. */
bool t6_teredo_echo_reply_matches(const void *buf, size_t len, __be16 id,
				  const u8 nonce[T6_TEREDO_NONCE_LEN])
{
	const struct ipv6hdr *ip6h = buf;
	const struct icmp6hdr *icmp = (const struct icmp6hdr *)(ip6h + 1);
	size_t plen;

	if (len < sizeof(*ip6h) + sizeof(*icmp) + T6_TEREDO_NONCE_LEN ||
	    ip6h->version != 6 || ip6h->nexthdr != IPPROTO_ICMPV6)
		return false;
	plen = ntohs(ip6h->payload_len);
	if (sizeof(*ip6h) + plen > len ||
	    plen < sizeof(*icmp) + T6_TEREDO_NONCE_LEN)
		return false;
	return icmp->icmp6_type == ICMPV6_ECHO_REPLY && !icmp->icmp6_code &&
	       icmp->icmp6_identifier == id &&
	       !memcmp(icmp + 1, nonce, T6_TEREDO_NONCE_LEN) &&
	       !wire_icmp6_csum(ip6h, icmp, plen);
}
EXPORT_SYMBOL_IF_KUNIT(t6_teredo_echo_reply_matches);

/*
 * May a probe go to a peer at @now (RFC 4380 5.2.6)?  1: yes, and it is
 * counted; 0: not yet, the last went less than 2 s ago; -1: it did not
 * answer the last 4, which went less than 300 s ago.
 */
int t6_teredo_probe_gate(struct t6_teredo_probes *p, unsigned long now)
{
	if (p->n && time_before(now, p->last + T6_TEREDO_PROBE_GAP))
		return 0;
	if (p->n >= T6_TEREDO_PROBE_MAX) {
		if (time_before(now, p->last + T6_TEREDO_PROBE_WINDOW))
			return -1;
		p->n = 0;
	}
	p->n++;
	p->last = now;
	return 1;
}
EXPORT_SYMBOL_IF_KUNIT(t6_teredo_probe_gate);

/*
 * The jiffies until a refresh (RFC 4380 5.2.5): uniformly in 75-100 % of
 * @refresh seconds, @random a random number.
 */
unsigned long t6_teredo_refresh_delay(u32 refresh, u32 random)
{
	unsigned long full = (unsigned long)refresh * HZ;

	return full - random % (full / 4 + 1);
}
EXPORT_SYMBOL_IF_KUNIT(t6_teredo_refresh_delay);
