#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What transit6 puts on the wire, as an independent decoder (tshark) sees
# it: router discovery and pings between our ISATAP host and our ISATAP
# router, captured on the host's IPv4 link.
#
#   ts_h                                   ts_r
#   isatap0 (transit6 host)                isatap0 (transit6 router)
#   PRL 10.0.0.1                           publishes 2001:db8:5::/64, forwarding
#   v0 10.0.0.2/24 ---------------------- v1 10.0.0.1/24
#        ^ tcpdump -i v0 "ip proto 41", decoded by tshark
#
# Proves: the encapsulation is plain IPv6-in-IPv4 (protocol 41, outer TTL 64,
# DF, good header checksum, outer addresses = the ones the inner ISATAP
# addresses embed); our RS and RA are well-formed ICMPv6 (hop limit 255,
# good checksum, RS without options, RA with MTU and prefix options); and
# tshark finds nothing malformed.

source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need tshark tcpdump ping python3

CAP=$T6_TMP/v0.pcap
state_is() { [ "$(json "$1" 'j["state"]' isatap show state)" = "$2" ]; }
has_addr() { ip -n "$1" -6 addr show dev "$2" | grep -q "inet6 $3 "; }
ping6() { ip netns exec "$1" ping -6 -c 3 -i 0.3 -W 5 "$2"; }
# captured N: the capture file holds at least N packets
captured() { [ "$(ip netns exec ts_h tcpdump -n -r "$CAP" 2>/dev/null | grep -c .)" -ge "$1" ]; }
# has LINE: the field listing ($T6_TMP/fields) has this exact line
has() { grep -qxF -- "$*" "$T6_TMP/fields" || { echo "no line: $*"; cat "$T6_TMP/fields"; false; }; }

netns ts_h ts_r
veth ts_h v0 10.0.0.2/24 ts_r v1 10.0.0.1/24
ip -n ts_r link add isatap0 type isatap
ip -n ts_r link set isatap0 up
t6 ts_r isatap add prefix 2001:db8:5::/64
t6 ts_r isatap set forwarding enabled
ip -n ts_h link add isatap0 type isatap
ip -n ts_h link set isatap0 up

# tcpdump writes each packet as it comes (-U --immediate-mode), so the
# file can be polled; tshark capturing here lost the last packets on stop.
bg ts_h tcpdump -n -i v0 -Z root -U --immediate-mode -w "$CAP" "ip proto 41" \
	2>"$T6_TMP/tcpdump.log"
DUMP=$!
check "tcpdump captures on v0" wait_for 60 grep -q "listening on v0" "$T6_TMP/tcpdump.log"

t6 ts_h isatap set router 10.0.0.1
check "host qualified (RS sent, RA accepted)" wait_for 60 state_is ts_h qualified
check "host has 2001:db8:5::5efe:a00:2 from our RA" \
	wait_for 30 has_addr ts_h isatap0 2001:db8:5::5efe:a00:2/64
check "ping the router's address in the prefix" ping6 ts_h 2001:db8:5::5efe:a00:1
check "ping the router's link-local address" ping6 ts_h fe80::5efe:10.0.0.1%isatap0

# RS, RA, 3 + 3 echo pairs
check "all 14 packets captured" wait_for 30 captured 14
kill -INT "$DUMP"
wait "$DUMP"

# One line per packet: outer IPv4, inner IPv6, ICMPv6 type and checksum
# status (1 = good), RA and option fields, option types (empty where absent).
ip netns exec ts_h tshark -n -r "$CAP" -o ip.check_checksum:TRUE -T fields \
	-E separator=' ' -e ip.src -e ip.dst -e ip.proto -e ip.ttl \
	-e ip.flags.df -e ip.checksum.status -e ipv6.src -e ipv6.dst \
	-e ipv6.hlim -e icmpv6.type -e icmpv6.checksum.status \
	-e icmpv6.nd.ra.router_lifetime -e icmpv6.opt.mtu \
	-e icmpv6.opt.prefix -e icmpv6.opt.prefix.length \
	-e icmpv6.opt.prefix.flag.a -e icmpv6.opt.type 2>/dev/null |
	sed 's/ *$//' >"$T6_TMP/fields"
ip netns exec ts_h tshark -n -r "$CAP" -o ip.check_checksum:TRUE -V \
	>"$T6_TMP/decoded" 2>&1

check "RS: 10.0.0.2 -> 10.0.0.1 proto 41, fe80::5efe:a00:2 -> fe80::5efe:a00:1, hop limit 255, checksum good, no options" \
	has 10.0.0.2 10.0.0.1 41 64 1 1 fe80::5efe:a00:2 fe80::5efe:a00:1 255 133 1
check "RA: 10.0.0.1 -> 10.0.0.2, hop limit 255, checksum good, lifetime 1800, MTU 1480, prefix 2001:db8:5::/64 autonomous, no other option" \
	has 10.0.0.1 10.0.0.2 41 64 1 1 fe80::5efe:a00:1 fe80::5efe:a00:2 255 134 1 1800 1480 2001:db8:5:: 64 1 5,3
check "echo request 2001:db8:5::5efe:a00:2 -> ::5efe:a00:1 inside 10.0.0.2 -> 10.0.0.1" \
	has 10.0.0.2 10.0.0.1 41 64 1 1 2001:db8:5::5efe:a00:2 2001:db8:5::5efe:a00:1 64 128 1
check "echo reply inside 10.0.0.1 -> 10.0.0.2" \
	has 10.0.0.1 10.0.0.2 41 64 1 1 2001:db8:5::5efe:a00:1 2001:db8:5::5efe:a00:2 64 129 1
check "link-local echo request and reply" eval \
	'has 10.0.0.2 10.0.0.1 41 64 1 1 fe80::5efe:a00:2 fe80::5efe:a00:1 64 128 1 &&
	 has 10.0.0.1 10.0.0.2 41 64 1 1 fe80::5efe:a00:1 fe80::5efe:a00:2 64 129 1'
check "every packet: protocol 41, good IPv4 checksum, good ICMPv6 checksum" \
	awk -F'[ ]' '$3 != 41 || $6 != 1 || $11 != 1 { print "bad: " $0; bad = 1 }
		    END { exit bad }' "$T6_TMP/fields"
check_fails "tshark -V finds nothing malformed or erroneous" \
	grep -E 'Malformed|Expert Info \(Error|Checksum Status: Bad|\[Bad' "$T6_TMP/decoded"
check "tshark -V decodes 'IPv6 over IPv4' and Router Solicitation/Advertisement" eval \
	'grep -q "Protocol: IPv6 (41)" "$T6_TMP/decoded" &&
	 grep -q "Type: Router Solicitation (133)" "$T6_TMP/decoded" &&
	 grep -q "Type: Router Advertisement (134)" "$T6_TMP/decoded" &&
	 grep -q "Checksum Status: Good" "$T6_TMP/decoded"'

finish
