#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ISATAP receive rules: what the victim's isatap0 must refuse, and why.
#
#   in_att (attacker)                          in_vic (victim)
#   v0 10.0.0.3/24, 10.0.0.9/24  <-- veth -->  v1 10.0.0.2/24
#   scapy: raw IPv4 from any source            lo 10.9.9.9/32 (not covered)
#   sniffer on v0 counts the answers           isatap0, PRL = { 10.0.0.1 }
#
# Nobody owns 10.0.0.1 (the PRL router): the attacker impersonates it with
# raw sockets, and a static ARP entry on the victim points 10.0.0.1 at the
# attacker, whose kernel silently drops the victim's solicitations.
#
# Each rule: one check that the named drop counter, and no other, moved by
# the number of packets sent, that nothing reached IPv6 on isatap0
# (Ip6InReceives), that no echo reply came back, and that the kernel logged
# no splat.  Positive controls at the end (a valid echo, an RA from the PRL
# router, a global source under the prefix it advertised) prove that the
# same packets are delivered when they are legitimate.
source "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

load_module || { fail "load transit6"; finish; }
need python3 jq
python3 -c 'import scapy' 2>/dev/null || { skip "needs python3-scapy"; exit "$KSFT_SKIP"; }

V=fe80::5efe:10.0.0.2		# victim's ISATAP link-local
A=fe80::5efe:10.0.0.3		# attacker's (valid: embeds its outer source)
R=fe80::5efe:10.0.0.1		# the PRL router's
N=3				# packets per rule

netns in_att in_vic || { fail "netns"; finish; }
veth in_att v0 10.0.0.3/24 in_vic v1 10.0.0.2/24 || { fail "veth"; finish; }
ip -n in_att addr add 10.0.0.9/24 dev v0
ip -n in_att route add 10.9.9.9/32 via 10.0.0.2
ip -n in_vic addr add 10.9.9.9/32 dev lo
ip -n in_vic neigh add 10.0.0.1 dev v1 nud permanent \
	lladdr "$(ip netns exec in_att cat /sys/class/net/v0/address)"
ip -n in_vic link add isatap0 type isatap && ip -n in_vic link set isatap0 up \
	|| { fail "create isatap0"; finish; }
check "PRL set to 10.0.0.1" t6 in_vic isatap set router 10.0.0.1
has_ll() { ip -n in_vic -6 addr show dev isatap0 | grep -q "fe80::5efe:a00:2/"; }
check "isatap0 has $V" wait_for 10 has_ll

# --- helpers -----------------------------------------------------------
# One scapy process for the whole test: importing scapy takes tens of
# seconds under TCG.  craft OPTIONS... PACKET sets CRAFTED to its answer.
coproc CRAFT { exec ip netns exec in_att python3 "$HERE/isatap_craft.py" --server --iface v0; }
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
# jget NS JQ-FILTER: t6's state; snap: the victim's drop counters
jget() { t6 "$1" -j isatap show state dev isatap0 | jq -r "$2"; }
snap() { drop_snap in_vic isatap show state dev isatap0; }
# Ip6InReceives of isatap0, through a process that lives in in_vic
netns_proc in_vic isatap0 || { fail "a process in in_vic"; finish; }
rx6() { snmp6_at "$NSPROC" isatap0 Ip6InReceives; }
klog_start
# verdict MOVED WANT DELIVERED REPLIES MARK: exactly the counters WANT
# moved ("" for none), nothing delivered, no reply, no splat
verdict() {
	echo "drops moved: '$1' (want '$2'), Ip6InReceives +$3, echo replies $4"
	[ "$1" = "$2" ] && [ "$3" -eq 0 ] && [ "$4" -eq 0 ] && no_splat "$5"
}
# reject WHAT REASON WANT PACKET: send PACKET N times from the attacker;
# drops[REASON], and no other counter, must move by WANT (none for 0),
# nothing delivered, no echo reply.
reject() {
	local what=$1 reason=$2 want=$3 pkt=$4 d0 r0 k
	d0=$(snap); r0=$(rx6); k=$(klog_mark)
	craft --count "$N" --wait 1 "$pkt"
	check "$what: drops.$reason +$want, no other, not delivered, no reply" \
		verdict "$(drops_moved "$d0" "$(snap)")" \
		"$( [ "$want" = 0 ] || echo "$reason +$want")" \
		"$(($(rx6) - r0))" "$CRAFTED" "$k"
}
# ipv6 SRC4 SRC6 DST6 [IPv6 fields]: the start of a scapy expression
ipv6() { echo "IP(src='$1',dst='10.0.0.2')/IPv6(src='$2',dst='$3'${4:+,$4})"; }

# --- RFC 5214 7.3: the outer source must match the inner one ------------
reject "inner source fe80::5efe:10.0.0.9 from outer 10.0.0.3" spoofed $N \
	"$(ipv6 10.0.0.3 fe80::5efe:10.0.0.9 $V)/ICMPv6EchoRequest()"
reject "global inner source, prefix not on-link" spoofed $N \
	"$(ipv6 10.0.0.3 2001:db8:1::5efe:10.0.0.3 $V)/ICMPv6EchoRequest()"

# --- 8.3.3: RAs only from PRL members ------------------------------------
RA_BAD="ICMPv6ND_RA(routerlifetime=1800)/ICMPv6NDOptPrefixInfo(prefix='2001:db8:bad::',prefixlen=64)"
reject "RA from non-PRL $A" ra_not_prl $N "$(ipv6 10.0.0.3 $A $V hlim=255)/$RA_BAD"
check_fails "no address in 2001:db8:bad::/64 after the rejected RA" \
	sh -c "ip -n in_vic -6 addr show | grep 2001:db8:bad:"
check_fails "no default route after the rejected RA" \
	sh -c "ip -n in_vic -6 route show default | grep ."
reject "RA from the PRL router with hop limit 64" bad_icmp $N \
	"$(ipv6 10.0.0.1 $R $V hlim=64)/$RA_BAD"
reject "RA from the PRL router, option length 0" bad_icmp $N \
	"$(ipv6 10.0.0.1 $R $V hlim=255)/ICMPv6ND_RA()/Raw(b'\\x03\\x00'+bytes(30))"
# RFC 6980: no router discovery in fragments, atomic ones included; and
# nothing acts on a message before its checksum is known good
reject "RA from the PRL router in an atomic fragment" bad_icmp $N \
	"$(ipv6 10.0.0.1 $R $V hlim=255)/IPv6ExtHdrFragment(id=7)/$RA_BAD"
reject "RA from the PRL router with a bad checksum" bad_icmp $N \
	"$(ipv6 10.0.0.1 $R $V hlim=255)/ICMPv6ND_RA(routerlifetime=1800,cksum=0x1234)/ICMPv6NDOptPrefixInfo(prefix='2001:db8:bad::',prefixlen=64)"

# --- malformed inner packets ---------------------------------------------
# tunnel4 itself drops payloads shorter than an IPv6 header before any
# handler runs, so "short" cannot move for this one: only "not delivered".
reject "protocol 41 with a 10-byte payload" short 0 \
	"IP(src='10.0.0.3',dst='10.0.0.2',proto=41)/Raw(b'\\x60'+bytes(9))"
reject "inner payload length beyond the packet" short $N \
	"$(ipv6 10.0.0.3 $A $V plen=200)/ICMPv6EchoRequest()"
reject "inner version 4" malformed $N \
	"IP(src='10.0.0.3',dst='10.0.0.2',proto=41)/IP(src='10.0.0.3',dst='10.0.0.2')/ICMP()/Raw(bytes(32))"
reject "inner payload length 0" malformed $N \
	"$(ipv6 10.0.0.3 $A $V plen=0)/ICMPv6EchoRequest()"

# --- RFC 6324: an off-link destination embedding our own IPv4 address ----
# The check is a router's (a host forwards nothing, and IPv6 drops the
# packet as not its own): forwarding on the interface for this rule only.
ip netns exec in_vic sysctl -qw net.ipv6.conf.isatap0.forwarding=1
reject "router: to 2001:db8:99::5efe:10.0.0.2 (loop)" loop $N \
	"$(ipv6 10.0.0.3 $A 2001:db8:99::5efe:10.0.0.2)/ICMPv6EchoRequest()"
ip netns exec in_vic sysctl -qw net.ipv6.conf.isatap0.forwarding=0

# --- RSs to a router: only whole, unfragmented, correct ones get an RA -----
# rs WHAT REASON PACKET: drops[REASON] +N (none for "-") and RAs back
rs() {
	local d0 k m want; d0=$(snap); k=$(klog_mark)
	want=$( [ "$2" = - ] || echo "$2 +$N")
	craft --expect ra --count "$N" --wait 2 "$3"
	m=$(drops_moved "$d0" "$(snap)")
	echo "drops moved: '$m' (want '$want'), RAs back: $CRAFTED"
	[ "$m" = "$want" ] && no_splat "$k" || return 1
	if [ "$2" = - ]; then [ "$CRAFTED" -ge 1 ]; else [ "$CRAFTED" = 0 ]; fi
}
# a published prefix makes isatap0 answer RSs (forwarding stays off)
t6 in_vic isatap add prefix 2001:db8:7::/64 || fail "publish a prefix"
RS="$(ipv6 10.0.0.3 $A $V hlim=255)"
check "router: RS in an atomic fragment: bad_icmp +$N, no RA" \
	rs frag bad_icmp "$RS/IPv6ExtHdrFragment(id=8)/ICMPv6ND_RS()"
check "router: RS with a bad checksum: bad_icmp +$N, no RA" \
	rs cksum bad_icmp "$RS/ICMPv6ND_RS(cksum=0x4321)"
check "control: router: a whole RS gets an RA" rs whole - "$RS/ICMPv6ND_RS()"
t6 in_vic isatap del prefix 2001:db8:7::/64 || fail "withdraw the prefix"

# --- not ours: a protocol-41 packet to an address no device covers -------
d0=$(snap); e0=$(ip netns exec in_vic cat /sys/class/net/isatap0/statistics/rx_errors)
craft --expect icmp4 --until 1 --wait 3 \
	"IP(src='10.0.0.3',dst='10.9.9.9',proto=41)/IP(src='10.0.0.3',dst='10.9.9.9')/ICMP()/Raw(bytes(32))"
n=$CRAFTED
declined() {
	local e m; e=$(ip netns exec in_vic cat /sys/class/net/isatap0/statistics/rx_errors)
	m=$(drops_moved "$d0" "$(snap)")
	echo "drops moved: '$m', rx_errors +$((e - e0)), ICMP unreachable $n"
	[ -z "$m" ] && [ "$e" -eq "$e0" ] || return 1
	# with xfrm4_tunnel/xfrm_interface loaded, they swallow it silently
	lsmod | grep -qE '^(xfrm4_tunnel|xfrm_interface) ' || [ "$n" -ge 1 ]
}
check "to uncovered 10.9.9.9: declined (not counted, tunnel4 answers)" declined

# --- positive controls -----------------------------------------------------
accept() {
	local r0 k n; r0=$(rx6); k=$(klog_mark)
	craft --count "$N" --until "$N" --wait 5 "$1"; n=$CRAFTED
	echo "Ip6InReceives +$(($(rx6) - r0)), echo replies $n"
	[ "$(($(rx6) - r0))" -eq "$N" ] && [ "$n" -eq "$N" ] && no_splat "$k"
}
check "control: echo from $A (outer 10.0.0.3) delivered and answered" \
	accept "$(ipv6 10.0.0.3 $A $V)/ICMPv6EchoRequest()"

RA_OK="ICMPv6ND_RA(routerlifetime=1800)/ICMPv6NDOptPrefixInfo(prefix='2001:db8:900d::',prefixlen=64)"
d0=$(snap)
craft --wait 0.5 "$(ipv6 10.0.0.1 $R $V hlim=255)/$RA_OK"
slaac() { ip -n in_vic -6 addr show dev isatap0 | grep -q "2001:db8:900d::5efe:a00:2/64"; }
check "control: RA from the PRL router: SLAAC address" wait_for 5 slaac
check "control: RA from the PRL router: default route via $R" \
	sh -c "ip -n in_vic -6 route show default | grep -q 'via fe80::5efe:a00:1 dev isatap0'"
ra_counted() {
	local n m; n=$(jget in_vic '.routers[0].ra_received')
	m=$(drops_moved "$d0" "$(snap)")
	echo "ra_received $n, drops moved: '$m'"
	[ "$n" = 1 ] && [ -z "$m" ]
}
check "control: RA from the PRL router: counted, not dropped" ra_counted
check "control: global source under the advertised on-link prefix accepted" \
	accept "$(ipv6 10.0.0.3 2001:db8:900d::5efe:10.0.0.3 $V)/ICMPv6EchoRequest()"

finish
