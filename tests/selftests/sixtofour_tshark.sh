#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What transit6 6to4 puts on the wire, as an independent decoder (tshark)
# sees it: pings both ways between our 6to4 host and the kernel's sit in
# 6to4 mode, captured on our host's IPv4 link.
#
#   t4s_ours                                t4s_sit
#   sixtofour0 (transit6 host)              tun6to4 (sit, 6to4 mode)
#   2002:cb00:7101::cb00:7101/16            2002:cb00:7102::1/16
#   v0 203.0.113.1/24 -------------------- v1 203.0.113.2/24
#        ^ tcpdump -i v0 "ip proto 41", decoded by tshark
#
# Proves: our encapsulation is plain IPv6-in-IPv4 (protocol 41, outer TTL =
# inner hop limit 64, DF, good header checksum) whose outer source is the
# IPv4 address our inner 2002: source embeds (tshark's own 6to4 gateway
# field) and whose outer destination is the one the 2002: destination
# embeds; sit's packets to us carry the same shape; the ICMPv6 inside is
# well-formed (good checksum); and tshark finds nothing malformed and no
# expert warning.

source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need tshark tcpdump ping
modprobe sit || { fail "modprobe sit"; finish; }

OURS=2002:cb00:7101::cb00:7101		# 203.0.113.1
SIT=2002:cb00:7102::1			# 203.0.113.2
CAP=$T6_TMP/v0.pcap
has_addr() { ip -n "$1" -6 addr show dev "$2" | grep -q "inet6 $3 "; }
ping6() { ip netns exec "$1" ping -6 -c 3 -i 0.3 -W 5 "$2"; }
# captured N: the capture file holds at least N packets
captured() { [ "$(ip netns exec t4s_ours tcpdump -n -r "$CAP" 2>/dev/null | grep -c .)" -ge "$1" ]; }
# has LINE: the field listing ($T6_TMP/fields) has this exact line
has() { grep -qxF -- "$*" "$T6_TMP/fields" || { echo "no line: $*"; cat "$T6_TMP/fields"; false; }; }

netns t4s_ours t4s_sit || { fail "netns"; finish; }
veth t4s_ours v0 203.0.113.1/24 t4s_sit v1 203.0.113.2/24 || { fail "veth"; finish; }
ip -n t4s_sit tunnel add tun6to4 mode sit remote any local 203.0.113.2 ttl 64 &&
	ip -n t4s_sit link set tun6to4 up &&
	ip -n t4s_sit -6 addr add $SIT/16 dev tun6to4 nodad ||
	{ fail "sit 6to4 host"; finish; }
check "set state enabled creates sixtofour0" t6 t4s_ours 6to4 set state enabled
check "sixtofour0 has $OURS" within 10 has_addr t4s_ours sixtofour0 $OURS/16

# tcpdump writes each packet as it comes (-U --immediate-mode), so the
# file can be polled; tshark capturing here lost the last packets on stop.
bg t4s_ours tcpdump -n -i v0 -Z root -U --immediate-mode -w "$CAP" "ip proto 41" \
	2>"$T6_TMP/tcpdump.log"
DUMP=$!
check "tcpdump captures on v0" wait_for 60 grep -q "listening on v0" "$T6_TMP/tcpdump.log"

check "ours -> sit 6to4 host" ping6 t4s_ours $SIT
check "sit 6to4 host -> ours" ping6 t4s_sit $OURS

# 3 + 3 echo pairs
check "all 12 packets captured" wait_for 30 captured 12
kill -INT "$DUMP"
wait "$DUMP"

# One line per packet: outer IPv4, the IPv4 addresses tshark reads out of
# the inner 2002: source and destination, inner IPv6, ICMPv6 type and
# checksum status (1 = good).
ip netns exec t4s_ours tshark -n -r "$CAP" -o ip.check_checksum:TRUE -T fields \
	-E separator=' ' -e ip.src -e ip.dst -e ip.proto -e ip.ttl \
	-e ip.flags.df -e ip.checksum.status -e ipv6.src -e ipv6.dst \
	-e ipv6.src_6to4_gw_ipv4 -e ipv6.dst_6to4_gw_ipv4 -e ipv6.hlim \
	-e icmpv6.type -e icmpv6.checksum.status 2>/dev/null |
	sed 's/ *$//' >"$T6_TMP/fields"
ip netns exec t4s_ours tshark -n -r "$CAP" -o ip.check_checksum:TRUE -V \
	>"$T6_TMP/decoded" 2>&1

check "our echo request: 203.0.113.1 -> 203.0.113.2 proto 41, TTL 64, DF, $OURS -> $SIT embedding them, checksums good" \
	has 203.0.113.1 203.0.113.2 41 64 1 1 $OURS $SIT 203.0.113.1 203.0.113.2 64 128 1
check "sit's echo reply: 203.0.113.2 -> 203.0.113.1, $SIT -> $OURS" \
	has 203.0.113.2 203.0.113.1 41 64 1 1 $SIT $OURS 203.0.113.2 203.0.113.1 64 129 1
check "sit's echo request: 203.0.113.2 -> 203.0.113.1, $SIT -> $OURS" \
	has 203.0.113.2 203.0.113.1 41 64 1 1 $SIT $OURS 203.0.113.2 203.0.113.1 64 128 1
check "our echo reply: 203.0.113.1 -> 203.0.113.2, $OURS -> $SIT" \
	has 203.0.113.1 203.0.113.2 41 64 1 1 $OURS $SIT 203.0.113.1 203.0.113.2 64 129 1
check "exactly the 12 echo packets on the wire, no other protocol-41 packet" \
	eval '[ "$(grep -c . "$T6_TMP/fields")" -eq 12 ]'
check "every packet: outer source = the IPv4 address the inner 2002: source embeds, outer destination = the destination's" \
	awk -F'[ ]' 'NF < 13 || $1 != $9 || $2 != $10 { print "bad: " $0; bad = 1 }
		    END { exit bad }' "$T6_TMP/fields"
check "every packet: protocol 41, good IPv4 checksum, good ICMPv6 checksum" \
	awk -F'[ ]' '$3 != 41 || $6 != 1 || $13 != 1 { print "bad: " $0; bad = 1 }
		    END { exit bad }' "$T6_TMP/fields"
check_fails "tshark -V finds nothing malformed, erroneous or warned about" \
	grep -E 'Malformed|Expert Info \((Error|Warning)|Checksum Status: Bad|\[Bad' "$T6_TMP/decoded"
check "tshark -V decodes 'IPv6 over IPv4' with 6to4 addresses and ICMPv6 echo" eval \
	'grep -q "Protocol: IPv6 (41)" "$T6_TMP/decoded" &&
	 grep -q "Source 6to4 Gateway IPv4: 203.0.113.1" "$T6_TMP/decoded" &&
	 grep -q "Type: Echo (ping) request (128)" "$T6_TMP/decoded" &&
	 grep -q "Type: Echo (ping) reply (129)" "$T6_TMP/decoded" &&
	 grep -q "Checksum Status: Good" "$T6_TMP/decoded"'

finish
