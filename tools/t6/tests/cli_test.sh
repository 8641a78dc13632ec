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
# the stand-in radvd of the 6to4 routing checks may be left running
trap 'for p in "$TMP"/run/*/radvd.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null; done; rm -rf "$TMP"' EXIT
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

# the sysctls, /run/transit6 and radvd are the fake's stand-ins unless a
# check names others
fake() {
	rm -f "$LOG"
	env LD_PRELOAD="$FAKE" FAKE_T6_LOG="$LOG" FAKE_T6_SYSCTL="$TMP/sys" \
		FAKE_T6_RUN="$TMP/run" FAKE_T6_RADVD="$TMP/radvd" \
		FAKE_T6_LANS="$TMP/lans" "$@"
}

# err_is LINE: stderr is exactly LINE
err_is() {
	echo "$1" | same_as "$TMP/err" "$1"
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

# --- t6 --version: t6's and the loaded module's, text and JSON
v=$(../version)
expect 0 fake FAKE_T6_NOFAMILY=1 $T6 --version
same_as "$TMP/out" "--version, no module" <<EOF
t6 $v (generic netlink version 2)
transit6 module not loaded
EOF
mkdir -p "$TMP/mod" && echo 9.9-gabcdef >"$TMP/mod/version"
expect 0 fake FAKE_T6_MODULE="$TMP/mod" FAKE_T6_VERSION=1 $T6 --version
same_as "$TMP/out" "--version, an older module" <<EOF
t6 $v (generic netlink version 2)
transit6 module 9.9-gabcdef (generic netlink version 1)
EOF
expect 0 fake FAKE_T6_MODULE="$TMP/mod" $T6 -j --version
json_ok "--version -j"
same_as "$TMP/out" "--version -j" <<EOF
{"version":"$v","genl_version":2,"module":{"version":"9.9-gabcdef","genl_version":2}}
EOF
expect 0 fake FAKE_T6_NOFAMILY=1 $T6 --version -j
same_as "$TMP/out" "--version -j, no module" <<EOF
{"version":"$v","genl_version":2,"module":null}
EOF

# --- a module of another netlink version: refused before anything is sent
expect 1 fake FAKE_T6_VERSION=1 $T6 isatap show state
echo "t6: the transit6 module speaks netlink version 1, this t6 version 2: use the t6 built with the module" |
	same_as "$TMP/err" "old module"
[ ! -e "$LOG" ] || ! grep -q "^genl" "$LOG" || fail "old module: a transit6 request was sent"

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
{"ifname":"isatap0","ifindex":10,"kind":"isatap","state":"probe","reason":"router_unreachable","forwarding":true,"rs_interval":120,"router_lifetime":1800,"ipv4":["10.0.0.1","8.8.4.4"],"addresses":["fe80::5efe:10.0.0.1","fe80::200:5efe:8.8.4.4","2001:db8::5efe:10.0.0.9"],"routers":[{"address":"10.0.0.2","rs_sent":3,"ra_received":1,"last_ra_ms":12345},{"address":"10.0.0.3","rs_sent":3,"ra_received":0,"last_ra_ms":null}],"prefixes":[{"prefix":"2001:db8::","length":64,"valid_lft":86400,"preferred_lft":14400},{"prefix":"2001:db8:1::","length":48,"valid_lft":4294967295,"preferred_lft":4294967295}],"ignoring_ras":[],"drops":{"short":3,"malformed":0,"spoofed":4,"ra_not_prl":0,"loop":0,"no_nexthop":0,"no_route":0,"too_big":0,"bad_icmp":0,"reason42":5}}
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
# an existing interface keeps its options: other ones are refused, and
# nothing changes; the ones it has are fine (a configuration applied again)
expect 1 fake $T6 isatap set state enabled ttl 5
echo "t6: isatap0 exists; link/local/ttl are creation options (delete it first)" |
	same_as "$TMP/err" "exists with options"
grep -v "rtnl getlink" "$LOG" | grep -q rtnl && fail "exists with options: rtnl change sent"
expect 1 fake FAKE_T6_DEVS="isatap0:1,isatap1:1" $T6 isatap set state enabled dev isatap1 link lo
echo "t6: isatap1 exists; link/local/ttl are creation options (delete it first)" |
	same_as "$TMP/err" "exists with options, dev"
expect 0 fake $T6 isatap set state enabled ttl 64
grep -q "rtnl newlink flags=0x5 index=0 ifi_flags=0x1 change=0x1 name=isatap0 kind=-" "$LOG" ||
	fail "exists with the same options: not set up: $(cat "$LOG")"
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
genl cmd=2 ifindex=10 prl_names=10.0.0.2,
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
# the kernel adds the router's own addresses in it: t6 asks for nothing else
same_as "$LOG" "add prefix" <<'EOF'
genl cmd=1
genl cmd=7 ifindex=10 prefix=2001:db8:: len=64 valid=86400 preferred=3600
EOF
expect 0 fake $T6 isatap add prefix 2001:db8::/48 validlft infinite
grep -q 'genl cmd=7 ifindex=10 prefix=2001:db8:: len=48' "$LOG" || fail "add a /48"
expect 0 fake $T6 isatap del prefix 2001:db8::/64
same_as "$LOG" "del prefix" <<'EOF'
genl cmd=1
genl cmd=8 ifindex=10 prefix=2001:db8:: len=64
EOF
expect 1 fake FAKE_T6_ERR="7:1" $T6 isatap add prefix 2001:db8::/64
grep -q '^t6: cannot publish prefix 2001:db8::/64 on isatap0: Operation not permitted' "$TMP/err" ||
	fail "add prefix refused: $(cat "$TMP/err")"

# --- 6to4: grammar and usage errors (exit 2), before any request
long=$(printf '%0256d' 0 | tr 0 r)
for cmd in "6to4 frob" "6to4 show" "6to4 show frob" "6to4 show state foo" \
	"6to4 show state dev" "6to4 show state dev 0123456789abcdef" \
	"6to4 set" "6to4 set state" "6to4 set state maybe" "6to4 set state on" \
	"6to4 set state enabled frob 1" "6to4 set state enabled dev" \
	"6to4 set state enabled dev a dev b" "6to4 set state disabled ttl 5" \
	"6to4 set relay" "6to4 set relay 1.2.3" "6to4 set relay 1.2.3.4.5" \
	"6to4 set relay 256.0.0.1" "6to4 set relay=" "6to4 set relay 0.0.0.0" \
	"6to4 set relay 10.0.0.1" "6to4 set relay 100.64.0.1" \
	"6to4 set relay 127.0.0.1" "6to4 set relay 169.254.1.1" \
	"6to4 set relay 172.16.0.1" "6to4 set relay 192.168.1.1" \
	"6to4 set relay 224.0.0.1" "6to4 set relay 240.0.0.1" \
	"6to4 set relay 255.255.255.255" "6to4 set relay a:b" \
	"6to4 set relay 2001:db8::1" "6to4 set relay $long" \
	"6to4 set relay 8.8.8.8 frob 1" "6to4 set relay 8.8.8.8 8.8.4.4" \
	"6to4 set relay 8.8.8.8 dev" \
	"6to4 set nativefrom" "6to4 set nativefrom all" "6to4 set nativefrom=" \
	"6to4 set nativefrom any frob 1" "6to4 set nativefrom relay any" \
	"6to4 set routing" "6to4 set routing on" "6to4 set routing enabled" \
	"6to4 set routing enabled dev six0" "6to4 set routing enabled subnet 3" \
	"6to4 set routing disabled subnet 3" \
	"6to4 set routing disabled lan eth0 subnet 3" \
	"6to4 set routing enabled lan 0123456789abcdef" \
	"6to4 set routing enabled lan=" "6to4 set routing enabled lan" \
	"6to4 set routing enabled lan eth0 frob 1" \
	"6to4 set routing enabled lan eth0 lan eth1" \
	"6to4 set routing enabled lan eth0 subnet" \
	"6to4 set routing enabled lan eth0 dev 0123456789abcdef"; do
	# shellcheck disable=SC2086
	expect 2 fake FAKE_T6_DEVS="six0:2" $T6 $cmd
	[ -s "$LOG" ] && fail "$cmd: a request was sent: $(cat "$LOG")"
done
u_state="usage: t6 6to4 set state enabled|relay|disabled|default [dev NAME]"
u_relay="usage: t6 6to4 set relay ADDR|NAME|default|none [dev NAME]"
u_routing="usage: t6 6to4 set routing enabled|disabled [lan IFNAME] [subnet N] [dev NAME]"
expect 2 $T6 6to4 set state maybe
err_is "t6: invalid state 'maybe'; $u_state"
expect 2 $T6 6to4 set state enabled frob 1
err_is "t6: unknown key 'frob'; $u_state"
expect 2 $T6 6to4 set relay 1.2.3
err_is "t6: invalid IPv4 address '1.2.3'; $u_relay"
expect 2 $T6 6to4 set relay 10.0.0.1
err_is "t6: relay 10.0.0.1: not a public IPv4 address; $u_relay"
expect 2 $T6 6to4 set relay=100.127.255.255
err_is "t6: relay 100.127.255.255: not a public IPv4 address; $u_relay"
expect 2 $T6 6to4 set relay a:b
err_is "t6: 'a:b': 6to4 relays have IPv4 addresses; $u_relay"
expect 2 $T6 6to4 set relay 2001:db8::1
err_is "t6: '2001:db8::1': 6to4 relays have IPv4 addresses; $u_relay"
expect 2 $T6 6to4 set relay bad/name
err_is "t6: invalid relay name 'bad/name'; $u_relay"
expect 2 $T6 6to4 set relay "$long"
err_is "t6: invalid relay name '$long'; $u_relay"
expect 2 $T6 6to4 set relay 8.8.8.8 frob 1
err_is "t6: unknown key 'frob'; $u_relay"
# a name is resolved first, then judged like an address (runtime: DNS said so)
expect 1 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set relay localhost
err_is "t6: relay localhost (127.0.0.1): not a public IPv4 address"
u_native="usage: t6 6to4 set nativefrom any|relay [dev NAME]"
expect 2 $T6 6to4 set nativefrom all
err_is "t6: invalid nativefrom 'all' (any or relay); $u_native"
expect 2 $T6 6to4 set routing on
err_is "t6: invalid routing 'on' (enabled or disabled); $u_routing"
expect 2 $T6 6to4 set routing enabled
err_is "t6: missing 'lan IFNAME'; $u_routing"
expect 2 $T6 6to4 set routing disabled subnet 3
err_is "t6: 'subnet' is for 'enabled' only; $u_routing"
expect 2 $T6 6to4 set routing enabled lan 0123456789abcdef
err_is "t6: invalid interface name '0123456789abcdef'; $u_routing"
expect 2 $T6 6to4 set routing enabled lan eth0 frob 1
err_is "t6: unknown key 'frob'; $u_routing"
expect 2 $T6 6to4 set routing enabled lan eth0 lan eth1
err_is "t6: 'lan' given twice; $u_routing"

# --- 6to4: help
expect 0 $T6 6to4 help
[ "$(grep -c '^  t6 6to4 ' "$TMP/out")" = 6 ] || fail "6to4 help: 6 commands"
grep -q "'set nativefrom relay'" "$TMP/out" || fail "6to4 help: nativefrom note"
grep -q "'set state relay' also turns on IPv6" "$TMP/out" || fail "6to4 help: relay note"
expect 0 $T6 help
grep -q '^  6to4 ' "$TMP/out" || fail "help: 6to4 context"

# --- 6to4: which device
expect 1 fake $T6 6to4 show state
err_is "t6: no 6to4 interface; create one with 't6 6to4 set state enabled'"
for cmd in "set relay 8.8.8.8" "set state disabled" "set routing enabled lan lo"; do
	# shellcheck disable=SC2086
	expect 1 fake $T6 6to4 $cmd
	err_is "t6: no 6to4 interface; create one with 't6 6to4 set state enabled'"
done
expect 1 fake FAKE_T6_DEVS="six0:2,six1:2,isatap0:1" $T6 6to4 show state
err_is "t6: several 6to4 interfaces (six0, six1); name one with 'dev NAME'"
expect 1 fake FAKE_T6_DEVS="six0:2,six1:2" $T6 6to4 set relay default
err_is "t6: several 6to4 interfaces (six0, six1); name one with 'dev NAME'"
grep -q 'cmd=2' "$LOG" && fail "several: a change was sent"
expect 1 fake FAKE_T6_DEVS="six0:2,isatap0:1" $T6 6to4 show state dev isatap0
grep -q "^t6: isatap0 is an\{0,1\} isatap interface, not 6to4$" "$TMP/err" ||
	fail "kind: $(cat "$TMP/err")"
expect 1 fake FAKE_T6_DEVS="six0:2" $T6 6to4 show state dev nosuch
err_is "t6: no 6to4 interface named 'nosuch'"
expect 1 fake FAKE_T6_DEVS="six0:2" $T6 6to4 show state dev lo
err_is "t6: lo is not a transit6 interface"
expect 0 fake FAKE_T6_DEVS="isatap0:1,six1:2" $T6 6to4 show state
grep -qx 'Interface        : six1' "$TMP/out" || fail "the only 6to4 interface"

# --- 6to4: show state
expect 0 fake FAKE_T6_DEVS="six0:2" FAKE_T6_RELAY="192.88.99.1:default:12345" \
	$T6 6to4 show state
same_as "$TMP/out" "6to4 show state" <<'EOF'
Interface        : six0
State            : qualified
Reason           : none
Role             : host
IPv4 addresses   : 203.0.113.1 198.51.100.7
6to4 addresses   : 2002:cb00:7101::cb00:7101 2002:c633:6407::c633:6407
6to4 prefixes    : 2002:cb00:7101::/48 2002:c633:6407::/48
Relay            : default (192.88.99.1), last used 12s ago
Native from      : any relay
Routing          : disabled
Drops            : short 0
                   malformed 0
                   spoofed 4
                   loop 0
                   no_nexthop 0
                   no_route 0
                   too_big 0
                   bad_ipv4 2
                   bad_ipv6 0
                   not_relay 1
                   dst_mismatch 0
                   reason42 5
EOF
expect 0 fake FAKE_T6_DEVS="six0:2" FAKE_T6_RELAY="192.88.99.1:default:12345" \
	$T6 -j 6to4 show state
json_ok "6to4 show state -j"
same_as "$TMP/out" "6to4 show state -j" <<'EOF'
{"ifname":"six0","ifindex":10,"kind":"6to4","state":"qualified","reason":"none","role":"host","ipv4":["203.0.113.1","198.51.100.7"],"addresses":["2002:cb00:7101::cb00:7101","2002:c633:6407::c633:6407"],"prefixes":["2002:cb00:7101::/48","2002:c633:6407::/48"],"relay":{"name":"default","address":"192.88.99.1","last_used_ms":12345},"native_from":"any","routing":{"enabled":false,"lans":[]},"ignoring_ras":[],"drops":{"short":0,"malformed":0,"spoofed":4,"loop":0,"no_nexthop":0,"no_route":0,"too_big":0,"bad_ipv4":2,"bad_ipv6":0,"not_relay":1,"dst_mismatch":0,"reason42":5}}
EOF
expect 0 fake FAKE_T6_DEVS="six0:2" FAKE_T6_RELAY="192.88.99.1:default:12345" \
	$T6 -p 6to4 show state
json_ok "6to4 show state -p"
# a relay: the anycast address is covered, but is no site of its own
expect 0 fake FAKE_T6_DEVS="six0:2" FAKE_T6_ROLE=1 FAKE_T6_RELAY="198.51.100.9" \
	$T6 6to4 show state
grep -qx 'Role             : relay' "$TMP/out" || fail "role relay: $(cat "$TMP/out")"
grep -qx 'IPv4 addresses   : 203.0.113.1 192.88.99.1' "$TMP/out" || fail "relay: IPv4"
grep -qx '6to4 prefixes    : 2002:cb00:7101::/48' "$TMP/out" || fail "relay: anycast prefix"
grep -qx 'Relay            : 198.51.100.9, last used never' "$TMP/out" || fail "relay without name"
expect 0 fake FAKE_T6_DEVS="six0:2" FAKE_T6_ROLE=1 FAKE_T6_RELAY="198.51.100.9" \
	$T6 -j 6to4 show state
json_ok "relay -j"
grep -q '"role":"relay",.*"prefixes":\["2002:cb00:7101::/48"\],"relay":{"name":null,"address":"198.51.100.9","last_used_ms":null}' \
	"$TMP/out" || fail "relay -j: $(cat "$TMP/out")"
# no relay, no public address
expect 0 fake FAKE_T6_DEVS="six0:2" FAKE_T6_V4= $T6 6to4 show state
grep -qx 'IPv4 addresses   : (none)' "$TMP/out" || fail "no IPv4: $(cat "$TMP/out")"
grep -qx '6to4 prefixes    : (none)' "$TMP/out" || fail "no prefixes"
grep -qx 'Relay            : none' "$TMP/out" || fail "no relay"
expect 0 fake FAKE_T6_DEVS="six0:2" FAKE_T6_V4= $T6 -j 6to4 show state
json_ok "no relay -j"
grep -q '"ipv4":\[\],"addresses":\[\],"prefixes":\[\],"relay":null,' "$TMP/out" ||
	fail "no relay -j: $(cat "$TMP/out")"
expect 0 fake FAKE_T6_DEVS="six0:2,six1:2" $T6 6to4 show state dev=six1
grep -q 'genl cmd=1 ifname=six1' "$LOG" || fail "6to4 dev=NAME: doit by name"
grep -qx 'State            : dormant' "$TMP/out" || fail "six1 dormant"

# --- 6to4: set state
# a fresh namespace state: no role has turned forwarding on yet
rm -rf "$TMP/run"
mkdir -p "$TMP/sys/all" "$TMP/sys/lo"
echo 0 >"$TMP/sys/all/forwarding"
echo 0 >"$TMP/sys/lo/forwarding"
expect 0 fake FAKE_T6_DEVS="isatap0:1" $T6 6to4 set state enabled
same_as "$LOG" "6to4 create" <<'EOF'
genl cmd=1
rtnl newlink flags=0x605 index=0 ifi_flags=0 change=0 name=sixtofour0 kind=sixtofour
genl cmd=1 ifname=sixtofour0
genl cmd=2 ifindex=11 role=0
rtnl newlink flags=0x5 index=0 ifi_flags=0x1 change=0x1 name=sixtofour0 kind=-
EOF
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set state enabled
same_as "$LOG" "6to4 enabled again" <<'EOF'
genl cmd=1
genl cmd=2 ifindex=10 role=0
rtnl newlink flags=0x5 index=0 ifi_flags=0x1 change=0x1 name=six0 kind=-
EOF
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set state default
grep -q 'newlink.*kind=sixtofour' "$LOG" && fail "6to4 default: created"
grep -qx 'genl cmd=2 ifindex=10 role=0' "$LOG" || fail "6to4 default: role host"
[ "$(cat "$TMP/sys/all/forwarding")" = 0 ] || fail "6to4 host: forwarding turned on"
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set state relay
same_as "$LOG" "6to4 relay" <<'EOF'
genl cmd=1
genl cmd=2 ifindex=10 role=1
sysctl /proc/sys/net/ipv6/conf/all/forwarding
rtnl newlink flags=0x5 index=0 ifi_flags=0x1 change=0x1 name=six0 kind=-
EOF
[ "$(cat "$TMP/sys/all/forwarding")" = 1 ] || fail "6to4 relay: forwarding"
expect 1 fake FAKE_T6_DEVS="six0:2" FAKE_T6_SYSCTL="$TMP/none" $T6 6to4 set state relay
grep -q '^t6: cannot open /proc/sys/net/ipv6/conf/all/forwarding: ' "$TMP/err" ||
	fail "relay sysctl: $(cat "$TMP/err")"
# dev NAME that does not exist yet: created next to the other one
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set state enabled dev six1
grep -qx 'rtnl newlink .* name=six1 kind=sixtofour' "$LOG" || fail "dev six1: $(cat "$LOG")"
expect 1 fake FAKE_T6_DEVS="six0:2,isatap0:1" $T6 6to4 set state enabled dev isatap0
grep -q newlink "$LOG" && fail "dev isatap0: newlink sent"
expect 1 fake FAKE_T6_DEVS="isatap0:1" FAKE_T6_ERR="1016:17" $T6 6to4 set state enabled
err_is "t6: cannot create sixtofour0: File exists"
expect 1 fake FAKE_T6_DEVS="isatap0:1" FAKE_T6_ERR="1016:95" $T6 6to4 set state enabled
err_is "t6: cannot create sixtofour0: the kernel knows no link kind 'sixtofour' (transit6 module not loaded?)"
expect 1 fake FAKE_T6_DEVS="six0:2" FAKE_T6_ERR="2:1" $T6 6to4 set state enabled
err_is "t6: cannot set the role of six0: Operation not permitted (CAP_NET_ADMIN needed)"
grep -q 'ifi_flags=0x1' "$LOG" && fail "role refused: set up anyway"
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set state disabled
same_as "$LOG" "6to4 disabled" <<'EOF'
genl cmd=1
rtnl dellink flags=0x5 index=10 ifi_flags=0 change=0 name=- kind=-
EOF
expect 1 fake FAKE_T6_DEVS="six0:2" FAKE_T6_ERR="1017:1" $T6 6to4 set state disabled
grep -q '^t6: cannot delete .*: Operation not permitted (CAP_NET_ADMIN needed)$' "$TMP/err" ||
	fail "dellink refused: $(cat "$TMP/err")"

# --- 6to4: set relay
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set relay 8.8.8.8
same_as "$LOG" "set relay ADDR" <<'EOF'
genl cmd=1
genl cmd=2 ifindex=10 relay=8.8.8.8 relay_name=
EOF
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set relay default
tail -n 1 "$LOG" | grep -qx 'genl cmd=2 ifindex=10 relay=192.88.99.1 relay_name=default' ||
	fail "set relay default: $(cat "$LOG")"
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set relay=none
tail -n 1 "$LOG" | grep -qx 'genl cmd=2 ifindex=10 relay=0.0.0.0 relay_name=' ||
	fail "set relay none: $(cat "$LOG")"
# --- 6to4: set nativefrom
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set nativefrom relay
tail -n 1 "$LOG" | grep -qx 'genl cmd=2 ifindex=10 native_from=1' ||
	fail "set nativefrom relay: $(cat "$LOG")"
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set nativefrom=any dev six0
tail -n 1 "$LOG" | grep -qx 'genl cmd=2 ifindex=10 native_from=0' ||
	fail "set nativefrom=any: $(cat "$LOG")"
expect 1 fake FAKE_T6_DEVS="isatap0:1" $T6 6to4 set nativefrom any
expect 0 fake FAKE_T6_DEVS="six0:2" FAKE_T6_NATIVE=1 $T6 6to4 show state
grep -qx 'Native from      : the configured relay only' "$TMP/out" ||
	fail "show state: native from relay: $(cat "$TMP/out")"
# 192.88.99.0/24 is not public, but is where relays are
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set relay 192.88.99.7
tail -n 1 "$LOG" | grep -qx 'genl cmd=2 ifindex=10 relay=192.88.99.7 relay_name=' ||
	fail "set relay 192.88.99.7: $(cat "$LOG")"
expect 0 fake FAKE_T6_DEVS="six0:2,six1:2" $T6 6to4 set relay 198.51.100.9 dev six1
tail -n 1 "$LOG" | grep -qx 'genl cmd=2 ifindex=11 relay=198.51.100.9 relay_name=' ||
	fail "set relay dev six1: $(cat "$LOG")"
expect 1 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set relay no-such-host.invalid
grep -q "^t6: cannot resolve 'no-such-host.invalid': " "$TMP/err" || fail "relay resolve error"
expect 1 fake FAKE_T6_DEVS="six0:2" \
	FAKE_T6_ERR="2:22:relay must be a public IPv4 address or in 192.88.99.0/24" \
	$T6 6to4 set relay 192.88.99.7
err_is "t6: cannot set the relay of six0: relay must be a public IPv4 address or in 192.88.99.0/24"
expect 1 fake FAKE_T6_DEVS="six0:2" FAKE_T6_ERR="2:1" $T6 6to4 set relay none
err_is "t6: cannot set the relay of six0: Operation not permitted (CAP_NET_ADMIN needed)"

# --- 6to4: set routing, with a stand-in radvd: "radvd -c" accepts any
# configuration; otherwise a process named radvd and its pid file
lo=$(cat /sys/class/net/lo/ifindex 2>/dev/null || echo 1)
lox=$(printf %x "$lo")
mkdir -p "$TMP/daemon"
ln -s /bin/sh "$TMP/daemon/radvd"
cat >"$TMP/radvd" <<EOF
#!/bin/sh
pidf=
while [ \$# -gt 0 ]; do
	case \$1 in -c) exit 0 ;; -p) pidf=\$2; shift ;; esac
	shift
done
"$TMP/daemon/radvd" -c 'trap "" HUP; while :; do sleep 1; done' </dev/null >/dev/null 2>&1 &
echo \$! >"\$pidf"
EOF
chmod +x "$TMP/radvd"
echo 0 >"$TMP/sys/all/forwarding"
# the log, with the namespace's state directory as net-N
nlog() { sed 's|/net-[0-9]*/|/net-N/|g' "$LOG" >"$TMP/nlog"; }
radvd_up() {
	p=$(cat "$TMP"/run/net-*/radvd.pid 2>/dev/null) &&
		[ "$(cat "/proc/$p/comm" 2>/dev/null)" = radvd ]
}
expect 1 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set routing disabled lan eth9
err_is "t6: routing is not enabled on 'eth9'"
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set routing disabled
# disabled names its interface too
expect 1 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set routing disabled dev nosuch
err_is "t6: no 6to4 interface named 'nosuch'"
expect 2 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set routing enabled lan lo subnet 70000
err_is "t6: invalid subnet '70000' (0..65535); $u_routing"
expect 2 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set routing enabled lan lo subnet 0x10
err_is "t6: invalid subnet '0x10' (0..65535); $u_routing"
expect 1 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set routing enabled lan nosuchdev0
err_is "t6: no interface named 'nosuchdev0'"
# no public IPv4 address yet: the LAN is served, its prefix comes with one
expect 0 fake FAKE_T6_DEVS="six0:2" FAKE_T6_V4= $T6 6to4 set routing enabled lan lo
expect 0 fake FAKE_T6_DEVS="six0:2" FAKE_T6_V4= $T6 6to4 show state
grep -qx "Advertised       : lo subnet $lo (no public IPv4 address yet) (radvd running)" "$TMP/out" ||
	fail "no public IPv4: show state: $(cat "$TMP/out")"
expect 0 fake FAKE_T6_DEVS="six0:2" FAKE_T6_V4= $T6 -j 6to4 show state
grep -q "\"lans\":\[{\"lan\":\"lo\",\"subnet\":$lo,\"prefix\":null}\]" "$TMP/out" ||
	fail "no public IPv4: show state -j: $(cat "$TMP/out")"
# a relay's anycast address is no site either
expect 0 fake FAKE_T6_DEVS="six0:2" FAKE_T6_ROLE=1 FAKE_T6_V4=192.88.99.1 $T6 6to4 show state
grep -q "(no public IPv4 address yet)" "$TMP/out" || fail "anycast only: a prefix"
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set routing disabled
[ -s "$TMP/lans" ] && fail "routing disabled: the kernel still serves $(cat "$TMP/lans")"
# radvd missing: refused before anything changes
: >"$LOG"
expect 1 fake FAKE_T6_DEVS="six0:2" FAKE_T6_RADVD="$TMP/no-radvd" \
	$T6 6to4 set routing enabled lan lo
err_is "t6: /usr/sbin/radvd not found: install radvd (routing advertises with it)"
grep -q 'newaddr\|sysctl\|cmd=2' "$LOG" && fail "radvd missing: something changed"
# radvd rejecting the configuration: everything undone
printf '#!/bin/sh\nexit 1\n' >"$TMP/bad-radvd" && chmod +x "$TMP/bad-radvd"
expect 1 fake FAKE_T6_DEVS="six0:2" FAKE_T6_RADVD="$TMP/bad-radvd" \
	$T6 6to4 set routing enabled lan lo
grep -q "^t6: radvd rejects " "$TMP/err" || fail "radvd rejects: message"
grep -q "genl cmd=2 ifindex=10 lan_del=$lo" "$LOG" || fail "radvd rejects: LAN not given up"
[ "$(cat "$TMP/sys/all/forwarding")" = 0 ] || fail "radvd rejects: forwarding left on"
[ -s "$TMP/lans" ] && fail "radvd rejects: the kernel still serves the LAN"
: >"$LOG"
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set routing enabled lan lo
nlog
same_as "$TMP/nlog" "set routing enabled" <<EOF
genl cmd=1
genl cmd=2 ifindex=10 lan=$lo
sysctl /proc/sys/net/ipv6/conf/all/forwarding
sysctl /proc/sys/net/ipv6/conf/lo/forwarding
genl cmd=1 ifname=six0
exec /usr/sbin/radvd -c -C /run/transit6/net-N/radvd.conf -m stderr
exec /usr/sbin/radvd -C /run/transit6/net-N/radvd.conf -p /run/transit6/net-N/radvd.pid -m logfile -l /run/transit6/net-N/radvd.log
EOF
[ "$(cat "$TMP/sys/all/forwarding")" = 1 ] || fail "routing: forwarding"
radvd_up || fail "routing: radvd not started"
same_as "$(echo "$TMP"/run/net-*/radvd.conf)" "radvd.conf" <<EOF
# written by t6 6to4 set routing; do not edit
interface lo {
	AdvSendAdvert on;
	MaxRtrAdvInterval 30;
	AdvDefaultPreference low;
	AdvLinkMTU 1480;
	prefix ::/64 {
		AdvOnLink on;
		AdvAutonomous on;
		AdvValidLifetime 1800;
		AdvPreferredLifetime 300;
	};
};
EOF
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 show state
grep -A1 '^Routing' "$TMP/out" >"$TMP/routing"
# no systemd here (/run/systemd/system): t6 started radvd, nobody restarts it
grep -q '^Advertiser       : radvd, started by t6 (not supervised: ' "$TMP/out" ||
	fail "show state: who supervises radvd: $(cat "$TMP/out")"
same_as "$TMP/routing" "show state, routing" <<EOF
Routing          : enabled
Advertised       : lo subnet $lo 2002:cb00:7101:$lox::/64 (radvd running)
EOF
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 -j 6to4 show state
json_ok "routing -j"
grep -q "\"routing\":{\"enabled\":true,\"radvd\":\"running\",\"lans\":\[{\"lan\":\"lo\",\"subnet\":$lo,\"prefix\":\"2002:cb00:7101:$lox::/64\"}\]}" \
	"$TMP/out" || fail "routing -j: $(cat "$TMP/out")"
grep -q '"lans":\[[^]]*\]},"radvd_unit":null,' "$TMP/out" || fail "radvd_unit -j: $(cat "$TMP/out")"
# another subnet: the kernel moves the address, radvd reloads
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set routing enabled lan lo subnet 258
nlog
same_as "$TMP/nlog" "set routing enabled subnet" <<EOF
genl cmd=1
genl cmd=2 ifindex=10 lan=$lo/258
sysctl /proc/sys/net/ipv6/conf/lo/forwarding
genl cmd=1 ifname=six0
exec /usr/sbin/radvd -c -C /run/transit6/net-N/radvd.conf -m stderr
EOF
radvd_up || fail "reload: radvd gone"
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 show state
grep -qx "Advertised       : lo subnet 258 2002:cb00:7101:102::/64 (radvd running)" "$TMP/out" ||
	fail "another subnet: show state: $(cat "$TMP/out")"
# the public IPv4 address changed: the prefix shown follows the kernel's
expect 0 fake FAKE_T6_DEVS="six0:2" FAKE_T6_V4=198.51.100.20 $T6 6to4 show state
grep -qx "Advertised       : lo subnet 258 2002:c633:6414:102::/64 (radvd running)" "$TMP/out" ||
	fail "new IPv4 address: show state: $(cat "$TMP/out")"
expect 1 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set routing disabled lan eth9
err_is "t6: routing is not enabled on 'eth9'"
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set routing disabled lan lo
nlog
same_as "$TMP/nlog" "set routing disabled" <<EOF
genl cmd=1
genl cmd=2 ifindex=10 lan_del=$lo
sysctl /proc/sys/net/ipv6/conf/lo/forwarding
genl cmd=1
genl cmd=1
sysctl /proc/sys/net/ipv6/conf/all/forwarding
genl cmd=1 ifname=six0
EOF
[ "$(cat "$TMP/sys/all/forwarding")" = 0 ] || fail "routing disabled: forwarding not restored"
i=0
while radvd_up && [ $i -lt 20 ]; do sleep 0.1; i=$((i + 1)); done
radvd_up && fail "routing disabled: radvd still running"
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 -j 6to4 show state
grep -q '"routing":{"enabled":false,"lans":\[\]}' "$TMP/out" || fail "routing off -j"
# set state disabled takes the LAN side along, first
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set routing enabled lan lo subnet 5
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set state disabled
nlog
same_as "$TMP/nlog" "disabled with routing" <<EOF
genl cmd=1
genl cmd=2 ifindex=10 lan_del=$lo
sysctl /proc/sys/net/ipv6/conf/lo/forwarding
genl cmd=1
genl cmd=1
sysctl /proc/sys/net/ipv6/conf/all/forwarding
genl cmd=1 ifname=six0
rtnl dellink flags=0x5 index=10 ifi_flags=0 change=0 name=- kind=-
EOF
[ "$(cat "$TMP/sys/all/forwarding")" = 0 ] || fail "state disabled: forwarding not restored"
expect 1 fake FAKE_T6_DEVS="six0:2" FAKE_T6_ERR="2:1" $T6 6to4 set routing enabled lan lo
err_is "t6: cannot route for lo with six0: Operation not permitted (CAP_NET_ADMIN needed)"
expect 1 fake FAKE_T6_DEVS="six0:2" FAKE_T6_ERR="2:28:at most 16 LANs" $T6 6to4 set routing enabled lan lo
err_is "t6: cannot route for lo with six0: at most 16 LANs"
expect 1 fake FAKE_T6_DEVS="six0:2" FAKE_T6_RADVD="$TMP/none" $T6 6to4 set routing enabled lan lo
err_is "t6: /usr/sbin/radvd not found: install radvd (routing advertises with it)"
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set routing disabled

# --- forwarding: one role going does not undo what another needs
rm -rf "$TMP/run"
mkdir -p "$TMP/sys/eth0" "$TMP/sys/default"
echo 0 >"$TMP/sys/all/forwarding"
echo 0 >"$TMP/sys/eth0/forwarding"
echo 1 >"$TMP/sys/eth0/accept_ra"
echo 0 >"$TMP/sys/default/forwarding"
# (the fake reports the ISATAP interface isatap0, ifindex 10, forwarding)
expect 0 fake FAKE_T6_DEVS="isatap0:1,six0:2" $T6 6to4 set routing enabled lan lo dev six0
[ "$(cat "$TMP/sys/all/forwarding")" = 1 ] || fail "roles: forwarding on"
# (the kernel's propagation from "all" to the others, which t6 undoes, is
# checked in the VM: forwarding_roles.sh)
expect 0 fake FAKE_T6_DEVS="isatap0:1,six0:2" $T6 6to4 set routing disabled dev six0
grep -q 'sysctl /proc/sys/net/ipv6/conf/all/forwarding' "$LOG" &&
	fail "roles: forwarding turned off under the ISATAP router: $(cat "$LOG")"
[ "$(cat "$TMP/sys/all/forwarding")" = 1 ] || fail "roles: forwarding off under the ISATAP router"
# the last role gone (no ISATAP router in the fake's table): back to 0
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set routing enabled lan lo
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set routing disabled
[ "$(cat "$TMP/sys/all/forwarding")" = 0 ] || fail "roles: the last role restores forwarding"
# on already before any role: not ours to undo
echo 1 >"$TMP/sys/all/forwarding"
rm -rf "$TMP/run"
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set routing enabled lan lo
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 set routing disabled
[ "$(cat "$TMP/sys/all/forwarding")" = 1 ] || fail "roles: forwarding the admin set was undone"
# show state names interfaces that forward and so ignore RAs
echo 1 >"$TMP/sys/eth0/forwarding"
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 show state
grep -qx 'Ignoring RAs     : eth0 (forwarding, accept_ra=1: set accept_ra=2 to take RAs)' "$TMP/out" ||
	fail "show state: ignoring RAs: $(cat "$TMP/out")"
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 -j 6to4 show state
grep -q '"ignoring_ras":\["eth0"\]' "$TMP/out" || fail "show state -j: ignoring_ras"
echo 2 >"$TMP/sys/eth0/accept_ra"
expect 0 fake FAKE_T6_DEVS="six0:2" $T6 6to4 show state
grep -q 'Ignoring RAs' "$TMP/out" && fail "show state: accept_ra=2 is not ignoring"
echo 0 >"$TMP/sys/all/forwarding"

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
