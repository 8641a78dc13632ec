// SPDX-License-Identifier: GPL-2.0
/*
 * tc egress program for proto41_tx.sh: turn each IPv4 packet into an IPv6
 * one in place (bpf_skb_change_proto) and redirect it to TARGET_IFINDEX.
 * The packet keeps the IPv4 route it was given: an IPv6 packet with an
 * rtable as its dst, which a tunnel must not read as an rt6_info.
 *
 *   clang -O2 -target bpf -DTARGET_IFINDEX=N -c bpf_to6.c
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in6.h>
#include <linux/ipv6.h>
#include <linux/pkt_cls.h>

#define SEC(s) __attribute__((section(s), used))

static long (*bpf_skb_change_proto)(void *ctx, __u16 proto, __u64 flags) =
	(void *)BPF_FUNC_skb_change_proto;
static long (*bpf_skb_store_bytes)(void *ctx, __u32 off, const void *from,
				   __u32 len, __u64 flags) =
	(void *)BPF_FUNC_skb_store_bytes;
static long (*bpf_redirect)(__u32 ifindex, __u64 flags) =
	(void *)BPF_FUNC_redirect;

SEC("tc") int to6(struct __sk_buff *skb)
{
	/* fe80::5efe:10.0.0.1 -> 2001:db8:77::5efe:10.0.0.2, no next header */
	struct ipv6hdr h = {
		.version = 6,
		.nexthdr = 59,
		.hop_limit = 64,
		.saddr.in6_u.u6_addr8 = { 0xfe, 0x80, [10] = 0x5e, 0xfe,
					  10, 0, 0, 1 },
		.daddr.in6_u.u6_addr8 = { 0x20, 0x01, 0x0d, 0xb8, 0, 0x77,
					  [10] = 0x5e, 0xfe, 10, 0, 0, 2 },
	};

	if (skb->protocol != __builtin_bswap16(ETH_P_IP))
		return TC_ACT_OK;
	if (bpf_skb_change_proto(skb, __builtin_bswap16(ETH_P_IPV6), 0))
		return TC_ACT_SHOT;
	h.payload_len = __builtin_bswap16(skb->len - ETH_HLEN - sizeof(h));
	if (bpf_skb_store_bytes(skb, ETH_HLEN, &h, sizeof(h), 0))
		return TC_ACT_SHOT;
	return bpf_redirect(TARGET_IFINDEX, 0);
}

char _license[] SEC("license") = "GPL";
