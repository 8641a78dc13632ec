#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The LANs a 6to4 router serves, kept by the kernel: 2002:V4:SUBNET::1/64
# on each, following the public IPv4 address (sixtofour_interop.sh shows
# a LAN host and radvd following it).  Here: the netlink side (what a
# request may name, limits, errors), and that the addresses go with the
# LAN, with the interface and with the namespace.
source "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

load_module || { fail "load transit6"; finish; }
need python3

netns sl || { fail "netns"; finish; }
klog_start
ip -n sl link add up0 type veth peer name up1 &&
	ip -n sl addr add 198.51.100.1/24 dev up0 &&
	ip -n sl link set up0 up && ip -n sl link set up1 up ||
	{ fail "uplink"; finish; }
# lan0..lan15: veth pairs, the far ends (lanp*) up too
for i in $(seq 0 16); do
	ip -n sl link add "lan$i" type veth peer name "lanp$i" &&
		ip -n sl link set "lan$i" up && ip -n sl link set "lanp$i" up ||
		{ fail "lan$i"; finish; }
done
t6 sl 6to4 set state enabled >/dev/null || { fail "sixtofour0"; finish; }

# ifindex DEV: from one "ip -o link" per new name (a program start costs
# most of a second under TCG)
declare -A IDX
ifindex() {
	local idx name rest
	if [ -z "${IDX[$1]:-}" ]; then
		while read -r idx name rest; do
			name=${name%:}
			IDX[${name%%@*}]=${idx%:}
		done < <(ip -n sl -o link show)
	fi
	echo "${IDX[$1]}"
}
has_addr() { ip -n sl -6 addr show dev "$1" | grep -q "inet6 $2 "; }
no_6to4() { ! ip -n sl -6 addr show | grep -q "inet6 2002:c633:6401:"; }
count_6to4() { ip -n sl -6 addr show | grep -c "inet6 2002:c633:6401:[0-9a-f]*::1/64"; }
# expect_req WANT CMD IFNAME ATTR...: a raw request from sl (lib.sh)
expect_req() { expect_genl "$1" sl "${@:2}"; }
lan() {	# lan IFINDEX [SUBNET]: the LAN attributes of a SET
	echo "T6A_6TO4/T6A_6TO4_LAN/T6A_LAN_IFINDEX=u32:$1"
	[ -z "${2:-}" ] || echo "T6A_6TO4/T6A_6TO4_LAN/T6A_LAN_SUBNET=u16:$2"
}

check "serve lan0 as subnet 7" \
	expect_req "error=0" SET_DEVICE sixtofour0 $(lan "$(ifindex lan0)" 7)
check "lan0 gets 2002:c633:6401:7::1/64" \
	within 15 has_addr lan0 2002:c633:6401:7::1/64
l1=$(ifindex lan1)
check "serve lan1, no subnet: the LAN's ifindex ($l1) is the subnet" \
	expect_req "error=0" SET_DEVICE sixtofour0 $(lan "$l1")
check "lan1 gets 2002:c633:6401:$(printf %x "$l1")::1/64" \
	within 15 has_addr lan1 "2002:c633:6401:$(printf %x "$l1")::1/64"
show_lans() {
	local out want
	want="[('lan0', '2002:c633:6401:7::/64'), ('lan1', '2002:c633:6401:$(printf %x "$l1")::/64')]"
	out=$(json sl 'sorted((l["lan"], l["prefix"]) for l in j["routing"]["lans"])' \
		6to4 show state) || return 1
	echo "$out"
	[ "$out" = "$want" ]
}
check "show state lists both, with their prefixes" show_lans
check "lan0 again, subnet 8: the address moves" \
	expect_req "error=0" SET_DEVICE sixtofour0 $(lan "$(ifindex lan0)" 8)
check "... to 2002:c633:6401:8::1/64" \
	within 15 has_addr lan0 2002:c633:6401:8::1/64
check "... from 2002:c633:6401:7::1/64" \
	within 15 eval '! has_addr lan0 2002:c633:6401:7::1/64'

# what a request may name
check "a LAN that does not exist: ENODEV, says why" \
	expect_req "error=-19 no such LAN interface" SET_DEVICE sixtofour0 $(lan 99999)
check "the 6to4 interface as its own LAN: EINVAL, says why" \
	expect_req "error=-22 a LAN cannot be a transit6 interface" \
	SET_DEVICE sixtofour0 $(lan "$(ifindex sixtofour0)")
check "a LAN without its interface: EINVAL, says why" \
	expect_req "error=-22 missing the LAN's interface" \
	SET_DEVICE sixtofour0 T6A_6TO4/T6A_6TO4_LAN/T6A_LAN_SUBNET=u16:3
check "a subnet wider than 16 bits: refused" \
	expect_req "error=-22" SET_DEVICE sixtofour0 $(lan "$(ifindex lan2)") \
	T6A_6TO4/T6A_6TO4_LAN/T6A_LAN_SUBNET=u32:65536
check "stop serving a LAN not served: ENOENT, says why" \
	expect_req "error=-2 not a LAN of this interface" \
	SET_DEVICE sixtofour0 "T6A_6TO4/T6A_6TO4_LAN_DEL=u32:$(ifindex lan2)"
ip -n sl link add isatap0 type isatap
check "the 6to4 nest's LAN for an ISATAP interface: EOPNOTSUPP" \
	expect_req "error=-95 not a 6to4 interface" SET_DEVICE isatap0 $(lan "$(ifindex lan2)")

# 16 LANs, then no more
for i in $(seq 2 15); do
	echo SET_DEVICE sixtofour0 $(lan "$(ifindex "lan$i")" $((i + 16)))
done | ip netns exec sl python3 "$HERE/genl_raw.py" batch >/dev/null
check "16 LANs served, each with its address" \
	within 30 eval '[ "$(count_6to4)" = 16 ]'
check "a 17th: ENOSPC, says why" \
	expect_req "error=-28 at most 16 LANs" SET_DEVICE sixtofour0 $(lan "$(ifindex lan16)")
check "stop serving lan15: its address goes" \
	expect_req "error=0" SET_DEVICE sixtofour0 "T6A_6TO4/T6A_6TO4_LAN_DEL=u32:$(ifindex lan15)"
check "... within a pass" within 15 eval '! has_addr lan15 2002:c633:6401:1f::1/64'
ip -n sl link del lan14
check "a LAN deleted: it leaves the list" \
	within 10 eval '[ "$(json sl "len(j[\"routing\"][\"lans\"])" 6to4 show state)" = 14 ]'
check "... and a 15th fits again" \
	expect_req "error=0" SET_DEVICE sixtofour0 $(lan "$(ifindex lan16)")

k=$(klog_mark)
ip -n sl link del sixtofour0
check "ip link del sixtofour0: every LAN's 6to4 address goes" within 20 no_6to4
check "... with a clean kernel log" no_splat "$k"

# a namespace going away with LANs served and a pass pending
t6 sl 6to4 set state enabled >/dev/null || fail "sixtofour0 again"
for i in 0 1 2 3; do
	echo SET_DEVICE sixtofour0 $(lan "$(ifindex "lan$i")")
done | ip netns exec sl python3 "$HERE/genl_raw.py" batch >/dev/null
check "served again" within 30 eval '[ "$(count_6to4)" = 4 ]'
k=$(klog_mark)
ip -n sl addr del 198.51.100.1/24 dev up0	# a pass to come
ip netns del sl
T6_NS=()
sleep 2
check "namespace deleted with LANs served: clean kernel log" no_splat "$k"

finish
