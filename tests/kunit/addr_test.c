// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: ISATAP address arithmetic (RFC 5214 6.1) against the examples of
 * the RFC and of the Windows white paper, and the u-bit classification
 * Linux addrconf uses.
 */

#include <kunit/test.h>
#include <linux/inet.h>

#include "../../kernel/transit6.h"

static __be32 v4(const char *s)
{
	return in_aton(s);
}

static void addr_test_u_bit(struct kunit *test)
{
	static const struct {
		const char *addr;
		bool global;
	} cases[] = {
		{ "10.40.1.29", false },	/* white paper, Host A */
		{ "192.168.41.30", false },	/* white paper, Host B */
		{ "172.16.0.1", false }, { "172.31.255.255", false },
		{ "172.32.0.1", true }, { "169.254.1.1", false },
		{ "127.0.0.1", false }, { "0.0.0.0", false },
		{ "0.1.2.3", true },	/* Linux: zeronet is 0.0.0.0 only */
		{ "192.0.2.1", false }, { "192.88.99.1", false },
		{ "198.18.0.1", false }, { "198.19.255.1", false },
		{ "224.0.0.1", false }, { "255.255.255.255", false },
		{ "131.107.0.1", true }, { "8.8.8.8", true },
		{ "100.64.0.1", true },	/* CGN space is "global" to Linux */
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, t6_ipv4_is_global(v4(cases[i].addr)),
				    cases[i].global, "%s", cases[i].addr);
}

static void addr_test_iid(struct kunit *test)
{
	static const u8 priv[8] = { 0, 0, 0x5e, 0xfe, 10, 40, 1, 29 };
	static const u8 pub[8] = { 2, 0, 0x5e, 0xfe, 131, 107, 0, 1 };
	u8 iid[8];

	t6_isatap_iid(iid, v4("10.40.1.29"));
	KUNIT_EXPECT_EQ(test, memcmp(iid, priv, 8), 0);
	t6_isatap_iid(iid, v4("131.107.0.1"));
	KUNIT_EXPECT_EQ(test, memcmp(iid, pub, 8), 0);
}

static void addr_test_linklocal(struct kunit *test)
{
	struct in6_addr a, want;

	t6_isatap_linklocal(&a, v4("10.40.1.29"));
	KUNIT_ASSERT_EQ(test, in6_pton("fe80::5efe:a28:11d", -1, want.s6_addr,
				       -1, NULL), 1);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&a, &want));

	t6_isatap_linklocal(&a, v4("131.107.0.1"));
	KUNIT_ASSERT_EQ(test, in6_pton("fe80::200:5efe:836b:1", -1,
				       want.s6_addr, -1, NULL), 1);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&a, &want));
}

static void addr_test_prefix(struct kunit *test)
{
	struct in6_addr prefix, a, want;

	/* only the first 64 bits of the prefix count */
	KUNIT_ASSERT_EQ(test, in6_pton("2001:db8:0:7:ffff::1", -1,
				       prefix.s6_addr, -1, NULL), 1);
	t6_isatap_addr(&a, &prefix, v4("192.168.41.30"));
	KUNIT_ASSERT_EQ(test, in6_pton("2001:db8:0:7::5efe:c0a8:291e", -1,
				       want.s6_addr, -1, NULL), 1);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&a, &want));
}

static void addr_test_extract(struct kunit *test)
{
	static const struct {
		const char *addr;
		bool isatap;
		const char *v4;
	} cases[] = {
		{ "fe80::5efe:10.0.0.1", true, "10.0.0.1" },
		{ "fe80::200:5efe:131.107.0.1", true, "131.107.0.1" },
		{ "2001:db8::5efe:192.0.2.7", true, "192.0.2.7" },
		{ "fe80::100:5efe:10.0.0.1", false, NULL },	/* g bit */
		{ "fe80::5eff:10.0.0.1", false, NULL },
		{ "fe80::1", false, NULL },
		{ "2002:a00:1::a00:1", false, NULL },
	};
	struct in6_addr a;
	unsigned int i;
	__be32 got;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		KUNIT_ASSERT_EQ(test, in6_pton(cases[i].addr, -1, a.s6_addr,
					       -1, NULL), 1);
		got = 0;
		KUNIT_EXPECT_EQ_MSG(test, t6_isatap_addr_v4(&a, &got),
				    cases[i].isatap, "%s", cases[i].addr);
		if (cases[i].isatap)
			KUNIT_EXPECT_EQ_MSG(test, got, v4(cases[i].v4), "%s",
					    cases[i].addr);
	}
}

/* RFC 5214 7.3 and 8.3.3: which sources an ISATAP interface accepts */
static void addr_test_source_checks(struct kunit *test)
{
	static const struct {
		const char *src;
		const char *outer;
		bool embeds;
		bool router;
	} cases[] = {
		{ "fe80::5efe:10.0.0.1", "10.0.0.1", true, true },
		{ "fe80::200:5efe:131.107.0.1", "131.107.0.1", true, true },
		/* a global ISATAP source embeds, but is no router source */
		{ "2001:db8::5efe:10.0.0.1", "10.0.0.1", true, false },
		/* spoofed: embeds another IPv4 address than the outer one */
		{ "fe80::5efe:10.0.0.9", "10.0.0.1", false, false },
		{ "fe80::1", "10.0.0.1", false, false },
		{ "::ffff:10.0.0.1", "10.0.0.1", false, false },
	};
	struct in6_addr a;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		KUNIT_ASSERT_EQ(test, in6_pton(cases[i].src, -1, a.s6_addr,
					       -1, NULL), 1);
		KUNIT_EXPECT_EQ_MSG(test, t6_isatap_embeds(&a, v4(cases[i].outer)),
				    cases[i].embeds, "%s", cases[i].src);
		KUNIT_EXPECT_EQ_MSG(test,
				    t6_isatap_router_source(&a, v4(cases[i].outer)),
				    cases[i].router, "%s", cases[i].src);
	}
}

static struct kunit_case addr_test_cases[] = {
	KUNIT_CASE(addr_test_u_bit),
	KUNIT_CASE(addr_test_iid),
	KUNIT_CASE(addr_test_linklocal),
	KUNIT_CASE(addr_test_prefix),
	KUNIT_CASE(addr_test_extract),
	KUNIT_CASE(addr_test_source_checks),
	{}
};

static struct kunit_suite addr_test_suite = {
	.name = "transit6_addr",
	.test_cases = addr_test_cases,
};

kunit_test_suites(&addr_test_suite);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for transit6");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
