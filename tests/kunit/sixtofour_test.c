// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: 6to4 address arithmetic (RFC 3056 2), the public/private IPv4
 * classification of RFC 3964 5.3.1 / RFC 6343 4.1, the IPv6 ranges of RFC
 * 3964 5.3.2, extraction of the embedded IPv4 address and recognition
 * of the interface's own 2002:V4::V4 addresses.
 */

#include <kunit/test.h>
#include <linux/inet.h>

#include "../../kernel/transit6.h"

static __be32 v4(const char *s)
{
	return in_aton(s);
}

static struct in6_addr v6(struct kunit *test, const char *s)
{
	struct in6_addr a;

	KUNIT_ASSERT_EQ_MSG(test, in6_pton(s, -1, a.s6_addr, -1, NULL), 1,
			    "%s", s);
	return a;
}

static void sixtofour_test_public(struct kunit *test)
{
	static const struct {
		const char *addr;
		bool public;
	} cases[] = {
		{ "0.0.0.0", false }, { "0.255.255.255", false },
		{ "1.0.0.0", true },
		{ "10.0.0.1", false }, { "10.255.255.255", false },
		{ "11.0.0.0", true },
		{ "100.63.255.255", true }, { "100.64.0.0", false },
		{ "100.127.255.255", false }, { "100.128.0.0", true },
		{ "127.0.0.1", false }, { "169.254.1.1", false },
		{ "169.253.255.255", true },
		{ "172.15.255.255", true }, { "172.16.0.0", false },
		{ "172.31.255.255", false }, { "172.32.0.0", true },
		{ "192.88.98.255", true }, { "192.88.99.1", false },
		{ "192.88.100.0", true },
		{ "192.167.255.255", true }, { "192.168.0.1", false },
		{ "192.169.0.0", true },
		{ "223.255.255.255", true }, { "224.0.0.1", false },
		{ "239.255.255.255", false }, { "240.0.0.1", false },
		{ "255.255.255.255", false },
		/* documentation ranges stand for public sites in examples */
		{ "192.0.2.1", true }, { "198.51.100.1", true },
		{ "203.0.113.1", true }, { "131.107.0.1", true },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, t6_6to4_v4_public(v4(cases[i].addr)),
				    cases[i].public, "%s", cases[i].addr);
}

/* The white paper's examples (seed 003, "6to4"). */
static void sixtofour_test_prefix(struct kunit *test)
{
	struct in6_addr a, want;

	/* 6to4 router at 157.60.0.1: 2002:9D3C:1::/48 */
	t6_6to4_prefix(&a, v4("157.60.0.1"));
	want = v6(test, "2002:9d3c:1::");
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&a, &want));
	/* host/router B at 131.107.0.1: 2002:836B:1::836B:1 */
	t6_6to4_addr(&a, v4("131.107.0.1"));
	want = v6(test, "2002:836b:1::836b:1");
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&a, &want));
	/* ICS at 131.107.23.89 advertises 2002:836B:1759:5::/64 */
	t6_6to4_prefix(&a, v4("131.107.23.89"));
	want = v6(test, "2002:836b:1759::");
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&a, &want));
	t6_6to4_addr(&a, v4("192.88.99.1"));
	want = v6(test, "2002:c058:6301::c058:6301");
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&a, &want));
	/* ... and its LAN, subnet 5, gets 2002:836b:1759:5::1/64 */
	t6_6to4_lan_addr(&a, v4("131.107.23.89"), 5);
	want = v6(test, "2002:836b:1759:5::1");
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&a, &want));
	t6_6to4_lan_addr(&a, v4("131.107.23.89"), 0xfffe);
	want = v6(test, "2002:836b:1759:fffe::1");
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&a, &want));
}

static void sixtofour_test_embedded(struct kunit *test)
{
	struct in6_addr a;
	__be32 out = 0;

	/* the relay of the white paper's example: 194.207.1.5 */
	a = v6(test, "2002:c2cf:105::1");
	KUNIT_EXPECT_TRUE(test, t6_6to4_addr_v4(&a, &out));
	KUNIT_EXPECT_EQ(test, out, v4("194.207.1.5"));
	a = v6(test, "2002:9d3c:1:1::1");
	KUNIT_EXPECT_TRUE(test, t6_6to4_addr_v4(&a, &out));
	KUNIT_EXPECT_EQ(test, out, v4("157.60.0.1"));
	a = v6(test, "2002::");
	KUNIT_EXPECT_TRUE(test, t6_6to4_addr_v4(&a, &out));
	KUNIT_EXPECT_EQ(test, out, v4("0.0.0.0"));
	/* not 2002::/16: untouched */
	out = v4("1.2.3.4");
	a = v6(test, "2003:cb00:7101::1");
	KUNIT_EXPECT_FALSE(test, t6_6to4_addr_v4(&a, &out));
	a = v6(test, "2001:db8::1");
	KUNIT_EXPECT_FALSE(test, t6_6to4_addr_v4(&a, &out));
	KUNIT_EXPECT_EQ(test, out, v4("1.2.3.4"));
}

/* Which 2002:: addresses the configuration pass may take away. */
static void sixtofour_test_own(struct kunit *test)
{
	static const struct {
		const char *addr;
		const char *v4;	/* NULL: not one of ours */
	} cases[] = {
		{ "2002:c633:6401::c633:6401", "198.51.100.1" },
		{ "2002:836b:1::836b:1", "131.107.0.1" },
		/* a user's own addresses in the same prefix */
		{ "2002:c633:6401::1", NULL },
		{ "2002:c633:6401:1::c633:6401", NULL },
		{ "2002:c633:6401::c633:6402", NULL },
		/* relay anycast and private sites: never configured */
		{ "2002:c058:6301::c058:6301", NULL },
		{ "2002:c0a8:0101::c0a8:0101", NULL },
		{ "2001:db8::c633:6401", NULL },
	};
	struct in6_addr a;
	unsigned int i;
	__be32 out;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		a = v6(test, cases[i].addr);
		KUNIT_EXPECT_EQ_MSG(test, t6_6to4_addr_is_own(&a, &out),
				    !!cases[i].v4, "%s", cases[i].addr);
		if (cases[i].v4)
			KUNIT_EXPECT_EQ_MSG(test, out, v4(cases[i].v4), "%s",
					    cases[i].addr);
	}
}

static void sixtofour_test_forbidden(struct kunit *test)
{
	static const struct {
		const char *addr;
		bool forbidden;
	} cases[] = {
		{ "::", true }, { "::1", true }, { "::ffff:10.0.0.1", true },
		{ "::203.0.113.1", true }, { "0:ffff::1", true },
		{ "1::1", false },
		{ "fe80::1", true }, { "febf::1", true },
		{ "fec0::1", true }, { "feff::1", true },
		{ "fe7f::1", false },
		{ "ff02::1", true }, { "ff0e::1", true },
		{ "2001:db8::1", false }, { "2002:cb00:7101::1", false },
		/* 6to4 addresses of IPv4 addresses no site can have */
		{ "2002:0a00:0001::1", true }, { "2002:c0a8:0101::1", true },
		{ "2002:7f00:0001::1", true }, { "2002:c058:6301::1", true },
		{ "2002:e000:0001::1", true }, { "2002:ffff:ffff::1", true },
		{ "2002::1", true },
	};
	struct in6_addr a;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		a = v6(test, cases[i].addr);
		KUNIT_EXPECT_EQ_MSG(test, t6_6to4_v6_forbidden(&a),
				    cases[i].forbidden, "%s", cases[i].addr);
	}
}

static struct kunit_case sixtofour_test_cases[] = {
	KUNIT_CASE(sixtofour_test_public),
	KUNIT_CASE(sixtofour_test_prefix),
	KUNIT_CASE(sixtofour_test_embedded),
	KUNIT_CASE(sixtofour_test_own),
	KUNIT_CASE(sixtofour_test_forbidden),
	{}
};

static struct kunit_suite sixtofour_test_suite = {
	.name = "transit6_6to4",
	.test_cases = sixtofour_test_cases,
};

kunit_test_suites(&sixtofour_test_suite);
