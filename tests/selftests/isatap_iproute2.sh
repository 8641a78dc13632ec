#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The creation options of an ISATAP interface (IFLA_T6_LINK/LOCAL/TTL/TOS),
# given through the iproute2 plugin (tools/iproute2/link_isatap.so) and
# through t6, shown by `ip -d link` and `ip -j -d link`, and their effect:
#
#   i2_a                                            i2_b
#   a0 10.0.0.1/24, 10.0.0.11/24  <--- veth --->    b0 10.0.0.2/24
#   a1 192.168.1.1/24 (veth to a1p, same netns)     isb: isatap local 10.0.0.2
#   isA: the isatap under test, one at a time       tcpdump on b0
#
# link: only that interface's IPv4 addresses are covered; local: only that
# address, and the outer source is it; ttl: the outer TTL (default 64;
# inherit copies the inner hop limit); tos: inherit copies the inner DSCP
# (default), 0 clears it; ECN per RFC 6040 (normal mode) either way.  The
# pings are link-local, isA -> isb; the outer header of the first echo
# request is read off b0.  Invalid options are refused, by ip (syntax,
# unknown device) or by the kernel (with its extended ack).
#
# Env: T6_IP_LIB_DIR  directory of link_isatap.so (default tools/iproute2)
source "$(dirname "$0")/lib.sh"

export IP_LIB_DIR=${T6_IP_LIB_DIR:-$T6_TOP/tools/iproute2}

load_module || { fail "load transit6"; finish; }
need ip jq tcpdump ping od
[ -f "$IP_LIB_DIR/link_isatap.so" ] ||
	{ fail "no $IP_LIB_DIR/link_isatap.so (make -C tools/iproute2)"; finish; }

netns i2_a i2_b || { fail "netns"; finish; }
veth i2_a a0 10.0.0.1/24 i2_b b0 10.0.0.2/24 || { fail "veth"; finish; }
ip -n i2_a addr add 10.0.0.11/24 dev a0
ip -n i2_a link add a1 type veth peer name a1p
ip -n i2_a addr add 192.168.1.1/24 dev a1
ip -n i2_a link set a1 up
ip -n i2_a link set a1p up
# isA may pick a1's address as source (fe80::5efe:c0a8:101): route it back
ip -n i2_b route add 192.168.1.0/24 via 10.0.0.1
if ! ip -n i2_b link add isb type isatap local 10.0.0.2 ||
   ! ip -n i2_b link set isb up; then
	fail "create isb"; finish
fi

# --- helpers -----------------------------------------------------------
# the isatap line of ip -d link (kind and options), e.g. "isatap ttl 64 ..."
details() {
	ip -n i2_a -d link show dev "$1" |
		sed -n 's/^ *\(isatap .*\) addrgenmode.*$/\1/p'
}
# details_are DEV "isatap ...": ip -d link shows exactly these options
details_are() {
	local got
	got=$(details "$1")
	[ "$got" = "$2" ] || { echo "ip -d link: '$got', expected '$2'"; return 1; }
}
# info_data DEV: linkinfo.info_data of ip -j -d link, compact JSON
info_data() {
	ip -n i2_a -j -d link show dev "$1" | jq -c '.[0].linkinfo.info_data'
}
# json_is DEV JSON: info_data equals JSON (keys in any order)
json_is() {
	local got
	got=$(info_data "$1")
	jq -en --argjson a "$got" --argjson b "$2" '$a == $b' >/dev/null ||
		{ echo "ip -j -d link: $got, expected $2"; return 1; }
}
# ipv4_is DEV "A B ...": the IPv4 addresses t6 says DEV covers (sorted)
ipv4_is() {
	local got
	got=$(t6 i2_a -j isatap show state dev "$1" | jq -r '.ipv4 | sort | join(" ")')
	[ "$got" = "$2" ] || { echo "ipv4: '$got', expected '$2'"; return 1; }
}
has_ll() { ip -n i2_a -6 addr show dev "$1" | grep -q "inet6 $2/64 "; }
# up DEV LL: set DEV up, wait for its link-local address LL
up() {
	ip -n i2_a link set "$1" up && wait_for 10 has_ll "$1" "$2"
}
del() { ip -n i2_a link del "$1" 2>/dev/null; }
absent() { ! ip -n i2_a link show dev "$1" >/dev/null 2>&1; }

# outer DEV PING-ARGS...: ping isb's fe80::5efe:10.0.0.2 over DEV with
# PING-ARGS, print the outer IPv4 header of that echo request as seen on
# b0: "SRC TTL TOS" (TOS as 0xNN); fail unless isb answered.
OUTER=
outer() {
	local dev=$1 pcap=$T6_TMP/outer.pcap pid b answered=1
	shift
	OUTER=
	rm -f "$pcap" "$T6_TMP/tcpdump.err"
	# proto 41, to isb, inner ICMPv6 type 128 (20 + 40 bytes in)
	bg i2_b tcpdump -i b0 -n -U -c 1 -w "$pcap" \
		'ip proto 41 and dst host 10.0.0.2 and ip[60] == 128' \
		2>"$T6_TMP/tcpdump.err"
	pid=${T6_PIDS[-1]}
	wait_for 20 grep -q 'listening on' "$T6_TMP/tcpdump.err" ||
		{ echo "tcpdump did not start"; return 1; }
	ip netns exec i2_a ping -6 -n -c 1 -W 5 "$@" "fe80::5efe:10.0.0.2%$dev" ||
		answered=0
	for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	# pcap header 24 + record header 16 + Ethernet 14: the IPv4 header
	# (no process substitution: the VM guest has no /dev/fd)
	read -ra b <<<"$(od -An -tu1 -w20 -j54 -N20 -v "$pcap" 2>/dev/null)"
	[ "${#b[@]}" = 20 ] || { echo "no packet captured"; return 1; }
	OUTER=$(printf '%d.%d.%d.%d %d 0x%02x' "${b[12]}" "${b[13]}" "${b[14]}" \
		"${b[15]}" "${b[8]}" "${b[1]}")
	echo "outer header: $OUTER"
	[ "$answered" = 1 ] || { echo "isb did not answer the ping"; return 1; }
}
# outer_is DEV "SRC TTL TOS" PING-ARGS...; a "-" in the expected words
# matches anything
outer_is() {
	local dev=$1 want=$2 w g i
	shift 2
	outer "$dev" "$@" || return 1
	read -ra w <<<"$want"
	read -ra g <<<"$OUTER"
	for i in 0 1 2; do
		[ "${w[i]}" = - ] || [ "${w[i]}" = "${g[i]}" ] ||
			{ echo "expected '$want'"; return 1; }
	done
}

# --- the plugin --------------------------------------------------------
check "ip link help isatap prints the usage" \
	eval 'ip link help isatap 2>&1 | grep -q "isatap \[ link DEV \] \[ local ADDR \] \[ ttl TTL \] \[ tos TOS \]"'

# --- defaults: ttl 64, tos inherit, every address ----------------------
log "defaults"
ip -n i2_a link add isA type isatap || fail "ip link add isA type isatap"
check "default: ip -d link shows 'isatap local any ttl 64 tos inherit'" \
	details_are isA "isatap local any ttl 64 tos inherit"
check "default: ip -j -d link info_data" \
	json_is isA '{"local":"any","ttl":64,"tos":"inherit"}'
check "default: covers every up IPv4 address" \
	ipv4_is isA "10.0.0.1 10.0.0.11 192.168.1.1"
check "default: isA up with fe80::5efe:a00:1" up isA fe80::5efe:a00:1
check "default: outer TTL 64 for inner hop limit 9" \
	outer_is isA "- 64 -" -t 9
check "default: tos inherit: ping -Q 0xb8 (EF) -> outer TOS 0xb8" \
	outer_is isA "- - 0xb8" -Q 0xb8
del isA

# --- link ----------------------------------------------------------------
log "link"
check "link a1: created" ip -n i2_a link add isA type isatap link a1
check "link a1: ip -d link" details_are isA "isatap link a1 local any ttl 64 tos inherit"
check "link a1: ip -j -d link" \
	json_is isA '{"link":"a1","local":"any","ttl":64,"tos":"inherit"}'
check "link a1: covers only a1's 192.168.1.1" ipv4_is isA "192.168.1.1"
del isA
check "link a0: created" ip -n i2_a link add isA type isatap link a0
check "link a0: covers only a0's 10.0.0.1 and 10.0.0.11" \
	ipv4_is isA "10.0.0.1 10.0.0.11"
del isA

# --- local ---------------------------------------------------------------
log "local"
check "local 10.0.0.11: created" \
	ip -n i2_a link add isA type isatap local 10.0.0.11
check "local 10.0.0.11: ip -d link" \
	details_are isA "isatap local 10.0.0.11 ttl 64 tos inherit"
check "local 10.0.0.11: ip -j -d link" \
	json_is isA '{"local":"10.0.0.11","ttl":64,"tos":"inherit"}'
check "local 10.0.0.11: covers only 10.0.0.11 of a0's two" \
	ipv4_is isA "10.0.0.11"
check "local 10.0.0.11: isA up with fe80::5efe:a00:b" up isA fe80::5efe:a00:b
check "local 10.0.0.11: outer source 10.0.0.11" \
	outer_is isA "10.0.0.11 - -"
del isA

# --- every option at once, ttl 32 ----------------------------------------
log "link a0 local 10.0.0.1 ttl 32"
check "all options: created" \
	ip -n i2_a link add isA type isatap link a0 local 10.0.0.1 ttl 32 tos inherit
check "all options: ip -d link shows 'isatap link a0 local 10.0.0.1 ttl 32 tos inherit'" \
	details_are isA "isatap link a0 local 10.0.0.1 ttl 32 tos inherit"
check "all options: ip -j -d link info_data" \
	json_is isA '{"link":"a0","local":"10.0.0.1","ttl":32,"tos":"inherit"}'
check "all options: covers only 10.0.0.1" ipv4_is isA "10.0.0.1"
check "all options: isA up with fe80::5efe:a00:1" up isA fe80::5efe:a00:1
check "ttl 32: outer 10.0.0.1, TTL 32 for inner hop limit 9" \
	outer_is isA "10.0.0.1 32 -" -t 9
del isA

# --- ttl inherit ---------------------------------------------------------
log "ttl inherit"
check "ttl inherit: created" ip -n i2_a link add isA type isatap local 10.0.0.1 ttl inherit
check "ttl inherit: ip -d link" details_are isA "isatap local 10.0.0.1 ttl inherit tos inherit"
check "ttl inherit: ip -j -d link has ttl 0" \
	json_is isA '{"local":"10.0.0.1","ttl":0,"tos":"inherit"}'
check "ttl inherit: isA up" up isA fe80::5efe:a00:1
check "ttl inherit: ping -t 7 -> outer TTL 7" outer_is isA "- 7 -" -t 7
check "ttl inherit: ping -t 200 -> outer TTL 200" outer_is isA "- 200 -" -t 200
# RFC 6040 normal mode, on the default tos inherit
check "tos inherit: ping -Q 0xba (EF, ECT(0)) -> outer 0xba" \
	outer_is isA "- - 0xba" -Q 0xba
check "tos inherit: ping -Q 0xbb (EF, CE) -> outer 0xba (CE not copied)" \
	outer_is isA "- - 0xba" -Q 0xbb
del isA

# --- tos 0 ---------------------------------------------------------------
log "tos 0"
check "tos 0: created" ip -n i2_a link add isA type isatap local 10.0.0.1 tos 0
check "tos 0: ip -d link" details_are isA "isatap local 10.0.0.1 ttl 64 tos 0"
check "tos 0: ip -j -d link" \
	json_is isA '{"local":"10.0.0.1","ttl":64,"tos":"0"}'
check "tos 0: isA up" up isA fe80::5efe:a00:1
check "tos 0: ping -Q 0xb8 -> outer TOS 0x00" outer_is isA "- - 0x00" -Q 0xb8
check "tos 0: ping -Q 0xb9 (ECT(1)) -> outer 0x01 (ECN still copied)" \
	outer_is isA "- - 0x01" -Q 0xb9
del isA

# --- refused -------------------------------------------------------------
log "refused"
# refused CMD-WORDS... -- STDERR-REGEX: ip link add isX fails, says so, no isX
refused() {
	local args=() re
	while [ "$1" != -- ]; do args+=("$1"); shift; done
	re=$2
	if ip -n i2_a link add isX type isatap "${args[@]}" 2>"$T6_TMP/err"; then
		echo "accepted"; del isX; return 1
	fi
	cat "$T6_TMP/err"
	grep -Eq "$re" "$T6_TMP/err" && absent isX
}
check "local 224.0.0.1 refused by the kernel (extack)" \
	refused local 224.0.0.1 -- '^Error: local must be a unicast IPv4 address'
check "local 127.0.0.1 refused by the kernel (extack)" \
	refused local 127.0.0.1 -- '^Error: local must be a unicast IPv4 address'
check "local 0.0.0.0 refused by the kernel (extack)" \
	refused local 0.0.0.0 -- '^Error: local must be a unicast IPv4 address'
check "link nosuchdev refused" refused link nosuchdev -- 'Cannot find device "nosuchdev"'
check "link if999 (no such ifindex) refused by the kernel (extack)" \
	refused link if999 -- '^Error: underlying link not found'
check "ttl 300 refused" refused ttl 300 -- '"300" is wrong'
check "tos 0x10 refused" refused tos 0x10 -- '"0x10" is wrong'
check "local 10.0.0 refused" refused local 10.0.0 -- '"10.0.0" is wrong'
check "unknown option refused" refused frob 1 -- 'unknown option "frob"'

# --- t6 isatap set state enabled ... ---------------------------------------
log "t6"
check "t6: set state enabled dev is2 link a0 local 10.0.0.11 ttl 32" \
	t6 i2_a isatap set state enabled dev is2 link a0 local 10.0.0.11 ttl 32
check "t6: ip -d link shows them" \
	details_are is2 "isatap link a0 local 10.0.0.11 ttl 32 tos inherit"
check "t6: covers only 10.0.0.11" ipv4_is is2 "10.0.0.11"
check "t6: is2 is up with fe80::5efe:a00:b" wait_for 10 has_ll is2 fe80::5efe:a00:b
check "t6: outer 10.0.0.11, TTL 32" outer_is is2 "10.0.0.11 32 -" -t 9
t6_fails() { # t6_fails STDERR-REGEX t6-args...
	local re=$1
	shift
	if t6 i2_a "$@" 2>"$T6_TMP/err"; then echo "accepted"; return 1; fi
	cat "$T6_TMP/err"
	grep -Eq "$re" "$T6_TMP/err"
}
check "t6: options for the existing is2 refused" \
	t6_fails '^t6: is2 exists; link/local/ttl are creation options \(delete it first\)$' \
	isatap set state enabled dev is2 ttl 5
check "t6: is2 unchanged" details_are is2 "isatap link a0 local 10.0.0.11 ttl 32 tos inherit"
check "t6: the options is2 has are accepted (a configuration applied again)" \
	t6 i2_a isatap set state enabled dev is2 link a0 local 10.0.0.11 ttl 32
check "t6: plain set state enabled of the existing is2 still works" \
	t6 i2_a isatap set state enabled dev is2
check "t6: local 224.0.0.1 refused by the kernel (extack)" \
	t6_fails '^t6: cannot create is3: local must be a unicast IPv4 address$' \
	isatap set state enabled dev is3 local 224.0.0.1
check "t6: link nosuchdev refused" \
	t6_fails "^t6: link 'nosuchdev': no such interface$" \
	isatap set state enabled dev is3 link nosuchdev
check "t6: ttl 300 refused" \
	t6_fails "^t6: invalid ttl '300'" isatap set state enabled dev is3 ttl 300
check "t6: nothing of is3 created" absent is3
check "t6: set state enabled dev is3 ttl inherit" \
	t6 i2_a isatap set state enabled dev is3 link a1 ttl inherit
check "t6: ip -j -d link of is3" \
	json_is is3 '{"link":"a1","local":"any","ttl":0,"tos":"inherit"}'

finish
