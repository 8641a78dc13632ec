#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Teredo peers and the data path (RFC 4380 5.2.3-5.2.9) against miredo
# 1.2.6: a miredo client behind a restricted NAT (bubbles, direct and
# through the server), a native host through a miredo relay (the echo
# test, both ways), and what the client refuses, each a counted drop.
#
#                         td_net (bridge br0)
#   203.0.113.0/24, 2001:db8::/64
#   +-----------+-------------+--------------+--------------+
#  td_srv      td_cli        td_nat         td_rel        td_v6
#  .10 .11     .20           .30 (WAN)      .50           2001:db8::1
#  miredo-     transit6      | 10.0.0.1     miredo relay  2001:db8::2
#  server      teredo0       td_mir 10.0.0.2 2001:db8::5  native host
#  2001:db8::10 (no NAT)     miredo client
source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need miredo miredo-server nft python3 ping
modprobe tun 2>/dev/null
klog_start

netns td_net td_srv td_cli td_nat td_mir td_rel td_v6 || { fail "netns"; finish; }
ip -n td_net link add br0 type bridge && ip -n td_net link set br0 up
for x in srv:10 cli:20 nat:30 rel:50 v6:60; do
	ns=td_${x%:*}
	veth "$ns" eth0 "203.0.113.${x#*:}/24" td_net "p${x%:*}" - &&
		ip -n td_net link set "p${x%:*}" master br0 || { fail "wire $ns"; finish; }
done
ip -n td_srv addr add 203.0.113.11/24 dev eth0
veth td_nat eth1 10.0.0.1/24 td_mir eth0 10.0.0.2/24 || { fail "veth"; finish; }
ip -n td_mir route add default via 10.0.0.1
ip netns exec td_nat sysctl -qw net.ipv4.ip_forward=1
for x in srv:10 rel:5 v6:1; do
	ip -n "td_${x%:*}" addr add "2001:db8::${x#*:}/64" dev eth0 nodad
done
ip -n td_v6 addr add 2001:db8::2/64 dev eth0 nodad
ip -n td_v6 route add 2001::/32 via 2001:db8::5
ip -n td_srv route add 2001::/32 via 2001:db8::5
ip netns exec td_rel sysctl -qw net.ipv6.conf.all.forwarding=1

# a home router: masquerade, and nothing new in from the WAN
ip netns exec td_nat nft -f - <<'NFT'
table ip nat {
	chain post {
		type nat hook postrouting priority srcnat;
		oifname "eth0" masquerade
	}
}
table ip filter {
	chain input {
		type filter hook input priority filter;
		iifname "eth0" ct state new drop
	}
}
NFT

cat >"$T6_TMP/srv.conf" <<CONF
ServerBindAddress 203.0.113.10
CONF
cat >"$T6_TMP/mir.conf" <<CONF
RelayType client
InterfaceName mteredo
ServerAddress 203.0.113.10
BindPort 3545
CONF
cat >"$T6_TMP/rel.conf" <<CONF
RelayType relay
InterfaceName rteredo
BindPort 3546
CONF
bg td_srv miredo-server -f -c "$T6_TMP/srv.conf" -p "$T6_TMP/srv.pid"
wait_for 10 ip netns exec td_srv ss -uln sport = 3544 | grep -q 203.0.113.11 ||
	log "miredo-server not listening yet"
bg td_mir miredo -f -c "$T6_TMP/mir.conf" -p "$T6_TMP/mir.pid"
bg td_rel miredo -f -c "$T6_TMP/rel.conf" -p "$T6_TMP/rel.pid"

# "t6 -j teredo show state" read by bash (lib.sh's t6val): polls start no
# python.  jget NS PATHS; jis NS PATHS WANT; state_is NS WANT
jget() { t6val "$1" "$2" teredo show state; }
jis() { t6is "$1" "$2" "$3" teredo show state; }
state_is() { jis "$1" state "$2"; }
# peer NS ADDR PATHS: the values of the peer ADDR in "t6 -j teredo show
# peers" (an array of objects, each starting with its address), or none
peer() {
	local j k out='' head="{\"address\":\"$2\""
	j=$(t6 "$1" -j teredo show peers) || return 1
	[[ $j == *"$head"* ]] || { echo none; return; }
	j=${j#*"$head"}
	j=$head${j%%,\{\"address\":*}
	for k in $3; do out+="${out:+ }$(jval "${j%]}" "$k")"; done
	echo "$out"
}
peer_is() {	# NS ADDR PATHS WANT: the peer's PATHS are WANT
	local got
	got=$(peer "$1" "$2" "$3")
	echo "got $got, want $4 in:"
	t6 "$1" -j teredo show peers
	[ "$got" = "$4" ]
}
snap=''
moved() {	# WANT: the drop counters moved by exactly WANT since $snap
	local m
	m=$(drops_moved "$snap" "$(drop_snap td_cli teredo show state)")
	echo "moved: $m"
	[ "$m" = "$1" ]
}
has_moved() {	# REGEX: the counters that moved since $snap match it
	local m
	m=$(drops_moved "$snap" "$(drop_snap td_cli teredo show state)")
	echo "$m"
	[[ $m =~ $1 ]]
}
miredo_addr() {
	ip -n td_mir -6 addr show dev mteredo scope global 2>/dev/null |
		sed -n 's|.*inet6 \(2001:0:[^/]*\)/.*|\1|p'
}

# everything td_cli sends and receives, for tshark (below)
ip netns exec td_cli sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth0.rp_filter=0
bg td_cli tcpdump -i eth0 -s 200 -U -w "$T6_TMP/td.pcap" udp
capture=$!
wait_for 10 test -s "$T6_TMP/td.pcap"
debug_kernel=false
[[ $(uname -r) == *t6debug* ]] && debug_kernel=true
# what is timers and time, not the kernel's own interfaces (the relay's
# silence, dormant), and the full flood, on one stock kernel (CI time)
main_kernel=false
[[ $(uname -r) == 6.12.* ]] && main_kernel=true

# --- offline: nothing goes out -----------------------------------------------------
check "teredo0 created disabled" t6 td_cli teredo set state disabled servername 203.0.113.10
# a source for the packet while there is no Teredo address
ip -n td_cli addr add 2001:db8:ff::20/128 dev lo
ip -n td_cli -6 route add 2001::/32 dev teredo0
snap=$(drop_snap td_cli teredo show state)
ip netns exec td_cli ping -c 1 -W 1 2001:0:cb00:710a::1 >/dev/null 2>&1
check "not qualified: a packet to a Teredo address is drops.offline +1" \
	within 5 moved "offline +1"
ip -n td_cli -6 route del 2001::/32 dev teredo0
ip -n td_cli addr del 2001:db8:ff::20/128 dev lo
check "type client" t6 td_cli teredo set state client
check "transit6 qualified" within 40 state_is td_cli qualified
addr=$(jget td_cli address)
miredo_up() { [ -n "$(miredo_addr)" ]; }
check "miredo qualified behind its NAT" within 40 miredo_up
maddr=$(miredo_addr)
log "transit6 $addr, miredo $maddr"

# --- a miredo client behind a restricted NAT ------------------------------------------
# Our direct bubble dies at its NAT; the indirect one, through the server,
# makes miredo send one straight back, which is where trust comes from.
check "transit6 -> miredo: ping through bubbles" \
	ip netns exec td_cli ping -c 3 -i 0.5 -w 20 "$maddr"
check "miredo is a trusted peer at its NAT's mapping (203.0.113.30)" \
	peer_is td_cli "$maddr" "trusted mapping.address" \
	"true 203.0.113.30"
check "miredo -> transit6: ping" \
	ip netns exec td_mir ping -c 3 -i 0.5 -w 20 "$addr"
check "1200-byte packets both ways" \
	ip netns exec td_cli ping -c 2 -s 1200 -w 10 "$maddr"
# tcp_1mb TO_NS FROM_NS ADDR PORT: 1 MB over TCP from FROM_NS to ADDR:PORT
# in TO_NS, which answers with the count it received
tcp_1mb() {
	ip netns exec "$1" python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET6); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("::", int(sys.argv[1]))); s.listen(1); s.settimeout(30); c, _ = s.accept(); c.settimeout(30)
n = 0
while n < 1 << 20:
    d = c.recv(65536)
    if not d: break
    n += len(d)
c.sendall(str(n).encode()); c.close()' "$4" &
	local srv=$! rc
	wait_for 10 sh -c "ip netns exec $1 ss -tln sport = $4 | grep -q LISTEN"
	ip netns exec "$2" python3 -c '
import socket, sys
c = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=30)
c.sendall(b"x" * (1 << 20)); c.shutdown(socket.SHUT_WR)
r = c.recv(64); print(r); sys.exit(r != str(1 << 20).encode())' "$3" "$4"
	rc=$?
	wait "$srv"
	return $rc
}
txs() { ip netns exec td_cli cat "/sys/class/net/teredo0/statistics/tx_$1"; }
tb0=$(txs bytes) tp0=$(txs packets)
check "TCP: 1 MB to miredo and back (GSO cut into segments here)" \
	tcp_1mb td_mir td_cli "$maddr" 5001

# what left counts as IPv6 packets, each no larger than the MTU, and no
# fewer than 1 MB of 1220-byte segments makes (not as the datagrams, nor
# with the room the encapsulation took)
tx_count() {
	local b=$(($(txs bytes) - tb0)) p=$(($(txs packets) - tp0))
	echo "teredo0 sent $p packets, $b bytes"
	[ "$p" -ge 860 ] && [ "$b" -le $((p * 1280)) ] && [ "$b" -ge $((1 << 20)) ]
}
check "... teredo0 counted it as packets of the MTU or less (tx_packets, tx_bytes)" tx_count

# --- GRO: what miredo sends merges on the way in ------------------------------------
# td_nat lets miredo's packets out in bursts (netem slot), as a NIC's
# interrupts do, and td_cli's veth has NAPI (GRO on; veth passes only
# what its sender could not have segmented itself, so the bridge's port
# has TSO off): a TCP stream from miredo reaches teredo0 merged, in
# packets larger than its MTU.
gro_setup() {
	ip netns exec td_cli ethtool -K eth0 gro on &&
	ip netns exec td_net ethtool -K pcli tso off &&
	tc -n td_nat qdisc add dev eth0 root netem slot 20ms 20ms packets 16
}
gro_undo() {
	tc -n td_nat qdisc del dev eth0 root 2>/dev/null
	ip netns exec td_cli ethtool -K eth0 gro off
	ip netns exec td_net ethtool -K pcli tso on
}
rxs() { ip netns exec td_cli cat "/sys/class/net/teredo0/statistics/rx_$1"; }
# per_packet CMP: teredo0's bytes a packet received since b0/p0 CMP 1280
per_packet() {
	local b=$(($(rxs bytes) - b0)) p=$(($(rxs packets) - p0))
	echo "teredo0 received $p packets, $b bytes: $((b / (p ? p : 1))) a packet"
	[ "$p" -gt 0 ] && [ $((b / p)) "$1" 1280 ]
}
# gro_stream PORT CMP STREAM SIZES: 1 MB from miredo to us at PORT through
# the bursting NAT (check STREAM), teredo0's bytes a packet CMP 1280
# (check SIZES), and no drops
gro_stream() {
	if gro_setup 2>/dev/null; then
		b0=$(rxs bytes) p0=$(rxs packets)
		snap=$(drop_snap td_cli teredo show state)
		check "$3" tcp_1mb td_cli td_mir "$addr" "$1"
		check "$4" per_packet "$2"
		check "... and no drops" moved ""
	else
		skip "$3: needs ethtool -K gro and netem"
	fi
	gro_undo
}
gro_stream 5002 -gt "TCP: 1 MB from miredo, through a NAT that sends in bursts" \
	"GRO: it reached teredo0 in packets larger than the MTU (1280)"

# --- a native host through a miredo relay --------------------------------------------
check "transit6 -> native 2001:db8::1: the echo test finds the relay" \
	ip netns exec td_cli ping -c 3 -i 0.5 -w 20 2001:db8::1
check "2001:db8::1 is trusted at the relay (203.0.113.50:3546)" \
	peer_is td_cli 2001:db8::1 \
	"trusted mapping.address mapping.port" "true 203.0.113.50 3546"
check "native 2001:db8::2 -> transit6 first: its relay is tested too" \
	ip netns exec td_v6 ping -c 4 -i 1 -w 20 -I 2001:db8::2 "$addr"
relay_quiet=$SECONDS		# the relay hears nothing more until below
kill "$capture"

# --- tshark decodes what went over the wire ------------------------------------------
# One pass (tshark is slow under TCG; not at all on the debug kernel), a
# line a frame: ip.src ip.dst udp.dstport nonce origin nxt src6 dst6
# icmp6-type malformed expert-severity, tab-separated.
if ! $debug_kernel; then
	tshark -r "$T6_TMP/td.pcap" -o teredo.heuristic_teredo:TRUE -T fields \
		-e ip.src -e ip.dst -e udp.dstport -e teredo.auth.nonce \
		-e teredo.orig.addr -e ipv6.nxt -e ipv6.src -e ipv6.dst \
		-e icmpv6.type -e _ws.malformed -e _ws.expert.severity \
		>"$T6_TMP/frames" 2>/dev/null
	frames() {	# AWK-CONDITION: frames that match, at least one
		awk -F'\t' "$1 { n++ } END { exit !n }" "$T6_TMP/frames"
	}
	me='$1 == "203.0.113.20"'
	check "tshark: our RSs carry an authentication header with a nonce" \
		frames "$me && \$4 != \"\" && \$9 == 133"
	check "tshark: the RAs carry an origin indication of our mapping" \
		frames '$2 == "203.0.113.20" && $5 == "203.0.113.20" && $9 == 134'
	check "tshark: our direct bubble to miredo's NAT, and one through the server" sh -c \
		"awk -F'\t' '$me && \$6 == 59 && \$7 == \"$addr\" && \$8 == \"$maddr\" { if (\$2 == \"203.0.113.30\") d++; if (\$3 == 3544) i++ } END { exit !(d && i) }' '$T6_TMP/frames'"
	check "tshark: the echo test to 2001:db8::1 through the server" \
		frames "$me && \$3 == 3544 && \$9 == 128 && \$8 == \"2001:db8::1\""
	check "tshark: data straight to miredo's mapping and to the relay" sh -c \
		"awk -F'\t' '$me && \$9 == 128 { if (\$2 == \"203.0.113.30\") m++; if (\$2 == \"203.0.113.50\" && \$3 == 3546) r++ } END { exit !(m && r) }' '$T6_TMP/frames'"
	check "tshark: nothing malformed, no expert errors" \
		awk -F'\t' '$10 != "" || $11 >= 8388608 { bad++; print } END { exit bad > 0 }' "$T6_TMP/frames"
fi

# --- what goes to nobody ----------------------------------------------------------
# a Teredo address whose mapping (203.0.113.77:40000) does not answer
dead=2001:0:cb00:710a:0:63bf:34ff:8eb2
snap=$(drop_snap td_cli teredo show state)
ip netns exec td_cli ping -c 20 -i 0.5 -s 1200 -w 12 "$dead" >"$T6_TMP/dead" 2>&1
check "a peer that never answers: 4 probes, then Address unreachable" \
	grep -q 'Address unreachable' "$T6_TMP/dead"
check "... which it says in show peers (probes 4, not trusted)" \
	peer_is td_cli "$dead" "probes trusted" "4 false"
check "... and counts: no_peer, queue_full (4 packets wait)" \
	has_moved '^no_peer \+[0-9]+ queue_full \+[0-9]+$' 
check "... what waited for it is dropped 10 s after the last probe" \
	within 30 peer_is td_cli "$dead" queued 0
snap=$(drop_snap td_cli teredo show state)
ip netns exec td_cli ping -c 1 -W 1 2001:0:cb00:710a:0:63bf:f5fe:fefc >/dev/null 2>&1
check "a Teredo address of a private mapping (10.1.1.3): drops.bad_ipv4 +1" \
	within 5 moved "bad_ipv4 +1"

# --- what the client does not take (spoofed from td_srv) -------------------------
port=$(jget td_cli local_port)
spoof() {	# SRC SPORT HEX: one datagram to the client's port
	ip netns exec td_srv python3 "$T6_TOP/tests/selftests/udp_spoof.py" \
		"$1" "$2" 203.0.113.20 "$port" "$3"
}
hex6() { python3 -c "import ipaddress,sys; print(ipaddress.IPv6Address(sys.argv[1]).packed.hex())" "$1"; }
A=$(hex6 "$addr")
# a Teredo source embedding 203.0.113.77:40000 (flags 0)
T77=$(hex6 "$dead")
# an IPv6 header with no payload (a bubble), and one with 8 bytes of it
bubble() { echo "60000000 0000 3b 00 $1 $2" | tr -d ' '; }
data() { echo "60000000 0008 3b 40 $1 $2 0000000000000000" | tr -d ' '; }
snap=$(drop_snap td_cli teredo show state)
spoof 203.0.113.88 40000 "$(data "$T77" "$A")"
check "a Teredo source not from its mapping: drops.mapping +1" within 5 moved "mapping +1"
snap=$(drop_snap td_cli teredo show state)
spoof 203.0.113.77 40000 "$(data fe800000000000000000000000000001 "$A")"
check "a link-local source not from the server: drops.link_local +1" \
	within 5 moved "link_local +1"
snap=$(drop_snap td_cli teredo show state)
spoof 203.0.113.77 40000 "$(data "$T77" "$(hex6 2001:0:cb00:710a::1)")"
check "to another Teredo address than ours: drops.dst_mismatch +1" \
	within 5 moved "dst_mismatch +1"
snap=$(drop_snap td_cli teredo show state)
spoof 203.0.113.77 40000 0001
check "garbage: drops.malformed +1" within 5 moved "malformed +1"
snap=$(drop_snap td_cli teredo show state)
spoof 203.0.113.77 40000 "$(data "$T77" "$A" | cut -c1-88)"
check "cut short (8 bytes of payload said, 4 there): drops.malformed +1" \
	within 5 moved "malformed +1"
spoof 203.0.113.77 40000 "$(bubble "$T77" "$A")"
check "a bubble from its mapping makes a trusted peer" \
	peer_is td_cli "$dead" trusted true

# indirect bubbles the server forwards, more than 64 in a second: the
# answers are capped; origin 203.0.113.77:40000
# obscured() A.B.C.D: the address as a Teredo address carries it, in hex
obscured() { local IFS=.; set -- $1; printf '%02x%02x%02x%02x' $(($1 ^ 255)) $(($2 ^ 255)) $(($3 ^ 255)) $(($4 ^ 255)); }
O=0000$(printf '%04x' $((40000 ^ 0xffff)))$(obscured 203.0.113.77)
snap=$(drop_snap td_cli teredo show state)
ip netns exec td_srv python3 "$T6_TOP/tests/selftests/udp_spoof.py" \
	203.0.113.10 3544 203.0.113.20 "$port" "$O$(bubble "$T77" "$A")" 200
check "indirect bubbles past 64/s: drops.bubble_limit" \
	within 5 has_moved '^bubble_limit \+[0-9]+$' 

# a full table: maxpeers 2 and new Teredo sources from their mappings
check "maxpeers 2" t6 td_cli teredo set state maxpeers 2
before=$(jget td_cli peers)
snap=$(drop_snap td_cli teredo show state)
for i in 1 2 3 4; do
	a=$(obscured "203.0.113.$((80 + i))")
	spoof "203.0.113.$((80 + i))" 40000 "$(bubble "20010000cb00710a000063bf$a" "$A")"
done
check "peers over the limit are refused: drops.peer_limit +4" \
	within 5 has_moved '^peer_limit \+4$'
check "... and there are as many as before ($before)" \
	jis td_cli peers "$before"
check_fails "maxpeers 0 is refused" t6 td_cli teredo set state maxpeers 0
check "kernel: peer max 0 is refused (ERANGE)" expect_genl "error=-34" \
	td_cli SET_DEVICE teredo0 T6A_TEREDO/T6A_TEREDO_PEER_MAX=u32:0
check "maxpeers default" t6 td_cli teredo set state maxpeers default

# --- the relay after more than 60 s of silence ------------------------------------
# miredo's relay forgot us 30 s after it last heard us, and our entry
# for the native hosts went stale: both ends test again by themselves
# (timers and waiting, not memory or kernel interfaces: on 6.12 only)
if ! $main_kernel; then
	skip "the relay after 60 s of silence, dormant: on 6.12 only"
else
	while [ $((SECONDS - relay_quiet)) -le 61 ]; do sleep 1; done
	check "after 60 s of silence we reach the native host (a new echo test)" \
		ip netns exec td_cli ping -c 3 -i 1 -w 20 2001:db8::1
	check "... and it reaches us" \
		ip netns exec td_v6 ping -c 3 -i 1 -w 20 -I 2001:db8::2 "$addr"

	# dormant (as Windows): no traffic for idletimeout; no refreshes;
	# the next packet wakes it.  td_srv counts our RSs.
	ip netns exec td_srv nft -f - <<'NFT'
table ip t6count {
	chain in {
		type filter hook input priority filter;
		ip saddr 203.0.113.20 udp dport 3544 counter
	}
}
NFT
	rs_seen() { ip netns exec td_srv nft list table ip t6count | sed -n 's/.*counter packets \([0-9]*\).*/\1/p'; }
	T6_MONITOR_OUT=$T6_TMP/events
	ip netns exec td_cli stdbuf -oL "$T6" monitor -j >"$T6_MONITOR_OUT" 2>&1 &
	T6_PIDS+=($!)
	sleep 1
	check "idletimeout 5, refreshinterval 5" \
		t6 td_cli teredo set state idletimeout 5 refreshinterval 5
	state_addr() {	# WANT: "state reason address" of show state
		jis td_cli "state reason address" "$1" &&
			ip -n td_cli -6 addr show dev teredo0 | grep -q "inet6 $addr/32"
	}
	check "no traffic for 5 s: dormant (idle), the address kept" \
		within 40 state_addr "dormant idle $addr"
	before=$(rs_seen)
	sleep 7
	check "dormant: no refresh in 7 s (refreshinterval 5)" test "$(rs_seen)" = "$before"
	check "a packet wakes it, and gets through" \
		ip netns exec td_cli ping -c 3 -i 1 -w 20 "$maddr"
	check "awake: qualified, the same address" state_addr "qualified none $addr"
	check "... after a refresh to the server" test "$(rs_seen)" -gt "$before"
	check "t6 monitor: qualified/none, dormant/idle, qualified/none" python3 - "$T6_MONITOR_OUT" <<'PY'
import json, sys
seen = [e["state"] + "/" + e["reason"] for e in map(json.loads, open(sys.argv[1]))
        if e["ifname"] == "teredo0"]
print(seen)
i = seen.index("dormant/idle")
assert "qualified/none" in seen[i:], seen
PY
	check "idletimeout default" \
		t6 td_cli teredo set state idletimeout default refreshinterval default
fi

# --- a bubble flood from spoofed Teredo clients ----------------------------------
n=20000
$main_kernel && n=100000
$debug_kernel && n=3000
check "maxpeers 500" t6 td_cli teredo set state maxpeers 500
snap=$(drop_snap td_cli teredo show state)
# The table's size, sampled while the flood lasts: under a slow TCG the
# flood outlasts UNUSED_IDLE (30 s), so the first peers age out while it
# goes on, and what is left at its end says nothing about the cap.  The
# largest size seen must be the cap, exactly.  A table that filled stays
# full until the GC sweeps its peers, some 30 s later: a sample every 2 s
# (t6 costs the flood CPU) and one when it is over find it.
: >"$T6_TMP/peers_seen"
(
	while :; do
		jget td_cli peers >>"$T6_TMP/peers_seen" 2>/dev/null
		sleep 2
	done
) &
sampler=$!
ip netns exec td_srv python3 "$T6_TOP/tests/selftests/teredo_flood.py" \
	"$n" 203.0.113.20 "$port" "$addr"
kill "$sampler"
wait "$sampler" 2>/dev/null
jget td_cli peers >>"$T6_TMP/peers_seen"
check "$n spoofed clients: the table reaches its cap (500), never more" \
	sh -c 'm=$(sort -n "$1" | tail -n1); echo "largest: $m"; [ "$m" = 500 ]' \
	- "$T6_TMP/peers_seen"
check "... the rest counted as peer_limit" within 5 has_moved '^peer_limit \+[0-9]+$'
check "... and the data path still works" \
	ip netns exec td_cli ping -c 2 -w 10 "$maddr"

# --- a new address forgets the peers -----------------------------------------------
check "disabled: no peers left" sh -c \
	"t6() { ip netns exec td_cli $T6 \"\$@\"; }; t6 teredo set state disabled &&
	 [ \"\$(t6 -j teredo show peers)\" = '[]' ]"

# --- going away under traffic and while qualifying ------------------------------
# --- GRO and a socket bound to "local" -------------------------------------------
# Before 6.9 the kernel's UDP GRO looks a tunnel socket up again by the
# inner header's addresses when it completes: one bound to one address is
# not found there, and a merged stream would be cut as plain UDP, its TCP
# payload read as Teredo packets.  teredo0 with "local" takes no GRO: the
# same stream arrives whole, packet by packet.  (Stock kernels: the debug
# kernel has had GRO above; this is about which packets merge.)
if $debug_kernel; then
	check "client again" t6 td_cli teredo set state client
	check "qualified again" within 40 state_is td_cli qualified
else
	ip -n td_cli link del teredo0
	check "teredo0 again, bound to local 203.0.113.20" \
		ip netns exec td_cli env IP_LIB_DIR="$T6_TOP/tools/iproute2" \
		ip link add teredo0 type teredo local 203.0.113.20
	check "client again" t6 td_cli teredo set state client servername 203.0.113.10
	check "qualified again" within 40 state_is td_cli qualified
	addr=$(jget td_cli address)
	gro_stream 5003 -le "local: 1 MB from miredo through the bursting NAT, whole" \
		"... packet by packet (no GRO for a socket bound to one address)"
fi
maddr=$(miredo_addr)
ip netns exec td_cli ping -f -s 1000 -w 30 "$maddr" >/dev/null 2>&1 &
flood=$!
T6_PIDS+=("$flood")
wait_for 20 sh -c "[ \"\$(ip netns exec td_cli $T6 -j teredo show peers | grep -c '\"trusted\":true')\" -ge 1 ]"
sleep 2
k=$(klog_mark)
ip -n td_cli link del teredo0
check "teredo0 deleted under a ping flood: quiet" no_splat "$k"
kill "$flood" 2>/dev/null
check "created again, qualifying" t6 td_cli teredo set state client servername 203.0.113.10
k=$(klog_mark)
ip netns del td_cli
sleep 3
check "namespace deleted while qualifying: quiet" no_splat "$k"
netns td_last
veth td_last eth0 203.0.113.70/24 td_net plast - && ip -n td_net link set plast master br0
t6 td_last teredo set state client servername 203.0.113.10 >/dev/null
k=$(klog_mark)
check "rmmod while a client qualifies" rmmod transit6
check "... quiet, and the interface is gone" sh -c \
	"! ip -n td_last link show teredo0 2>/dev/null"
check "... no splat" no_splat "$k"
load_module
finish
