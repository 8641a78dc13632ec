#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# t6's grammar, error lines and output formats, without the module:
# tests/fake_kernel.so (LD_PRELOAD) answers in its place and logs what t6
# asks for.  Run from tools/t6 (make check).

set -u
cd "$(dirname "$0")/.." || exit 1
T6=./t6
FAKE=$PWD/tests/fake_kernel.so
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
LOG=$TMP/log
fails=0
n=0

# failures are counted in a file: same_as often runs in a pipeline's
# subshell, where a variable would be lost
fail() {
	echo "FAIL: $*"
	echo x >>"$TMP/failures"
}

# expect RC CMD...: exit status RC; on failure exactly one stderr line "t6: ..."
expect() {
	want=$1
	shift
	n=$((n + 1))
	"$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	[ "$rc" = "$want" ] || fail "$* -> rc $rc, expected $want: $(cat "$TMP/err")"
	if [ "$want" != 0 ]; then
		[ "$(wc -l <"$TMP/err")" = 1 ] || fail "$*: stderr not one line: $(cat "$TMP/err")"
		grep -q '^t6: ' "$TMP/err" || fail "$*: stderr lacks 't6: ': $(cat "$TMP/err")"
	fi
}

# same_as FILE WHAT: compare FILE with stdin
same_as() {
	cat >"$TMP/want"
	diff -u "$TMP/want" "$1" >"$TMP/diff" || fail "$2: $(cat "$TMP/diff")"
}

json_ok() {
	command -v python3 >/dev/null || return 0
	python3 -m json.tool "$TMP/out" >/dev/null 2>&1 || fail "$1: invalid JSON: $(cat "$TMP/out")"
}

fake() {
	rm -f "$LOG"
	env LD_PRELOAD="$FAKE" FAKE_T6_LOG="$LOG" "$@"
}

# --- grammar and usage errors (exit 2): no netlink is reached
for cmd in "frob" "isatap frob" "isatap show" "isatap show foo" \
	"isatap show state foo" "isatap show state dev" \
	"isatap show state dev=a dev=b" "isatap show interfaces x" \
	"isatap add prefix 2001:db8::/129" "isatap add prefix 2001:db8::/0" \
	"isatap add prefix 2001:db8::1/64" "isatap add prefix 2001:db8::" \
	"isatap add prefix zz::/64" "isatap add prefix" \
	"isatap add prefix 2001:db8::/64 validlft 10 preferredlft 20" \
	"isatap add prefix 2001:db8::/64 validlft soon" \
	"isatap del prefix 2001:db8::/64 validlft 10" \
	"isatap add router 10.0.0.300" "isatap add router 10.0.0" \
	"isatap add router ::1" "isatap add router 224.0.0.1" \
	"isatap add router bad/name" "isatap add router" "isatap del router" \
	"isatap set state" "isatap set state maybe" \
	"isatap set forwarding on" "isatap set rsinterval -1" \
	"isatap set rsinterval 4294967296" "isatap set routerlifetime 65536" \
	"-x isatap show state" "monitor -x"; do
	# shellcheck disable=SC2086
	expect 2 $T6 $cmd
done
expect 2 $T6 isatap show state frob
grep -q "unknown key 'frob'; usage: t6 isatap show state \[dev NAME\]" "$TMP/err" ||
	fail "usage line: $(cat "$TMP/err")"

# --- help (exit 0, stdout)
for cmd in "" "help" "-h" "--help" "isatap" "isatap help" "help isatap" \
	"--version"; do
	# shellcheck disable=SC2086
	expect 0 $T6 $cmd
done
expect 0 $T6 isatap help
grep -q "forwarding on Linux is global" "$TMP/out" || fail "help: forwarding note"
grep -q "set state enabled|disabled|default \[dev NAME\] \[link DEV\] \[local A.B.C.D\] \[ttl N\]" "$TMP/out" ||
	fail "help: set state creation options"
grep -q "Creation options of 'set state enabled'" "$TMP/out" || fail "help: creation options note"
[ "$(grep -c '^  t6 isatap ' "$TMP/out")" = 13 ] || fail "help: 13 commands"

# --- no module
expect 1 fake FAKE_T6_NOFAMILY=1 $T6 isatap show state
echo "t6: transit6 module not loaded (generic netlink family 'transit6' not found)" |
	same_as "$TMP/err" "no module"

# --- show
expect 0 fake $T6 isatap show state
same_as "$TMP/out" "show state" <<'EOF'
Interface        : isatap0
State            : probe
Reason           : no router answered
Forwarding       : enabled
RS interval      : 120 seconds
Router lifetime  : 1800 seconds
IPv4 addresses   : 10.0.0.1 8.8.4.4
ISATAP addresses : fe80::5efe:10.0.0.1 fe80::200:5efe:8.8.4.4 2001:db8::5efe:10.0.0.9
Routers          : 10.0.0.2 rs_sent 3 ra_rcvd 1 last RA 12s ago
                   10.0.0.3 rs_sent 3 ra_rcvd 0 last RA never
Prefixes         : 2001:db8::/64 valid 86400 preferred 14400
                   2001:db8:1::/48 valid infinite preferred infinite
Drops            : short 3
                   malformed 0
                   spoofed 4
                   ra_not_prl 0
                   loop 0
                   no_nexthop 0
                   no_route 0
                   too_big 0
                   bad_icmp 0
                   reason42 5
EOF
expect 0 fake $T6 -j isatap show state
json_ok "show state -j"
same_as "$TMP/out" "show state -j" <<'EOF'
{"ifname":"isatap0","ifindex":10,"kind":"isatap","state":"probe","reason":"router_unreachable","forwarding":true,"rs_interval":120,"router_lifetime":1800,"ipv4":["10.0.0.1","8.8.4.4"],"addresses":["fe80::5efe:10.0.0.1","fe80::200:5efe:8.8.4.4","2001:db8::5efe:10.0.0.9"],"routers":[{"address":"10.0.0.2","rs_sent":3,"ra_received":1,"last_ra_ms":12345},{"address":"10.0.0.3","rs_sent":3,"ra_received":0,"last_ra_ms":null}],"prefixes":[{"prefix":"2001:db8::","length":64,"valid_lft":86400,"preferred_lft":14400},{"prefix":"2001:db8:1::","length":48,"valid_lft":4294967295,"preferred_lft":4294967295}],"drops":{"short":3,"malformed":0,"spoofed":4,"ra_not_prl":0,"loop":0,"no_nexthop":0,"no_route":0,"too_big":0,"bad_icmp":0,"reason42":5}}
EOF
expect 0 fake $T6 -p isatap show state
json_ok "show state -p"
expect 0 fake $T6 -j isatap show router
json_ok "show router -j"
expect 0 fake $T6 -j isatap show prefix dev isatap0
json_ok "show prefix -j"
grep -q 'ffff' "$TMP/out" && fail "show prefix: another device's prefix"
expect 0 fake FAKE_T6_DEVS="isatap0:1,isatap1:1,six0:2" $T6 isatap show interfaces
same_as "$TMP/out" "show interfaces" <<'EOF'
isatap0 (isatap) state probe reason router_unreachable
isatap1 (isatap) state dormant reason admin_down
six0 (6to4) state dormant reason admin_down
EOF
expect 0 fake FAKE_T6_DEVS="isatap0:1,six0:2" $T6 -j isatap show interfaces
json_ok "show interfaces -j"
expect 0 fake FAKE_T6_DEVS="$(printf 'q"\\\001\377\303\251:1')" $T6 -j isatap show state
json_ok "escaping"

# --- which device
expect 1 fake FAKE_T6_DEVS="isatap0:1,isatap1:1" $T6 isatap show state
echo "t6: several isatap interfaces (isatap0, isatap1); name one with 'dev NAME'" |
	same_as "$TMP/err" "several"
expect 1 fake FAKE_T6_DEVS="six0:2" $T6 isatap show state
echo "t6: no isatap interface; create one with 't6 isatap set state enabled'" |
	same_as "$TMP/err" "none"
expect 1 fake FAKE_T6_DEVS="six0:2" $T6 isatap show state dev six0
expect 0 fake FAKE_T6_DEVS="isatap0:1,isatap1:1" $T6 isatap show state dev=isatap1
grep -q 'genl cmd=1 ifname=isatap1' "$LOG" || fail "dev=NAME: doit by name"

# --- set state
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 isatap set state enabled
same_as "$LOG" "create" <<'EOF'
genl cmd=1
rtnl newlink flags=0x605 index=0 ifi_flags=0 change=0 name=isatap0 kind=isatap
rtnl newlink flags=0x5 index=0 ifi_flags=0x1 change=0x1 name=isatap0 kind=-
EOF
expect 0 fake $T6 isatap set state default
grep -q 'kind=isatap' "$LOG" && fail "set state on an existing device creates"
expect 0 fake $T6 isatap set state disabled dev isatap0
grep -q 'rtnl dellink flags=0x5 index=10' "$LOG" || fail "disabled: dellink"
expect 1 fake FAKE_T6_DEVS="six0:2" FAKE_T6_ERR="1016:95" $T6 isatap set state enabled

# --- set state enabled: creation options in IFLA_INFO_DATA
lo=$(cat /sys/class/net/lo/ifindex 2>/dev/null || echo 1)
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 isatap set state enabled dev is2 link lo local 10.0.0.1 ttl 32
same_as "$LOG" "create with options" <<EOF
genl cmd=1 ifname=is2
rtnl newlink flags=0x605 index=0 ifi_flags=0 change=0 name=is2 kind=isatap data: link=$lo local=10.0.0.1 ttl=32
rtnl newlink flags=0x5 index=0 ifi_flags=0x1 change=0x1 name=is2 kind=-
EOF
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 isatap set state enabled ttl=inherit
grep -qx 'rtnl newlink flags=0x605 index=0 ifi_flags=0 change=0 name=isatap0 kind=isatap data: ttl=0' "$LOG" ||
	fail "ttl inherit: $(cat "$LOG")"
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 isatap set state default local=192.0.2.7 ttl 0
grep -qx 'rtnl newlink .* name=isatap0 kind=isatap data: local=192.0.2.7 ttl=0' "$LOG" ||
	fail "local, ttl 0: $(cat "$LOG")"
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 isatap set state enabled link=lo
grep -qx "rtnl newlink .* kind=isatap data: link=$lo" "$LOG" || fail "link only: $(cat "$LOG")"
# the kernel, not t6, judges the address; its extended ack is the error
expect 1 fake FAKE_T6_DEVS="six0:2" FAKE_T6_ERR="1016:22:local must be a unicast IPv4 address" \
	$T6 isatap set state enabled local 224.0.0.1
echo "t6: cannot create isatap0: local must be a unicast IPv4 address" | same_as "$TMP/err" "local refused"
grep -q 'data: local=224.0.0.1$' "$LOG" || fail "local 224.0.0.1 not sent: $(cat "$LOG")"
# an existing interface keeps its options: refuse, change nothing
expect 1 fake $T6 isatap set state enabled ttl 5
echo "t6: isatap0 exists; link/local/ttl are creation options (delete it first)" |
	same_as "$TMP/err" "exists with options"
grep -q rtnl "$LOG" && fail "exists with options: rtnl request sent"
expect 1 fake FAKE_T6_DEVS="isatap0:1,isatap1:1" $T6 isatap set state enabled dev isatap1 link lo
echo "t6: isatap1 exists; link/local/ttl are creation options (delete it first)" |
	same_as "$TMP/err" "exists with options, dev"
expect 1 fake FAKE_T6_DEVS="six0:2" $T6 isatap set state enabled link nosuchdev0
echo "t6: link 'nosuchdev0': no such interface" | same_as "$TMP/err" "unknown link"
grep -q newlink "$LOG" 2>/dev/null && fail "unknown link: newlink sent"
for args in "ttl 256" "ttl -1" "ttl x" "ttl" "local 10.0.0" "local ::1" \
	"local" "link" "link 0123456789abcdef" "ttl 1 ttl 2" "frob 1" \
	"local 10.0.0.1 local 10.0.0.2"; do
	# shellcheck disable=SC2086
	expect 2 fake FAKE_T6_DEVS="six0:2" $T6 isatap set state enabled $args
	grep -q newlink "$LOG" 2>/dev/null && fail "$args: newlink sent"
done
expect 2 fake $T6 isatap set state disabled ttl 5
grep -q "'ttl' is a creation option" "$TMP/err" || fail "disabled ttl: $(cat "$TMP/err")"
expect 2 fake $T6 isatap set state enabled ttl 300
grep -q "invalid ttl '300' (0..255); usage: t6 isatap set state .*\[link DEV\] \[local A.B.C.D\] \[ttl N\]" "$TMP/err" ||
	fail "ttl 300: $(cat "$TMP/err")"

# --- routers
expect 0 fake $T6 isatap set router 10.0.0.2
same_as "$LOG" "set router" <<'EOF'
genl cmd=1
genl cmd=5 ifindex=10
genl cmd=4 ifindex=10 router=10.0.0.2
EOF
expect 0 fake $T6 isatap add router=localhost
grep -q 'genl cmd=4 ifindex=10 router=127.0.0.1' "$LOG" || fail "add router NAME"
expect 0 fake $T6 isatap del router all
tail -n 1 "$LOG" | grep -qx 'genl cmd=5 ifindex=10' || fail "del router all"
expect 1 fake FAKE_T6_ERR="4:17:router already listed" $T6 isatap add router 10.0.0.5
echo "t6: cannot add router 10.0.0.5 to isatap0: router already listed" | same_as "$TMP/err" "extack"
expect 1 fake FAKE_T6_ERR="4:17" $T6 isatap add router 10.0.0.5
echo "t6: cannot add router 10.0.0.5 to isatap0: File exists" | same_as "$TMP/err" "strerror"
expect 1 fake $T6 isatap add router no-such-host.invalid
grep -q "^t6: cannot resolve 'no-such-host.invalid': " "$TMP/err" || fail "resolve error"

# --- settings
mkdir -p "$TMP/sys/all" "$TMP/sys/isatap0"
echo 0 >"$TMP/sys/all/forwarding"
echo 0 >"$TMP/sys/isatap0/forwarding"
expect 0 fake FAKE_T6_SYSCTL="$TMP/sys" $T6 isatap set forwarding enabled
[ "$(cat "$TMP/sys/all/forwarding" "$TMP/sys/isatap0/forwarding")" = "1
1" ] || fail "forwarding sysctls"
grep -q 'genl cmd=2 ifindex=10 forwarding=1' "$LOG" || fail "forwarding attr"
expect 0 fake FAKE_T6_SYSCTL="$TMP/sys" $T6 isatap set forwarding=disabled
[ "$(cat "$TMP/sys/all/forwarding" "$TMP/sys/isatap0/forwarding")" = "1
0" ] || fail "forwarding disabled sysctls"
expect 1 fake FAKE_T6_SYSCTL="$TMP/none" $T6 isatap set forwarding enabled
expect 0 fake $T6 isatap set rsinterval 60
grep -q 'rs_interval=60' "$LOG" || fail "rsinterval"
expect 0 fake $T6 isatap set routerlifetime 9000 dev isatap0
grep -q 'router_lifetime=9000' "$LOG" || fail "routerlifetime"

# --- prefixes
expect 0 fake $T6 isatap add prefix 2001:db8::/64 validlft 86400 preferredlft 3600
same_as "$LOG" "add prefix" <<'EOF'
genl cmd=1
genl cmd=7 ifindex=10 prefix=2001:db8:: len=64 valid=86400 preferred=3600
rtnl newaddr flags=0x505 index=10 addr=2001:db8::5efe:a00:1/64 ifa_flags=0x2
rtnl newaddr flags=0x505 index=10 addr=2001:db8::200:5efe:808:404/64 ifa_flags=0x2
EOF
expect 0 fake $T6 isatap add prefix 2001:db8::/48 validlft infinite
grep -q newaddr "$LOG" && fail "address added for a /48"
expect 0 fake FAKE_T6_ERR="1021:99" $T6 isatap del prefix 2001:db8::/64
grep -q 'genl cmd=8 ifindex=10 prefix=2001:db8:: len=64' "$LOG" || fail "del prefix"
[ "$(grep -c deladdr "$LOG")" -ge 2 ] || fail "del prefix: deladdr"
expect 1 fake FAKE_T6_ERR="1020:1" $T6 isatap add prefix 2001:db8::/64
echo "t6: cannot add address 2001:db8::5efe:10.0.0.1/64 to isatap0: Operation not permitted (CAP_NET_ADMIN needed)" |
	same_as "$TMP/err" "newaddr error"

# --- monitor (the fake ends it after two events)
fake $T6 monitor >"$TMP/out" 2>/dev/null
same_as "$TMP/out" "monitor" <<'EOF'
isatap0 (isatap) state probe reason none
isatap0 (isatap) state qualified reason none
EOF
fake $T6 monitor -j >"$TMP/out" 2>/dev/null
[ "$(wc -l <"$TMP/out")" = 2 ] || fail "monitor -j: one object per line"
if command -v python3 >/dev/null; then
	python3 -c 'import json,sys
for l in open(sys.argv[1]): json.loads(l)' "$TMP/out" || fail "monitor -j JSON"
fi

grep -q hang "$LOG" 2>/dev/null && fail "a request without an answer"
fails=$(cat "$TMP/failures" 2>/dev/null | wc -l)
echo "cli_test: $n commands, $fails failed"
[ "$fails" = 0 ]
