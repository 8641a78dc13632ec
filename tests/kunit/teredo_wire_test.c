// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: Teredo on the wire (kernel/teredo/wire.c) against the RFC 4380
 * example and against packets miredo and miredo-server 1.2.6 (Debian
 * bookworm) exchanged in network namespaces: server 192.0.2.1/.2, client
 * 198.51.100.10 port 3545, relay 203.0.113.5 port 3546.
 */

#include <kunit/test.h>
#include <linux/inet.h>
#include <linux/icmpv6.h>
#include <linux/prandom.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>

#include "../../kernel/teredo/wire.h"

/* miredo's RS: auth header (nonce cfdb9cb7567bf35e), RS to ff02::2 */
static const u8 miredo_rs[61] = {
	0x00, 0x01, 0x00, 0x00, 0xcf, 0xdb, 0x9c, 0xb7, 0x56, 0x7b, 0xf3, 0x5e,
	0x00, 0x60, 0x00, 0x00, 0x00, 0x00, 0x08, 0x3a, 0xff, 0xfe, 0x80, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x02, 0x85, 0x00, 0x7d, 0x37, 0x00, 0x00, 0x00,
	0x00,
};

/*
 * miredo-server's answer: auth (nonce echoed), origin 198.51.100.10:3545,
 * RA with router lifetime 0, prefix 2001:0:c000:201::/64 with only the A
 * flag, MTU 1280
 */
static const u8 miredo_ra[117] = {
	0x00, 0x01, 0x00, 0x00, 0xcf, 0xdb, 0x9c, 0xb7, 0x56, 0x7b, 0xf3, 0x5e,
	0x00, 0x00, 0x00, 0xf2, 0x26, 0x39, 0xcc, 0x9b, 0xf5, 0x60, 0x00, 0x00,
	0x00, 0x00, 0x38, 0x3a, 0xff, 0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x80, 0x00, 0xf2, 0x27, 0x3f, 0xff, 0xfd, 0xfe, 0xfe, 0x80, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0x86, 0x00, 0x95, 0x4c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x07, 0xd0, 0x03, 0x04, 0x40, 0x40, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0x20, 0x01, 0x00,
	0x00, 0xc0, 0x00, 0x02, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x05, 0x01, 0x00, 0x00, 0x00, 0x00, 0x05, 0x00,
};

#define RA_IP6_OFF	21	/* auth 13, origin 8 */
#define RA_ICMP_OFF	(RA_IP6_OFF + 40)

/* a relay's indirect bubble as the server forwards it: origin 203.0.113.5:3546 */
static const u8 miredo_bubble[48] = {
	0x00, 0x00, 0xf2, 0x25, 0x34, 0xff, 0x8e, 0xfa, 0x60, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x3b, 0x00, 0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x60, 0xd1, 0xa4, 0x35, 0xef, 0x0d, 0x59, 0xf2, 0x20, 0x01, 0x00, 0x00,
	0xc0, 0x00, 0x02, 0x01, 0x24, 0x9d, 0xf2, 0x26, 0x39, 0xcc, 0x9b, 0xf5,
};

static struct in6_addr a6(const char *s)
{
	struct in6_addr a = {};

	in6_pton(s, -1, a.s6_addr, -1, NULL);
	return a;
}

static void teredo_test_addr(struct kunit *test)
{
	/* RFC 4380 4: server 65.54.227.120, cone, 192.0.2.45:40000 */
	struct t6_teredo_addr ta = {
		.server = in_aton("65.54.227.120"), .flags = 0x8000,
		.port = htons(40000), .addr = in_aton("192.0.2.45"),
	}, back;
	struct in6_addr a, want = a6("2001:0:4136:e378:8000:63bf:3fff:fdd2");

	t6_teredo_addr_build(&a, &ta);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&a, &want));
	KUNIT_ASSERT_TRUE(test, t6_teredo_addr_parse(&a, &back));
	KUNIT_EXPECT_EQ(test, memcmp(&ta, &back, sizeof(ta)), 0);

	/* the address miredo qualified with against miredo-server */
	a = a6("2001:0:c000:201:249d:f226:39cc:9bf5");
	KUNIT_ASSERT_TRUE(test, t6_teredo_addr_parse(&a, &back));
	KUNIT_EXPECT_EQ(test, back.server, in_aton("192.0.2.1"));
	KUNIT_EXPECT_EQ(test, back.flags, 0x249d);
	KUNIT_EXPECT_EQ(test, ntohs(back.port), 3545);
	KUNIT_EXPECT_EQ(test, back.addr, in_aton("198.51.100.10"));

	a = a6("2001:db8::1");
	KUNIT_EXPECT_FALSE(test, t6_teredo_addr_parse(&a, &back));
	a = a6("3ffe:831f::1");	/* the prefix of Windows XP before MS06-064 */
	KUNIT_EXPECT_FALSE(test, t6_teredo_addr_parse(&a, &back));
}

/*
 * The white paper's clients (seeds: "IPv6 Transition Technologies"),
 * both with server 206.73.118.1.  It prints client A as ...:E866:FFFF:
 * 62C3:FFFE, but its own text has A's port 4096, which obscures to EFFF.
 */
static void teredo_test_addr_white_paper(struct kunit *test)
{
	static const struct {
		const char *addr;
		u16 flags;
		u16 port;
		const char *v4;
	} c[] = {
		/* A: behind a cone NAT, 157.60.0.1:4096 */
		{ "2001::ce49:7601:e866:efff:62c3:fffe", 0xe866, 4096,
		  "157.60.0.1" },
		/* B: 131.107.0.1:8192 */
		{ "2001::ce49:7601:2cad:dfff:7c94:fffe", 0x2cad, 8192,
		  "131.107.0.1" },
	};
	struct t6_teredo_addr ta;
	struct in6_addr a, built;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		a = a6(c[i].addr);
		KUNIT_ASSERT_TRUE(test, t6_teredo_addr_parse(&a, &ta));
		KUNIT_EXPECT_EQ(test, ta.server, in_aton("206.73.118.1"));
		KUNIT_EXPECT_EQ(test, ta.flags, c[i].flags);
		KUNIT_EXPECT_EQ(test, ntohs(ta.port), c[i].port);
		KUNIT_EXPECT_EQ(test, ta.addr, in_aton(c[i].v4));
		t6_teredo_addr_build(&built, &ta);
		KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&built, &a));
	}
	/* what the paper printed for A is another port: 0 */
	a = a6("2001::ce49:7601:e866:ffff:62c3:fffe");
	KUNIT_ASSERT_TRUE(test, t6_teredo_addr_parse(&a, &ta));
	KUNIT_EXPECT_EQ(test, ntohs(ta.port), 0);
}

/* RFC 4380 5.2.6: 2 s apart, 4 unanswered per 300 s, then again */
static void teredo_test_probe_gate(struct kunit *test)
{
	unsigned long t0 = jiffies;
	struct t6_teredo_probes p = {};

	KUNIT_EXPECT_EQ(test, t6_teredo_probe_gate(&p, t0), 1);
	KUNIT_EXPECT_EQ(test, t6_teredo_probe_gate(&p, t0 + HZ), 0);
	KUNIT_EXPECT_EQ(test, t6_teredo_probe_gate(&p, t0 + 2 * HZ - 1), 0);
	KUNIT_EXPECT_EQ(test, t6_teredo_probe_gate(&p, t0 + 2 * HZ), 1);
	KUNIT_EXPECT_EQ(test, t6_teredo_probe_gate(&p, t0 + 4 * HZ), 1);
	KUNIT_EXPECT_EQ(test, t6_teredo_probe_gate(&p, t0 + 6 * HZ), 1);
	KUNIT_EXPECT_EQ(test, p.n, 4U);
	/* the fifth: refused until 300 s after the fourth */
	KUNIT_EXPECT_EQ(test, t6_teredo_probe_gate(&p, t0 + 8 * HZ), -1);
	KUNIT_EXPECT_EQ(test, t6_teredo_probe_gate(&p, t0 + 305 * HZ), -1);
	KUNIT_EXPECT_EQ(test, p.n, 4U);
	KUNIT_EXPECT_EQ(test, t6_teredo_probe_gate(&p, t0 + 306 * HZ), 1);
	KUNIT_EXPECT_EQ(test, p.n, 1U);
	/* an answer (n = 0) lifts the gap at once */
	p.n = 0;
	KUNIT_EXPECT_EQ(test, t6_teredo_probe_gate(&p, t0 + 306 * HZ), 1);
	/* across the jiffies wrap */
	p = (struct t6_teredo_probes){ .last = ULONG_MAX - HZ, .n = 1 };
	KUNIT_EXPECT_EQ(test, t6_teredo_probe_gate(&p, HZ / 2), 0);
	KUNIT_EXPECT_EQ(test, t6_teredo_probe_gate(&p, HZ), 1);
}

/* RFC 4380 5.2.5: uniformly in [75 %, 100 %] of the interval */
static void teredo_test_refresh_delay(struct kunit *test)
{
	struct rnd_state rnd;
	unsigned long d, lo = ULONG_MAX, hi = 0;
	unsigned int i;

	KUNIT_EXPECT_EQ(test, t6_teredo_refresh_delay(30, 0), 30UL * HZ);
	KUNIT_EXPECT_EQ(test, t6_teredo_refresh_delay(30, 30 * HZ / 4),
			30UL * HZ - 30 * HZ / 4);
	prandom_seed_state(&rnd, 4380);
	for (i = 0; i < 100000; i++) {
		d = t6_teredo_refresh_delay(30, prandom_u32_state(&rnd));
		lo = min(lo, d);
		hi = max(hi, d);
	}
	KUNIT_EXPECT_GE(test, lo, 30UL * HZ * 3 / 4);
	KUNIT_EXPECT_LE(test, hi, 30UL * HZ);
	/* and it does spread over the range */
	KUNIT_EXPECT_LE(test, lo, 30UL * HZ * 3 / 4 + HZ);
	KUNIT_EXPECT_GE(test, hi, 30UL * HZ - HZ);
	KUNIT_EXPECT_GE(test, t6_teredo_refresh_delay(3600, U32_MAX),
			3600UL * HZ * 3 / 4);
	KUNIT_EXPECT_GE(test, t6_teredo_refresh_delay(5, U32_MAX),
			5UL * HZ * 3 / 4);
}

static void teredo_test_flags(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, t6_teredo_flags(0xffffffff), 0x3cff);
	KUNIT_EXPECT_EQ(test, t6_teredo_flags(0), 0);
	/* miredo's flags are inside the RFC 5991 mask */
	KUNIT_EXPECT_EQ(test, t6_teredo_flags(0x249d), 0x249d);
	/* never C (RFC 5991 3.2), z, U or G */
	KUNIT_EXPECT_EQ(test, t6_teredo_flags(0xc300), 0);
}

static void teredo_test_v4_global(struct kunit *test)
{
	static const struct {
		const char *addr;
		bool global;
	} cases[] = {
		{ "192.0.2.1", true }, { "198.51.100.10", true },
		{ "203.0.113.5", true }, { "100.64.0.1", true },
		{ "65.54.227.120", true }, { "223.255.255.255", true },
		{ "0.1.2.3", false }, { "10.1.1.1", false },
		{ "127.0.0.1", false }, { "169.254.1.1", false },
		{ "172.16.0.1", false }, { "172.31.255.255", false },
		{ "172.32.0.1", true }, { "192.168.1.1", false },
		{ "192.88.99.1", false }, { "224.0.0.253", false },
		{ "240.0.0.1", false }, { "255.255.255.255", false },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, t6_teredo_v4_global(in_aton(cases[i].addr)),
				    cases[i].global, "%s", cases[i].addr);
}

/* What we send is what miredo sends, byte for byte. */
static void teredo_test_rs(struct kunit *test)
{
	static const u8 nonce[8] = { 0xcf, 0xdb, 0x9c, 0xb7, 0x56, 0x7b, 0xf3,
				     0x5e };
	struct t6_teredo_hdrs h;
	struct in6_addr src;
	u8 buf[64];
	size_t n;

	KUNIT_EXPECT_EQ(test, t6_teredo_build_auth(buf, nonce), 13);
	n = t6_teredo_build_rs(buf + 13, sizeof(buf) - 13, false);
	KUNIT_ASSERT_EQ(test, n, 48);
	KUNIT_EXPECT_EQ(test, memcmp(buf, miredo_rs, sizeof(miredo_rs)), 0);
	KUNIT_EXPECT_EQ(test, t6_teredo_build_rs(buf, 47, false), 0);

	/* the cone probe: cone bit in the source, checksum still right */
	KUNIT_ASSERT_EQ(test, t6_teredo_build_rs(buf, sizeof(buf), true), 48);
	t6_teredo_rs_source(&src, true);
	KUNIT_EXPECT_EQ(test, memcmp(buf + 8, &src, 16), 0);
	KUNIT_EXPECT_EQ(test, buf[16], 0x80);
	KUNIT_EXPECT_EQ(test, csum_ipv6_magic(&src, (struct in6_addr *)(buf + 24),
					      8, IPPROTO_ICMPV6,
					      csum_partial(buf + 40, 8, 0)), 0);

	KUNIT_ASSERT_EQ(test, t6_teredo_parse(miredo_rs, sizeof(miredo_rs), &h), 0);
	KUNIT_EXPECT_TRUE(test, h.auth);
	KUNIT_EXPECT_FALSE(test, h.origin);
	KUNIT_EXPECT_EQ(test, memcmp(h.nonce, nonce, 8), 0);
	KUNIT_EXPECT_EQ(test, h.confirmation, 0);
	KUNIT_EXPECT_EQ(test, h.ip6_off, 13);
	KUNIT_EXPECT_EQ(test, h.ip6_len, 48);
}

static void teredo_test_ra(struct kunit *test)
{
	struct in6_addr prefix = a6("2001:0:c000:201::");
	struct t6_teredo_hdrs h;
	struct t6_teredo_ra ra;

	KUNIT_ASSERT_EQ(test, t6_teredo_parse(miredo_ra, sizeof(miredo_ra), &h), 0);
	KUNIT_EXPECT_TRUE(test, h.auth);
	KUNIT_EXPECT_EQ(test, memcmp(h.nonce, miredo_rs + 4, 8), 0);
	KUNIT_ASSERT_TRUE(test, h.origin);
	KUNIT_EXPECT_EQ(test, ntohs(h.origin_port), 3545);
	KUNIT_EXPECT_EQ(test, h.origin_addr, in_aton("198.51.100.10"));
	KUNIT_EXPECT_EQ(test, h.ip6_off, RA_IP6_OFF);
	KUNIT_EXPECT_EQ(test, h.ip6_len, 96);

	KUNIT_ASSERT_EQ(test, t6_teredo_parse_ra(miredo_ra + RA_IP6_OFF, 96, &ra), 0);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&ra.prefix, &prefix));
	KUNIT_EXPECT_EQ(test, ra.server, in_aton("192.0.2.1"));
	KUNIT_EXPECT_EQ(test, ra.mtu, 1280);
	KUNIT_EXPECT_FALSE(test, ra.cone);
}

/* One change at a time to miredo-server's RA; each must be refused. */
static void teredo_test_ra_malformed(struct kunit *test)
{
	static const struct {
		unsigned int off;	/* into the IPv6 packet */
		u8 val;
		const char *what;
	} cases[] = {
		{ 7, 254, "hop limit 254" },
		{ 6, 17, "next header UDP" },
		{ 8, 0x20, "global source" },
		{ 31, 0xfe, "another destination" },
		{ 40, 135, "not an RA" },
		{ 41, 1, "code 1" },
		{ 43, 0x4d, "checksum" },
		{ 58, 48, "a /48 prefix" },
		{ 57, 0, "zero-length option" },
		{ 57, 5, "option past the end" },
		{ 73, 0x02, "prefix not 2001:0::/32" },
		{ 76, 10, "private server 10.0.2.1" },
		{ 89, 3, "a second prefix (MTU option turned PIO)" },
		{ 94, 0x04, "MTU 1024" },
		{ 4, 0x01, "payload length past the packet" },
	};
	u8 pkt[96];
	struct t6_teredo_ra ra;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		memcpy(pkt, miredo_ra + RA_IP6_OFF, sizeof(pkt));
		pkt[cases[i].off] = cases[i].val;
		KUNIT_EXPECT_EQ_MSG(test, t6_teredo_parse_ra(pkt, sizeof(pkt), &ra),
				    -EINVAL, "%s", cases[i].what);
	}
	memcpy(pkt, miredo_ra + RA_IP6_OFF, sizeof(pkt));
	KUNIT_EXPECT_EQ(test, t6_teredo_parse_ra(pkt, 95, &ra), -EINVAL);
	KUNIT_EXPECT_EQ(test, t6_teredo_parse_ra(pkt, 40, &ra), -EINVAL);
	/* without its MTU option (length fixed up, checksum redone) */
	pkt[5] -= 8;
	pkt[42] = 0;
	pkt[43] = 0;
	*(__sum16 *)(pkt + 42) = csum_ipv6_magic((struct in6_addr *)(pkt + 8),
						 (struct in6_addr *)(pkt + 24),
						 48, IPPROTO_ICMPV6,
						 csum_partial(pkt + 40, 48, 0));
	KUNIT_ASSERT_EQ(test, t6_teredo_parse_ra(pkt, 88, &ra), 0);
	KUNIT_EXPECT_EQ(test, ra.mtu, 1280);
	/* and without its prefix: none is as bad as two */
	pkt[5] -= 32;
	KUNIT_EXPECT_EQ(test, t6_teredo_parse_ra(pkt, 56, &ra), -EINVAL);
}

static void teredo_test_parse_shapes(struct kunit *test)
{
	struct t6_teredo_hdrs h;
	u8 buf[80];

	/* a plain IPv6 packet with a trailer (RFC 6081 4) */
	memcpy(buf, miredo_rs + 13, 48);
	buf[48] = 1;
	buf[49] = 4;
	KUNIT_ASSERT_EQ(test, t6_teredo_parse(buf, 54, &h), 0);
	KUNIT_EXPECT_EQ(test, h.ip6_off, 0);
	KUNIT_EXPECT_EQ(test, h.ip6_len, 48);
	KUNIT_EXPECT_EQ(test, t6_teredo_parse(buf, 47, &h), -EINVAL);

	/* origin before auth (RFC 4380 5.1.1: auth comes first) */
	memcpy(buf, miredo_ra + 13, 8);
	memcpy(buf + 8, miredo_ra, 13);
	memcpy(buf + 21, miredo_ra + 21, 40);
	KUNIT_EXPECT_EQ(test, t6_teredo_parse(buf, 61, &h), -EINVAL);

	/* auth whose identifier runs past the packet */
	memcpy(buf, miredo_rs, sizeof(miredo_rs));
	buf[2] = 60;
	KUNIT_EXPECT_EQ(test, t6_teredo_parse(buf, sizeof(miredo_rs), &h), -EINVAL);
	buf[2] = 0;
	KUNIT_EXPECT_EQ(test, t6_teredo_parse(buf, 12, &h), -EINVAL);
	KUNIT_EXPECT_EQ(test, t6_teredo_parse(buf, 3, &h), -EINVAL);
	/* a truncated origin indication */
	KUNIT_EXPECT_EQ(test, t6_teredo_parse(miredo_bubble, 5, &h), -EINVAL);
	/* IPv4 after the headers */
	memcpy(buf, miredo_bubble, sizeof(miredo_bubble));
	buf[8] = 0x45;
	KUNIT_EXPECT_EQ(test, t6_teredo_parse(buf, sizeof(miredo_bubble), &h),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, t6_teredo_parse(buf, 0, &h), -EINVAL);
}

static void teredo_test_bubble(struct kunit *test)
{
	struct in6_addr me = a6("2001:0:c000:201:249d:f226:39cc:9bf5");
	struct in6_addr relay = a6("fe80::60d1:a435:ef0d:59f2");
	struct t6_teredo_hdrs h;
	u8 buf[48];

	KUNIT_ASSERT_EQ(test, t6_teredo_parse(miredo_bubble,
					      sizeof(miredo_bubble), &h), 0);
	KUNIT_EXPECT_FALSE(test, h.auth);
	KUNIT_ASSERT_TRUE(test, h.origin);
	KUNIT_EXPECT_EQ(test, ntohs(h.origin_port), 3546);
	KUNIT_EXPECT_EQ(test, h.origin_addr, in_aton("203.0.113.5"));
	KUNIT_EXPECT_TRUE(test, t6_teredo_is_bubble(miredo_bubble + 8, 40));

	/* the answer miredo's client sent: addresses swapped, hop limit 0 */
	KUNIT_ASSERT_EQ(test, t6_teredo_build_bubble(buf, sizeof(buf), &relay,
						     &me), 40);
	KUNIT_EXPECT_EQ(test, memcmp(buf, miredo_bubble + 8, 40), 0);
	KUNIT_EXPECT_EQ(test, t6_teredo_build_bubble(buf, 39, &me, &relay), 0);
	KUNIT_EXPECT_FALSE(test, t6_teredo_is_bubble(miredo_rs + 13, 48));
	KUNIT_EXPECT_FALSE(test, t6_teredo_is_bubble(buf, 39));
}

static void teredo_test_echo(struct kunit *test)
{
	static const u8 nonce[8] = "n0nce123", other[8] = "n0nce124";
	struct in6_addr me = a6("2001:0:c000:201:0:63bd:39cc:9bf5");
	struct in6_addr peer = a6("2001:db8::1");
	u8 buf[64], reply[64];
	__be16 id = htons(0x1234);
	size_t n;

	n = t6_teredo_build_echo(buf, sizeof(buf), &me, &peer, id, nonce);
	KUNIT_ASSERT_EQ(test, n, 56);
	KUNIT_EXPECT_LE(test, n - 40, T6_TEREDO_SERVER_MAX_ICMP);
	KUNIT_EXPECT_EQ(test, csum_ipv6_magic(&me, &peer, 16, IPPROTO_ICMPV6,
					      csum_partial(buf + 40, 16, 0)), 0);
	KUNIT_EXPECT_FALSE(test, t6_teredo_echo_reply_matches(buf, n, id, nonce));

	/* the peer's reply: swapped, type 129, checksum redone */
	KUNIT_ASSERT_EQ(test, t6_teredo_build_echo(reply, sizeof(reply), &peer,
						   &me, id, nonce), 56);
	reply[40] = ICMPV6_ECHO_REPLY;
	reply[42] = 0;
	reply[43] = 0;
	*(__sum16 *)(reply + 42) = csum_ipv6_magic(&peer, &me, 16,
						   IPPROTO_ICMPV6,
						   csum_partial(reply + 40, 16, 0));
	KUNIT_EXPECT_TRUE(test, t6_teredo_echo_reply_matches(reply, n, id, nonce));
	/* another identifier, another nonce, cut short */
	KUNIT_EXPECT_FALSE(test, t6_teredo_echo_reply_matches(reply, n, htons(1), nonce));
	KUNIT_EXPECT_FALSE(test, t6_teredo_echo_reply_matches(reply, n, id, other));
	KUNIT_EXPECT_FALSE(test, t6_teredo_echo_reply_matches(reply, n - 1, id, nonce));
	reply[43] ^= 1;	/* everything right but the checksum */
	KUNIT_EXPECT_FALSE(test, t6_teredo_echo_reply_matches(reply, n, id, nonce));
}

#define FUZZ_ROUNDS	1000000
#define FUZZ_MAXLEN	(sizeof(miredo_ra) + 64)

/*
 * What t6_teredo_parse() accepted, built again: an authentication header
 * without identifier and value, and an origin indication, are the bytes
 * they came from.
 */
static void fuzz_hdrs_reencode(struct kunit *test, const u8 *pkt,
			       const struct t6_teredo_hdrs *h)
{
	unsigned int off = 0;
	u8 again[T6_TEREDO_AUTH_LEN + T6_TEREDO_ORIGIN_LEN];

	if (h->auth) {
		off = 4 + pkt[2] + pkt[3] + T6_TEREDO_NONCE_LEN + 1;
		if (!pkt[2] && !pkt[3] && !h->confirmation) {
			t6_teredo_build_auth(again, h->nonce);
			KUNIT_EXPECT_EQ(test, 0, memcmp(again, pkt,
							T6_TEREDO_AUTH_LEN));
		}
	}
	if (h->origin) {
		t6_teredo_build_origin(again, h->origin_port, h->origin_addr);
		KUNIT_EXPECT_EQ(test, 0, memcmp(again, pkt + off,
						T6_TEREDO_ORIGIN_LEN));
		off += T6_TEREDO_ORIGIN_LEN;
	}
	KUNIT_EXPECT_EQ(test, off, h->ip6_off);
}

/* An accepted RA's prefix is 2001:0:SERVER::/64, and in its options. */
static void fuzz_ra_reencode(struct kunit *test, const u8 *ip6, size_t len,
			     const struct t6_teredo_ra *ra)
{
	struct t6_teredo_addr ta = { .server = ra->server };
	struct in6_addr prefix;
	size_t i;

	t6_teredo_addr_build(&prefix, &ta);
	KUNIT_EXPECT_EQ(test, 0, memcmp(prefix.s6_addr, ra->prefix.s6_addr, 8));
	KUNIT_EXPECT_GE(test, ra->mtu, T6_TEREDO_MIN_MTU);
	for (i = RA_ICMP_OFF - RA_IP6_OFF + 16; i + 8 <= len; i++)
		if (!memcmp(ip6 + i, ra->prefix.s6_addr, 8))
			return;
	KUNIT_FAIL(test, "accepted prefix %pI6c is not in the RA", &ra->prefix);
}

/* Make the ICMPv6 checksum of the IPv6 packet @ip6 right again. */
static void fuzz_fix_icmp6_csum(u8 *ip6, size_t len)
{
	struct ipv6hdr *ip6h = (struct ipv6hdr *)ip6;
	struct icmp6hdr *icmp6 = (struct icmp6hdr *)(ip6h + 1);
	size_t plen = len - sizeof(*ip6h);

	if (len < sizeof(*ip6h) + sizeof(*icmp6) ||
	    ip6h->nexthdr != IPPROTO_ICMPV6)
		return;
	icmp6->icmp6_cksum = 0;
	icmp6->icmp6_cksum = csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, plen,
					     IPPROTO_ICMPV6,
					     csum_partial(icmp6, plen, 0));
}

/*
 * A million seeded inputs through the header and RA parsers: miredo's
 * RA, bubble and RS with bytes changed and cut short (half the RAs with
 * their checksum made right again, so that the options parser sees the
 * changes), and bytes at random.  Each lies at the end of a heap object,
 * so KASAN sees any read past it; what is accepted is built again.
 */
static void teredo_test_fuzz(struct kunit *test)
{
	static const struct { const u8 *pkt; size_t len; } seeds[] = {
		{ miredo_ra, sizeof(miredo_ra) },
		{ miredo_bubble, sizeof(miredo_bubble) },
		{ miredo_rs, sizeof(miredo_rs) },
	};
	unsigned int i, hdrs = 0, ras = 0;
	struct t6_teredo_hdrs h;
	struct t6_teredo_ra ra;
	struct rnd_state rnd;
	u8 *buf;

	buf = kunit_kmalloc(test, FUZZ_MAXLEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	prandom_seed_state(&rnd, 4380);
	for (i = 0; i < FUZZ_ROUNDS; i++) {
		u32 r = prandom_u32_state(&rnd);
		unsigned int k, flips = 1 + r % 4, pick = (r >> 2) % 8;
		size_t len;
		u8 *pkt;

		/* a non-preemptible debug kernel under TCG: no RCU stall */
		if (!(i % 4096))
			cond_resched();
		if (pick < 3) {
			len = seeds[pick % 3].len;
			memcpy(buf, seeds[pick % 3].pkt, len);
		} else if (pick < 7) {
			len = sizeof(miredo_ra);
			memcpy(buf, miredo_ra, len);
		} else {
			/* at random, with a header type to go deeper sometimes */
			len = prandom_u32_state(&rnd) % FUZZ_MAXLEN;
			prandom_bytes_state(&rnd, buf, len);
			if (len >= 2 && (r & 0x300)) {
				buf[0] = 0;
				buf[1] = (r >> 8) & 1;
			}
			flips = 0;
		}
		for (k = 0; k < flips; k++)
			buf[prandom_u32_state(&rnd) % len] = prandom_u32_state(&rnd);
		if (flips && !(prandom_u32_state(&rnd) % 8))
			len -= prandom_u32_state(&rnd) % len;
		/* at the end of the heap object, so KASAN sees any overread */
		pkt = buf + FUZZ_MAXLEN - len;
		memmove(pkt, buf, len);
		if (t6_teredo_parse(pkt, len, &h))
			continue;
		hdrs++;
		KUNIT_ASSERT_LE(test, h.ip6_off + h.ip6_len, len);
		fuzz_hdrs_reencode(test, pkt, &h);
		if (pick >= 3 && pick < 5)
			fuzz_fix_icmp6_csum(pkt + h.ip6_off, h.ip6_len);
		if (!t6_teredo_parse_ra(pkt + h.ip6_off, h.ip6_len, &ra)) {
			ras++;
			fuzz_ra_reencode(test, pkt + h.ip6_off, h.ip6_len, &ra);
		}
		t6_teredo_is_bubble(pkt + h.ip6_off, h.ip6_len);
	}
	kunit_info(test, "%u inputs: %u Teredo packets, %u RAs accepted",
		   FUZZ_ROUNDS, hdrs, ras);
	/* changed options, lifetimes and flags leave RAs valid: they are seen */
	KUNIT_EXPECT_GT(test, ras, FUZZ_ROUNDS / 100);
}

static struct kunit_case teredo_test_cases[] = {
	KUNIT_CASE(teredo_test_addr),
	KUNIT_CASE(teredo_test_addr_white_paper),
	KUNIT_CASE(teredo_test_probe_gate),
	KUNIT_CASE(teredo_test_refresh_delay),
	KUNIT_CASE(teredo_test_flags),
	KUNIT_CASE(teredo_test_v4_global),
	KUNIT_CASE(teredo_test_rs),
	KUNIT_CASE(teredo_test_ra),
	KUNIT_CASE(teredo_test_ra_malformed),
	KUNIT_CASE(teredo_test_parse_shapes),
	KUNIT_CASE(teredo_test_bubble),
	KUNIT_CASE(teredo_test_echo),
	KUNIT_CASE(teredo_test_fuzz),
	{}
};

static struct kunit_suite teredo_test_suite = {
	.name = "transit6_teredo_wire",
	.test_cases = teredo_test_cases,
};

kunit_test_suites(&teredo_test_suite);
