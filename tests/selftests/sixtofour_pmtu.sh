#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# 6to4 path MTU: ICMPv4 "fragmentation needed" from the IPv4 path becomes
# an IPv6 path MTU (Packet Too Big) for the inner flow; the outer TTL and
# the inner hop limit; DSCP and ECN copied to the outer header (RFC 6040).
#
#   p4_h (6to4 host)          p4_m (IPv4 router)            p4_r (sit 6to4 host)
#   v1 198.51.100.1/24 -- m1 198.51.100.254  m2 203.0.113.254 -- v2 203.0.113.1/24
#   sixtofour0            mtu 1500         mtu 1300 ------ mtu 1300  tun6to4 (sit)
#   2002:c633:6401::c633:6401                           2002:cb00:7101::1
#
# Proves: the default MTU is 1480 (RFC 4213 3.2) and nothing below 1280 is
# accepted; a 1448-byte IPv6 packet with DF draws an ICMPv4 frag-needed
# (1300) from p4_m, which the module turns into an IPv4 PMTU exception for
# the outer flow, so the next one is refused with a local Packet Too Big
# (mtu 1280 = 1300 - 20): ping -M do reports it, "ip -6 route get" caches
# it, drops.too_big counts it; 1280-byte packets still pass with DF, and
# large pings that may fragment reach the peer in fragments.  Then the
# IPv4 path shrinks to 1200: the tunnel must not go below 1280 but send
# 1280-byte packets without DF, fragmented in IPv4 (RFC 4213 3.2).  Last,
# the outer header: TTL 64 whatever the inner hop limit, the inner DSCP
# and ECN copied (RFC 6040).
source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need ping jq tcpdump
modprobe sit || { fail "modprobe sit"; finish; }

netns p4_h p4_m p4_r || { fail "netns"; finish; }
veth p4_h v1 198.51.100.1/24 p4_m m1 198.51.100.254/24 &&
	veth p4_m m2 203.0.113.254/24 p4_r v2 203.0.113.1/24 || { fail "veth"; finish; }
ip -n p4_m link set m2 mtu 1300 && ip -n p4_r link set v2 mtu 1300
ip netns exec p4_m sysctl -qw net.ipv4.ip_forward=1
ip -n p4_h route add default via 198.51.100.254
ip -n p4_r route add default via 203.0.113.254
ip -n p4_h link add sixtofour0 type sixtofour && ip -n p4_h link set sixtofour0 up ||
	{ fail "create sixtofour0"; finish; }
ip -n p4_r tunnel add tun6to4 mode sit remote any local 203.0.113.1 ttl 64 &&
	ip -n p4_r link set tun6to4 up &&
	ip -n p4_r -6 addr add 2002:cb00:7101::1/16 dev tun6to4 nodad ||
	{ fail "sit 6to4 in p4_r"; finish; }

PEER=2002:cb00:7101::1
ping6() { ip netns exec p4_h ping -6 -n "$@" "$PEER"; }
drop() { t6 p4_h -j 6to4 show state | jq -r ".drops.$1"; }
mtu_of() { ip -n p4_h -o link show sixtofour0 | grep -o 'mtu [0-9]*' | cut -d' ' -f2; }
# cached MTU of the route toward $PEER (empty when none is cached)
route6_mtu() { ip -n p4_h -6 route get "$PEER" | grep -o 'mtu [0-9]*' | cut -d' ' -f2; }
route4_mtu() { ip -n p4_h -4 route get 203.0.113.1 | grep -o 'mtu [0-9]*' | cut -d' ' -f2; }
reasm() { ip netns exec p4_r awk '$1 == "Ip6ReasmOKs" { print $2 }' /proc/net/snmp6; }
# ip4stat NS NAME: an IPv4 MIB counter (/proc/net/snmp: names, values)
ip4stat() {
	ip netns exec "$1" awk -v c="$2" '$1 == "Ip:" && !h { h = split($0, n); next }
		$1 == "Ip:" { for (i = 2; i <= NF; i++) if (n[i] == c) print $i }' /proc/net/snmp
}
more() { echo "$1: $2 -> $3"; [ "$3" -gt "$2" ]; }
is() { echo "got '$1', want '$2'"; [ "$1" = "$2" ]; }

# --- MTU bounds ---------------------------------------------------------------
check "default MTU 1480" is "$(mtu_of)" 1480
check_fails "MTU 1200 refused (below 1280)" ip -n p4_h link set sixtofour0 mtu 1200
check "still 1480 after the refusal" is "$(mtu_of)" 1480
check "MTU 1280 accepted" ip -n p4_h link set sixtofour0 mtu 1280
ip -n p4_h link set sixtofour0 mtu 1480

# --- the path works for small packets; nothing cached yet -----------------------
check "small ping to $PEER" within 10 ping6 -c 1 -W 2
check "no IPv6 path MTU cached before" is "$(route6_mtu)" ""

# --- DF ping of 1448 bytes: frag-needed, then Packet Too Big ---------------------
tb0=$(drop too_big)
ping6 -M do -s 1400 -c 4 -i 0.5 -W 1 >"$T6_TMP/ping" 2>&1
sed 's/^/# ping: /' "$T6_TMP/ping"
check_fails "ping -M do -s 1400: no reply" grep 'bytes from' "$T6_TMP/ping"
check "ping -M do -s 1400: reports mtu 1280" grep -E 'mtu[=:] ?1280' "$T6_TMP/ping"
check "outer IPv4 path MTU 1300 learned from ICMPv4" is "$(route4_mtu)" 1300
check "IPv6 path MTU 1280 cached for $PEER" is "$(route6_mtu)" 1280
check "drops.too_big counted" test "$(drop too_big)" -gt "$tb0"

# --- what still works ---------------------------------------------------------
check "1280-byte packet with DF passes" ping6 -M do -s 1232 -c 2 -W 2
r0=$(reasm)
ping6 -s 1400 -c 2 -W 1 >/dev/null 2>&1
check "ping -s 1400 (may fragment): fragments reach the peer" \
	more "p4_r Ip6ReasmOKs" "$r0" "$(reasm)"
# (The sit peer's own 1448-byte replies are sit's business: not checked.)

# --- an IPv4 path below 1300: no DF, never below 1280 (RFC 4213 3.2) -------------
ip -n p4_m link set m2 mtu 1200 && ip -n p4_r link set v2 mtu 1200
f0=$(ip4stat p4_h FragOKs)
check "IPv4 path 1200: 1280-byte DF packets still answered" \
	within 15 ping6 -M do -s 1232 -c 1 -W 2
check "IPv4 path 1200 learned" is "$(route4_mtu)" 1200
check "IPv6 path MTU stays 1280" is "$(route6_mtu)" 1280
# with DF still set the host could not fragment them: they would be lost
check "IPv4 path 1200: outer packets without DF, fragmented at the source" \
	more "p4_h FragOKs" "$f0" "$(ip4stat p4_h FragOKs)"

# --- outer TTL 64 whatever the hop limit; DSCP and ECN copied (RFC 6040) --------
tcpdump_outer() {
	ip netns exec p4_r timeout 10 tcpdump -n -c 1 -v -i v2 'ip proto 41' \
		>"$T6_TMP/tcpdump" 2>/dev/null &
	local pid=$!
	sleep 1
	ping6 "$@" -c 1 -W 2 >/dev/null 2>&1
	wait "$pid"
	sed 's/^/# tcpdump: /' "$T6_TMP/tcpdump"
}
tcpdump_outer -t 7 -Q 0xb9
check "outer TTL 64 (inner hop limit 7) after one IPv4 hop: 63" grep -q 'ttl 63' "$T6_TMP/tcpdump"
check "outer tos 0xb9: DSCP 46 and ECT(1) copied from the inner header" \
	grep -q 'tos 0xb9' "$T6_TMP/tcpdump"

finish
