#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# 6to4 device lifecycle under stress: creation and deletion racing the
# configuration work (addresses and relay route set over rtnetlink from a
# work item), IPv4 address churn while traffic flows, namespace teardown
# and module removal with traffic live.  The VM runner fails the run on
# any kernel splat; each phase also checks the kernel log itself.
#
#   s4_a:  va 203.0.113.1/24 --- (s4_b)             create/delete x100, +relay x10
#   s4_x1: v1 198.51.100.1/24 --- v2 198.51.100.2/24 :s4_x2
#          sixtofour0 on both, pinging each other; churn on v1; del s4_x2
#   s4_m1, s4_m2: sixtofour0 each, busy; plus isatap0 in s4_m1   rmmod, insmod
#
# Proves: no leak or splat when a device is deleted with its configuration
# work queued or running; after address churn the interface carries
# exactly the 6to4 addresses of its public IPv4 addresses (same ifindex;
# a stale 2002:V4::V4 goes, a user's own 2002:: address stays)
# and still carries traffic; a namespace with a busy sixtofour0 dies
# cleanly; rmmod removes busy 6to4 interfaces in every namespace and the
# module loads and works again.
source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need ping jq

# no_splat below also looks for our own "cannot add"/"cannot remove" (a
# failed configuration pass)
klog_start
mk6to4() { ip -n "$1" link add sixtofour0 type sixtofour && ip -n "$1" link set sixtofour0 up; }
has6() { ip -n "$1" -6 addr show dev sixtofour0 | grep -q "inet6 $2/16 "; }
pinger() { ip netns exec "$1" ping -6 -n -c 1 -W 2 "$2" >/dev/null 2>&1; }

# --- 1. create / set relay / delete, racing the configuration work -----------
netns s4_a s4_b || { fail "netns"; finish; }
veth s4_a va 203.0.113.1/24 s4_b vb 203.0.113.2/24
k=$(klog_mark)
# 100 create/up/delete cycles from one ip process (each queues the
# configuration work, which races the deletion), then ten with a relay,
# half of them waiting for the work to finish first.
batch() {
	local i
	for i in $(seq 100); do
		printf 'link add sixtofour0 type sixtofour\nlink set sixtofour0 up\nlink del sixtofour0\n'
	done | ip -n s4_a -batch -
}
check "create/up/delete 100 times" batch
cycles() {
	local i
	for i in $(seq 10); do
		mk6to4 s4_a && t6 s4_a 6to4 set relay 203.0.113.2 ||
			{ echo "cycle $i failed"; return 1; }
		[ $((i % 2)) -ne 0 ] ||
			wait_for 10 has6 s4_a 2002:cb00:7101::cb00:7101 || return 1
		ip -n s4_a link del sixtofour0 || return 1
	done
}
check "create/set relay/delete 10 times" cycles
check "no transit6 interface left in s4_a" \
	test -z "$(ip -n s4_a -o link show type sixtofour)"
check "no 6to4 route left behind" \
	test -z "$(ip -n s4_a -6 route show 2002::/16)"
check "create/delete: no kernel splat" no_splat "$k" "cannot (add|remove)"
log "phase 1 done at ${SECONDS}s"

# --- 2. IPv4 address churn while traffic flows ----------------------------------
netns s4_x1 s4_x2
veth s4_x1 v1 198.51.100.1/24 s4_x2 v2 198.51.100.2/24
mk6to4 s4_x1 && mk6to4 s4_x2 || { fail "sixtofour0 in s4_x1/s4_x2"; finish; }
# public addresses are reachable from anywhere: the kernel may pick any of
# s4_x1's 6to4 addresses (they tie at /16) as the source
ip -n s4_x2 route add 192.0.2.0/24 via 198.51.100.1
X2=2002:c633:6402::c633:6402
check "s4_x1 pings s4_x2 over 6to4" within 20 pinger s4_x1 $X2
IFX=$(ip netns exec s4_x1 cat /sys/class/net/sixtofour0/ifindex)
bg s4_x1 ping -6 -q -i 0.02 $X2 >/dev/null 2>&1
k=$(klog_mark)
# 30 rounds from one ip process (a fork per step costs a second on the
# debug kernel): the changes race the configuration work all the faster.
churn() {
	local i
	for i in $(seq 30); do
		echo "addr add 198.51.100.$((10 + i))/24 dev v1"
		echo "addr add 192.0.2.$i/24 dev v1"
		echo "addr add 10.9.$i.1/24 dev v1"
		echo "addr del 198.51.100.$((10 + i))/24 dev v1"
		echo "addr del 10.9.$i.1/24 dev v1"
		echo "addr del 192.0.2.$i/24 dev v1"
	done | ip -n s4_x1 -batch - &&
	ip -n s4_x1 addr add 192.0.2.77/24 dev v1
}
check "address churn on v1 (30 rounds)" churn
addrs_with() {	# the global addresses sixtofour0 must carry, sorted
	local got; got=$(ip -n s4_x1 -6 -o addr show dev sixtofour0 scope global |
		awk '{ print $4 }' | sort | xargs)
	echo "6to4 addresses: [$got]"
	[ "$got" = "$*" ]
}
addrs() { addrs_with 2002:c000:24d::c000:24d/16 2002:c633:6401::c633:6401/16; }
check "after churn: exactly the 6to4 addresses of 198.51.100.1 and 192.0.2.77" \
	within 20 addrs
check "after churn: same ifindex" \
	test "$(ip netns exec s4_x1 cat /sys/class/net/sixtofour0/ifindex)" = "$IFX"
check "after churn: s4_x1 still reaches s4_x2" within 10 pinger s4_x1 $X2
# What a pass racing a removal leaves is 2002:V4::V4 of an IPv4 address
# that is gone: the next pass takes it away, and only that.
stale() {
	ip -n s4_x1 addr add 2002:cb00:7163::cb00:7163/16 dev sixtofour0 &&
	ip -n s4_x1 addr add 2002:c633:6401::99/64 dev sixtofour0 &&
	ip -n s4_x1 addr add 198.51.100.99/24 dev v1 &&
	within 20 addrs_with 2002:c000:24d::c000:24d/16 \
		2002:c633:6401::99/64 2002:c633:6401::c633:6401/16 \
		2002:c633:6463::c633:6463/16
}
check "a stale 6to4 address goes with the next pass, the user's stays" stale
ip -n s4_x1 addr del 2002:c633:6401::99/64 dev sixtofour0
ip -n s4_x1 addr del 198.51.100.99/24 dev v1
check "address churn: no kernel splat" no_splat "$k" "cannot (add|remove)"
log "phase 2 done at ${SECONDS}s"

# --- 3. delete a namespace whose sixtofour0 is busy --------------------------------
bg s4_x1 ping -6 -q -f $X2 >/dev/null 2>&1
busy() { [ "$(ip netns exec s4_x2 cat /sys/class/net/sixtofour0/statistics/rx_packets)" -gt 500 ]; }
check "flood ping flowing into s4_x2" within 20 busy
k=$(klog_mark)
ip netns del s4_x2
gone() { ! ip -n s4_x1 link show v1 >/dev/null 2>&1; }
check "s4_x2 destroyed (its veth peer vanished from s4_x1)" within 30 gone
check "s4_x1's sixtofour0 survives, offline without IPv4" \
	within 10 eval '[ "$(t6 s4_x1 -j 6to4 show state | jq -r .reason)" = no_public_ipv4 ]'
ip netns del s4_x1
check "namespace teardown: no kernel splat" no_splat "$k" "cannot (add|remove)"
log "phase 3 done at ${SECONDS}s"

# --- 4. rmmod with busy interfaces in several namespaces --------------------------
netns s4_m1 s4_m2
veth s4_m1 w1 192.0.2.1/24 s4_m2 w2 192.0.2.2/24
mk6to4 s4_m1 && mk6to4 s4_m2 || fail "sixtofour0 in s4_m1/s4_m2"
ip -n s4_m1 link add isatap0 type isatap && ip -n s4_m1 link set isatap0 up
t6 s4_m1 6to4 set relay 192.0.2.2 >/dev/null
check "s4_m1 pings s4_m2 over 6to4" within 20 pinger s4_m1 2002:c000:202::c000:202
bg s4_m1 ping -6 -q -i 0.01 2002:c000:202::c000:202 >/dev/null 2>&1
bg s4_m2 "$T6" monitor >/dev/null 2>&1
sleep 1
k=$(klog_mark)
# a relay change queues configuration work right before the unload
t6 s4_m1 6to4 set relay 192.0.2.9 >/dev/null
check "rmmod transit6 with busy namespaces" rmmod transit6
nodev() { ! ip -n s4_m1 link show sixtofour0 >/dev/null 2>&1 &&
	! ip -n s4_m2 link show sixtofour0 >/dev/null 2>&1 &&
	! ip -n s4_m1 link show isatap0 >/dev/null 2>&1; }
check "every transit6 interface is gone" nodev
check "module unloaded" sh -c '! grep -q "^transit6 " /proc/modules'
check "insmod again" load_module
mk6to4 s4_m1 && mk6to4 s4_m2 || fail "sixtofour0 again"
check "after reload: s4_m1 pings s4_m2 over 6to4" \
	within 20 pinger s4_m1 2002:c000:202::c000:202
check "rmmod/insmod: no kernel splat" no_splat "$k" "cannot (add|remove)"
log "phase 4 done at ${SECONDS}s"

finish
