#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ISATAP device lifecycle under stress: creation and deletion, namespace
# teardown and module removal with timers and traffic live, IPv4 address
# churn.  The VM runner fails the run on any kernel splat; each phase also
# checks the kernel log itself.
#
#   lc_a:  va 10.6.0.1/24 --- (lc_b)            create/delete x100
#   lc_h1: v1 10.6.1.1/24 --- v2 10.6.1.2/24 :lc_h2   ping -f, PRLs, del lc_h2
#   lc_m1, lc_m2, lc_m3: one isatap0 each (m1 <-> m2 pinging)   rmmod, insmod
#   lc_c:  vc 10.6.3.1/24 --- vr 10.6.3.2/24 :lc_r (ISATAP router)
#          addresses added/removed on vc while lc_c pings the router
#          (lc_r routes 172.16/16 and 192.168.7/24 back via 10.6.3.1)
#
# Proves: no leak or splat from 100 create/delete cycles and 10 more with a
# PRL entry (its RS timer racing the deletion); a namespace holding a busy isatap0
# dies cleanly and its peer keeps working; rmmod removes every isatap
# interface of every namespace while they are busy, and the module loads
# and works again; after address churn isatap0 comes back qualified with
# exactly one ISATAP link-local per covered IPv4 address, same ifindex.
source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need ping jq

klog_start
jget() { t6 "$1" -j isatap show state dev isatap0 | jq -r "$2"; }
mkisatap() { ip -n "$1" link add isatap0 type isatap && ip -n "$1" link set isatap0 up; }
ll_up() { ip -n "$1" -6 addr show dev isatap0 | grep -q "$2/64"; }
pinger() { ip netns exec "$1" ping -6 -n -c 1 -W 2 -I isatap0 "$2" >/dev/null 2>&1; }

# --- 1. create/delete 100 times; 10 more with a PRL entry -----------------------
netns lc_a lc_b || { fail "netns"; finish; }
veth lc_a va 10.6.0.1/24 lc_b vb 10.6.0.2/24
k=$(klog_mark)
# 100 create/up/delete cycles from one ip process (a fork per step costs
# a second on the debug kernel), then ten with a PRL entry, half of them
# letting the RS timer fire before the deletion.
batch() {
	local i
	for i in $(seq 100); do
		printf 'link add isatap0 type isatap\nlink set isatap0 up\nlink del isatap0\n'
	done | ip -n lc_a -batch -
}
check "create/up/delete 100 times" batch
cycles() {
	local i
	for i in $(seq 10); do
		mkisatap lc_a && t6 lc_a isatap add router 10.6.0.2 dev isatap0 ||
			{ echo "cycle $i failed"; return 1; }
		[ $((i % 2)) -ne 0 ] || sleep 1.2
		ip -n lc_a link del isatap0 || return 1
	done
}
check "create/PRL/delete 10 times, RS timers racing the deletion" cycles
check "no transit6 interface left in lc_a" \
	test -z "$(ip -n lc_a -o link show type isatap)"
check "create/delete: no kernel splat" no_splat "$k"
log "phase 1 done at ${SECONDS}s"

# --- 2. delete a namespace whose isatap0 is busy ---------------------------------
netns lc_h1 lc_h2
veth lc_h1 v1 10.6.1.1/24 lc_h2 v2 10.6.1.2/24
mkisatap lc_h1 && mkisatap lc_h2 || { fail "isatap0 in lc_h1/lc_h2"; finish; }
t6 lc_h1 isatap set router 10.6.1.2 >/dev/null
t6 lc_h2 isatap set router 10.6.1.1 >/dev/null
t6 lc_h2 isatap set rsinterval 1 >/dev/null
check "lc_h1 pings lc_h2 over ISATAP" within 10 pinger lc_h1 fe80::5efe:a06:102
bg lc_h1 ping -6 -q -f -I isatap0 fe80::5efe:a06:102 >/dev/null 2>&1
PING_H1=$!
busy() { [ "$(ip netns exec lc_h2 cat /sys/class/net/isatap0/statistics/rx_packets)" -gt 200 ]; }
check "flood ping flowing into lc_h2" within 10 busy
k=$(klog_mark)
ip netns del lc_h2
# the veth pair dies with lc_h2, in the same cleanup_net batch as isatap0
gone() { ! ip -n lc_h1 link show v1 >/dev/null 2>&1; }
check "lc_h2 destroyed (its veth peer vanished from lc_h1)" within 30 gone
check "lc_h1's isatap0 survives: t6 still answers" \
	test "$(jget lc_h1 .ifname)" = isatap0
kill "$PING_H1" 2>/dev/null; wait "$PING_H1" 2>/dev/null
ip netns del lc_h1
check "namespace teardown: no kernel splat" no_splat "$k"
log "phase 2 done at ${SECONDS}s"

# --- 3. rmmod with interfaces in several namespaces ------------------------------
netns lc_m1 lc_m2 lc_m3
veth lc_m1 w1 10.6.2.1/24 lc_m2 w2 10.6.2.2/24
ip -n lc_m3 addr add 10.6.2.3/32 dev lo
for ns in lc_m1 lc_m2 lc_m3; do mkisatap $ns || fail "isatap0 in $ns"; done
t6 lc_m1 isatap set router 10.6.2.2 >/dev/null
t6 lc_m3 isatap set router 10.6.2.9 >/dev/null
check "lc_m1 pings lc_m2 over ISATAP" within 10 pinger lc_m1 fe80::5efe:a06:202
bg lc_m1 ping -6 -q -i 0.01 -I isatap0 fe80::5efe:a06:202 >/dev/null 2>&1
bg lc_m2 "$T6" monitor >/dev/null 2>&1
sleep 1
k=$(klog_mark)
check "rmmod transit6 with three busy namespaces" rmmod transit6
nodev() { local ns; for ns in lc_m1 lc_m2 lc_m3; do
	ip -n $ns link show isatap0 >/dev/null 2>&1 && { echo "$ns still has isatap0"; return 1; }
	done; return 0; }
check "every isatap0 is gone" nodev
check "module unloaded" sh -c '! grep -q "^transit6 " /proc/modules'
check "insmod again" load_module
mkisatap lc_m1 && mkisatap lc_m2 || fail "isatap0 again in lc_m1/lc_m2"
check "after reload: lc_m1 pings lc_m2 over ISATAP" within 10 pinger lc_m1 fe80::5efe:a06:202
check "rmmod/insmod: no kernel splat" no_splat "$k"
log "phase 3 done at ${SECONDS}s"

# --- 4. IPv4 address churn under traffic -----------------------------------------
netns lc_c lc_r
veth lc_c vc 10.6.3.1/24 lc_r vr 10.6.3.2/24
mkisatap lc_c && mkisatap lc_r || { fail "isatap0 in lc_c/lc_r"; finish; }
# The host picks among its ISATAP link-locals by kernel source selection
# (the newest wins a tie), and the outer source follows the one picked:
# the router must reach every address lc_c may use.
ip -n lc_r route add 172.16.0.0/16 via 10.6.3.1
ip -n lc_r route add 192.168.7.0/24 via 10.6.3.1
t6 lc_r isatap set forwarding enabled >/dev/null
t6 lc_c isatap set router 10.6.3.2 >/dev/null
IFX=$(ip netns exec lc_c cat /sys/class/net/isatap0/ifindex)
state() { test "$(jget lc_c '"\(.state)/\(.reason)"')" = "$1"; }
check "lc_c qualified before the churn" within 20 state qualified/none
bg lc_c ping -6 -q -i 0.02 -I isatap0 fe80::5efe:a06:302 >/dev/null 2>&1
k=$(klog_mark)
# 30 rounds from one ip process (a fork per step costs a second on the
# debug kernel): the changes race isatap0's address work all the faster.
churn() {
	local i
	for i in $(seq 30); do
		echo "addr add 10.6.3.$((10 + i))/24 dev vc"
		echo "addr add 172.16.$i.1/24 dev vc"
		echo "addr del 10.6.3.$((10 + i))/24 dev vc"
		# every fifth round the primary goes (taking its subnet's
		# secondaries along) and comes back
		if [ $((i % 5)) -eq 0 ]; then
			echo "addr del 10.6.3.1/24 dev vc"
			echo "addr add 10.6.3.1/24 dev vc"
		fi
		echo "addr del 172.16.$i.1/24 dev vc"
	done | ip -n lc_c -batch - &&
	ip -n lc_c addr add 192.168.7.1/24 dev vc
}
check "address churn on vc (30 rounds)" churn
lls() {
	local got; got=$(ip -n lc_c -6 -o addr show dev isatap0 scope link |
		awk '{ sub("/.*", "", $4); print $4 }' | sort | xargs)
	echo "link-local: [$got]"
	[ "$got" = "fe80::5efe:a06:301 fe80::5efe:c0a8:701" ]
}
check "after churn: exactly the link-locals of 10.6.3.1 and 192.168.7.1" \
	within 10 lls
check "after churn: ipv4 list" \
	test "$(jget lc_c '.ipv4 | sort | join(" ")')" = "10.6.3.1 192.168.7.1"
check "after churn: qualified again" within 20 state qualified/none
check "after churn: same ifindex" \
	test "$(ip netns exec lc_c cat /sys/class/net/isatap0/ifindex)" = "$IFX"
check "after churn: the router answers pings" pinger lc_c fe80::5efe:a06:302
check "address churn: no kernel splat" no_splat "$k"
log "phase 4 done at ${SECONDS}s"

finish
