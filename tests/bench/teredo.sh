#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# One VM run: client to client over Teredo with no NAT between them,
# transit6 against two miredo clients, and against sit over fou (the
# kernel's own IPv6-in-UDP tunnel, the in-kernel baseline), iperf3 TCP
# single stream and 64-byte UDP packets per second; see lib.sh.  Every
# tunnel has MTU 1280 (Teredo's).  Every veth is a NIC without UDP tunnel
# TSO but with GRO (tso off, gro on): a veth with TSO hands 64 KB of
# sit-over-fou to the other end whole, which no wire does, and turns GRO
# away.
#
#   bridge br0 in bt_net, 203.0.113.0/24
#   bt_srv .10 .11  miredo-server
#   bt_a .1 -- bt_b .2    transit6 teredo0, qualified at bt_srv
#   bm_a .3 -- bm_b .4    miredo clients (mteredo), qualified at bt_srv
#   bf_a .5 -- bf_b .6    sit over fou (port 5555), 2001:db8:2::/64
set -u
source "$(dirname "$0")/../selftests/lib.sh"
source "$(dirname "$0")/lib.sh"

load_module || { echo "bench: cannot load transit6" >&2; exit 1; }
modprobe -a sit fou tun
for c in miredo miredo-server; do
	command -v $c >/dev/null || { echo "bench: needs $c" >&2; exit 1; }
done

netns bt_net bt_srv bt_a bt_b bm_a bm_b bf_a bf_b
ip -n bt_net link add br0 type bridge && ip -n bt_net link set br0 up
for x in srv:10 a:1 b:2; do
	veth "bt_${x%:*}" eth0 "203.0.113.${x#*:}/24" bt_net "p${x%:*}" -
	ip -n bt_net link set "p${x%:*}" master br0
done
for x in bm_a:3 bm_b:4 bf_a:5 bf_b:6; do
	veth "${x%:*}" eth0 "203.0.113.${x#*:}/24" bt_net "p${x%:*}" -
	ip -n bt_net link set "p${x%:*}" master br0
done
ip -n bt_srv addr add 203.0.113.11/24 dev eth0
for ns in bt_net bt_srv bt_a bt_b bm_a bm_b bf_a bf_b; do
	for d in $(ip -n $ns -o link show type veth | awk -F': ' '{ print $2 }' | cut -d@ -f1); do
		ip netns exec $ns ethtool -K "$d" gro on tso off >/dev/null 2>&1
	done
done

cat >"$T6_TMP/srv.conf" <<CONF
ServerBindAddress 203.0.113.10
CONF
bg bt_srv miredo-server -f -c "$T6_TMP/srv.conf" -p "$T6_TMP/srv.pid"
wait_for 10 sh -c "ip netns exec bt_srv ss -uln sport = 3544 | grep -q 203.0.113.11"
for ns in bm_a bm_b; do
	printf 'RelayType client\nInterfaceName mteredo\nServerAddress 203.0.113.10\n' \
		>"$T6_TMP/$ns.conf"
	bg $ns miredo -f -c "$T6_TMP/$ns.conf" -p "$T6_TMP/$ns.pid"
done
for ns in bt_a bt_b; do
	t6 $ns teredo set state client servername 203.0.113.10 >/dev/null
done

# sit over fou: the kernel's own IPv6 in UDP, point to point
for x in bf_a:5:6:1 bf_b:6:5:2; do
	IFS=: read -r ns me peer n <<<"$x"
	ip netns exec $ns ip fou add port 5555 ipproto 41
	ip -n $ns link add sf0 type sit remote 203.0.113.$peer local 203.0.113.$me \
		ttl 64 encap fou encap-sport auto encap-dport 5555
	ip -n $ns link set sf0 mtu 1280 up
	ip -n $ns addr add 2001:db8:2::$n/64 dev sf0 nodad
done

t6addr() { json "$1" 'j["address"] if j["state"] == "qualified" else ""' teredo show state; }
miaddr() {
	ip -n "$1" -6 addr show dev mteredo 2>/dev/null |
		awk '$1 == "inet6" && $2 ~ /^2001:0:/ { sub("/.*", "", $2); print $2; exit }'
}
wait_for 60 sh -c "[ -n \"\$(ip netns exec bt_b $T6 -j teredo show state | grep '\"qualified\"')\" ]"
wait_for 60 sh -c "ip -n bm_b -6 addr show dev mteredo | grep -q 'inet6 2001:0:'"
T6B=$(t6addr bt_b) MIB=$(miaddr bm_b)
echo "# transit6 b: ${T6B:-not qualified}, miredo b: ${MIB:-not qualified}"
[ -n "$T6B" ] && [ -n "$MIB" ] || { echo "bench: Teredo clients did not qualify" >&2; exit 1; }
# the first packets set up the peers (bubbles)
wait_for 30 ip netns exec bt_a ping -6 -c1 -W1 "$T6B" || echo "bench: transit6 path down" >&2
wait_for 30 ip netns exec bm_a ping -6 -c1 -W1 "$MIB" || echo "bench: miredo path down" >&2
wait_for 10 ip netns exec bf_a ping -6 -c1 -W1 2001:db8:2::2 || echo "bench: sit/fou path down" >&2

impls=(sitfou miredo transit6)
base=sitfou
ns_of() { case $1 in sitfou) echo bf_a ;; miredo) echo bm_a ;; transit6) echo bt_a ;; esac; }
dst_of() { case $1 in sitfou) echo 2001:db8:2::2 ;; miredo) echo "$MIB" ;; transit6) echo "$T6B" ;; esac; }
echo "# Teredo"
bench_run
