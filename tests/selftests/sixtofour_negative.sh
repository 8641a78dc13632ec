#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# 6to4 receive and transmit rules (RFC 3964 5): what the victim's
# sixtofour0 must refuse, and why.
#
#   s4_att (attacker)                           s4_vic (victim)
#   v0 203.0.113.2/24        <--- veth --->     v1 203.0.113.1/24
#   scapy: raw IPv4 from any source             sixtofour0 (host role),
#   sniffer on v0 counts the answers            relay 203.0.113.3
#   r0 (no address)          <--- veth --->     r1: 203.0.113.3/32 and
#   sniffer on r0: answers sent to the relay    192.88.99.1/32 routed here
#
# Nobody owns 203.0.113.3 (the relay): the attacker impersonates it with raw
# sockets, and a static ARP entry on the victim points it (and the anycast
# relay 192.88.99.1) at the attacker's r0, whose kernel silently drops what
# comes there.  So an echo reply seen on r0 went to the relay, one seen on
# v0 went straight to a 6to4 site.  The victim has rp_filter off (the
# relay's packets come in on v1, its route is on r1) and route_localnet on
# v1, so that a loopback outer source reaches protocol 41 at all; a
# multicast one never does (the IPv4 stack drops it as a martian first).
#
# Each rule: one check that the named drop counter, and no other, moved by
# the number of packets sent, that nothing reached IPv6 on sixtofour0
# (Ip6InReceives), that no echo reply came back, and that the kernel logged
# no splat.  The transmit side: pings to a 2002: address embedding a private
# IPv4 address (bad_ipv4) or our own /48 (loop) fail and are counted.
# Positive controls prove that the same shapes are delivered when
# legitimate: an echo from a 6to4 site, and from our relay a native source,
# a 2002: source of another site and (relay "default") the anycast outer
# source.  Last, as a relay router, a multicast or link-local destination
# is bad_ipv6 while a native one passes.
source "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

load_module || { fail "load transit6"; finish; }
need python3 jq ping
python3 -c 'import scapy' 2>/dev/null || { skip "needs python3-scapy"; exit "$KSFT_SKIP"; }

V4=203.0.113.1  V=2002:cb00:7101::cb00:7101	# the victim
A4=203.0.113.2  A=2002:cb00:7102::cb00:7102	# the attacker (a valid site)
R4=203.0.113.3					# the configured relay
N=3						# packets per rule

netns s4_att s4_vic || { fail "netns"; finish; }
veth s4_att v0 $A4/24 s4_vic v1 $V4/24 || { fail "veth"; finish; }
veth s4_att r0 - s4_vic r1 - || { fail "veth"; finish; }
ip netns exec s4_vic sysctl -qw net.ipv4.conf.all.rp_filter=0 \
	net.ipv4.conf.v1.rp_filter=0 net.ipv4.conf.v1.route_localnet=1
ip -n s4_vic route add default via $A4
R0MAC=$(ip netns exec s4_att cat /sys/class/net/r0/address)
for r in $R4 192.88.99.1; do
	ip -n s4_vic route add "$r/32" dev r1 &&
		ip -n s4_vic neigh add "$r" dev r1 lladdr "$R0MAC" nud permanent ||
		{ fail "route to $r via r1"; finish; }
done
check "set state enabled creates sixtofour0" t6 s4_vic 6to4 set state enabled
has_v() { ip -n s4_vic -6 addr show dev sixtofour0 | grep -q "inet6 $V/16 "; }
check "sixtofour0 has $V" within 10 has_v
# The first use of a default route a minute after it appeared sends an RFC
# 4191 router probe (a multicast NS, no_nexthop here): not in the controls.
ip netns exec s4_vic sysctl -qw net.ipv6.conf.sixtofour0.router_probe_interval=86400
check "set relay $R4" t6 s4_vic 6to4 set relay $R4
via_relay() { ip -n s4_vic -6 route show default | grep -q "via 2002:cb00:7103::cb00:7103 dev sixtofour0"; }
check "default route via the relay" within 10 via_relay

# --- helpers ----------------------------------------------------------------
# One scapy process for the whole test: importing scapy takes tens of
# seconds under TCG.  craft OPTIONS... PACKET sets CRAFTED to its answer.
coproc CRAFT { exec ip netns exec s4_att python3 "$HERE/isatap_craft.py" --server --iface v0; }
T6_PIDS+=("$CRAFT_PID")
CRAFTED=
read -r -t 300 CRAFTED <&"${CRAFT[0]}"
[ "$CRAFTED" = ready ] || { fail "scapy helper did not start"; finish; }
log "scapy helper ready after ${SECONDS}s"
craft() {
	CRAFTED="error: no answer"
	printf '%q ' "$@" >&"${CRAFT[1]}" && echo >&"${CRAFT[1]}" &&
		read -r -t 60 CRAFTED <&"${CRAFT[0]}"
}
# jget JQ-FILTER: the victim's state; snap: its drop counters
jget() { t6 s4_vic -j 6to4 show state | jq -r "$1"; }
snap() { drop_snap s4_vic 6to4 show state; }
# Ip6InReceives of sixtofour0, through a process that lives in s4_vic
netns_proc s4_vic sixtofour0 || { fail "a process in s4_vic"; finish; }
rx6() { snmp6_at "$NSPROC" sixtofour0 Ip6InReceives; }
klog_start
# verdict MOVED WANT DELIVERED REPLIES MARK: exactly the counters WANT
# moved ("" for none), nothing delivered, no reply, no splat
verdict() {
	echo "drops moved: '$1' (want '$2'), Ip6InReceives +$3, echo replies $4"
	[ "$1" = "$2" ] && [ "$3" -eq 0 ] && [ "$4" = 0 ] && no_splat "$5"
}
# reject WHAT REASON PACKET [IFACE]: send PACKET N times from the attacker;
# drops[REASON], and no other counter, must move by N, nothing delivered,
# no echo reply on IFACE (v0; r0 where a reply would go to the relay).
reject() {
	local what=$1 reason=$2 pkt=$3 d0 r0 k
	d0=$(snap); r0=$(rx6); k=$(klog_mark)
	craft --iface "${4:-v0}" --count "$N" --wait 1 "$pkt"
	check "$what: drops.$reason +$N, not delivered, no reply" verdict \
		"$(drops_moved "$d0" "$(snap)")" "$reason +$N" "$(($(rx6) - r0))" "$CRAFTED" "$k"
}
# the kernel's count of martian IPv4 sources (all namespaces, all CPUs)
martians() {
	local hdr f col=-1 i n=0
	{
		read -r -a hdr
		for i in "${!hdr[@]}"; do [ "${hdr[$i]}" = in_martian_src ] && col=$i; done
		[ "$col" -ge 0 ] || return 1
		while read -r -a f; do n=$((n + 16#${f[$col]})); done
	} </proc/net/stat/rt_cache
	echo "$n"
}
# martian WHAT PACKET: an outer source the IPv4 stack itself refuses: it
# never reaches protocol 41, so no drop counter may move either
martian() {
	local d0 r0 m0 k
	d0=$(snap); r0=$(rx6); m0=$(martians); k=$(klog_mark)
	craft --count "$N" --wait 1 "$2"
	dropped_as_martian() {
		local m; m=$(($(martians) - m0))
		verdict "$(drops_moved "$d0" "$(snap)")" "" "$(($(rx6) - r0))" "$CRAFTED" "$k" &&
			echo "in_martian_src +$m (want >= $N)" && [ "$m" -ge "$N" ]
	}
	check "$1: dropped by IPv4 as a martian source, no drop counted, not delivered, no reply" \
		dropped_as_martian
}
# pkt SRC4 SRC6 DST6 [IPv6 fields]: an echo request from SRC4 to the victim
pkt() { echo "IP(src='$1',dst='$V4')/IPv6(src='$2',dst='$3'${4:+,$4})/ICMPv6EchoRequest()"; }

# --- RFC 3964 5.3.1: the outer source must be able to be a 6to4 site --------
for s in 10.1.2.3:private 127.1.2.3:loopback 192.88.99.2:"6to4 anycast, not our relay" \
	 100.64.1.1:"shared (100.64/10)" 172.16.0.1:private 192.168.1.1:private \
	 169.254.1.1:link-local 240.0.0.1:reserved 0.1.2.3:"0/8"; do
	reject "outer source ${s%%:*} (${s#*:})" bad_ipv4 "$(pkt "${s%%:*}" $A $V)"
done
martian "outer source 224.1.2.3 (multicast)" "$(pkt 224.1.2.3 $A $V)"
# ... and so must the IPv4 addresses 2002: addresses embed
reject "inner source 2002:a01:203::1 embeds private 10.1.2.3" bad_ipv4 \
	"$(pkt $A4 2002:a01:203::1 $V)"
reject "inner destination 2002:c0a8:101::1 embeds private 192.168.1.1" bad_ipv4 \
	"$(pkt $A4 $A 2002:c0a8:101::1)"

# --- 5.2: who may send what -------------------------------------------------
reject "inner source 2002:c633:6405::1 (198.51.100.5) from outer $A4" spoofed \
	"$(pkt $A4 2002:c633:6405::1 $V)"
# native sources from a relay other than ours: refused with "nativefrom
# relay" only (the default takes them: sixtofour_relays.sh)
t6 s4_vic 6to4 set nativefrom relay || fail "set nativefrom relay"
reject "nativefrom relay: native inner source 2001:db8:1::1 from $A4, not the relay" not_relay \
	"$(pkt $A4 2001:db8:1::1 $V)" r0
t6 s4_vic 6to4 set nativefrom any || fail "set nativefrom any"
reject "native inner source 2001:db8:1::1 from private 10.1.2.3: any relay, but a public one" bad_ipv4 \
	"$(pkt 10.1.2.3 2001:db8:1::1 $V)" r0
reject "inner destination 2002:c633:6409::1 (198.51.100.9, not ours)" dst_mismatch \
	"$(pkt $A4 $A 2002:c633:6409::1)"
reject "native inner destination 2001:db8:2::1 to a host" dst_mismatch \
	"$(pkt $A4 $A 2001:db8:2::1)"
# a host drops every non-2002: destination as such, before the ranges below
reject "multicast inner destination ff02::1 to a host" dst_mismatch \
	"$(pkt $A4 $A ff02::1)"

# --- 5.3.2: IPv6 ranges no 6to4 packet carries (sources: from the relay) ----
for s in fe80::1 fec0::1 ::1 ff0e::1; do
	reject "inner source $s from the relay" bad_ipv6 "$(pkt $R4 $s $V)" r0
done

# --- malformed inner packets ------------------------------------------------
reject "inner payload length beyond the packet" short \
	"$(pkt $A4 $A $V plen=200)"
reject "inner version 4" malformed \
	"IP(src='$A4',dst='$V4',proto=41)/IP(src='$A4',dst='$V4')/ICMP()/Raw(bytes(32))"
reject "inner payload length 0" malformed "$(pkt $A4 $A $V plen=0)"

# --- transmit ---------------------------------------------------------------
# tx DEST REASON: two pings from the victim fail, drops[REASON] +2
tx() {
	local d0 k m; d0=$(snap); k=$(klog_mark)
	ip netns exec s4_vic ping -6 -c 2 -i 0.3 -W 1 "$1" && { echo "ping answered"; return 1; }
	m=$(drops_moved "$d0" "$(snap)")
	echo "drops moved: '$m' (want '$2 +2')"
	[ "$m" = "$2 +2" ] && no_splat "$k"
}
check "transmit to 2002:c0a8:101::1 (embeds 192.168.1.1): fails, drops.bad_ipv4 +2" \
	tx 2002:c0a8:101::1 bad_ipv4
check "transmit to 2002:cb00:7101:1::1 (our /48, not ours): fails, drops.loop +2" \
	tx 2002:cb00:7101:1::1 loop

# --- positive controls ------------------------------------------------------
# accept PACKET [IFACE]: N delivered, N echo replies seen on IFACE, no drop
accept() {
	local r0 d0 k n m; r0=$(rx6); d0=$(snap); k=$(klog_mark)
	craft --iface "${2:-v0}" --count "$N" --until "$N" --wait 5 "$1"; n=$CRAFTED
	m=$(drops_moved "$d0" "$(snap)")
	echo "Ip6InReceives +$(($(rx6) - r0)), echo replies $n, drops moved: '$m'"
	[ "$(($(rx6) - r0))" -eq "$N" ] && [ "$n" = "$N" ] && [ -z "$m" ] && no_splat "$k"
}
check "control: echo from $A (outer $A4) delivered and answered to $A4" \
	accept "$(pkt $A4 $A $V)"
check "control: native source 2001:db8:1::1 from the relay delivered, answered through the relay" \
	accept "$(pkt $R4 2001:db8:1::1 $V)" r0
check "control: 2002:c633:6405::1 (another site) from the relay delivered, answered to 198.51.100.5" \
	accept "$(pkt $R4 2002:c633:6405::1 $V)"
check "set relay default (192.88.99.1)" t6 s4_vic 6to4 set relay default
via_anycast() { ip -n s4_vic -6 route show default | grep -q "via 2002:c058:6301::c058:6301 dev sixtofour0"; }
check "default route via 2002:c058:6301::c058:6301" within 10 via_anycast
check "control: outer source 192.88.99.1 (our relay) with a native source delivered, answered through it" \
	accept "$(pkt 192.88.99.1 2001:db8:1::1 $V)" r0

# --- a relay router: the destination ranges ---------------------------------
check "set state relay" t6 s4_vic 6to4 set state relay
check "role relay" within 5 eval '[ "$(jget .role)" = relay ]'
for d in ff02::1 fe80::1; do
	reject "inner destination $d to a relay" bad_ipv6 "$(pkt $A4 $A $d)"
done
passes() {
	local r0 d0 m; r0=$(rx6); d0=$(snap)
	craft --count "$N" --wait 1 "$(pkt $A4 $A 2001:db8:2::1)"
	m=$(drops_moved "$d0" "$(snap)")
	echo "Ip6InReceives +$(($(rx6) - r0)) (want +$N), drops moved: '$m'"
	[ "$(($(rx6) - r0))" -eq "$N" ] && [ -z "$m" ]
}
check "control: native destination 2001:db8:2::1 passes a relay's checks" passes
check "ethtool -S sixtofour0: the drops t6 counted (bad_ipv6, not_relay, ...)" \
	ethtool_drops s4_vic sixtofour0 6to4
check "... not all zero" eval '[ "$(ip netns exec s4_vic ethtool -S sixtofour0 | grep -c ": [1-9]")" -ge 3 ]'

finish
