// SPDX-License-Identifier: GPL-2.0
/*
 * Pure address arithmetic: no skbs, no locks, no state.  KUnit tests every
 * function here against the RFC examples (tests/kunit/).
 */

#include <linux/in.h>
#include <linux/string.h>
#include <net/ipv6.h>
#include <kunit/visibility.h>

#include "transit6.h"

/*
 * Whether an IPv4 address is globally unique, for the ISATAP "u" bit
 * (RFC 5214 6.1).  The list is the one Linux's own __ipv6_isatap_ifid()
 * uses, so our interface identifiers match those of sit and addrconf; note
 * its ipv4_is_zeronet() is 0.0.0.0 alone, not 0/8.
 */
bool t6_ipv4_is_global(__be32 addr)
{
	return !(ipv4_is_zeronet(addr) || ipv4_is_private_10(addr) ||
		 ipv4_is_loopback(addr) || ipv4_is_linklocal_169(addr) ||
		 ipv4_is_private_172(addr) || ipv4_is_test_192(addr) ||
		 ipv4_is_anycast_6to4(addr) || ipv4_is_private_192(addr) ||
		 ipv4_is_test_198(addr) || ipv4_is_multicast(addr) ||
		 ipv4_is_lbcast(addr));
}
EXPORT_SYMBOL_IF_KUNIT(t6_ipv4_is_global);

/* RFC 5214 6.1: 000000ug00000000:5EFE:w.x.y.z, u = 1 for a global IPv4. */
void t6_isatap_iid(u8 iid[8], __be32 v4)
{
	iid[0] = t6_ipv4_is_global(v4) ? 0x02 : 0x00;
	iid[1] = 0x00;
	iid[2] = 0x5e;
	iid[3] = 0xfe;
	memcpy(iid + 4, &v4, 4);
}
EXPORT_SYMBOL_IF_KUNIT(t6_isatap_iid);

/* The ISATAP address of @v4 under the first 64 bits of @prefix. */
void t6_isatap_addr(struct in6_addr *out, const struct in6_addr *prefix,
		    __be32 v4)
{
	memcpy(out->s6_addr, prefix->s6_addr, 8);
	t6_isatap_iid(out->s6_addr + 8, v4);
}
EXPORT_SYMBOL_IF_KUNIT(t6_isatap_addr);

/* The link-local ISATAP address of @v4: fe80::[200:]5efe:w.x.y.z. */
void t6_isatap_linklocal(struct in6_addr *out, __be32 v4)
{
	static const struct in6_addr ll = { { { 0xfe, 0x80 } } };

	t6_isatap_addr(out, &ll, v4);
}
EXPORT_SYMBOL_IF_KUNIT(t6_isatap_linklocal);

/*
 * If @a has an ISATAP interface identifier (either value of the u bit, g
 * bit clear), store the embedded IPv4 address in @v4 and return true.
 */
bool t6_isatap_addr_v4(const struct in6_addr *a, __be32 *v4)
{
	if ((a->s6_addr32[2] | htonl(0x02000000)) != htonl(0x02005efe))
		return false;
	*v4 = a->s6_addr32[3];
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(t6_isatap_addr_v4);

/* RFC 5214 7.3: @a is an ISATAP address embedding exactly @v4. */
bool t6_isatap_embeds(const struct in6_addr *a, __be32 v4)
{
	__be32 embedded;

	return t6_isatap_addr_v4(a, &embedded) && embedded == v4;
}
EXPORT_SYMBOL_IF_KUNIT(t6_isatap_embeds);

/* RFC 5214 8.3.3: RAs come from the link-local ISATAP address of a router,
 * encapsulated from the IPv4 address it embeds.
 */
bool t6_isatap_router_source(const struct in6_addr *src, __be32 outer_src)
{
	return (ipv6_addr_type(src) & IPV6_ADDR_LINKLOCAL) &&
	       t6_isatap_embeds(src, outer_src);
}
EXPORT_SYMBOL_IF_KUNIT(t6_isatap_router_source);
