// SPDX-License-Identifier: GPL-2.0
/*
 * Pure address math: IPv4 classes and the ISATAP interface identifier.
 * No I/O here, so tests/addr_test.c can table-test it.
 */
#include <string.h>
#include <arpa/inet.h>

#include "t6.h"

static const struct {
	uint32_t net;		/* host order */
	unsigned int plen;
	unsigned int class;
} v4_classes[] = {
	{ 0x00000000,  8, T6_V4_ZERONET },
	{ 0x0a000000,  8, T6_V4_PRIVATE },
	{ 0x64400000, 10, T6_V4_SHARED },
	{ 0x7f000000,  8, T6_V4_LOOPBACK },
	{ 0xa9fe0000, 16, T6_V4_LINKLOCAL },
	{ 0xac100000, 12, T6_V4_PRIVATE },
	{ 0xc0000200, 24, T6_V4_DOC },
	{ 0xc0586300, 24, T6_V4_6TO4_ANY },
	{ 0xc0a80000, 16, T6_V4_PRIVATE },
	{ 0xc6120000, 15, T6_V4_BENCH },
	{ 0xe0000000,  4, T6_V4_MULTICAST },
	{ 0xf0000000,  4, T6_V4_RESERVED },
	{ 0xffffffff, 32, T6_V4_BROADCAST },
};

/* Every class @a belongs to, as a mask of T6_V4_*; 0 for a plain global. */
unsigned int t6_ipv4_class(struct in_addr a)
{
	uint32_t h = ntohl(a.s_addr);
	unsigned int class = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(v4_classes); i++) {
		uint32_t mask = ~0u << (32 - v4_classes[i].plen);

		if ((h & mask) == v4_classes[i].net)
			class |= v4_classes[i].class;
	}
	return class;
}

/*
 * The u bit rule of Linux's __ipv6_isatap_ifid (net/ipv6/addrconf.c): the
 * ranges it names are not globally unique; the rest of 240/4 is.  Its
 * ipv4_is_zeronet() is 0.0.0.0 only, not 0/8: the kernel module and sit
 * use the same helpers, so we follow it to form the same identifiers.
 */
bool t6_isatap_ipv4_global(struct in_addr a)
{
	if (a.s_addr == 0)
		return false;
	return !(t6_ipv4_class(a) & (T6_V4_PRIVATE |
				     T6_V4_LOOPBACK | T6_V4_LINKLOCAL |
				     T6_V4_DOC | T6_V4_6TO4_ANY |
				     T6_V4_BENCH | T6_V4_MULTICAST |
				     T6_V4_BROADCAST));
}

/* RFC 5214 6.1: 000000ug00000000:5EFE:a.b.c.d */
void t6_isatap_iid(struct in_addr a, uint8_t iid[8])
{
	iid[0] = t6_isatap_ipv4_global(a) ? 0x02 : 0x00;
	iid[1] = 0x00;
	iid[2] = 0x5e;
	iid[3] = 0xfe;
	memcpy(iid + 4, &a.s_addr, 4);
}

/* The upper 64 bits of @prefix followed by the ISATAP IID of @a. */
void t6_isatap_addr(const struct in6_addr *prefix, struct in_addr a,
		    struct in6_addr *out)
{
	memcpy(out->s6_addr, prefix->s6_addr, 8);
	t6_isatap_iid(a, out->s6_addr + 8);
}

/* True if the interface identifier of @a has the ISATAP form. */
bool t6_isatap_addr_is(const struct in6_addr *a)
{
	const uint8_t *b = a->s6_addr;

	return (b[8] & ~0x02) == 0 && b[9] == 0 && b[10] == 0x5e &&
	       b[11] == 0xfe;
}

/*
 * inet_ntop(), except that an ISATAP address ends in a dotted quad the
 * way RFC 5214 writes it: fe80::5efe:192.0.2.1, not fe80::5efe:c000:201.
 * The IPv6 part is compressed as if the dotted quad were two non-zero
 * groups (RFC 5952 5).
 */
const char *t6_addr6_ntop(const struct in6_addr *a, char *buf, size_t size)
{
	char v4[INET_ADDRSTRLEN], *tail;
	struct in6_addr tmp = *a;

	if (!t6_isatap_addr_is(a))
		return inet_ntop(AF_INET6, a, buf, size);
	memset(tmp.s6_addr + 12, 0xff, 4);
	inet_ntop(AF_INET, a->s6_addr + 12, v4, sizeof(v4));
	if (!inet_ntop(AF_INET6, &tmp, buf, size))
		return NULL;
	tail = buf + strlen(buf) - strlen("ffff:ffff");
	if (tail < buf || (size_t)(tail - buf) + strlen(v4) + 1 > size)
		return inet_ntop(AF_INET6, a, buf, size);
	strcpy(tail, v4);
	return buf;
}

/*
 * Whether @a can stand for a 6to4 site (RFC 3964 5.3.1, RFC 6343 4.1);
 * the kernel module's t6_6to4_v4_public() draws the same line.
 */
bool t6_6to4_ipv4_public(struct in_addr a)
{
	return !(t6_ipv4_class(a) & (T6_V4_ZERONET | T6_V4_PRIVATE |
				     T6_V4_SHARED | T6_V4_LOOPBACK |
				     T6_V4_LINKLOCAL | T6_V4_6TO4_ANY |
				     T6_V4_MULTICAST | T6_V4_RESERVED));
}

/*
 * Whether @a may be a Teredo server (RFC 4380 5.2.4); the kernel module's
 * t6_teredo_v4_global() draws the same line.
 */
bool t6_teredo_ipv4_global(struct in_addr a)
{
	return !(t6_ipv4_class(a) & (T6_V4_ZERONET | T6_V4_PRIVATE |
				     T6_V4_LOOPBACK | T6_V4_LINKLOCAL |
				     T6_V4_6TO4_ANY | T6_V4_MULTICAST |
				     T6_V4_RESERVED));
}

/* 2002:WWXX:YYZZ:@subnet::/64 of @a, interface identifier zero. */
void t6_6to4_subnet(struct in_addr a, uint16_t subnet, struct in6_addr *out)
{
	memset(out, 0, sizeof(*out));
	out->s6_addr[0] = 0x20;
	out->s6_addr[1] = 0x02;
	memcpy(out->s6_addr + 2, &a.s_addr, 4);
	out->s6_addr[6] = subnet >> 8;
	out->s6_addr[7] = subnet & 0xff;
}
