#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The protocol-41 transmit path against what tc and policy routing hand it.
#
#   tx_a                                        tx_b
#   isatap0 (transit6), sixtofour0   v0 -- v1   is0 (sit isatap)
#   v0 10.0.0.1/24, 203.0.113.1/24              v1 10.0.0.2/24, 203.0.113.2/24
#   d0 (veth): tc egress -> tunnel_key set -> mirred to isatap0/sixtofour0
#
# (1) An IPv6 packet whose route is a metadata dst (act_tunnel_key, then
#     mirred into our device) or an IPv4 route (an IPv4 packet turned into
#     IPv6 by a tc BPF program with bpf_skb_change_proto, then redirected)
#     says nothing about its next hop; read as an rt6_info it reads past
#     the object.  Each must be a counted no_nexthop, with nothing sent.
# (2) The outer route cache is keyed on the packet mark: with "fwmark 1
#     lookup 100" and a blackhole route to the peer in table 100, marked
#     packets must not ride the route unmarked ones cached on the same CPU.
# (3) No qdisc of its own (noqueue, as vxlan and wireguard), and one a user
#     attaches with tc sees every packet.
source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need ping jq tc taskset
modprobe sit || { fail "modprobe sit"; finish; }

netns tx_a tx_b || { fail "netns"; finish; }
veth tx_a v0 10.0.0.1/24 tx_b v1 10.0.0.2/24 || { fail "veth"; finish; }
ip -n tx_b tunnel add is0 mode isatap local 10.0.0.2 ttl 64 && ip -n tx_b link set is0 up ||
	fail "sit ISATAP peer"
t6 tx_a isatap set state enabled >/dev/null || fail "create isatap0"
PEER=fe80::5efe:a00:2
has_ll() { ip -n tx_a -6 addr show dev isatap0 | grep -q "fe80::5efe:a00:1/"; }
check "isatap0 has fe80::5efe:a00:1" within 15 has_ll
ping_peer() { ip netns exec tx_a taskset -c 0 ping -6 -c "${2:-2}" -i 0.3 -W 2 ${1:+-m $1} "$PEER%isatap0"; }
check "control: we ping the sit peer" within 20 ping_peer
jdrop() { t6 tx_a -j "$1" show state dev "$2" | jq -r ".drops.$3"; }
txp() { ip netns exec tx_a cat "/sys/class/net/$1/statistics/tx_packets"; }
klog_start

# --- (1) metadata dst --------------------------------------------------------------
# d0 is a veth (the debug kernel has no dummy) without ARP, like a dummy,
# and without addresses: addrconf sends nothing there (no DAD, RS or MLD)
# to be mirrored with the pings, and no neighbour discovery holds them
ip -n tx_a link add d0 type veth peer name d0p &&
	ip -n tx_a link set d0 addrgenmode none arp off &&
	ip -n tx_a link set d0p addrgenmode none &&
	ip -n tx_a link set d0p up && ip -n tx_a link set d0 up || fail "veth d0"
# mirror DEV: everything leaving d0 gets a metadata dst and goes to DEV
mirror() {
	tc -n tx_a qdisc del dev d0 clsact 2>/dev/null
	tc -n tx_a qdisc add dev d0 clsact &&
	tc -n tx_a filter add dev d0 egress matchall \
		action tunnel_key set src_ip 10.0.0.1 dst_ip 10.0.0.2 id 7 \
		action mirred egress redirect dev "$1"
}
# md_drop KIND DEV DST: 3 pings to DST through d0 are no_nexthop drops on
# DEV, and DEV sends nothing
md_drop() {
	local n0 t0 k n1 t1; n0=$(jdrop "$1" "$2" no_nexthop); t0=$(txp "$2"); k=$(klog_mark)
	ip netns exec tx_a ping -6 -c 3 -i 0.3 -W 1 "$3" >/dev/null
	n1=$(jdrop "$1" "$2" no_nexthop); t1=$(txp "$2")
	echo "no_nexthop +$((n1 - n0)), tx_packets +$((t1 - t0))"
	[ $((n1 - n0)) = 3 ] && [ "$t1" = "$t0" ] && no_splat "$k"
}
if mirror isatap0; then
	ip -n tx_a -6 route add 2001:db8:77::/64 dev d0
	check "metadata dst into isatap0: counted no_nexthop, nothing sent" \
		md_drop isatap isatap0 2001:db8:77::200:5efe:a00:2
	t6 tx_a 6to4 set state enabled >/dev/null || fail "create sixtofour0"
	ip -n tx_a addr add 203.0.113.1/24 dev v0
	ip -n tx_b addr add 203.0.113.2/24 dev v1
	mirror sixtofour0 || fail "mirror to sixtofour0"
	# more specific than sixtofour0's 2002::/16
	ip -n tx_a -6 route add 2002:cb00:7102::/48 dev d0
	has6() { ip -n tx_a -6 addr show dev sixtofour0 | grep -q 2002:cb00:7101::cb00:7101; }
	check "sixtofour0 has its 6to4 address" within 15 has6
	check "metadata dst into sixtofour0: counted no_nexthop, nothing sent" \
		md_drop 6to4 sixtofour0 2002:cb00:7102::1
	t6 tx_a 6to4 set state disabled
	tc -n tx_a qdisc del dev d0 clsact
else
	skip "metadata dst: tc tunnel_key/mirred unavailable"
fi

# --- (1b) an IPv4 route, from tc BPF ----------------------------------------------
HERE=$(cd "$(dirname "$0")" && pwd)
to6() {	# compile bpf_to6.c for isatap0's ifindex
	clang -O2 -target bpf -I/usr/include/x86_64-linux-gnu \
		-DTARGET_IFINDEX="$(ip netns exec tx_a cat /sys/class/net/isatap0/ifindex)" \
		-c "$HERE/bpf_to6.c" -o "$T6_TMP/to6.o"
}
if ! command -v clang >/dev/null; then
	skip "IPv4 route: needs clang for the tc BPF program"
elif ! to6; then
	fail "IPv4 route: compile bpf_to6.c"
else
	ip -n tx_a link add e0 type veth peer name e0p &&
		ip -n tx_a link set e0 addrgenmode none arp off &&
		ip -n tx_a link set e0p addrgenmode none &&
		ip -n tx_a link set e0p up && ip -n tx_a link set e0 up &&
		ip -n tx_a route add 198.18.0.0/24 dev e0 || fail "veth e0"
	if tc -n tx_a qdisc add dev e0 clsact &&
	   tc -n tx_a filter add dev e0 egress bpf da obj "$T6_TMP/to6.o" sec tc; then
		v4_drop() {
			local n0 t0 k n1 t1
			n0=$(jdrop isatap isatap0 no_nexthop); t0=$(txp isatap0); k=$(klog_mark)
			ip netns exec tx_a ping -c 3 -i 0.3 -W 1 198.18.0.5 >/dev/null
			n1=$(jdrop isatap isatap0 no_nexthop); t1=$(txp isatap0)
			echo "no_nexthop +$((n1 - n0)), tx_packets +$((t1 - t0))"
			[ $((n1 - n0)) = 3 ] && [ "$t1" = "$t0" ] && no_splat "$k"
		}
		check "IPv4 route on an IPv6 packet into isatap0: counted no_nexthop, nothing sent" v4_drop
	else
		fail "IPv4 route: attach the tc BPF program"
	fi
fi

# --- (2) fwmark ------------------------------------------------------------------
ip -n tx_a rule add fwmark 1 lookup 100
ip -n tx_a route add blackhole 10.0.0.2 table 100
check "unmarked pings (CPU 0) reach the peer" ping_peer "" 2
marked() {
	local r0 r1; r0=$(jdrop isatap isatap0 no_route)
	ping_peer 1 2 && { echo "marked ping answered"; return 1; }
	r1=$(jdrop isatap isatap0 no_route)
	echo "no_route +$((r1 - r0))"
	[ $((r1 - r0)) = 2 ]
}
check "marked pings (CPU 0, mark 1 -> blackhole): no_route +2, not answered" marked
check "unmarked pings still reach the peer" ping_peer "" 2
ip -n tx_a route replace 10.0.0.2 dev v0 table 100
check "mark 1 with a route in table 100: answered" ping_peer 1 2

# --- (3) qdisc ---------------------------------------------------------------------
noqueue() { ip -n tx_a link show dev isatap0 | grep -q " qdisc noqueue "; }
check "isatap0 has no qdisc of its own (noqueue)" noqueue
user_qdisc() {
	local n
	tc -n tx_a qdisc replace dev isatap0 root pfifo limit 100 || return 1
	ping_peer "" 3 || return 1
	n=$(tc -n tx_a -s qdisc show dev isatap0 | awk '/^ Sent/ { print $4; exit }')
	echo "pfifo sent $n packets"
	tc -n tx_a qdisc del dev isatap0 root || return 1
	[ "${n:-0}" -ge 3 ] && noqueue
}
check "a pfifo attached by tc passes the pings, and goes again" user_qdisc

finish
