#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Teredo qualification (RFC 4380 5.2.1, RFC 5991) against miredo-server
# 1.2.6, with no NAT, behind NATs nftables makes, and without a server.
#
#                      td_net (bridge br0), 203.0.113.0/24
#      +-------------------+----------------------+---------------------+
#   td_srv              td_cli                 td_nat (WAN .30)     td_gone .41, .40
#   .10 primary         .20 teredo0            |  10.0.0.1          teredo0 made by
#   .11 secondary       (no NAT)               td_lan 10.0.0.2      ip link: link eth0
#   miredo-server                              teredo0              local .40 ttl 33
#
# miredo-server takes global IPv4 addresses only, so everything it sees
# is in a documentation range.  ip link add ... type teredo goes through
# the plugin of this tree (tools/iproute2/link_teredo.so, make tool).
source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need miredo-server nft python3
klog_start

netns td_net td_srv td_cli td_nat td_lan || { fail "netns"; finish; }
ip -n td_net link add br0 type bridge && ip -n td_net link set br0 up
for x in srv:10 cli:20 nat:30; do
	ns=td_${x%:*}
	veth "$ns" eth0 "203.0.113.${x#*:}/24" td_net "p${x%:*}" - &&
		ip -n td_net link set "p${x%:*}" master br0 || { fail "wire $ns"; finish; }
done
ip -n td_srv addr add 203.0.113.11/24 dev eth0
veth td_nat eth1 10.0.0.1/24 td_lan eth0 10.0.0.2/24 || { fail "veth"; finish; }
ip -n td_lan route add default via 10.0.0.1
ip netns exec td_nat sysctl -qw net.ipv4.ip_forward=1

cat >"$T6_TMP/srv.conf" <<CONF
ServerBindAddress 203.0.113.10
CONF
bg td_srv miredo-server -f -c "$T6_TMP/srv.conf" -p "$T6_TMP/srv.pid"
srv=$!
wait_for 10 ip netns exec td_srv ss -uln sport = 3544 | grep -q 203.0.113.11 ||
	log "miredo-server not listening yet"

# nat MODE: the NAT in front of td_lan, an nftables ruleset.  As a home
# router: what comes in new from the WAN to the NAT itself is dropped, so
# that it leaves no conntrack entry to push the next mapping onto another
# port (the cone probe's answer would make a restricted NAT look
# symmetric).  Full cone: one UDP port, 3545, mapped both ways.
nat() {
	local post='' pre=''
	case $1 in
	restricted) post='oifname "eth0" masquerade' ;;
	moved) post='oifname "eth0" meta l4proto udp masquerade to :20000-20009' ;;
	symmetric) post='oifname "eth0" masquerade fully-random' ;;
	cone)
		post='oifname "eth0" udp sport 3545 snat to 203.0.113.30:3545'
		pre='iifname "eth0" udp dport 3545 dnat to 10.0.0.2:3545' ;;
	esac
	ip netns exec td_nat nft -f - <<NFT
flush ruleset
table ip nat {
	chain pre {
		type nat hook prerouting priority dstnat;
		$pre
	}
	chain post {
		type nat hook postrouting priority srcnat;
		$post
	}
}
table ip filter {
	chain input {
		type filter hook input priority filter;
		iifname "eth0" ct state new drop
	}
}
NFT
}

# "t6 -j teredo show state" read by bash (lib.sh's t6val): polls start no
# python.  jget NS PATHS; jis NS PATHS WANT; state_is NS WANT
jget() { t6val "$1" "$2" teredo show state; }
jis() { t6is "$1" "$2" "$3" teredo show state; }
state_is() { jis "$1" state "$2"; }
# addr_is NS STATE PREFIX: in STATE with an address that starts with PREFIX
addr_is() {
	local got
	got=$(jget "$1" "state address")
	[[ $got == "$2 $3"* ]] || { echo "state address: '$got'"; return 1; }
}
# ip with the plugin, in namespace $1
ipp() { IP_LIB_DIR=$T6_TOP/tools/iproute2 ip -n "$1" "${@:2}"; }
# refused_with TEXT command...: the command fails and says TEXT
refused_with() {
	local want=$1 out
	shift
	out=$("$@" 2>&1) && { echo "accepted: $out"; return 1; }
	echo "$out"
	[[ $out == *"$want"* ]]
}
# td_gone's teredo0: the teredo line of ip -d link (kind and options), and
# info_data of ip -j -d link
details() { ipp td_gone -d link show teredo0 | sed -n 's/^ *\(teredo .*\) addrgenmode.*$/\1/p'; }
info_data() {
	ipp td_gone -j -d link show teredo0 | python3 -c \
		'import json,sys; print(json.dumps(json.load(sys.stdin)[0]["linkinfo"]["info_data"], sort_keys=True))'
}
is() { [ "$1" = "$2" ] || { echo "'$1', expected '$2'"; return 1; }; }

# --- no NAT ---------------------------------------------------------------------
check "set state client servername 203.0.113.10 creates teredo0" \
	t6 td_cli teredo set state client servername 203.0.113.10
check "qualified with miredo-server" within 40 state_is td_cli qualified
check "NAT: none (global connectivity)" \
	jis td_cli nat none
port=$(jget td_cli local_port)
check "mapping is our own address and bound port" \
	jis td_cli "mapping.address mapping.port" "203.0.113.20 $port"
addr=$(jget td_cli address)
check "the address is 2001:0:cb00:710a:FLAGS:~port:~addr ($addr)" python3 - "$addr" "$port" <<'PY'
import ipaddress, sys
a = ipaddress.IPv6Address(sys.argv[1]).packed
assert a[:8] == bytes.fromhex("20010000cb00710a"), a.hex()
flags = int.from_bytes(a[8:10], "big")
assert flags & ~0x3cff == 0, hex(flags)          # RFC 5991: random bits only
assert int.from_bytes(a[10:12], "big") ^ 0xffff == int(sys.argv[2])
assert bytes(x ^ 0xff for x in a[12:16]) == bytes([203, 0, 113, 20])
PY
check "the address is on teredo0 as /32 (2001::/32 on-link)" \
	sh -c "ip -n td_cli -6 addr show dev teredo0 | grep -q 'inet6 $addr/32'"
check "default route at metric 4096" \
	sh -c "ip -n td_cli -6 route show default | grep -q 'dev teredo0 .*metric 4096'"
check "show state text: State qualified, NAT none" \
	sh -c "t6() { ip netns exec td_cli \"$T6\" \"\$@\"; }; t6 teredo show state | grep -q '^State *: qualified' &&
	       t6 teredo show state | grep -q '^NAT *: none (global connectivity)'"

# --- what the client does not take ------------------------------------------------
# miredo-server's RA (tests/kunit/teredo_wire_test.c), nonce cfdb9cb7567bf35e
RA=00010000cfdb9cb7567bf35e000000f22639cc9bf56000000000383afffe800000000000008000f2273ffffdfefe800000000000000000ffffffffffff8600954c0000000000000000000007d003044040ffffffffffffffff0000000020010000c000020100000000000000000501000000000500
spoof() {	# SRC SPORT HEX: one datagram to the client's port
	ip netns exec td_srv python3 "$T6_TOP/tests/selftests/udp_spoof.py" \
		"$1" "$2" 203.0.113.20 "$port" "$3"
}
moved() {	# WANT: the drop counters moved by exactly WANT since $snap
	[ "$(drops_moved "$snap" "$(drop_snap td_cli teredo show state)")" = "$1" ]
}
snap=$(drop_snap td_cli teredo show state)
spoof 203.0.113.10 3544 "$RA"
check "an RA that answers no RS of ours: drops.bad_nonce +1" within 5 moved "bad_nonce +1"
snap=$(drop_snap td_cli teredo show state)
spoof 203.0.113.10 3544 00010000cfdb9cb7
check "a truncated authentication header from the server: drops.malformed +1" \
	within 5 moved "malformed +1"
snap=$(drop_snap td_cli teredo show state)
spoof 203.0.113.99 3544 "$RA"
check "an RA from an address that is not our server: drops.link_local +1" \
	within 5 moved "link_local +1"
check "still qualified, same address" jis td_cli "state address" "qualified $addr"
check "ethtool -S teredo0: drop_bad_nonce 1, drop_malformed 1, drop_link_local 1, as t6 counts" \
	eval 'ethtool_drops td_cli teredo0 teredo &&
	      ip netns exec td_cli ethtool -S teredo0 | grep -qx " *drop_bad_nonce: 1" &&
	      ip netns exec td_cli ethtool -S teredo0 | grep -qx " *drop_link_local: 1"'
modver=$(modinfo -F version "$T6_KO")
check "ethtool -i teredo0: driver transit6, version $modver" \
	eval 'ip netns exec td_cli ethtool -i teredo0 | grep -qx "driver: transit6" &&
	      ip netns exec td_cli ethtool -i teredo0 | grep -qx "version: $modver"'
# bash completion (tools/completion/t6) names the namespace's Teredo
# interface after "dev"
tab() {	# NS LINE: what completing LINE's last word offers in NS
	ip netns exec "$1" bash --norc --noprofile -c '
		. /usr/share/bash-completion/bash_completion
		. "$0/tools/completion/t6"
		COMP_LINE=$1 COMP_POINT=${#1}
		read -ra COMP_WORDS <<<"$1"; COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_t6 t6 "" "${COMP_WORDS[COMP_CWORD - 1]}"
		echo "${COMPREPLY[*]}"' "$T6_TOP" "$2"
}
if [ -r /usr/share/bash-completion/bash_completion ]; then
	check "completion: t6 teredo show state dev <TAB> offers teredo0" \
		is "$(tab td_cli "t6 teredo show state dev ")" teredo0
	check "completion: t6 isatap show state dev <TAB> offers none here" \
		is "$(tab td_cli "t6 isatap show state dev ")" ""
else
	skip "completion: needs bash-completion"
fi
check "t6 --version: t6 and the loaded module both $modver (one source), netlink 2" \
	eval '[ "$($T6 -j --version)" = "{\"version\":\"$modver\",\"genl_version\":2,\"module\":{\"version\":\"$modver\",\"genl_version\":2}}" ]'

# --- the server goes away and comes back -----------------------------------------
check "refreshinterval 5" t6 td_cli teredo set state refreshinterval 5
kill "$srv"; wait "$srv" 2>/dev/null
check "the server stops answering: offline, server_unreachable, no command typed" \
	within 40 jis td_cli "state reason" "offline server_unreachable"
check "offline: no Teredo address, no default route" sh -c \
	"! ip -n td_cli -6 addr show dev teredo0 | grep -q 'inet6 2001:0:' &&
	 ! ip -n td_cli -6 route show default | grep -q teredo0"
bg td_srv miredo-server -f -c "$T6_TMP/srv.conf" -p "$T6_TMP/srv.pid"
check "the server is back: qualified again, no command typed" \
	within 60 state_is td_cli qualified
check "refreshinterval default" t6 td_cli teredo set state refreshinterval default

# --- another IPv4 address: qualified again at once, another address ---------------
# (deleting a primary address takes its secondaries along: del, then add)
ip -n td_cli addr del 203.0.113.20/24 dev eth0
ip -n td_cli addr add 203.0.113.21/24 dev eth0
check "a new IPv4 address: the refresh shows the new mapping" within 20 \
	jis td_cli mapping.address 203.0.113.21
new=$(jget td_cli address)
check "a new Teredo address ($new), the old one gone" within 10 sh -c \
	"[ '$new' != '$addr' ] &&
	 ip -n td_cli -6 addr show dev teredo0 | grep -q 'inet6 $new/32' &&
	 ! ip -n td_cli -6 addr show dev teredo0 | grep -q 'inet6 $addr/'"

# --- down and up ---------------------------------------------------------------------
ip -n td_cli link set teredo0 down
no_teredo_addr() { ! ip -n "$1" -6 addr show dev teredo0 | grep -q 'inet6 2001:0:'; }
check "down: dormant, no Teredo address" within 10 \
	eval 'state_is td_cli dormant && no_teredo_addr td_cli'
ip -n td_cli link set teredo0 up
check "up: qualified again" within 40 state_is td_cli qualified

# --- created by ip link with link, local and ttl; then its namespace deleted ---------
# .41 is eth0's primary address: what comes from .40 was sent from "local"
netns td_gone
veth td_gone eth0 203.0.113.41/24 td_net pgone - && ip -n td_net link set pgone master br0
ip netns exec td_srv nft -f - <<NFT
table ip ttl {
	chain input {
		type filter hook input priority filter;
		ip saddr 203.0.113.40 ip ttl 33 udp dport 3544 counter
	}
}
NFT
check "ip link add teredo0 type teredo link eth0 local 203.0.113.40 ttl 33 (the plugin)" \
	ipp td_gone link add teredo0 type teredo link eth0 local 203.0.113.40 ttl 33
check "ip -d link show: teredo link eth0 local 203.0.113.40 ttl 33, no tos" \
	is "$(details)" "teredo link eth0 local 203.0.113.40 ttl 33"
check "ip -j -d link show: info_data is link, local and ttl, no tos" \
	is "$(info_data)" '{"link": "eth0", "local": "203.0.113.40", "ttl": 33}'
t6 td_gone teredo set state client servername 203.0.113.10 >/dev/null
check "local 203.0.113.40 not on the host yet: offline (no_ipv4)" within 10 \
	jis td_gone "state reason" "offline no_ipv4"
ip -n td_gone addr add 203.0.113.40/24 dev eth0
check "the address comes: the socket is bound, qualified" \
	within 40 state_is td_gone qualified
check "mapping 203.0.113.40: sent from local, not from the primary .41" \
	jis td_gone mapping.address 203.0.113.40
gport=$(jget td_gone local_port)
check "the UDP socket is bound to 203.0.113.40 on eth0 (ss: 203.0.113.40%eth0:$gport)" \
	sh -c "ip netns exec td_gone ss -ulnH | grep -qF ' 203.0.113.40%eth0:$gport '"
check "its RSs reached the server with TTL 33" sh -c \
	"ip netns exec td_srv nft list chain ip ttl input | grep -Eq 'counter packets [1-9]'"
k=$(klog_mark)
ip netns del td_gone
sleep 3		# the namespace goes in the cleanup worker
check "namespace deleted: the interface and its socket went quietly" \
	no_splat "$k"

# --- disabled, then back ----------------------------------------------------------
check "set state disabled" t6 td_cli teredo set state disabled
check "offline, reason disabled" within 10 \
	jis td_cli "state reason" "offline disabled"
check "the address and the default route are gone" within 10 sh -c \
	"! ip -n td_cli -6 addr show dev teredo0 | grep -q 'inet6 2001:0:' &&
	 ! ip -n td_cli -6 route show default | grep -q teredo0"
check "type=client again qualifies" t6 td_cli teredo set state type=client
check "qualified again" within 40 state_is td_cli qualified

# --- a restricted NAT -------------------------------------------------------------
nat restricted
check "behind masquerade: set state" \
	t6 td_lan teredo set state client servername 203.0.113.10
check "qualified behind a restricted NAT" within 60 state_is td_lan qualified
check "NAT: restricted (the cone probe got no answer)" \
	jis td_lan nat restricted
check "mapping is the NAT's address" jis td_lan mapping.address 203.0.113.30

# the NAT forgets the mapping and makes another on other ports
check "refreshinterval 5 behind the NAT" \
	t6 td_lan teredo set state refreshinterval 5
old=$(jget td_lan address)
nat moved
ip netns exec td_nat conntrack -D -p udp -s 10.0.0.2 >/dev/null 2>&1
moved_on() {	# the mapping is a port of the NAT's range, the address new
	local p a
	read -r p a <<<"$(jget td_lan "mapping.port address")"
	echo "mapping port $p, address $a (was $old)"
	[ "$p" -ge 20000 ] && [ "$p" -le 20009 ] && [ "$a" != "$old" ] &&
		ip -n td_lan -6 addr show dev teredo0 | grep -q "inet6 $a/32" &&
		! ip -n td_lan -6 addr show dev teredo0 | grep -q "inet6 $old/"
}
check "the NAT's mapping moves: the refresh finds it, a new address" \
	within 30 moved_on

# --- a full cone NAT ----------------------------------------------------------------
nat cone
check "clientport 3545 behind a full cone NAT" \
	t6 td_lan teredo set state clientport 3545
check "qualified behind a cone NAT" within 60 state_is td_lan qualified
check "NAT: cone (the answer from the other address came in)" \
	jis td_lan nat cone
check "mapping 203.0.113.30:3545" \
	jis td_lan "mapping.address mapping.port" "203.0.113.30 3545"

# --- a symmetric NAT ----------------------------------------------------------------
nat symmetric
check "clientport 3546 (a new socket, a new mapping)" \
	t6 td_lan teredo set state clientport 3546
check "offline behind a symmetric NAT" within 60 \
	jis td_lan "state reason" "offline symmetric_nat"
check "offline says when it tries again" \
	test "$(jget td_lan next_try_ms)" -gt 0

# --- no server ------------------------------------------------------------------------
check "servername 203.0.113.50 (nobody)" \
	t6 td_cli teredo set state servername 203.0.113.50
check "offline: primary server unreachable over UDP" within 40 \
	jis td_cli "state reason" "offline server_unreachable"
check "failover: 203.0.113.50,203.0.113.10 ends on the second" \
	t6 td_cli teredo set state servername 203.0.113.50,203.0.113.10
check "qualified through the second server" within 60 state_is td_cli qualified
check "server in use 203.0.113.10" \
	jis td_cli server 203.0.113.10

# --- a server that answers wrong --------------------------------------------------------
# tests/selftests/teredo_fake_server.py at 203.0.113.12 answers our first
# RS with six RAs a client must refuse (RFC 4380 5.2.1), each a counted
# drop: no origin indication (malformed), another nonce (bad_nonce), two
# prefixes, no prefix, another server's prefix, a wrong checksum
# (bad_icmp).  Had any been taken, the later ones would be quietly ignored
# as answers to an answered RS and the counts would be short.  The next RS
# gets the right answer: qualified through it.
if python3 -c 'import scapy' 2>/dev/null; then
	ip -n td_srv addr add 203.0.113.12/24 dev eth0
	bg td_srv python3 "$T6_TOP/tests/selftests/teredo_fake_server.py" 203.0.113.12 \
		>"$T6_TMP/fake.log"
	wait_for 30 sh -c "ip netns exec td_srv ss -uln sport = 3544 | grep -q 203.0.113.12"
	snap=$(drop_snap td_cli teredo show state)
	check "servername 203.0.113.12 (answers wrong first)" \
		t6 td_cli teredo set state servername 203.0.113.12
	check "qualified through it, at its second answer" within 40 \
		addr_is td_cli qualified 2001:0:cb00:710c:
	check "... the six wrong RAs before: malformed +1, bad_icmp +4, bad_nonce +1" \
		moved "malformed +1 bad_icmp +4 bad_nonce +1"
	fake_sent() {	# what the fake server sent, in order
		cat "$T6_TMP/fake.log"
		[ "$(awk '{ printf "%s ", $1 }' "$T6_TMP/fake.log" | cut -d' ' -f1-7)" = \
		  "noorigin badnonce twoprefix noprefix otherserver badcsum good" ]
	}
	check "... they were sent (noorigin ... badcsum), then a good one" fake_sent
	check "server in use 203.0.113.12, prefix 2001:0:cb00:710c::/64" \
		eval 'jis td_cli server 203.0.113.12 && addr_is td_cli qualified 2001:0:cb00:710c:'
	check "back to miredo-server" t6 td_cli teredo set state servername 203.0.113.10
	check "qualified through it again" within 40 \
		addr_is td_cli qualified 2001:0:cb00:710a:
else
	skip "a server that answers wrong: needs python3-scapy"
fi

# --- bad input -------------------------------------------------------------------------
check "ip link add ... type teredo tos inherit: the kernel says tos is not a Teredo option" \
	refused_with "tos is not a Teredo option" \
	ipp td_cli link add teredo9 type teredo tos inherit
check_fails "servername 10.1.1.1: not global" \
	t6 td_cli teredo set state servername 10.1.1.1
check_fails "refreshinterval 4: too short" \
	t6 td_cli teredo set state refreshinterval 4
check_fails "type bogus" t6 td_cli teredo set state type=bogus
check "kernel: a private server is refused (EINVAL)" expect_genl "error=-22" \
	td_cli SET_DEVICE teredo0 T6A_TEREDO/T6A_TEREDO_SERVERS/T6A_ADDR_IPV4=ip4:10.1.1.1
check "kernel: refresh 4 is refused (ERANGE)" expect_genl "error=-34" \
	td_cli SET_DEVICE teredo0 T6A_TEREDO/T6A_TEREDO_REFRESH=u32:4
check_fails "kernel: a second Teredo interface is refused" \
	ip -n td_cli link add teredo1 type teredo
ip -n td_cli link add sixtofour0 type sixtofour
check "kernel: a Teredo nest on a 6to4 interface is refused (EOPNOTSUPP)" \
	expect_genl "error=-95 not a Teredo interface" \
	td_cli SET_DEVICE sixtofour0 T6A_TEREDO/T6A_TEREDO_TYPE=u8:1
finish
