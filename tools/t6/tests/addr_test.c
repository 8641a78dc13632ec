// SPDX-License-Identifier: GPL-2.0
/*
 * Table test of addr.c: the u bit of the ISATAP interface identifier must
 * follow Linux's __ipv6_isatap_ifid (net/ipv6/addrconf.c) at every range
 * boundary, and the address built from a prefix must read as expected.
 * The 6to4 line between public and not must be the kernel module's
 * t6_6to4_v4_public() (kernel/addr.c) at every boundary, and the /64 of a
 * subnet must carry the IPv4 address and the subnet in network order.
 */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "../t6.h"

static const struct {
	const char *v4;
	int global;
} u_bit[] = {
	{ "0.0.0.0", 0 },		{ "0.255.255.255", 1 },	/* Linux */
	{ "1.0.0.0", 1 },		{ "8.8.8.8", 1 },
	{ "9.255.255.255", 1 },		{ "10.0.0.0", 0 },
	{ "10.255.255.255", 0 },	{ "11.0.0.0", 1 },
	{ "100.64.0.1", 1 },		/* RFC 6598: Linux says global */
	{ "126.255.255.255", 1 },	{ "127.0.0.1", 0 },
	{ "128.0.0.0", 1 },		{ "169.253.255.255", 1 },
	{ "169.254.0.0", 0 },		{ "169.254.255.255", 0 },
	{ "169.255.0.0", 1 },		{ "172.15.255.255", 1 },
	{ "172.16.0.0", 0 },		{ "172.31.255.255", 0 },
	{ "172.32.0.0", 1 },		{ "192.0.1.255", 1 },
	{ "192.0.2.0", 0 },		{ "192.0.2.255", 0 },
	{ "192.0.3.0", 1 },		{ "192.88.98.255", 1 },
	{ "192.88.99.1", 0 },		{ "192.88.100.0", 1 },
	{ "192.167.255.255", 1 },	{ "192.168.0.0", 0 },
	{ "192.168.255.255", 0 },	{ "192.169.0.0", 1 },
	{ "198.17.255.255", 1 },	{ "198.18.0.0", 0 },
	{ "198.19.255.255", 0 },	{ "198.20.0.0", 1 },
	{ "198.51.100.1", 1 },		/* TEST-NET-2: Linux says global */
	{ "223.255.255.255", 1 },	{ "224.0.0.0", 0 },
	{ "239.255.255.255", 0 },	{ "240.0.0.0", 1 },	/* Linux */
	{ "255.255.255.254", 1 },	{ "255.255.255.255", 0 },
};

static const struct {
	const char *prefix, *v4, *addr;
} addrs[] = {
	{ "2001:db8::", "192.0.2.1", "2001:db8::5efe:c000:201" },
	{ "2001:db8::", "8.8.8.8", "2001:db8::200:5efe:808:808" },
	{ "fe80::", "10.1.2.3", "fe80::5efe:a01:203" },
	{ "fe80::", "203.0.113.7", "fe80::200:5efe:cb00:7107" },
	/* only the upper 64 bits of the prefix count */
	{ "2001:db8:1:2:ffff::", "10.0.0.1", "2001:db8:1:2:0:5efe:a00:1" },
};

static const struct {
	const char *in, *out;
} ntop[] = {
	{ "fe80::5efe:c000:201", "fe80::5efe:192.0.2.1" },
	{ "fe80::200:5efe:808:404", "fe80::200:5efe:8.8.4.4" },
	{ "2001:db8::5efe:a00:9", "2001:db8::5efe:10.0.0.9" },
	{ "2001:db8:1:2:0:5efe:0:0", "2001:db8:1:2:0:5efe:0.0.0.0" },
	{ "::5efe:0:1", "::5efe:0.0.0.1" },
	{ "2001:0:0:1:0:5efe:a00:1", "2001::1:0:5efe:10.0.0.1" },
	{ "2001:db8::1", "2001:db8::1" },		/* not ISATAP */
	{ "fe80::300:5efe:a00:1", "fe80::300:5efe:a00:1" },	/* not */
	{ "fe80::5eff:a00:1", "fe80::5eff:a00:1" },	/* not */
};

static const struct {
	const char *v4;
	unsigned int class;
} classes[] = {
	{ "8.8.8.8", 0 },
	{ "10.0.0.1", T6_V4_PRIVATE },
	{ "100.127.255.255", T6_V4_SHARED },
	{ "127.0.0.1", T6_V4_LOOPBACK },
	{ "192.88.99.1", T6_V4_6TO4_ANY },
	{ "224.0.0.1", T6_V4_MULTICAST },
	{ "240.0.0.1", T6_V4_RESERVED },
	{ "255.255.255.255", T6_V4_RESERVED | T6_V4_BROADCAST },
	{ "0.1.2.3", T6_V4_ZERONET },
};

/* t6_6to4_ipv4_public(): RFC 3964 5.3.1 and RFC 6343 4.1, as the module */
static const struct {
	const char *v4;
	int public;
} public6to4[] = {
	{ "0.0.0.0", 0 },		{ "0.255.255.255", 0 },	/* 0/8 */
	{ "1.0.0.0", 1 },		{ "8.8.8.8", 1 },
	{ "9.255.255.255", 1 },		{ "10.0.0.0", 0 },
	{ "10.255.255.255", 0 },	{ "11.0.0.0", 1 },
	{ "100.63.255.255", 1 },	{ "100.64.0.0", 0 },	/* RFC 6598 */
	{ "100.127.255.255", 0 },	{ "100.128.0.0", 1 },
	{ "126.255.255.255", 1 },	{ "127.0.0.0", 0 },
	{ "127.255.255.255", 0 },	{ "128.0.0.0", 1 },
	{ "169.253.255.255", 1 },	{ "169.254.0.0", 0 },
	{ "169.254.255.255", 0 },	{ "169.255.0.0", 1 },
	{ "172.15.255.255", 1 },	{ "172.16.0.0", 0 },
	{ "172.31.255.255", 0 },	{ "172.32.0.0", 1 },
	/* documentation and benchmarking ranges can stand for a site */
	{ "192.0.2.1", 1 },		{ "198.18.0.1", 1 },
	{ "198.51.100.7", 1 },		{ "203.0.113.1", 1 },
	{ "192.88.98.255", 1 },		{ "192.88.99.0", 0 },	/* relays */
	{ "192.88.99.1", 0 },		{ "192.88.99.255", 0 },
	{ "192.88.100.0", 1 },		{ "192.167.255.255", 1 },
	{ "192.168.0.0", 0 },		{ "192.168.255.255", 0 },
	{ "192.169.0.0", 1 },		{ "223.255.255.255", 1 },
	{ "224.0.0.0", 0 },		{ "239.255.255.255", 0 },
	{ "240.0.0.0", 0 },		{ "254.255.255.255", 0 },
	{ "255.255.255.254", 0 },	{ "255.255.255.255", 0 },
};

/* t6_6to4_subnet(): 2002:V4:SUBNET::/64 */
static const struct {
	const char *v4;
	uint16_t subnet;
	const char *prefix;
} subnets[] = {
	{ "192.0.2.1", 0, "2002:c000:201::" },
	{ "203.0.113.1", 1, "2002:cb00:7101:1::" },
	{ "8.8.8.8", 0xffff, "2002:808:808:ffff::" },
	{ "198.51.100.7", 0x0100, "2002:c633:6407:100::" },	/* high byte */
	{ "1.2.3.4", 0x1234, "2002:102:304:1234::" },
	{ "255.255.255.255", 0x00ff, "2002:ffff:ffff:ff::" },
};

int main(void)
{
	char s[INET6_ADDRSTRLEN];
	struct in6_addr p, out;
	struct in_addr a;
	uint8_t iid[8];
	int fails = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(u_bit); i++) {
		inet_pton(AF_INET, u_bit[i].v4, &a);
		t6_isatap_iid(a, iid);
		if (iid[0] != (u_bit[i].global ? 0x02 : 0x00) || iid[1] ||
		    iid[2] != 0x5e || iid[3] != 0xfe ||
		    memcmp(iid + 4, &a, 4)) {
			printf("FAIL iid %s: %02x%02x:%02x%02x (u bit %d expected)\n",
			       u_bit[i].v4, iid[0], iid[1], iid[2], iid[3],
			       u_bit[i].global);
			fails++;
		}
	}
	for (i = 0; i < ARRAY_SIZE(addrs); i++) {
		inet_pton(AF_INET6, addrs[i].prefix, &p);
		inet_pton(AF_INET, addrs[i].v4, &a);
		t6_isatap_addr(&p, a, &out);
		inet_ntop(AF_INET6, &out, s, sizeof(s));
		if (strcmp(s, addrs[i].addr)) {
			printf("FAIL addr %s + %s: %s, expected %s\n",
			       addrs[i].prefix, addrs[i].v4, s, addrs[i].addr);
			fails++;
		}
	}
	for (i = 0; i < ARRAY_SIZE(ntop); i++) {
		inet_pton(AF_INET6, ntop[i].in, &p);
		if (!t6_addr6_ntop(&p, s, sizeof(s)) ||
		    strcmp(s, ntop[i].out)) {
			printf("FAIL ntop %s: %s, expected %s\n", ntop[i].in,
			       s, ntop[i].out);
			fails++;
		}
	}
	for (i = 0; i < ARRAY_SIZE(classes); i++) {
		inet_pton(AF_INET, classes[i].v4, &a);
		if (t6_ipv4_class(a) != classes[i].class) {
			printf("FAIL class %s: %#x, expected %#x\n",
			       classes[i].v4, t6_ipv4_class(a),
			       classes[i].class);
			fails++;
		}
	}
	for (i = 0; i < ARRAY_SIZE(public6to4); i++) {
		inet_pton(AF_INET, public6to4[i].v4, &a);
		if (t6_6to4_ipv4_public(a) != !!public6to4[i].public) {
			printf("FAIL 6to4 public %s: %d, expected %d\n",
			       public6to4[i].v4, t6_6to4_ipv4_public(a),
			       public6to4[i].public);
			fails++;
		}
	}
	for (i = 0; i < ARRAY_SIZE(subnets); i++) {
		inet_pton(AF_INET, subnets[i].v4, &a);
		memset(&out, 0xff, sizeof(out));	/* all of it is written */
		t6_6to4_subnet(a, subnets[i].subnet, &out);
		inet_ntop(AF_INET6, &out, s, sizeof(s));
		if (strcmp(s, subnets[i].prefix)) {
			printf("FAIL 6to4 subnet %s %#x: %s, expected %s\n",
			       subnets[i].v4, subnets[i].subnet, s,
			       subnets[i].prefix);
			fails++;
		}
	}
	printf("addr_test: %zu cases, %d failed\n",
	       ARRAY_SIZE(u_bit) + ARRAY_SIZE(addrs) + ARRAY_SIZE(ntop) +
	       ARRAY_SIZE(classes) + ARRAY_SIZE(public6to4) +
	       ARRAY_SIZE(subnets),
	       fails);
	return fails ? 1 : 0;
}
