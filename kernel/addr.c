// SPDX-License-Identifier: GPL-2.0
/*
 * Pure address arithmetic: no skbs, no locks, no state.  KUnit tests every
 * function here, and the inline ones every packet asks (transit6.h),
 * against the RFC examples (tests/kunit/).
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

/* RFC 5214 8.3.3: RAs come from the link-local ISATAP address of a router,
 * encapsulated from the IPv4 address it embeds.
 */
bool t6_isatap_router_source(const struct in6_addr *src, __be32 outer_src)
{
	return (ipv6_addr_type(src) & IPV6_ADDR_LINKLOCAL) &&
	       t6_isatap_embeds(src, outer_src);
}
EXPORT_SYMBOL_IF_KUNIT(t6_isatap_router_source);

/* The site prefix 2002:WWXX:YYZZ::/48 of @v4 (RFC 3056 2). */
void t6_6to4_prefix(struct in6_addr *out, __be32 v4)
{
	memset(out, 0, sizeof(*out));
	out->s6_addr16[0] = htons(0x2002);
	memcpy(out->s6_addr + 2, &v4, 4);
}
EXPORT_SYMBOL_IF_KUNIT(t6_6to4_prefix);

/*
 * A 6to4 router's address on its LAN @subnet: 2002:V4:SUBNET::1, in the
 * /64 the LAN is advertised (RFC 3056 2; Windows' ICS numbers the subnet
 * after the LAN's interface).
 */
void t6_6to4_lan_addr(struct in6_addr *out, __be32 v4, u16 subnet)
{
	t6_6to4_prefix(out, v4);
	out->s6_addr16[3] = htons(subnet);
	out->s6_addr[15] = 1;
}
EXPORT_SYMBOL_IF_KUNIT(t6_6to4_lan_addr);

/* The interface's own address, as Windows forms it: 2002:V4::V4. */
void t6_6to4_addr(struct in6_addr *out, __be32 v4)
{
	t6_6to4_prefix(out, v4);
	out->s6_addr32[3] = v4;
}
EXPORT_SYMBOL_IF_KUNIT(t6_6to4_addr);

/*
 * If @a is an interface address of the form t6_6to4_addr() gives, with a
 * public IPv4 address, store that address in @v4: the addresses the
 * configuration pass owns (a user's other 2002:: addresses are not).
 */
bool t6_6to4_addr_is_own(const struct in6_addr *a, __be32 *v4)
{
	struct in6_addr own;

	if (!t6_6to4_addr_v4(a, v4) || !t6_6to4_v4_public(*v4))
		return false;
	t6_6to4_addr(&own, *v4);
	return ipv6_addr_equal(a, &own);
}
EXPORT_SYMBOL_IF_KUNIT(t6_6to4_addr_is_own);
