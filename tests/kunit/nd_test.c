// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: Router Solicitation / Advertisement build and parse (nd.c).
 */

#include <kunit/test.h>
#include <linux/inet.h>
#include <net/ndisc.h>

#include "../../kernel/transit6.h"

static void nd_test_rs(struct kunit *test)
{
	u8 buf[16];

	KUNIT_EXPECT_EQ(test, t6_nd_build_rs(buf, 4), 0);
	KUNIT_ASSERT_EQ(test, t6_nd_build_rs(buf, sizeof(buf)), 8);
	KUNIT_EXPECT_EQ(test, buf[0], NDISC_ROUTER_SOLICITATION);
	KUNIT_EXPECT_EQ(test, t6_nd_parse_rs(buf, 8), 0);
	KUNIT_EXPECT_EQ(test, t6_nd_parse_rs(buf, 7), -EINVAL);
	buf[1] = 1;	/* code must be 0 */
	KUNIT_EXPECT_EQ(test, t6_nd_parse_rs(buf, 8), -EINVAL);
	buf[1] = 0;
	buf[8] = ND_OPT_SOURCE_LL_ADDR;	/* zero-length option */
	buf[9] = 0;
	KUNIT_EXPECT_EQ(test, t6_nd_parse_rs(buf, 16), -EINVAL);
	buf[9] = 1;
	KUNIT_EXPECT_EQ(test, t6_nd_parse_rs(buf, 16), 0);
	buf[9] = 2;	/* runs past the end */
	KUNIT_EXPECT_EQ(test, t6_nd_parse_rs(buf, 16), -EINVAL);
}

/* The checksum a received RS/RA must carry before anything acts on it. */
static void nd_test_csum(struct kunit *test)
{
	struct in6_addr src, dst;
	/* RS from fe80::5efe:192.0.2.1 to fe80::5efe:192.0.2.2 */
	u8 rs[8] = { NDISC_ROUTER_SOLICITATION, 0, 0x3b, 0xba };

	in6_pton("fe80::5efe:c000:201", -1, src.s6_addr, -1, NULL);
	in6_pton("fe80::5efe:c000:202", -1, dst.s6_addr, -1, NULL);
	KUNIT_EXPECT_TRUE(test, t6_nd_csum_ok(&src, &dst, rs, sizeof(rs)));
	/* another destination, a flipped bit, a wrong length: all fail */
	KUNIT_EXPECT_FALSE(test, t6_nd_csum_ok(&src, &src, rs, sizeof(rs)));
	rs[5] ^= 0x10;
	KUNIT_EXPECT_FALSE(test, t6_nd_csum_ok(&src, &dst, rs, sizeof(rs)));
	rs[5] ^= 0x10;
	KUNIT_EXPECT_FALSE(test, t6_nd_csum_ok(&src, &dst, rs, 4));
}

static void nd_test_ra_roundtrip(struct kunit *test)
{
	struct t6_ra_params p = {
		.hop_limit = 64, .router_lifetime = 1800, .mtu = 1480,
	};
	struct t6_nd_prefix pfx[2] = {
		{ .len = 64, .valid = 86400, .preferred = 14400 },
		{ .len = 48, .valid = 600, .preferred = 300 },
	};
	struct t6_ra_info ri;
	u8 buf[128];
	size_t len;

	in6_pton("2001:db8:1:2:3:4:5:6", -1, pfx[0].prefix.s6_addr, -1, NULL);
	in6_pton("2001:db8:9::", -1, pfx[1].prefix.s6_addr, -1, NULL);
	KUNIT_EXPECT_EQ(test, t6_nd_ra_size(2), 16 + 8 + 64);
	KUNIT_EXPECT_EQ(test, t6_nd_build_ra(buf, 80, &p, pfx, 2), 0);
	len = t6_nd_build_ra(buf, sizeof(buf), &p, pfx, 2);
	KUNIT_ASSERT_EQ(test, len, 88);
	KUNIT_EXPECT_EQ(test, buf[0], NDISC_ROUTER_ADVERTISEMENT);
	KUNIT_EXPECT_EQ(test, buf[4], 64);		/* cur hop limit */
	KUNIT_EXPECT_EQ(test, buf[6] << 8 | buf[7], 1800);
	KUNIT_EXPECT_EQ(test, buf[16], ND_OPT_MTU);
	KUNIT_EXPECT_EQ(test, buf[24 + 2], 64);		/* prefix length */
	KUNIT_EXPECT_EQ(test, buf[24 + 3], 0xc0);	/* L and A */
	KUNIT_EXPECT_EQ(test, buf[56 + 3], 0x80);	/* /48: L only */
	/* the host part of the prefix is cleared */
	KUNIT_EXPECT_EQ(test, buf[24 + 16 + 8], 0);
	KUNIT_EXPECT_EQ(test, buf[24 + 16 + 7], 2);

	KUNIT_ASSERT_EQ(test, t6_nd_parse_ra(buf, len, &ri), 0);
	KUNIT_EXPECT_EQ(test, ri.router_lifetime, 1800);
	KUNIT_EXPECT_EQ(test, ri.min_lifetime, 600);
	KUNIT_EXPECT_EQ(test, ri.nprefixes, 2);
}

static void nd_test_ra_malformed(struct kunit *test)
{
	struct t6_ra_params p = { .hop_limit = 64, .mtu = 1480 };
	struct t6_nd_prefix pfx = { .len = 64, .valid = 0, .preferred = 0 };
	struct t6_ra_info ri;
	u8 buf[64];
	size_t len;

	len = t6_nd_build_ra(buf, sizeof(buf), &p, &pfx, 1);
	KUNIT_ASSERT_EQ(test, len, 56);
	/* lifetime 0 everywhere: nothing to refresh before */
	KUNIT_ASSERT_EQ(test, t6_nd_parse_ra(buf, len, &ri), 0);
	KUNIT_EXPECT_EQ(test, ri.min_lifetime, 0);

	KUNIT_EXPECT_EQ(test, t6_nd_parse_ra(buf, 15, &ri), -EINVAL);
	KUNIT_EXPECT_EQ(test, t6_nd_parse_ra(buf, len - 1, &ri), -EINVAL);
	buf[0] = NDISC_ROUTER_SOLICITATION;
	KUNIT_EXPECT_EQ(test, t6_nd_parse_ra(buf, len, &ri), -EINVAL);
	buf[0] = NDISC_ROUTER_ADVERTISEMENT;
	buf[24 + 1] = 3;	/* a prefix option must be 32 bytes */
	KUNIT_EXPECT_EQ(test, t6_nd_parse_ra(buf, len, &ri), -EINVAL);
	buf[24 + 1] = 4;
	buf[24 + 2] = 129;	/* prefix length */
	KUNIT_EXPECT_EQ(test, t6_nd_parse_ra(buf, len, &ri), -EINVAL);
}

static void nd_test_ra_prefixes(struct kunit *test)
{
	struct t6_ra_params p = { .hop_limit = 64, .mtu = 1480 };
	struct t6_nd_prefix in[3] = {
		{ .len = 64, .valid = 600, .preferred = 300 },
		{ .len = 48, .valid = 700, .preferred = 400 },	/* on-link only */
		{ .len = 64, .valid = 800, .preferred = 500 },
	};
	struct t6_nd_prefix out[4];
	u8 buf[128];
	size_t len;

	in6_pton("2001:db8:1::", -1, in[0].prefix.s6_addr, -1, NULL);
	in6_pton("2001:db8:2::", -1, in[1].prefix.s6_addr, -1, NULL);
	in6_pton("2001:db8:3::", -1, in[2].prefix.s6_addr, -1, NULL);
	len = t6_nd_build_ra(buf, sizeof(buf), &p, in, 3);
	KUNIT_ASSERT_GT(test, len, 0);
	/* the /48 is not autonomous, so it is left out */
	KUNIT_ASSERT_EQ(test, t6_nd_ra_prefixes(buf, len, out, 4), 2);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&out[0].prefix, &in[0].prefix));
	KUNIT_EXPECT_EQ(test, out[0].valid, 600);
	KUNIT_EXPECT_EQ(test, out[0].preferred, 300);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&out[1].prefix, &in[2].prefix));
	KUNIT_EXPECT_EQ(test, out[1].len, 64);
	/* bounded by the caller's array */
	KUNIT_EXPECT_EQ(test, t6_nd_ra_prefixes(buf, len, out, 1), 1);
	/* an RA without options has none */
	KUNIT_EXPECT_EQ(test, t6_nd_ra_prefixes(buf, 16, out, 4), 0);
}

static struct kunit_case nd_test_cases[] = {
	KUNIT_CASE(nd_test_rs),
	KUNIT_CASE(nd_test_csum),
	KUNIT_CASE(nd_test_ra_roundtrip),
	KUNIT_CASE(nd_test_ra_malformed),
	KUNIT_CASE(nd_test_ra_prefixes),
	{}
};

static struct kunit_suite nd_test_suite = {
	.name = "transit6_nd",
	.test_cases = nd_test_cases,
};

kunit_test_suites(&nd_test_suite);
