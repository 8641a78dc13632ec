#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# State as Windows shows it, and the genetlink events that announce it.
#
#   [ie_host] isatap0 10.0.0.2 ---- veth ---- 10.0.0.1 isatap0 [ie_rtr]
#
# The host's state walks probe/no_router -> probe/none (PRL set) ->
# probe/router_unreachable (the PRL member, not yet a router, leaves three
# RSs unanswered) -> qualified (it becomes a router and answers) ->
# dormant/admin_down; "t6 monitor -j" prints one event per change.
source "$(dirname "$0")/lib.sh"
need python3
load_module || { fail "load transit6"; finish; }

netns ie_host ie_rtr
veth ie_host eth0 10.0.0.2/24 ie_rtr eth0 10.0.0.1/24
ip -n ie_rtr link add isatap0 type isatap
ip -n ie_rtr link set isatap0 up
ip -n ie_host link add isatap0 type isatap
ip -n ie_host link set isatap0 up

state() { json ie_host 'j["state"] + "/" + j["reason"]' isatap show state; }
is_state() { [ "$(state)" = "$1" ]; }
# saw STATE/REASON: the monitor printed an event with that state and reason
saw() {
	python3 - "$1" "$T6_TMP/events" <<'PY'
import json, sys
want = sys.argv[1]
for line in open(sys.argv[2]):
    e = json.loads(line)
    if e["ifname"] == "isatap0" and e["state"] + "/" + e["reason"] == want:
        sys.exit(0)
sys.exit(1)
PY
}

bg ie_host stdbuf -oL "$T6" monitor -j >"$T6_TMP/events" 2>&1
sleep 1
check "no PRL: probe/no_router" wait_for 10 is_state probe/no_router

t6 ie_host isatap set router 10.0.0.1
check "PRL set, soliciting: probe/none" wait_for 5 is_state probe/none
check "three RSs unanswered: probe/router_unreachable" \
	wait_for 30 is_state probe/router_unreachable
check "RSs went out" test "$(json ie_host 'j[0]["rs_sent"]' isatap show router)" -ge 4

t6 ie_rtr isatap add prefix 2001:db8:5::/64
t6 ie_host isatap set rsinterval 2
check "router answers: qualified" wait_for 30 is_state qualified/none
ip -n ie_host link set isatap0 down
check "down: dormant/admin_down" wait_for 10 is_state dormant/admin_down

check "event: probe/none" wait_for 5 saw probe/none
check "event: probe/router_unreachable" saw probe/router_unreachable
check "event: qualified/none" saw qualified/none
check "event: dormant/admin_down" saw dormant/admin_down
check "events are valid JSON lines" python3 -c "
import json; [json.loads(l) for l in open('$T6_TMP/events')]"
finish
