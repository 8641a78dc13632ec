#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# An ISATAP router answers each RS with a unicast RA several times its
# size: one flooding source must get only its own small share of answers,
# and must not starve the other hosts' solicitations.
#
#                  rf_net (bridge br0)
#      +-------------------+-------------------+
#   rf_r (router)       rf_f (flooder)       rf_h (host)
#   10.0.0.1            10.0.0.66            10.0.0.2
#   isatap0, publishes  raw RSs, as fast     isatap0, PRL = { 10.0.0.1 }
#   2001:db8:9::/64     as it can, 30 s
#
# Before, one bucket of 100 RAs a second served everyone: the flood took
# them all (thousands of RAs to the flooder) and the host's three RSs
# mostly went unanswered.  Now each source has a burst of 3 and 1/s.
source "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

load_module || { fail "load transit6"; finish; }
need python3 jq

netns rf_net rf_r rf_f rf_h || { fail "netns"; finish; }
ip -n rf_net link add br0 type bridge && ip -n rf_net link set br0 up
for x in r:1 f:66 h:2; do
	veth "rf_${x%:*}" eth0 "10.0.0.${x#*:}/24" rf_net "p${x%:*}" - &&
		ip -n rf_net link set "p${x%:*}" master br0 || { fail "wire rf_${x%:*}"; finish; }
done
t6 rf_r isatap set state enabled >/dev/null || fail "router isatap0"
t6 rf_r isatap add prefix 2001:db8:9::/64 || fail "publish a prefix"
has_ll() { ip -n rf_r -6 addr show dev isatap0 | grep -q "fe80::5efe:a00:1/"; }
check "router has fe80::5efe:a00:1" within 15 has_ll
txp() { ip netns exec rf_r cat /sys/class/net/isatap0/statistics/tx_packets; }
t0=$(txp)
ip netns exec rf_f python3 "$HERE/rs_flood.py" 10.0.0.66 10.0.0.1 30 >"$T6_TMP/flood" 2>&1 &
flood=$!
T6_PIDS+=("$flood")
sleep 3
t6 rf_h isatap set state enabled >/dev/null || fail "host isatap0"
t6 rf_h isatap set router 10.0.0.1 || fail "PRL"
answered() { [ "$(t6 rf_h -j isatap show router | jq -r '.[0].ra_received')" -ge 1 ]; }
check "under the flood, the host's RS is answered" within 20 answered
check "... while the flood still runs" kill -0 "$flood"
wait "$flood"
t1=$(txp)
sent=$(sed -n 's/^sent //p' "$T6_TMP/flood")
few() {
	echo "flooder sent ${sent:-?} RSs; the router sent $((t1 - t0)) packets in the meantime"
	[ "${sent:-0}" -ge 1000 ] && [ $((t1 - t0)) -le 60 ]
}
check "the flooding source got its share only (burst 3, then 1/s)" few
check "the host is qualified" \
	eval '[ "$(t6 rf_h -j isatap show state | jq -r .state)" = qualified ]'

finish
