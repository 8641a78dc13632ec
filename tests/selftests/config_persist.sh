#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The configuration that survives a reboot: t6 dump prints the running
# configuration as t6 commands, t6 exec applies a file of them (every line
# checked first, all or nothing), and transit6.service runs t6 exec at
# boot.  A file with every kind is applied, dumped, applied again, then
# the namespace is flushed and the module unloaded and loaded again (a
# "reboot"), and the unit's own command brings back the same state.  Bad
# files fail with FILE:LINE and leave the running state as it was.
#
#   cf: v0 198.51.100.2/24 <-> cf_up: v1 198.51.100.1/24 (the uplink)
#       lan0 <-> cf_up: eth0 (the LAN of 6to4 routing)
#       isatap0, sixtofour0, teredo0: made by the configuration
#   names: /etc/hosts of the test (a mount namespace per t6 run)

source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need radvd unshare

NS=cf
netns "$NS" cf_up
veth "$NS" v0 198.51.100.2/24 cf_up v1 198.51.100.1/24
veth "$NS" lan0 - cf_up eth0 -
ip netns exec "$NS" sysctl -qw net.ipv6.conf.lan0.accept_ra=0

printf '%s\n' "198.51.100.10 isatap.example" "198.51.100.53 relay.example" \
	"198.51.100.20 teredo.example" >"$T6_TMP/hosts"
# t6h ARGS...: t6 in $NS, names from the test's hosts file
t6h() {
	ip netns exec "$NS" unshare -m sh -c \
		'mount --bind "$0" /etc/hosts && exec "$@"' "$T6_TMP/hosts" "$T6" "$@"
}

CONF=$T6_TMP/transit6.conf
cat >"$CONF" <<'EOF'
# every kind, as a user writes it
isatap set state enabled dev isatap0 link v0 ttl 32
isatap set router isatap.example dev isatap0
t6 isatap add router 198.51.100.11 dev isatap0
isatap set rsinterval=120 dev isatap0
isatap set routerlifetime 1200 dev isatap0   # RFC 4861 default 1800
isatap set forwarding enabled dev isatap0
isatap add prefix 2001:db8:1::/64 validlft 3600 preferredlft 1800 dev isatap0

6to4 set state enabled dev sixtofour0
6to4 set relay relay.example dev sixtofour0
6to4 set nativefrom relay dev sixtofour0
6to4 set routing enabled lan lan0 subnet 5 dev sixtofour0
teredo set state client servername teredo.example refreshinterval 40 clientport 3545 maxpeers 100 idletimeout never dev teredo0
EOF

# what t6 dump must print for it: names stay names, every setting explicit
cat >"$T6_TMP/want" <<'EOF'
isatap set state enabled dev isatap0 link v0 ttl 32
isatap set router isatap.example dev isatap0
isatap add router 198.51.100.11 dev isatap0
isatap set rsinterval 120 dev isatap0
isatap set routerlifetime 1200 dev isatap0
isatap set forwarding enabled dev isatap0
isatap add prefix 2001:db8:1::/64 validlft 3600 preferredlft 1800 dev isatap0
6to4 set state enabled dev sixtofour0
6to4 set relay relay.example dev sixtofour0
6to4 set nativefrom relay dev sixtofour0
6to4 set routing enabled lan lan0 subnet 5 dev sixtofour0
teredo set state client servername teredo.example refreshinterval 40 clientport 3545 maxpeers 100 idletimeout never dev teredo0
EOF

# dump_is: t6 dump, its comment lines aside, is exactly $T6_TMP/want
dump_is() {
	t6 "$NS" dump >"$T6_TMP/dump" || return 1
	grep -v '^#' "$T6_TMP/dump" >"$T6_TMP/dump.cmds"
	diff -u "$T6_TMP/want" "$T6_TMP/dump.cmds"
}
# applied: what the file says is in the kernel and around it
applied() {
	t6 "$NS" isatap show router dev isatap0 | grep -q 198.51.100.10 &&
	t6 "$NS" isatap show router dev isatap0 | grep -q 198.51.100.11 &&
	ip -n "$NS" -6 addr show dev lan0 | grep -q '2002:c633:6402:5::1/64' &&
	[ "$(ip netns exec "$NS" cat /proc/sys/net/ipv6/conf/lan0/forwarding)" = 1 ] &&
	pgrep -x radvd >/dev/null
}

check "exec: a file with every kind applies (exit 0, nothing on stderr)" \
	eval 't6h exec "$CONF" 2>"$T6_TMP/err" && ! [ -s "$T6_TMP/err" ] || { cat "$T6_TMP/err"; false; }'
check "exec: the kernel, the LAN address, forwarding and radvd have it" applied
check "dump: the running configuration as the commands, names kept" dump_is
check "dump -j: the same commands as a JSON array" eval \
	't6 "$NS" -j dump | python3 -c "import json,sys; print(\"\n\".join(json.load(sys.stdin)))" |
	 diff -u "$T6_TMP/want" -'
check "exec: the same file again succeeds and changes nothing" \
	eval 't6h exec "$CONF" && dump_is'

# A "reboot": everything goes, the module too; the unit's command brings
# it back from what t6 dump saved.
t6 "$NS" dump >"$T6_TMP/saved.conf"
reboot() {
	t6 "$NS" 6to4 set state disabled dev sixtofour0 &&
	ip -n "$NS" link del isatap0 && ip -n "$NS" link del teredo0 &&
	! pgrep -x radvd >/dev/null && rmmod transit6 && load_module
}
check "reboot: interfaces deleted, radvd gone, module unloaded and loaded" reboot
# the unit's commands as installed (@SBINDIR@: where t6 is), on the saved
# file: ExecStartPre's t6 exec (modprobe aside: insmod did that), ExecStart
unit=$(dirname "$0")/../../tools/system/transit6.service.in
unit_cmd() {	# KEY: the t6 command of KEY= in the unit, for this test
	local c
	c=$(sed -n "s/^$1=@SBINDIR@/@SBINDIR@/p" "$unit")
	c=${c//@SBINDIR@\/t6/$T6}
	echo "${c//\/etc\/transit6\/transit6.conf/$T6_TMP/saved.conf}"
}
start=$(unit_cmd ExecStartPre)
check "reboot: the unit's t6 exec (ExecStartPre) restores the saved state" \
	eval 'ip netns exec "$NS" unshare -m sh -c "mount --bind \"\$0\" /etc/hosts && exec $start" "$T6_TMP/hosts" &&
	      dump_is && applied'

# Bad files: FILE:LINE and the reason, nothing applied
bad() {	# WANT_RC REGEX LINE...: a file of these lines fails so, changes nothing
	local rc=$1 re=$2; shift 2
	printf '%s\n' "$@" >"$T6_TMP/bad.conf"
	t6h exec "$T6_TMP/bad.conf" 2>"$T6_TMP/err"
	local got=$?
	cat "$T6_TMP/err"
	[ "$got" = "$rc" ] && grep -Eq "$re" "$T6_TMP/err" && dump_is &&
	! ip -n "$NS" link show isatap9 >/dev/null 2>&1 &&
	! ip -n "$NS" link show teredo9 >/dev/null 2>&1
}
B=$T6_TMP/bad.conf
check "exec: a bad value on line 3 fails with FILE:3, nothing applied" \
	bad 2 "^t6: $B:3: invalid rsinterval '0'" \
	"isatap set state enabled dev isatap9" "# comment" "isatap set rsinterval 0 dev isatap0"
check "exec: an unknown key fails with its line" \
	bad 2 "^t6: $B:2: unknown key 'colour'" \
	"isatap set rsinterval 77 dev isatap0" "6to4 set nativefrom any colour red dev sixtofour0"
check "exec: an unknown context fails with its line" \
	bad 2 "^t6: $B:1: unknown context 'isatapp'" "isatapp set state enabled"
check "exec: a show line is not configuration" \
	bad 1 "^t6: $B:1: not a set, add or del command" "isatap show state"
check "exec: an interface no line creates is an error" \
	bad 1 "^t6: $B:2: no isatap interface named 'isatap8'" \
	"isatap set state enabled dev isatap9" "isatap set rsinterval 60 dev isatap8"
check "exec: a LAN that does not exist is found before anything applies" \
	bad 1 "^t6: $B:2: no interface named 'lan9'" \
	"isatap set state enabled dev isatap9" "6to4 set routing enabled lan lan9 dev sixtofour0"
# what only the kernel refuses (a link-local prefix) fails midway: the
# lines before it are undone, the new interface deleted
check "exec: a line the kernel refuses undoes the lines before it" \
	bad 1 "^t6: $B:3: cannot create teredo9: .*Teredo interface already" \
	"isatap set state enabled dev isatap9" "isatap set rsinterval 77 dev isatap0" \
	"teredo set state client servername 198.51.100.20 dev teredo9"
# the same where the file made a Teredo interface (deleted, not disabled)
netns cf2
printf '%s\n' "teredo set state client servername 198.51.100.20 dev teredo9" \
	"isatap set state enabled dev isatap9" "isatap set forwarding enabled dev isatap9" \
	"isatap add prefix fe80::/64 dev isatap9" >"$T6_TMP/cf2.conf"
check "exec: undoing deletes the Teredo and ISATAP interfaces the file made" \
	eval '! t6 cf2 exec "$T6_TMP/cf2.conf" 2>/dev/null &&
	      [ -z "$(ip -n cf2 -o link show type teredo; ip -n cf2 -o link show type isatap)" ]'
check "exec: a missing file is a runtime error" \
	eval 't6 "$NS" exec "$T6_TMP/none.conf" 2>"$T6_TMP/err"; [ $? = 1 ] && grep -q "cannot open" "$T6_TMP/err"'
check_fails "exec: without a file is a usage error" t6 "$NS" exec

# Names that do not resolve yet: a command fails, a file keeps them
check "set router with a name that does not resolve fails, PRL names unchanged" \
	eval '! t6h isatap set router late.example dev isatap0 2>/dev/null && dump_is'
printf '%s\n' "isatap set router late.example dev isatap0" \
	"6to4 set relay late-relay.example dev sixtofour0" \
	"teredo set state client servername late-teredo.example dev teredo0" >"$T6_TMP/late.conf"
late() {
	t6h exec "$T6_TMP/late.conf" 2>"$T6_TMP/err" || return 1
	cat "$T6_TMP/err"
	[ "$(grep -c 'warning: .*late' "$T6_TMP/err")" = 3 ] &&
	t6 "$NS" dump | grep -qx 'isatap set router late.example dev isatap0' &&
	t6 "$NS" dump | grep -qx '6to4 set relay late-relay.example dev sixtofour0' &&
	t6 "$NS" dump | grep -q '^teredo set state client servername late-teredo.example ' &&
	! t6 "$NS" isatap show router dev isatap0 | grep -q 198.51.100
}
check "exec: names that do not resolve yet are kept, with a warning each" late

# t6 resolve: the names resolve now (the hosts file grows in place)
printf '%s\n' "198.51.100.12 late.example" "198.51.100.54 late-relay.example" \
	"198.51.100.22 late-teredo.example" >>"$T6_TMP/hosts"
resolved() {
	t6h resolve || return 1
	t6 "$NS" isatap show router dev isatap0 | grep -q '^198\.51\.100\.12 ' &&
	t6 "$NS" 6to4 show state dev sixtofour0 | grep -q '198\.51\.100\.54' &&
	t6 "$NS" teredo show state dev teredo0 | grep -q '198\.51\.100\.22' &&
	t6 "$NS" dump | grep -qx 'isatap set router late.example dev isatap0'
}
check "resolve: the PRL, relay and servers get the names' addresses, names kept" resolved
# a router that moved: the PRL follows its name, the old address goes
moved() {
	sed 's/^198.51.100.12 late/198.51.100.14 late/' "$T6_TMP/hosts" >"$T6_TMP/hosts.new" &&
	cat "$T6_TMP/hosts.new" >"$T6_TMP/hosts" && t6h resolve || return 1
	t6 "$NS" isatap show router dev isatap0 | grep -q '^198\.51\.100\.14 ' &&
	! t6 "$NS" isatap show router dev isatap0 | grep -q '^198\.51\.100\.12 '
}
check "resolve: a PRL name that moved takes the PRL with it" moved
check "resolve: a name that does not resolve: exit 1, the PRL left as it is" \
	eval '! t6 "$NS" resolve 2>"$T6_TMP/err" && grep -q "cannot resolve" "$T6_TMP/err" &&
	      t6 "$NS" isatap show router dev isatap0 | grep -q "^198\.51\.100\.14 "'
check_fails "resolve: every 0 is a usage error" t6 "$NS" resolve every 0

# The unit's agent (ExecStart): a PRL name that does not resolve at start
# ends in the PRL once it does, without any command
agent=$(unit_cmd ExecStart)
agent=${agent/every 3600/every 2}
printf '%s\n' "isatap add router later.example dev isatap0" >"$T6_TMP/later.conf"
t6h exec "$T6_TMP/later.conf" 2>/dev/null
bg "$NS" unshare -m sh -c "mount --bind \"\$0\" /etc/hosts && exec $agent" "$T6_TMP/hosts"
echo "198.51.100.15 later.example" >>"$T6_TMP/hosts"
check "resolve every (the unit's agent): a name that resolves later lands in the PRL" \
	within 20 eval 't6 "$NS" isatap show router dev isatap0 | grep -q "^198\.51\.100\.15 "'

t6 "$NS" 6to4 set state disabled dev sixtofour0 >/dev/null 2>&1
finish
