#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ISATAP path MTU: ICMPv4 "fragmentation needed" from the IPv4 path becomes
# an IPv6 path MTU (Packet Too Big) for the inner flow.
#
#   pm_h (host)              pm_m (IPv4 router)             pm_r (peer)
#   v1 10.5.1.1/24 --- m1 10.5.1.254   m2 10.5.2.254 --- v2 10.5.2.1/24
#   isatap0             mtu 1500       mtu 1300 ------ mtu 1300  isatap0
#   fe80::5efe:a05:101                                 fe80::5efe:a05:201
#
# Proves: the default MTU is 1480 (RFC 4213 3.2) and nothing below 1280 is
# accepted; a 1448-byte IPv6 packet with DF draws an ICMPv4 frag-needed
# (1300) from pm_m, which the module turns into an IPv4 PMTU exception for
# the outer flow, so the next one is refused with a local Packet Too Big
# (mtu 1280 = 1300 - 20): ping -M do reports it, "ip -6 route get" caches
# it, drops.too_big counts it; 1280-byte packets still pass with DF, and
# large pings that may fragment get through, both ways (the peer's replies
# hit the same limit on its own side).  Then the IPv4 path shrinks to 1200:
# the tunnel must not go below 1280 but send 1280-byte packets without DF,
# fragmented in IPv4 (RFC 4213 3.2).
source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need ping jq

netns pm_h pm_m pm_r || { fail "netns"; finish; }
veth pm_h v1 10.5.1.1/24 pm_m m1 10.5.1.254/24 &&
	veth pm_m m2 10.5.2.254/24 pm_r v2 10.5.2.1/24 || { fail "veth"; finish; }
ip -n pm_m link set m2 mtu 1300 && ip -n pm_r link set v2 mtu 1300
ip netns exec pm_m sysctl -qw net.ipv4.ip_forward=1
ip -n pm_h route add 10.5.2.0/24 via 10.5.1.254
ip -n pm_r route add 10.5.1.0/24 via 10.5.2.254
for ns in pm_h pm_r; do
	ip -n $ns link add isatap0 type isatap && ip -n $ns link set isatap0 up \
		|| { fail "create isatap0 in $ns"; finish; }
done

PEER=fe80::5efe:a05:201
ping6() { ip netns exec pm_h ping -6 -n -I isatap0 "$@" "$PEER"; }
drop() { t6 pm_h -j isatap show state dev isatap0 | jq -r ".drops.$1"; }
mtu_of() { ip -n pm_h -o link show isatap0 | grep -o 'mtu [0-9]*' | cut -d' ' -f2; }
# cached MTU of the route toward $PEER (empty when none is cached)
route6_mtu() { ip -n pm_h -6 route get "$PEER" oif isatap0 | grep -o 'mtu [0-9]*' | cut -d' ' -f2; }
route4_mtu() { ip -n pm_h -4 route get 10.5.2.1 | grep -o 'mtu [0-9]*' | cut -d' ' -f2; }
reasm() { snmp6 pm_r isatap0 Ip6ReasmOKs; }
# ip4stat NS NAME: an IPv4 MIB counter (/proc/net/snmp: names, values)
ip4stat() {
	ip netns exec "$1" awk -v c="$2" '$1 == "Ip:" && !h { h = split($0, n); next }
		$1 == "Ip:" { for (i = 2; i <= NF; i++) if (n[i] == c) print $i }' /proc/net/snmp
}
more() { echo "$1: $2 -> $3"; [ "$3" -gt "$2" ]; }
is() { echo "got '$1', want '$2'"; [ "$1" = "$2" ]; }

# --- MTU bounds ---------------------------------------------------------------
check "default MTU 1480" is "$(mtu_of)" 1480
check_fails "MTU 1200 refused (below 1280)" ip -n pm_h link set isatap0 mtu 1200
check "still 1480 after the refusal" is "$(mtu_of)" 1480
check "MTU 1280 accepted" ip -n pm_h link set isatap0 mtu 1280
ip -n pm_h link set isatap0 mtu 1480

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
	more "pm_r Ip6ReasmOKs" "$r0" "$(reasm)"
# The peer's 1448-byte reply meets its own 1300-byte IPv4 link: the first
# is lost, then the peer must have learnt 1280 toward us and fragment.
check "ping -s 1400 (may fragment) eventually answered" \
	within 15 ping6 -s 1400 -c 1 -W 2

# --- an IPv4 path below 1300: no DF, never below 1280 (RFC 4213 3.2) -------------
ip -n pm_m link set m2 mtu 1200 && ip -n pm_r link set v2 mtu 1200
f0=$(ip4stat pm_h FragOKs)
check "IPv4 path 1200: 1280-byte DF packets still answered" \
	within 15 ping6 -M do -s 1232 -c 1 -W 2
check "IPv4 path 1200 learned" is "$(route4_mtu)" 1200
check "IPv6 path MTU stays 1280" is "$(route6_mtu)" 1280
# with DF still set the host could not fragment them: they would be lost
check "IPv4 path 1200: outer packets without DF, fragmented at the source" \
	more "pm_h FragOKs" "$f0" "$(ip4stat pm_h FragOKs)"

finish
