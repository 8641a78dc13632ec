#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Native IPv6 comes back to a 6to4 site through the relay nearest to its
# sender (RFC 3056 5.2), seldom the one the site sends through.
#
#                      t5_net (bridge br0)
#      +-------------------+-------------------+
#   t5_ours             t5_r1               t5_r2
#   203.0.113.1         203.0.113.3         203.0.113.4
#   sixtofour0          tun6to4 (sit relay) tun6to4 (sit relay)
#   or tun6to4 (sit)    eth1 2001:db8:31::1 eth1 2001:db8:32::1
#                            \                  /
#                             t5_native 2001:db8:31::2, 2001:db8:32::2
#                             (routes 2002::/16 back through r2 only)
#
# The site sends through relay 1 (its configured relay) and the answers
# come back through relay 2.  sit as a 6to4 host takes them (checked
# first, as the reference); transit6 takes them by default and, with
# "t6 6to4 set nativefrom relay", drops them as not_relay (RFC 3964 5.2's
# strict rule for a site that knows all its relays).
source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need ping jq
modprobe sit || { fail "modprobe sit"; finish; }

OURS=2002:cb00:7101::cb00:7101
NATIVE=2001:db8:31::2

netns t5_net t5_ours t5_r1 t5_r2 t5_native || { fail "netns"; finish; }
ip -n t5_net link add br0 type bridge && ip -n t5_net link set br0 up
for n in 1 3 4; do
	ns=t5_ours; [ $n = 3 ] && ns=t5_r1; [ $n = 4 ] && ns=t5_r2
	veth "$ns" eth0 "203.0.113.$n/24" t5_net "p$n" - &&
		ip -n t5_net link set "p$n" master br0 || { fail "wire $ns"; finish; }
done
sit6to4() {	# NS V4 ADDR6
	ip -n "$1" tunnel add tun6to4 mode sit remote any local "$2" ttl 64 &&
	ip -n "$1" link set tun6to4 up &&
	ip -n "$1" -6 addr add "$3/16" dev tun6to4 nodad
}
sit6to4 t5_r1 203.0.113.3 2002:cb00:7103::1 || fail "sit relay 1"
sit6to4 t5_r2 203.0.113.4 2002:cb00:7104::1 || fail "sit relay 2"
veth t5_r1 eth1 2001:db8:31::1/64 t5_native eth1 $NATIVE/64 || fail "veth"
veth t5_r2 eth1 2001:db8:32::1/64 t5_native eth2 2001:db8:32::2/64 || fail "veth"
for r in t5_r1 t5_r2; do
	ip netns exec $r sysctl -qw net.ipv6.conf.all.forwarding=1
done
ip -n t5_native -6 route add 2002::/16 via 2001:db8:32::1

ping6() { ip netns exec t5_ours ping -6 -c 2 -i 0.3 -W 3 "$@" $NATIVE; }
jget() { t6 t5_ours -j 6to4 show state | jq -r "$1"; }

# --- the reference: sit as the 6to4 host -------------------------------------
sit6to4 t5_ours 203.0.113.1 2002:cb00:7101::1 || fail "sit 6to4 host"
ip -n t5_ours -6 route add default via ::203.0.113.3 dev tun6to4 metric 2048
check "sit host: native answers through relay 2 are taken" ping6
ip -n t5_ours link del tun6to4

# --- transit6 -------------------------------------------------------------------
check "set state enabled" t6 t5_ours 6to4 set state enabled
has_v() { ip -n t5_ours -6 addr show dev sixtofour0 | grep -q "inet6 $OURS/16 "; }
check "sixtofour0 has $OURS" within 10 has_v
check "set relay 203.0.113.3" t6 t5_ours 6to4 set relay 203.0.113.3
via_r1() { ip -n t5_ours -6 route show default | grep -q "via 2002:cb00:7103::cb00:7103 dev sixtofour0"; }
check "default route via relay 1" within 10 via_r1
check "show state: native from any relay (the default)" \
	eval '[ "$(jget .native_from)" = any ]'
check "show state text: 'Native from      : any relay'" \
	eval 't6 t5_ours 6to4 show state | grep -qx "Native from      : any relay"'
nr0=$(jget .drops.not_relay)
check "ping $NATIVE: out through relay 1, answers through relay 2 taken" ping6
check "no not_relay drop" eval '[ "$(jget .drops.not_relay)" = "$nr0" ]'

check "set nativefrom relay" t6 t5_ours 6to4 set nativefrom relay
check "show state: native from the configured relay only" \
	eval '[ "$(jget .native_from)" = relay ]'
check_fails "nativefrom relay: answers through relay 2 are refused" ping6
check "nativefrom relay: each counted as not_relay" \
	eval '[ "$(jget .drops.not_relay)" -ge $((nr0 + 2)) ]'
# the configured relay's own native packets still pass: route back via r1
ip -n t5_native -6 route replace 2002::/16 via 2001:db8:31::1
check "nativefrom relay: answers through the configured relay taken" ping6
ip -n t5_native -6 route replace 2002::/16 via 2001:db8:32::1
check "set nativefrom=any" t6 t5_ours 6to4 set nativefrom=any
check "nativefrom any: answers through relay 2 taken again" ping6
check_fails "set nativefrom maybe: refused" t6 t5_ours 6to4 set nativefrom maybe

finish
