#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The generic-netlink ABI's promises: dumps hold nothing between calls,
# each command takes only its own attributes, and a request carries only
# its device's kind's nest.
#
# An unprivileged user starts a PRL, prefix or device dump and never reads
# the answer.  Whatever the dump's start took stays held until that socket
# closes: a device reference there kept "ip link del" (and namespace
# teardown, and rmmod) waiting, "unregister_netdevice: waiting for isatap0
# to become free".  Each check deletes the device under such a dump and
# wants "ip link del" back within 15 s, with the dump still unread.
# Then a device dump read in 4 KB parts while a device is deleted must
# flag the parts after the change NLM_F_DUMP_INTR (list generations).
source "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

load_module || { fail "load transit6"; finish; }
need python3 setpriv

netns nd_a || { fail "netns"; finish; }
klog_start

# held_del CMD: a dump of CMD on isatap0, started by "nobody" and never
# read; "ip link del isatap0" must return while it is pending
held_del() {
	local cmd=$1 k pid del i
	k=$(klog_mark)
	ip -n nd_a link add isatap0 type isatap && ip -n nd_a link set isatap0 up || return 1
	t6 nd_a isatap set router 192.0.2.1 || return 1
	t6 nd_a isatap add prefix 2001:db8:5::/64 || return 1
	ip netns exec nd_a setpriv --reuid=65534 --regid=65534 --clear-groups \
		python3 "$HERE/genl_raw.py" hold "$cmd" isatap0 >"$T6_TMP/hold" 2>&1 &
	pid=$!
	T6_PIDS+=("$pid")
	wait_for 60 grep -q sent "$T6_TMP/hold" || { cat "$T6_TMP/hold"; return 1; }
	ip -n nd_a link del isatap0 &
	del=$!
	for i in $(seq 75); do
		kill -0 "$del" 2>/dev/null || break
		sleep 0.2
	done
	if kill -0 "$del" 2>/dev/null; then
		echo "ip link del still waiting after 15 s with a $cmd dump pending"
		kill "$pid"; wait "$del"
		return 1
	fi
	wait "$del" || { echo "ip link del failed"; kill "$pid"; return 1; }
	kill -0 "$pid" 2>/dev/null || { echo "the dump's reader died early"; return 1; }
	kill "$pid"
	wait "$pid" 2>/dev/null
	no_splat "$k"
}
for cmd in GET_ROUTER GET_PREFIX GET_DEVICE; do
	check "unread unprivileged $cmd dump: ip link del isatap0 returns" held_del $cmd
done

# --- consistency: a device dump across a change is flagged ---------------
intr() {
	local out
	ip netns exec nd_a ip -batch - <<-EOF || return 1
	$(for i in $(seq 40); do echo "link add is$i type isatap"; done)
	EOF
	out=$(ip netns exec nd_a python3 "$HERE/genl_raw.py" intr GET_DEVICE is7) || return 1
	echo "$out"
	[[ $out =~ parts=([0-9]+)\ intr=([0-9]+) ]] || return 1
	[ "${BASH_REMATCH[1]}" -ge 3 ] && [ "${BASH_REMATCH[2]}" -ge 1 ]
}
check "device dump in parts, a device deleted between them: NLM_F_DUMP_INTR" intr
# control: the same dump with nothing changed under it is not flagged
control() {
	local out
	out=$(ip netns exec nd_a python3 "$HERE/genl_raw.py" intr GET_DEVICE -) || return 1
	echo "$out"
	[[ $out =~ parts=([0-9]+)\ intr=0 ]] && [ "${BASH_REMATCH[1]}" -ge 3 ]
}
check "control: the same dump with no change: no NLM_F_DUMP_INTR" control

# --- SET refuses another kind's attributes ------------------------------------
kind_attr() {
	local out
	t6 nd_a 6to4 set state enabled >/dev/null || return 1
	out=$(ip netns exec nd_a python3 "$HERE/genl_raw.py" set-fwd sixtofour0)
	echo "$out"
	[[ $out == "error=-95 "*ISATAP* ]]
}
check "SET_DEVICE with the ISATAP nest on a 6to4 device: EOPNOTSUPP, says why" kind_attr
own_attr() {
	local out
	out=$(ip netns exec nd_a python3 "$HERE/genl_raw.py" set-fwd is9)
	echo "$out"
	[[ $out == "error=0"* ]]
}
check "control: the same on an ISATAP device: accepted" own_attr


# expect_req WANT CMD IFNAME ATTR...: a raw request from nd_a (lib.sh)
expect_req() { expect_genl "$1" nd_a "${@:2}"; }
check "GET_DEVICE carrying SET's ISATAP nest: refused (a GET takes no SET attributes)" \
	expect_req "error=-22" GET_DEVICE is9 T6A_ISATAP/T6A_ISATAP_FORWARDING=u8:1
check "control: GET_DEVICE with the interface only: answered" \
	expect_req "error=0" GET_DEVICE is9
check "SET_DEVICE with a PRL entry in the ISATAP nest: refused (not a SET attribute)" \
	expect_req "error=-22" SET_DEVICE is9 T6A_ISATAP/T6A_ISATAP_ROUTER/T6A_ROUTER_ADDR=ip4:192.0.2.9
check "SET_DEVICE with the ISATAP nest not flagged NLA_F_NESTED: refused" \
	expect_req "error=-22" SET_DEVICE is9 T6A_ISATAP-flat/T6A_ISATAP_FORWARDING=u8:1
check "SET_DEVICE with an RS interval of 0 (policy 1..86400): ERANGE" \
	expect_req "error=-34" SET_DEVICE is9 T6A_ISATAP/T6A_ISATAP_RS_INTERVAL=u32:0
check "NEW_ROUTER on a 6to4 device: EOPNOTSUPP, says why" \
	expect_req "error=-95 not an ISATAP interface" NEW_ROUTER sixtofour0 T6A_ISATAP/T6A_ISATAP_ROUTER/T6A_ROUTER_ADDR=ip4:192.0.2.9
check "NEW_ROUTER without the router's address: EINVAL, says why" \
	expect_req "error=-22 missing the router's address" NEW_ROUTER is9
router_added() {
	expect_req "error=0" NEW_ROUTER is9 T6A_ISATAP/T6A_ISATAP_ROUTER/T6A_ROUTER_ADDR=ip4:192.0.2.9 &&
		t6 nd_a isatap show router dev is9 | grep -q "^192.0.2.9 "
}
check "control: NEW_ROUTER on an ISATAP device: in the PRL" router_added

# what the PRL was set as: kept and given back as sent (t6 dump prints it)
N=T6A_ISATAP/T6A_ISATAP_PRL_NAMES/T6A_PRL_NAME
prl_names_kept() {
	expect_req "error=0" SET_DEVICE is9 "$N#1=str:isatap.example" "$N#2=str:192.0.2.9" &&
	t6 nd_a dump | grep -qx "isatap set router isatap.example dev is9" &&
	t6 nd_a dump | grep -qx "isatap add router 192.0.2.9 dev is9"
}
check "SET_DEVICE with PRL names: kept, in order (t6 dump)" prl_names_kept
nine=()
for i in 1 2 3 4 5 6 7 8 9; do nine+=("$N#$i=str:r$i.example"); done
check "SET_DEVICE with 9 PRL names: EINVAL, says why, the 2 before kept" \
	eval 'expect_req "error=-22 PRL names: up to 8" SET_DEVICE is9 "${nine[@]}" &&
	      t6 nd_a dump | grep -qx "isatap set router isatap.example dev is9"'
check "SET_DEVICE with an empty PRL name: EINVAL" \
	expect_req "error=-22" SET_DEVICE is9 "$N=str:"
R=T6A_ISATAP/T6A_ISATAP_ROUTER/T6A_ROUTER_ADDR=ip4:192.0.2.9
check "NEW_ROUTER of a router in the PRL: EEXIST" expect_req "error=-17" NEW_ROUTER is9 "$R"
check "NEW_ROUTER of it with T6A_REPLACE: accepted (t6 exec applies twice)" \
	expect_req "error=0" NEW_ROUTER is9 "$R" T6A_REPLACE=flag:
check "DEL_ROUTER with T6A_REPLACE: refused (only adds take it)" \
	expect_req "error=-22" DEL_ROUTER is9 "$R" T6A_REPLACE=flag:
P=(T6A_ISATAP/T6A_ISATAP_PREFIX/T6A_PREFIX_ADDR=ip6:2001:db8:9:: T6A_ISATAP/T6A_ISATAP_PREFIX/T6A_PREFIX_LEN=u8:64)
prefix_replaced() {
	expect_req "error=0" NEW_PREFIX is9 "${P[@]}" T6A_ISATAP/T6A_ISATAP_PREFIX/T6A_PREFIX_VALID_LFT=u32:100 &&
	expect_req "error=-17 prefix is already published" NEW_PREFIX is9 "${P[@]}" &&
	expect_req "error=0" NEW_PREFIX is9 "${P[@]}" T6A_REPLACE=flag: \
		T6A_ISATAP/T6A_ISATAP_PREFIX/T6A_PREFIX_VALID_LFT=u32:200 \
		T6A_ISATAP/T6A_ISATAP_PREFIX/T6A_PREFIX_PREFERRED_LFT=u32:50 &&
	[ "$(t6 nd_a dump | grep -c 'add prefix 2001:db8:9::/64')" = 1 ] &&
	t6 nd_a dump | grep -qx "isatap add prefix 2001:db8:9::/64 validlft 200 preferredlft 50 dev is9"
}
check "NEW_PREFIX of a published prefix: EEXIST; with T6A_REPLACE: its lifetimes, still one" \
	prefix_replaced
check "NEW_PREFIX with a length of 0 (policy 1..128): ERANGE" \
	expect_req "error=-34" NEW_PREFIX is9 T6A_ISATAP/T6A_ISATAP_PREFIX/T6A_PREFIX_ADDR=str:0123456789abcde T6A_ISATAP/T6A_ISATAP_PREFIX/T6A_PREFIX_LEN=u8:0

finish
