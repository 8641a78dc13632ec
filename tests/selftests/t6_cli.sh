#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The t6 contract against the real module: what each isatap command does to
# the kernel, exit statuses (0 ok, 1 runtime error, 2 usage error), error
# lines ("t6: ..." on stderr, one line), JSON output, interface resolution,
# privileges (reads open to everyone, changes need CAP_NET_ADMIN).
#
#   tc_a: v0 10.0.0.1/24 <-> v1 (same namespace, so isatap0 covers 10.0.0.1)
#         isatap0, isatap1 (transit6), created and deleted by the checks
#
# Proves each command reaches the kernel (the state read back changes) and
# each error is reported as documented; a t6 or genetlink change that breaks
# a documented behaviour fails a check.

source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need python3 setpriv

NS=tc_a
netns "$NS"
veth "$NS" v0 10.0.0.1/24 "$NS" v1 -

# expect RC REGEX t6-args...: t6 (in $NS) exits RC; when RC != 0 its stderr
# is exactly one line, starting with "t6: " and matching REGEX (bash =~).
# Builtins only: every process costs a lot under TCG.
expect() {
	local want=$1 re=$2 rc err
	shift 2
	ip netns exec "$NS" "${AS[@]}" "$T6" "$@" >"$T6_TMP/stdout" 2>"$T6_TMP/stderr"
	rc=$?
	mapfile -t err <"$T6_TMP/stderr"
	printf '%s\n' "${err[@]}"
	[ "$rc" = "$want" ] || { echo "exit status $rc, expected $want"; return 1; }
	[ "$want" = 0 ] && return 0
	[ ${#err[@]} = 1 ] && [[ ${err[0]} == "t6: "* ]] && [[ ${err[0]} =~ $re ]]
}
AS=()	# what expect runs t6 under
# nobody CMD...: CMD's t6 runs as uid/gid 65534 without groups
nobody() { local AS=(setpriv --reuid=65534 --regid=65534 --clear-groups); "$@"; }
jtrue() { [ "$(json "$NS" "$@")" = True ]; }
# prl_is ADDR...: the PRL is exactly these (read from the text output;
# no <(...): the VM has no /dev/fd)
prl_is() {
	local out a rest list=()
	out=$(t6 "$NS" isatap show router) || return 1
	while read -r a rest; do [ -n "$a" ] && list+=("$a"); done <<<"$out"
	echo "PRL: ${list[*]}"
	[ "${list[*]}" = "$*" ]
}
is_up() { [ -n "$(ip -n "$NS" link show up dev "$1" 2>/dev/null)" ]; }
exists() { ip -n "$NS" link show dev "$1" >/dev/null 2>&1; }
sysctl_is() { [ "$(ip netns exec "$NS" cat "/proc/sys/net/ipv6/conf/$1/forwarding")" = "$2" ]; }

# --- grammar --------------------------------------------------------------
check "t6 help exits 0" expect 0 '' help
check "t6 isatap help lists the verbs" \
	eval 't6 "$NS" isatap help | grep -q "t6 isatap add router" &&
	      t6 "$NS" isatap help | grep -q "t6 isatap set state"'
check "unknown context: exit 2" expect 2 "unknown context 'frob'" frob
check "unknown verb: exit 2" expect 2 "unknown verb 'frob'" isatap frob router
check "unknown object: exit 2" expect 2 "unknown object 'frob'" isatap show frob
check "no interface yet: exit 1, says how to create one" \
	expect 1 "set state enabled" isatap show state

# --- set state enabled / disabled -----------------------------------------
check "set state enabled creates isatap0" expect 0 '' isatap set state enabled
check "isatap0 is an isatap link and up" \
	eval 'ip -n "$NS" -j -d link show isatap0 | grep -q "\"info_kind\":\"isatap\"" && is_up isatap0'
check "set state enabled again is fine" expect 0 '' isatap set state enabled
check "still exactly one transit6 interface" \
	jtrue '[d["ifname"] for d in j] == ["isatap0"]' isatap show interfaces

# --- privileges -----------------------------------------------------------
check "show state works unprivileged" nobody expect 0 '' isatap show state
check "unprivileged show state prints isatap0" \
	eval '[[ $(<"$T6_TMP/stdout") =~ Interface\ +:\ isatap0 ]]'
check "show router works unprivileged" nobody expect 0 '' -j isatap show router
check "add router unprivileged: permission error, exit 1" \
	nobody expect 1 'not permitted|ermission' isatap add router 10.0.0.9
check "unprivileged add router changed nothing" prl_is

# --- JSON -----------------------------------------------------------------
check "add prefix 2001:db8:7::/64" expect 0 '' isatap add prefix 2001:db8:7::/64
check "-j show state is a JSON object" \
	jtrue 'j["ifname"] == "isatap0" and j["kind"] == "isatap" and
	       j["ipv4"] == ["10.0.0.1"] and "2001:db8:7::5efe:10.0.0.1" in j["addresses"]' \
	isatap show state
check "-j show prefix is a JSON list" \
	jtrue 'j == [{"prefix": "2001:db8:7::", "length": 64, "valid_lft": 86400,
	              "preferred_lft": 14400}]' isatap show prefix
check "-j show interfaces is a JSON list" \
	jtrue 'j[0]["ifname"] == "isatap0" and j[0]["kind"] == "isatap"' isatap show interfaces
check "-p output is JSON too" \
	eval 't6 "$NS" -p isatap show state | python3 -m json.tool >/dev/null'
check "del prefix removes it and the router's address" eval \
	't6 "$NS" isatap del prefix 2001:db8:7::/64 &&
	 jtrue "j[\"prefixes\"] == [] and not any(a.startswith(\"2001:db8:7:\") for a in j[\"addresses\"])" isatap show state'

# --- the PRL --------------------------------------------------------------
check "set router 10.0.0.9" expect 0 '' isatap set router 10.0.0.9
check "show router lists 10.0.0.9" prl_is 10.0.0.9
check "-j show router is a JSON list with counters" \
	jtrue 'j[0]["address"] == "10.0.0.9" and j[0]["rs_sent"] >= 0 and
	       "ra_received" in j[0]' isatap show router
check "set router 10.0.0.8 replaces the PRL" expect 0 '' isatap set router 10.0.0.8
check "show router lists only 10.0.0.8" prl_is 10.0.0.8
check "add router 10.0.0.7" expect 0 '' isatap add router 10.0.0.7
check "add router twice: already in the PRL, exit 1" \
	expect 1 'already in the PRL' isatap add router 10.0.0.7
check "del router 10.9.9.9 (absent): exit 1" \
	expect 1 'not in the PRL' isatap del router 10.9.9.9
check "del router 10.0.0.8" expect 0 '' isatap del router 10.0.0.8
check "show router lists only 10.0.0.7" prl_is 10.0.0.7
check "del router all" expect 0 '' isatap del router all
check "the PRL is empty" prl_is
check "reason: no_router" jtrue 'j["reason"] == "no_router"' isatap show state
check "add router 224.0.0.1: not unicast, exit 2" \
	expect 2 'not a unicast IPv4 address' isatap add router 224.0.0.1
check "add router 127.0.0.1: the kernel refuses, exit 1" \
	expect 1 'unicast' isatap add router 127.0.0.1
check "add router 2001:db8::1: IPv4 only, exit 2" \
	expect 2 'IPv4' isatap add router 2001:db8::1

# --- prefixes -------------------------------------------------------------
check "add prefix 2001:db8::/129: usage error, exit 2" \
	expect 2 'usage: t6 isatap add prefix' isatap add prefix 2001:db8::/129
check "add prefix fe80::/64: the kernel refuses, exit 1" \
	expect 1 'global or unique local' isatap add prefix fe80::/64
check "add prefix twice: exit 1" eval \
	't6 "$NS" isatap add prefix fd00:1::/64 && expect 1 "already published" isatap add prefix fd00:1::/64'
check "del prefix not published: exit 1" \
	expect 1 'not published' isatap del prefix 2001:db8:99::/64

# --- settings, key=value --------------------------------------------------
check "set rsinterval=7 (key=value)" expect 0 '' isatap set rsinterval=7
check "set rsinterval 0: usage error, exit 2" expect 2 '1\.\.86400' isatap set rsinterval 0
check "set rsinterval 86401: usage error, exit 2" expect 2 '1\.\.86400' isatap set rsinterval 86401
check "set routerlifetime 9001: usage error, exit 2" \
	expect 2 '0\.\.9000' isatap set routerlifetime 9001
check "rs_interval is 7, router_lifetime still 1800" \
	jtrue 'j["rs_interval"] == 7 and j["router_lifetime"] == 1800' isatap show state
check "set forwarding enabled" expect 0 '' isatap set forwarding enabled
check "forwarding: state qualified, sysctls all and isatap0 = 1" eval \
	'jtrue "j[\"forwarding\"] and j[\"state\"] == \"qualified\"" isatap show state &&
	 sysctl_is all 1 && sysctl_is isatap0 1'
check "set forwarding disabled: isatap0 sysctl 0" eval \
	't6 "$NS" isatap set forwarding disabled && sysctl_is isatap0 0 &&
	 jtrue "not j[\"forwarding\"]" isatap show state'

# --- interface resolution -------------------------------------------------
ip -n "$NS" link add isatap1 type isatap
check "two interfaces, no dev: exit 1, names both" \
	expect 1 'isatap0.*isatap1' isatap show state
check "two interfaces: changes need dev too" \
	expect 1 'isatap0.*isatap1' isatap add router 10.0.0.5
check "dev nosuch: exit 1" expect 1 "no isatap interface named 'nosuch'" \
	isatap show state dev nosuch
check "dev lo: not a transit6 interface, exit 1" \
	expect 1 'lo is not a transit6 interface' isatap show state dev lo
check "dev=isatap1 (key=value) picks isatap1" \
	jtrue 'j["ifname"] == "isatap1" and j["state"] == "dormant"' \
	isatap show state dev=isatap1
check "add router ... dev=isatap1 lands on isatap1 only" eval \
	't6 "$NS" isatap add router 10.0.0.5 dev=isatap1 &&
	 [ "$(json "$NS" "len(j)" isatap show router dev isatap1)" = 1 ] &&
	 [ "$(json "$NS" "len(j)" isatap show router dev isatap0)" = 0 ]'
check "set state enabled dev isatap1 sets it up" eval \
	't6 "$NS" isatap set state enabled dev isatap1 && is_up isatap1'

# --- events ---------------------------------------------------------------
bg "$NS" "$T6" -j monitor >"$T6_TMP/monitor"
flap_seen() {
	ip -n "$NS" link set isatap1 down && ip -n "$NS" link set isatap1 up &&
	grep -q '"ifname":"isatap1".*"state":"dormant".*"reason":"admin_down"' "$T6_TMP/monitor"
}
check "t6 -j monitor reports isatap1 going down" wait_for 30 flap_seen

check "set state disabled dev isatap1 deletes it" eval \
	't6 "$NS" isatap set state disabled dev isatap1 && ! exists isatap1'
check "set state disabled deletes isatap0" eval \
	't6 "$NS" isatap set state disabled && ! exists isatap0'
check "set state disabled with none left: exit 1" \
	expect 1 'no isatap interface' isatap set state disabled
check "set state enabled dev isatap5 creates that name" eval \
	't6 "$NS" isatap set state enabled dev isatap5 && is_up isatap5'
t6 "$NS" isatap set state disabled
ip -n "$NS" link add isatap0 type dummy
check "set state enabled: isatap0 exists but is no transit6 link, exit 1" \
	expect 1 'cannot create isatap0' isatap set state enabled

finish
