#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The family through its spec: the kernel's own spec-driven client
# (tools/net/ynl/cli.py of linux-source-6.12) reads and changes transit6
# interfaces with nothing but Documentation/netlink/transit6.yaml, as
# users of other genetlink families do.  A spec that says another layout
# than the module speaks fails here: cli.py would encode what the kernel
# refuses, or decode replies into the wrong names.
source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need python3

# the client and its schema: the tree "make check" extracted, or our own
ynl=$T6_TOP/build/ynl
[ -f "$ynl/tools/net/ynl/cli.py" ] || ynl=$("$T6_TOP/tests/ynl-tree" "$T6_TMP/ynl") ||
	{ fail "extract the ynl client from linux-source-6.12"; finish; }
spec=$T6_TOP/Documentation/netlink/transit6.yaml
schema=$ynl/Documentation/netlink/genetlink-legacy.yaml

netns ys || { fail "netns"; finish; }
ip -n ys link add up0 type veth peer name up1 &&
	ip -n ys addr add 198.51.100.1/24 dev up0 && ip -n ys link set up0 up &&
	ip -n ys link set up1 up || { fail "uplink"; finish; }

# ynl ARGS...: cli.py in the namespace, JSON out; the schema check (seconds
# under TCG) is the first check's, the others skip it
ynl() {
	ip netns exec ys python3 "$ynl/tools/net/ynl/cli.py" --spec "$spec" \
		--no-schema --output-json "$@"
}
# ynl_py EXPR ARGS...: a Python expression over cli.py's JSON ("j")
ynl_py() {
	local expr=$1; shift
	ynl "$@" | python3 -c "import json,sys; j=json.load(sys.stdin); print($expr)"
}

t6 ys isatap set state enabled >/dev/null || fail "create isatap0"
t6 ys 6to4 set state enabled >/dev/null || fail "create sixtofour0"
t6 ys isatap set router 198.51.100.9 >/dev/null || fail "PRL"

check "the spec validates against the kernel's genetlink-legacy schema" \
	ip netns exec ys python3 "$ynl/tools/net/ynl/cli.py" --spec "$spec" \
		--schema "$schema" --list-ops

dump_devices() {
	local out
	out=$(ynl_py '" ".join(sorted("%s:%s" % (d["ifname"], d["kind"]) for d in j))' \
		--dump get-device) || return 1
	echo "$out"
	[ "$out" = "isatap0:isatap sixtofour0:6to4" ]
}
check "dump get-device: both interfaces, kinds by name" dump_devices

isatap_nest() {
	local out
	out=$(ynl_py 'j["isatap"]["rs-interval"], j["isatap"]["forwarding"], "198.51.100.1" in j["local-addrs"]["ipv4"], j["state"], sorted(j["drops"])[:2]' \
		--do get-device --json '{"ifname": "isatap0"}') || return 1
	echo "$out"
	[[ $out == "120 0 True "*"['bad-addr4', 'bad-addr6']" ]]
}
check "do get-device isatap0: its isatap nest, covered IPv4, drops by name" isatap_nest

set_relay() {
	local out
	ynl --do set-device --json \
		'{"ifname": "sixtofour0", "6to4": {"relay-addr": "c6336402", "relay-name": "ynl-relay", "native-from": "relay"}}' ||
		return 1
	out=$(ynl_py 'j["6to4"]["relay-addr"], j["6to4"]["relay-name"], j["6to4"]["native-from"]' \
		--do get-device --json '{"ifname": "sixtofour0"}') || return 1
	echo "$out"
	[ "$out" = "198.51.100.2 ynl-relay relay" ] || return 1
	# and t6 sees what the spec-driven client set
	json ys 'j["relay"]["address"], j["relay"]["name"], j["native_from"]' \
		6to4 show state | tee /dev/stderr | grep -qx "198.51.100.2 ynl-relay relay"
}
check "do set-device: a 6to4 relay through the spec, read back by ynl and t6" set_relay

lan_addr_is() {
	[ "$(ynl_py 'j["6to4"]["lan"][0]["addr"] if "lan" in j["6to4"] and "addr" in j["6to4"]["lan"][0] else None' \
		--do get-device --json '{"ifname": "sixtofour0"}')" = "$1" ]
}
lan_spec() {
	local idx
	idx=$(ip netns exec ys cat /sys/class/net/up1/ifindex) || return 1
	ynl --do set-device --json \
		"{\"ifname\": \"sixtofour0\", \"6to4\": {\"lan\": {\"ifindex\": $idx, \"subnet\": 9}}}" ||
		return 1
	within 20 lan_addr_is 2002:c633:6401:9::1
}
check "do set-device: a LAN served through the spec, its address read back" lan_spec

wrong_kind() {
	local out
	out=$(ynl --do set-device --json '{"ifname": "sixtofour0", "isatap": {"forwarding": 1}}' 2>&1) &&
		return 1
	echo "$out"
	[[ $out == *"not an ISATAP interface"* ]]
}
check "do set-device: the isatap nest for sixtofour0 refused, says why" wrong_kind

routers() {
	local out
	ynl --do new-router --json '{"ifname": "isatap0", "isatap": {"router": {"addr": "c633640a"}}}' ||
		return 1
	out=$(ynl_py '" ".join(sorted(m["isatap"]["router"]["addr"] for m in j))' \
		--dump get-router --json '{"ifname": "isatap0"}') || return 1
	echo "$out"
	[ "$out" = "198.51.100.10 198.51.100.9" ]
}
check "do new-router, dump get-router: the PRL through the spec" routers

prefixes() {
	local out
	t6 ys isatap set forwarding enabled >/dev/null || return 1
	ynl --do new-prefix --json '{"ifname": "isatap0", "isatap": {"prefix": {"addr": "20010db8000500000000000000000000", "len": 64, "valid-lft": 600}}}' ||
		return 1
	out=$(ynl_py '[(m["isatap"]["prefix"]["addr"], m["isatap"]["prefix"]["len"], m["isatap"]["prefix"]["valid-lft"]) for m in j]' \
		--dump get-prefix --json '{"ifname": "isatap0"}') || return 1
	echo "$out"
	[ "$out" = "[('2001:db8:5::', 64, 600)]" ]
}
check "do new-prefix, dump get-prefix: a published prefix through the spec" prefixes

events() {
	local out pid
	# cli.py subscribes once it has started (seconds under TCG), then
	# listens for 6 s: the link goes down and up until it is done
	ynl --subscribe events --sleep 6 >"$T6_TMP/ev" 2>&1 &
	pid=$!
	T6_PIDS+=("$pid")
	while kill -0 "$pid" 2>/dev/null; do
		ip -n ys link set isatap0 down
		sleep 1
		ip -n ys link set isatap0 up
		sleep 1
	done
	wait "$pid" || { cat "$T6_TMP/ev"; return 1; }
	out=$(python3 -c 'import json,sys; print(sorted(set((e["name"], e["msg"]["ifname"], e["msg"]["state"], e["msg"]["state-reason"]) for e in json.load(open(sys.argv[1])))))' "$T6_TMP/ev") ||
		{ cat "$T6_TMP/ev"; return 1; }
	echo "$out"
	[[ $out == *"('event', 'isatap0', 'dormant', 'admin-down')"* ]]
}
check "subscribe events: isatap0 going down, decoded by the spec" events

finish
