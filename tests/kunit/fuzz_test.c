// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: a million seeded random and mutated inputs for each pure parser
 * that remote packets reach (nd.c: RS/RA; addr.c: addresses).  Every input
 * sits in a buffer of exactly its length, so that KASAN (the debug
 * kernel) catches a read one byte past it; what a parser accepts must
 * encode again to what it read.  A failure names the round, and the seed
 * reproduces it.
 */

#include <kunit/test.h>
#include <linux/prandom.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "../../kernel/transit6.h"

#define FUZZ_ROUNDS	1000000
#define FUZZ_SEED	0x7a6e5d4cULL
#define FUZZ_MAXLEN	168	/* an RA with an MTU and 4.5 prefix options */

struct fuzz {
	struct rnd_state rnd;
	u8 *buf[FUZZ_MAXLEN + 1];	/* buf[n]: exactly n bytes */
	u8 stage[FUZZ_MAXLEN];
	u8 ra[FUZZ_MAXLEN];
	size_t ra_len;
};

static u32 fz(struct fuzz *f, u32 below)
{
	return prandom_u32_state(&f->rnd) % below;
}

static int fuzz_init(struct kunit *test)
{
	struct t6_nd_prefix pfx[4] = {
		{ .len = 64, .valid = 86400, .preferred = 14400 },
		{ .len = 48, .valid = 600, .preferred = 300 },
		{ .len = 64, .valid = 0xffffffff, .preferred = 0xffffffff },
		{ .len = 128, .valid = 1, .preferred = 0 },
	};
	struct t6_ra_params p = { .hop_limit = 64, .router_lifetime = 1800,
				  .mtu = 1480 };
	struct fuzz *f;
	unsigned int n;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	prandom_seed_state(&f->rnd, FUZZ_SEED);
	f->buf[0] = ZERO_SIZE_PTR;	/* any access faults */
	for (n = 1; n <= FUZZ_MAXLEN; n++) {
		f->buf[n] = kunit_kmalloc(test, n, GFP_KERNEL);
		if (!f->buf[n])
			return -ENOMEM;
	}
	for (n = 0; n < ARRAY_SIZE(pfx); n++)
		pfx[n].prefix.s6_addr32[0] = htonl(0x20010db8 + n);
	f->ra_len = t6_nd_build_ra(f->ra, sizeof(f->ra), &p, pfx, 4);
	test->priv = f;
	return f->ra_len ? 0 : -EINVAL;
}

/*
 * One input of the shapes that break parsers: random bytes, or a valid
 * RA or RS with a few bytes changed (option lengths 0, 1 and 255 most of
 * all), cut short or run long.  Returns its length; it is in f->buf[len].
 */
static size_t fuzz_nd_input(struct fuzz *f)
{
	static const u8 optlens[] = { 0, 1, 4, 255 };
	size_t len, i, k;

	switch (fz(f, 4)) {
	case 0:
		len = fz(f, FUZZ_MAXLEN + 1);
		for (i = 0; i < len; i++)
			f->stage[i] = fz(f, 256);
		break;
	case 1:
		len = 8 + 8 * fz(f, 4);
		memset(f->stage, 0, len);
		f->stage[0] = NDISC_ROUTER_SOLICITATION;
		for (i = 8; i < len; i += 8)
			f->stage[i + 1] = fz(f, 3);
		break;
	default:
		len = f->ra_len;
		memcpy(f->stage, f->ra, len);
		break;
	}
	for (k = fz(f, 5); k; k--) {
		i = fz(f, FUZZ_MAXLEN);
		switch (fz(f, 4)) {
		case 0:		/* an option length byte */
			i = 16 + 8 * fz(f, 19) + 1;
			if (i < FUZZ_MAXLEN)
				f->stage[i] = optlens[fz(f, 4)];
			break;
		case 1:		/* cut short */
			len = len ? fz(f, len) : 0;
			break;
		case 2:		/* run long with noise */
			while (len < FUZZ_MAXLEN && fz(f, 8))
				f->stage[len++] = fz(f, 256);
			break;
		default:
			f->stage[i] = fz(f, 256);
		}
	}
	if (len)
		memcpy(f->buf[len], f->stage, len);
	return len;
}

/* An accepted RA, encoded again from what the parsers read, reads back the same. */
static void fuzz_ra_reencode(struct kunit *test, const u8 *buf, size_t len,
			     const struct t6_ra_info *ri, u32 round)
{
	struct t6_ra_params p = { .hop_limit = buf[4],
				  .router_lifetime = ri->router_lifetime };
	struct t6_nd_prefix in[T6_MAX_PREFIXES], out[T6_MAX_PREFIXES];
	unsigned int n, m, i, j = 0;
	struct t6_ra_info ri2;
	u8 again[FUZZ_MAXLEN * 2];
	size_t len2;

	n = t6_nd_ra_prefixes(buf, len, in, ARRAY_SIZE(in));
	KUNIT_ASSERT_LE_MSG(test, n, ri->nprefixes, "round %u", round);
	for (i = 0; i < n; i++)
		KUNIT_ASSERT_LE_MSG(test, in[i].len, 128, "round %u", round);
	len2 = t6_nd_build_ra(again, sizeof(again), &p, in, n);
	KUNIT_ASSERT_EQ_MSG(test, len2, t6_nd_ra_size(n), "round %u", round);
	KUNIT_ASSERT_EQ_MSG(test, t6_nd_parse_ra(again, len2, &ri2), 0,
			    "round %u", round);
	KUNIT_EXPECT_EQ_MSG(test, ri2.router_lifetime, ri->router_lifetime,
			    "round %u", round);
	KUNIT_EXPECT_EQ_MSG(test, ri2.nprefixes, n, "round %u", round);
	/* we mark only /64s autonomous: those come back, host bits cleared */
	m = t6_nd_ra_prefixes(again, len2, out, ARRAY_SIZE(out));
	for (i = 0; i < n; i++) {
		struct in6_addr want;

		if (in[i].len != 64)
			continue;
		ipv6_addr_prefix(&want, &in[i].prefix, 64);
		KUNIT_ASSERT_LT_MSG(test, j, m, "round %u", round);
		KUNIT_EXPECT_TRUE_MSG(test, ipv6_addr_equal(&out[j].prefix, &want),
				      "round %u", round);
		KUNIT_EXPECT_EQ_MSG(test, out[j].valid, in[i].valid,
				    "round %u", round);
		KUNIT_EXPECT_EQ_MSG(test, out[j].preferred, in[i].preferred,
				    "round %u", round);
		j++;
	}
	KUNIT_EXPECT_EQ_MSG(test, j, m, "round %u", round);
}

static void fuzz_test_nd(struct kunit *test)
{
	struct t6_nd_prefix pfx[T6_MAX_PREFIXES];
	struct fuzz *f = test->priv;
	unsigned int accepted_ra = 0, accepted_rs = 0;
	struct in6_addr a = {}, b = {};
	struct t6_ra_info ri;
	u32 round;

	for (round = 0; round < FUZZ_ROUNDS; round++) {
		size_t len = fuzz_nd_input(f);
		const u8 *buf = f->buf[len];

		if (!t6_nd_parse_rs(buf, len)) {
			accepted_rs++;
			KUNIT_ASSERT_GE_MSG(test, len, 8, "round %u", round);
			KUNIT_ASSERT_EQ_MSG(test, buf[0], NDISC_ROUTER_SOLICITATION,
					    "round %u", round);
			KUNIT_ASSERT_EQ_MSG(test, buf[1], 0, "round %u", round);
		}
		if (!t6_nd_parse_ra(buf, len, &ri)) {
			accepted_ra++;
			fuzz_ra_reencode(test, buf, len, &ri, round);
		}
		/* never called on what parse_ra refused, but must be safe */
		KUNIT_ASSERT_LE(test, t6_nd_ra_prefixes(buf, len, pfx, 2), 2);
		t6_nd_csum_ok(&a, &b, buf, len);
		if (!(round & 1023))
			cond_resched();
	}
	kunit_info(test, "%u rounds: %u RAs and %u RSs accepted\n",
		   FUZZ_ROUNDS, accepted_ra, accepted_rs);
	/* the mutations must leave some valid ones, or they test little */
	KUNIT_EXPECT_GT(test, accepted_ra, FUZZ_ROUNDS / 20);
	KUNIT_EXPECT_GT(test, accepted_rs, FUZZ_ROUNDS / 100);
}

/* Addresses with the structures the parsers look for, or random ones. */
static void fuzz_addr_input(struct fuzz *f, struct in6_addr *a)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		a->s6_addr32[i] = prandom_u32_state(&f->rnd);
	switch (fz(f, 4)) {
	case 0:
		a->s6_addr16[0] = htons(0x2002);
		if (fz(f, 2))	/* 2002:V4:...:V4 */
			memcpy(&a->s6_addr32[3], &a->s6_addr[2], 4);
		if (fz(f, 2)) {	/* 2002:V4::... */
			a->s6_addr16[3] = 0;
			a->s6_addr32[2] = 0;
		}
		break;
	case 1:
		a->s6_addr32[2] = htonl(0x00005efe | (fz(f, 2) << 25) |
					(fz(f, 8) ? 0 : fz(f, 256) << 24));
		if (fz(f, 2)) {
			a->s6_addr32[0] = htonl(0xfe800000);
			a->s6_addr32[1] = 0;
		}
		break;
	case 2: {
		static const u16 tops[] = { 0, 0xfe80, 0xfec0, 0xff02 };

		a->s6_addr16[0] = htons(tops[fz(f, 4)]);
		break;
	}
	}
}

static void fuzz_test_addr(struct kunit *test)
{
	struct fuzz *f = test->priv;
	unsigned int isatap = 0, sixtofour = 0, own = 0;
	struct in6_addr a, b;
	u32 round;
	__be32 v4;

	for (round = 0; round < FUZZ_ROUNDS; round++) {
		fuzz_addr_input(f, &a);
		if (t6_isatap_addr_v4(&a, &v4)) {
			isatap++;
			KUNIT_ASSERT_TRUE_MSG(test, t6_isatap_embeds(&a, v4),
					      "round %u", round);
			/* the same address but for the u bit, which we derive */
			t6_isatap_addr(&b, &a, v4);
			b.s6_addr[8] = (b.s6_addr[8] & ~0x02) | (a.s6_addr[8] & 0x02);
			KUNIT_ASSERT_TRUE_MSG(test, ipv6_addr_equal(&a, &b),
					      "round %u: %pI6", round, &a);
			KUNIT_EXPECT_EQ_MSG(test, t6_isatap_router_source(&a, v4),
					    !!(ipv6_addr_type(&a) & IPV6_ADDR_LINKLOCAL),
					    "round %u", round);
		}
		if (t6_6to4_addr_v4(&a, &v4)) {
			sixtofour++;
			t6_6to4_prefix(&b, v4);
			KUNIT_ASSERT_EQ_MSG(test, memcmp(&a, &b, 6), 0,
					    "round %u: %pI6", round, &a);
			KUNIT_EXPECT_EQ_MSG(test, t6_6to4_v6_forbidden(&a),
					    !t6_6to4_v4_public(v4), "round %u", round);
		}
		if (t6_6to4_addr_is_own(&a, &v4)) {
			own++;
			t6_6to4_addr(&b, v4);
			KUNIT_ASSERT_TRUE_MSG(test, ipv6_addr_equal(&a, &b) &&
					      t6_6to4_v4_public(v4),
					      "round %u: %pI6", round, &a);
		}
		if (!(round & 1023))
			cond_resched();
	}
	kunit_info(test, "%u rounds: %u ISATAP, %u 6to4 (%u own form)\n",
		   FUZZ_ROUNDS, isatap, sixtofour, own);
	KUNIT_EXPECT_GT(test, isatap, FUZZ_ROUNDS / 20);
	KUNIT_EXPECT_GT(test, sixtofour, FUZZ_ROUNDS / 20);
	KUNIT_EXPECT_GT(test, own, FUZZ_ROUNDS / 100);
}

static struct kunit_case fuzz_test_cases[] = {
	KUNIT_CASE(fuzz_test_nd),
	KUNIT_CASE(fuzz_test_addr),
	{}
};

static struct kunit_suite fuzz_test_suite = {
	.name = "transit6_fuzz",
	.init = fuzz_init,
	.test_cases = fuzz_test_cases,
};

kunit_test_suites(&fuzz_test_suite);
