// SPDX-License-Identifier: GPL-2.0
/*
 * Router Solicitation and Router Advertisement bodies (RFC 4861 4.1, 4.2),
 * built and parsed from plain buffers.  The IPv6 header and the ICMPv6
 * checksum of what we send are left to ndisc_send_skb(), which fills both;
 * what we receive is checked here before anything acts on it.
 */

#include <linux/errno.h>
#include <linux/icmpv6.h>
#include <linux/string.h>
#include <net/ip6_checksum.h>
#include <net/ndisc.h>
#include <kunit/visibility.h>

#include "transit6.h"

#define ND_OPT_UNIT		8
#define ND_PIO_FLAG_ONLINK	0x80
#define ND_PIO_FLAG_AUTO	0x40

struct nd_opt_mtu {
	u8 type;
	u8 len;
	__be16 reserved;
	__be32 mtu;
};

/* RFC 4861 4.6.2; our own copy of struct prefix_info, without bitfields */
struct nd_opt_prefix {
	u8 type;
	u8 len;
	u8 prefix_len;
	u8 flags;
	__be32 valid;
	__be32 preferred;
	__be32 reserved;
	struct in6_addr prefix;
};

/* The ICMPv6 checksum of @buf (a whole message) between @saddr and @daddr. */
bool t6_nd_csum_ok(const struct in6_addr *saddr, const struct in6_addr *daddr,
		   const void *buf, size_t len)
{
	return !csum_ipv6_magic(saddr, daddr, len, IPPROTO_ICMPV6,
				csum_partial(buf, len, 0));
}
EXPORT_SYMBOL_IF_KUNIT(t6_nd_csum_ok);

/* RFC 5214 8.3.4 solicitations carry no link-layer address option. */
size_t t6_nd_build_rs(void *buf, size_t len)
{
	struct rs_msg *rs = buf;

	if (len < sizeof(*rs))
		return 0;
	memset(rs, 0, sizeof(*rs));
	rs->icmph.icmp6_type = NDISC_ROUTER_SOLICITATION;
	return sizeof(*rs);
}
EXPORT_SYMBOL_IF_KUNIT(t6_nd_build_rs);

size_t t6_nd_ra_size(unsigned int nprefixes)
{
	return sizeof(struct ra_msg) + sizeof(struct nd_opt_mtu) +
	       nprefixes * sizeof(struct nd_opt_prefix);
}
EXPORT_SYMBOL_IF_KUNIT(t6_nd_ra_size);

/* Returns the length written, or 0 when @len is too small. */
size_t t6_nd_build_ra(void *buf, size_t len, const struct t6_ra_params *p,
		      const struct t6_nd_prefix *pfx, unsigned int n)
{
	struct ra_msg *ra = buf;
	struct nd_opt_mtu *mtu;
	struct nd_opt_prefix *pi;
	unsigned int i;

	if (len < t6_nd_ra_size(n))
		return 0;
	memset(buf, 0, t6_nd_ra_size(n));
	ra->icmph.icmp6_type = NDISC_ROUTER_ADVERTISEMENT;
	ra->icmph.icmp6_hop_limit = p->hop_limit;
	ra->icmph.icmp6_rt_lifetime = htons(p->router_lifetime);

	mtu = (struct nd_opt_mtu *)(ra + 1);
	mtu->type = ND_OPT_MTU;
	mtu->len = sizeof(*mtu) / ND_OPT_UNIT;
	mtu->mtu = htonl(p->mtu);

	pi = (struct nd_opt_prefix *)(mtu + 1);
	for (i = 0; i < n; i++, pi++) {
		pi->type = ND_OPT_PREFIX_INFO;
		pi->len = sizeof(*pi) / ND_OPT_UNIT;
		pi->prefix_len = pfx[i].len;
		pi->flags = ND_PIO_FLAG_ONLINK;
		if (pfx[i].len == 64)
			pi->flags |= ND_PIO_FLAG_AUTO;
		pi->valid = htonl(pfx[i].valid);
		pi->preferred = htonl(pfx[i].preferred);
		ipv6_addr_prefix(&pi->prefix, &pfx[i].prefix, pfx[i].len);
	}
	return t6_nd_ra_size(n);
}
EXPORT_SYMBOL_IF_KUNIT(t6_nd_build_ra);

/* Walk the options after @hdrlen bytes; each must fit and be non-empty. */
static int nd_check_options(const u8 *buf, size_t len, size_t hdrlen,
			    struct t6_ra_info *ri)
{
	size_t off = hdrlen;

	while (off < len) {
		size_t optlen;

		if (len - off < 2)
			return -EINVAL;
		optlen = buf[off + 1] * ND_OPT_UNIT;
		if (!optlen || optlen > len - off)
			return -EINVAL;
		if (ri && buf[off] == ND_OPT_PREFIX_INFO) {
			const struct nd_opt_prefix *pi = (const void *)(buf + off);
			u32 valid;

			if (optlen != sizeof(*pi) || pi->prefix_len > 128)
				return -EINVAL;
			valid = ntohl(pi->valid);
			if (valid && (!ri->min_lifetime ||
				      valid < ri->min_lifetime))
				ri->min_lifetime = valid;
			ri->nprefixes++;
		}
		off += optlen;
	}
	return 0;
}

int t6_nd_parse_rs(const void *buf, size_t len)
{
	const struct rs_msg *rs = buf;

	if (len < sizeof(*rs) ||
	    rs->icmph.icmp6_type != NDISC_ROUTER_SOLICITATION ||
	    rs->icmph.icmp6_code)
		return -EINVAL;
	return nd_check_options(buf, len, sizeof(*rs), NULL);
}
EXPORT_SYMBOL_IF_KUNIT(t6_nd_parse_rs);

/*
 * Validate an RA and report the smallest non-zero lifetime it carries
 * (router lifetime, prefix valid lifetimes): the host solicits again
 * before that runs out.
 */
int t6_nd_parse_ra(const void *buf, size_t len, struct t6_ra_info *ri)
{
	const struct ra_msg *ra = buf;

	memset(ri, 0, sizeof(*ri));
	if (len < sizeof(*ra) ||
	    ra->icmph.icmp6_type != NDISC_ROUTER_ADVERTISEMENT ||
	    ra->icmph.icmp6_code)
		return -EINVAL;
	ri->router_lifetime = ntohs(ra->icmph.icmp6_rt_lifetime);
	ri->min_lifetime = ri->router_lifetime;
	return nd_check_options(buf, len, sizeof(*ra), ri);
}
EXPORT_SYMBOL_IF_KUNIT(t6_nd_parse_ra);

/*
 * The autonomous prefixes of an RA that t6_nd_parse_ra() accepted, for
 * addresses addrconf cannot form itself (see isatap.c).  Returns how many
 * were stored in @out, at most @max.
 */
unsigned int t6_nd_ra_prefixes(const void *buf, size_t len,
			       struct t6_nd_prefix *out, unsigned int max)
{
	const u8 *p = buf;
	size_t off = sizeof(struct ra_msg);
	unsigned int n = 0;

	while (off + 2 <= len && p[off + 1] && n < max) {
		const struct nd_opt_prefix *pi = (const void *)(p + off);
		size_t optlen = p[off + 1] * ND_OPT_UNIT;

		if (optlen > len - off)
			break;
		if (pi->type == ND_OPT_PREFIX_INFO && optlen == sizeof(*pi) &&
		    (pi->flags & ND_PIO_FLAG_AUTO)) {
			out[n].prefix = pi->prefix;
			out[n].len = pi->prefix_len;
			out[n].valid = ntohl(pi->valid);
			out[n].preferred = ntohl(pi->preferred);
			n++;
		}
		off += optlen;
	}
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(t6_nd_ra_prefixes);
