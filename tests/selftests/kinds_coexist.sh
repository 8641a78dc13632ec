#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ISATAP, 6to4 and Teredo side by side over one public IPv4 address, as
# Windows has them, each talking to a peer of its kind (sit, and miredo for
# Teredo), and sit's own point-to-point tunnel behind them in tunnel4.
#
#                       ck_net (bridge br0)
#      +----------------+----------------+----------------+
#   ck_us             ck_isa           ck_6to4          ck_p2p
#   198.51.100.1      198.51.100.2     198.51.100.3     198.51.100.4
#   isatap0           is0 (sit isatap) tun6to4 (sit)    s41 (sit p2p)
#   sixtofour0                         2002:c633:6403::1 2001:db8:41::2
#   s41 (sit p2p) 2001:db8:41::1
#   eth1 10.9.0.1 ------------------- ck_isa2 10.9.0.2, is0 (sit isatap)
#   (eth1 and ck_isa2 in the last two phases only)
#   teredo0 (last phase) -- ck_srv 198.51.100.10/.11 miredo-server,
#                           ck_mir 198.51.100.5 miredo client
#
# Each kind takes only its own traffic (Documentation/admin-guide.md, "Which
# kind a packet belongs to") and declines the rest uncounted, so the next
# device, and then sit, gets it.  Before, the first device covering
# 198.51.100.1 took every protocol-41 packet: 6to4 from sit dropped as
# ISATAP "spoofed", or ISATAP as 6to4 "not_relay", and sit's p2p tunnel
# got nothing.  Checked in both creation orders, then with two ISATAP
# interfaces on two links beside the 6to4 one.
source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need ping jq
modprobe sit || { fail "modprobe sit"; finish; }

US6TO4=2002:c633:6401::c633:6401
SIT6TO4=2002:c633:6403::1

netns ck_net ck_us ck_isa ck_6to4 ck_p2p ck_isa2 || { fail "netns"; finish; }
ip -n ck_net link add br0 type bridge && ip -n ck_net link set br0 up
n=1
for ns in ck_us ck_isa ck_6to4 ck_p2p; do
	veth "$ns" eth0 "198.51.100.$n/24" ck_net "p$n" - &&
		ip -n ck_net link set "p$n" master br0 || { fail "wire $ns"; finish; }
	n=$((n + 1))
done

# the sit peers
sit_isatap() {	# NS LOCAL
	ip -n "$1" tunnel add is0 mode isatap local "$2" ttl 64 &&
	ip -n "$1" link set is0 up
}
sit_isatap ck_isa 198.51.100.2 || fail "sit ISATAP peer"
ip -n ck_6to4 tunnel add tun6to4 mode sit remote any local 198.51.100.3 ttl 64 &&
	ip -n ck_6to4 link set tun6to4 up &&
	ip -n ck_6to4 -6 addr add $SIT6TO4/16 dev tun6to4 nodad || fail "sit 6to4 peer"
p2p() {	# NS LOCAL REMOTE ADDR6
	ip -n "$1" tunnel add s41 mode sit local "$2" remote "$3" ttl 64 &&
	ip -n "$1" link set s41 up &&
	ip -n "$1" -6 addr add "$4/64" dev s41 nodad
}
p2p ck_p2p 198.51.100.4 198.51.100.1 2001:db8:41::2 || fail "sit p2p peer"
p2p ck_us 198.51.100.1 198.51.100.4 2001:db8:41::1 || fail "our sit p2p"

# ll NS DEV: the link-local ISATAP address of DEV
ll() { ip -n "$1" -6 addr show dev "$2" scope link | awk '/inet6/ { sub("/.*", "", $2); print $2; exit }'; }
ping6() { ip netns exec "$1" ping -6 -c 2 -i 0.3 -W 3 "$2"; }
# rx_drops NS DEV KIND: the receive-side drop counters of DEV, summed
rx_drops() {
	t6 "$1" -j "$3" show state dev "$2" | jq '.drops | [.short, .malformed,
		.spoofed, .ra_not_prl, .loop, .bad_icmp, .bad_ipv4, .bad_ipv6,
		.not_relay, .dst_mismatch] | map(. // 0) | add'
}
no_rx_drops() {
	local a b
	a=$(rx_drops ck_us "$1" isatap) b=$(rx_drops ck_us sixtofour0 6to4)
	echo "$1: $a receive drops, sixtofour0: $b"
	[ "$a" = 0 ] && [ "$b" = 0 ]
}
has_ll() { [ -n "$(ll "$1" "$2")" ]; }
has_6to4() { ip -n ck_us -6 addr show dev sixtofour0 | grep -q "inet6 $US6TO4/16 "; }

# both_ways WHAT ISADEV: every peer reaches us and we reach it
both_ways() {
	local what=$1 dev=$2 peer us
	check "$what: $dev has its link-local address" within 15 has_ll ck_us "$dev"
	check "$what: sixtofour0 has $US6TO4" within 15 has_6to4
	peer=$(ll ck_isa is0) us=$(ll ck_us "$dev")
	check "$what: ISATAP: we ping sit's $peer" ping6 ck_us "$peer%$dev"
	check "$what: ISATAP: sit pings our $us" ping6 ck_isa "$us%is0"
	check "$what: 6to4: we ping sit's $SIT6TO4" ping6 ck_us $SIT6TO4
	check "$what: 6to4: sit pings our $US6TO4" ping6 ck_6to4 $US6TO4
	check "$what: sit's p2p tunnel still gets its packets" ping6 ck_us 2001:db8:41::2
	check "$what: ... both ways" ping6 ck_p2p 2001:db8:41::1
	check "$what: no receive drop counted on either interface" no_rx_drops "$dev"
}

# --- ISATAP created first ----------------------------------------------------
t6 ck_us isatap set state enabled >/dev/null || fail "create isatap0"
t6 ck_us 6to4 set state enabled >/dev/null || fail "create sixtofour0"
both_ways "isatap0 first" isatap0
# the two at once: pings overlap
conc() {
	local a b
	ip netns exec ck_us ping -6 -c 5 -i 0.2 -W 3 "$(ll ck_isa is0)%isatap0" >/dev/null & a=$!
	ip netns exec ck_6to4 ping -6 -c 5 -i 0.2 -W 3 $US6TO4 >/dev/null & b=$!
	wait $a && wait $b
}
check "isatap0 first: ISATAP and 6to4 pings at the same time" conc

# --- 6to4 created first --------------------------------------------------------
t6 ck_us isatap set state disabled
t6 ck_us 6to4 set state disabled
t6 ck_us 6to4 set state enabled >/dev/null || fail "create sixtofour0"
t6 ck_us isatap set state enabled >/dev/null || fail "create isatap0"
both_ways "sixtofour0 first" isatap0

# --- two ISATAP interfaces on two links, beside 6to4 ----------------------------
t6 ck_us isatap set state disabled
veth ck_us eth1 10.9.0.1/24 ck_isa2 eth0 10.9.0.2/24 || fail "veth to ck_isa2"
sit_isatap ck_isa2 10.9.0.2 || fail "second sit ISATAP peer"
t6 ck_us isatap set state enabled dev isatapA link eth0 >/dev/null || fail "create isatapA"
t6 ck_us isatap set state enabled dev isatapB link eth1 >/dev/null || fail "create isatapB"
both_ways "two links" isatapA
check "two links: isatapB has its link-local address" within 15 has_ll ck_us isatapB
peer=$(ll ck_isa2 is0)
check "two links: isatapB pings sit's $peer" ping6 ck_us "$peer%isatapB"
check "two links: sit pings isatapB's $(ll ck_us isatapB)" ping6 ck_isa2 "$(ll ck_us isatapB)%is0"
check "two links: no receive drop on isatapB" no_rx_drops isatapB

# --- and Teredo, over the same public address ---------------------------------
# teredo0 beside isatapA, isatapB and sixtofour0 (protocol 41 and UDP 3544
# over 198.51.100.1), qualified at miredo-server, pinging a miredo client,
# while each of the others still talks to its sit peer.
# (stock kernels: teredo_peers drives the Teredo paths on the debug one)
if [[ $(uname -r) == *t6debug* ]]; then
	skip "Teredo beside ISATAP and 6to4: on the stock kernels"
elif command -v miredo >/dev/null && command -v miredo-server >/dev/null; then
	modprobe tun 2>/dev/null
	netns ck_srv ck_mir
	for x in srv:10 mir:5; do
		veth "ck_${x%:*}" eth0 "198.51.100.${x#*:}/24" ck_net "p${x%:*}" - &&
			ip -n ck_net link set "p${x%:*}" master br0 || fail "wire ck_${x%:*}"
	done
	ip -n ck_srv addr add 198.51.100.11/24 dev eth0
	printf 'ServerBindAddress 198.51.100.10\n' >"$T6_TMP/srv.conf"
	printf 'RelayType client\nInterfaceName mteredo\nServerAddress 198.51.100.10\n' \
		>"$T6_TMP/mir.conf"
	bg ck_srv miredo-server -f -c "$T6_TMP/srv.conf" -p "$T6_TMP/srv.pid"
	wait_for 10 sh -c "ip netns exec ck_srv ss -uln sport = 3544 | grep -q 198.51.100.11"
	bg ck_mir miredo -f -c "$T6_TMP/mir.conf" -p "$T6_TMP/mir.pid"
	t6 ck_us teredo set state client servername 198.51.100.10 >/dev/null ||
		fail "create teredo0"
	tstate() { t6 ck_us -j teredo show state | jq -r '.state + " " + .address'; }
	qualified() { [[ $(tstate) == "qualified 2001:0:c633:640a:"* ]]; }
	check "Teredo: teredo0 qualified beside isatapA, isatapB and sixtofour0" \
		within 60 qualified
	us=$(tstate) us=${us#qualified }
	mir() {
		ip -n ck_mir -6 addr show dev mteredo 2>/dev/null |
			awk '$1 == "inet6" && $2 ~ /^2001:0:/ { sub("/.*", "", $2); print $2; exit }'
	}
	mir_up() { [ -n "$(mir)" ]; }
	check "Teredo: the miredo client qualified" within 60 mir_up
	them=$(mir)
	check "Teredo: we ping the miredo client's $them" \
		ip netns exec ck_us ping -6 -c 3 -i 0.5 -w 20 "$them"
	check "Teredo: it pings our $us" ip netns exec ck_mir ping -6 -c 2 -i 0.3 -W 3 "$us"
	both_ways "with Teredo" isatapA
	check "with Teredo: isatapB still pings sit's $peer" ping6 ck_us "$peer%isatapB"
	# what it receives (addrconf's multicast before qualification is a
	# transmit drop, no_nexthop or offline, and not ISATAP's or 6to4's)
	trx_drops() {
		t6 ck_us -j teredo show state | jq -c .drops
		[ "$(t6 ck_us -j teredo show state | jq '.drops | [.short,
			.malformed, .bad_ipv4, .dst_mismatch, .bad_nonce, .bad_icmp,
			.mapping, .link_local, .peer_limit, .bubble_limit] |
			map(. // 0) | add')" = 0 ]
	}
	check "Teredo: no receive drop counted on teredo0" trx_drops
else
	skip "Teredo beside ISATAP and 6to4: needs miredo and miredo-server"
fi

finish
