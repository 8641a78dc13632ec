# SPDX-License-Identifier: GPL-2.0
# Shared helpers for transit6 selftests (sourced).  Each test script builds
# its own topology of network namespaces, prints one KTAP-ish result line
# per check through pass/fail/skip, and cleans up through a trap.
#
# Env: T6_KO   path of transit6.ko (default: build/<uname -r>/transit6.ko)
#      T6      path of the t6 tool (default: tools/t6/t6)

set -u
T6_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
T6_KO=${T6_KO:-$T6_TOP/build/$(uname -r)/transit6.ko}
T6=${T6:-$T6_TOP/tools/t6/t6}
T6_FAILED=0
T6_NS=()
T6_PIDS=()
T6_TMP=$(mktemp -d /tmp/t6test.XXXXXX)
KSFT_SKIP=4

# One line per check: "ok - <test>: <what>", "not ok - ...", "ok - ... # SKIP".
# T6_TIMING=1 adds a comment line with the seconds each check took (where
# a suite's time goes).
T6_LAST=${EPOCHREALTIME/./}
took() {
	[ -n "${T6_TIMING:-}" ] || return 0
	local now=${EPOCHREALTIME/./}
	printf '# took %d.%02ds\n' $(((now - T6_LAST) / 1000000)) $(((now - T6_LAST) / 10000 % 100))
	T6_LAST=$now
}
pass() { took; echo "ok - ${T6_TEST:-test}: $*"; }
fail() { took; echo "not ok - ${T6_TEST:-test}: $*"; T6_FAILED=1; }
skip() { took; echo "ok - ${T6_TEST:-test}: $* # SKIP"; }
log() { echo "# $*"; }
# check "what" command...: pass when the command succeeds
check() { local what=$1; shift; if "$@" >"$T6_TMP/out" 2>&1; then pass "$what"; else fail "$what"; sed 's/^/#   /' "$T6_TMP/out"; fi; }
# check_fails "what" command...: pass when the command fails
check_fails() { local what=$1; shift; if "$@" >"$T6_TMP/out" 2>&1; then fail "$what"; sed 's/^/#   /' "$T6_TMP/out"; else pass "$what"; fi; }

cleanup() {
	local pid ns
	for pid in "${T6_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
	for pid in "${T6_PIDS[@]}"; do wait "$pid" 2>/dev/null; done
	for ns in "${T6_NS[@]}"; do ip netns del "$ns" 2>/dev/null; done
	rm -rf "$T6_TMP"
}
trap cleanup EXIT

# Load transit6 (and tunnel4 and udp_tunnel, which insmod does not resolve).
load_module() {
	modprobe -a tunnel4 udp_tunnel || return 1
	lsmod | grep -q '^transit6 ' && return 0
	insmod "$T6_KO"
}

# netns NAME...: fresh namespaces with loopback up, removed at exit.
# (Every program started costs most of a second on the debug kernel under
# TCG: one ip -batch adds them all, one ip per namespace sets lo up.)
netns() {
	local ns add=''
	for ns in "$@"; do
		[ -e "/run/netns/$ns" ] && ip netns del "$ns"
		add+="netns add $ns"$'\n'
	done
	ip -b - <<<"$add" || return 1
	for ns in "$@"; do
		T6_NS+=("$ns")
		ip -n "$ns" link set lo up || return 1
	done
}

# veth NS1 DEV1 ADDR1 NS2 DEV2 ADDR2: a link between two namespaces, up,
# addresses with prefix length (either may be "-").
veth() {
	ip link add "$2" netns "$1" type veth peer name "$5" netns "$4" || return 1
	veth_end "$1" "$2" "$3" && veth_end "$4" "$5" "$6"
}
veth_end() {	# NS DEV ADDR|-: one ip for the address and up
	local cmds="link set $2 up"
	[ "$3" = - ] || cmds="addr add $3 dev $2"$'\n'"$cmds"
	ip -n "$1" -b - <<<"$cmds"
}

# Run t6 in a namespace.
t6() { local ns=$1; shift; ip netns exec "$ns" "$T6" "$@"; }

# bg NS command...: start a background process in NS, killed at exit.
bg() { local ns=$1; shift; ip netns exec "$ns" "$@" & T6_PIDS+=($!); }

# wait_for SECS command...: poll until the command succeeds, for at most
# SECS seconds of wall time (a poll can take seconds under TCG).
wait_for() {
	local start=$SECONDS deadline=$((SECONDS + $1)); shift
	while :; do
		"$@" >/dev/null 2>&1 && return 0
		[ "$SECONDS" -lt "$deadline" ] || return 1
		poll_pause "$start"
	done
}

# poll_pause START: the pause between two polls of a wait begun at START
# (in $SECONDS): short at first, longer once the wait is long, since a
# poll that starts python costs a guest under TCG much of a second, and
# four guests share two cores in make check
poll_pause() { if [ $((SECONDS - $1)) -lt 3 ]; then sleep 0.2; else sleep 0.5; fi; }

# within SECS command...: like wait_for, but the last try runs once more
# with its output shown, so a failing check says why
within() {
	local start=$SECONDS end=$((SECONDS + $1)); shift
	while [ "$SECONDS" -lt "$end" ]; do
		"$@" >/dev/null 2>&1 && return 0
		poll_pause "$start"
	done
	"$@"
}

# json NS EXPR t6-args...: evaluate a Python expression over t6 -j output
# (bound to "j"), e.g. json ns1 'j["state"]' isatap show state
json() {
	local ns=$1 expr=$2; shift 2
	t6 "$ns" -j "$@" | python3 -c "import json,sys; j=json.load(sys.stdin); print($expr)"
}

# jval JSON PATH: a scalar of t6's JSON read by bash, for polls (python
# costs half a second a start under TCG): PATH is a top-level key, or
# OBJECT.KEY one level down.  Prints a string's text, a number, or null.
jval() {
	local j=$1 k=$2 re
	if [[ $k == *.* ]]; then
		re="\"${k%%.*}\":(\\{[^{}]*\\})"
		[[ $j =~ $re ]] || { echo null; return; }
		j=${BASH_REMATCH[1]} k=${k#*.}
	else
		# nested objects and arrays out of the way, innermost first
		re='^(.*):(\{[^{}]*\}|\[[^][]*\])(.*)$'
		while [[ $j =~ $re ]]; do
			j="${BASH_REMATCH[1]}:\"(nested)\"${BASH_REMATCH[3]}"
		done
	fi
	re="[{,]\"$k\":(\"([^\"]*)\"|([^,}]*))"
	[[ $j =~ $re ]] || return 1
	echo "${BASH_REMATCH[2]}${BASH_REMATCH[3]}"
}
# t6val NS PATH T6-ARGS...: jval over "t6 -j T6-ARGS" in NS; several
# PATHs as "a b" print their values on one line, space-separated
t6val() {
	local ns=$1 paths=$2 j k out=''; shift 2
	j=$(t6 "$ns" -j "$@") || return 1
	for k in $paths; do out+="${out:+ }$(jval "$j" "$k")"; done
	echo "$out"
}
# t6is NS PATHS WANT T6-ARGS...: t6val is WANT (says what it was if not)
t6is() {
	local got ns=$1 paths=$2 want=$3; shift 3
	got=$(t6val "$ns" "$paths" "$@")
	[ "$got" = "$want" ] || { echo "$paths: '$got', want '$want'"; return 1; }
}

# snmp6 NS DEV COUNTER: a per-interface IPv6 MIB counter.
snmp6() { ip netns exec "$1" awk -v c="$3" '$1 == c { print $2 }' "/proc/net/dev_snmp6/$2"; }

# The kernel log, followed without a process per look (a fork costs a
# second on the debug kernel): klog_start once, then k=$(klog_mark) before
# an action and no_splat "$k" [EXTRA-REGEX] after it.  The VM runner also
# fails the whole run on any of these; this says which check caused it.
T6_SPLAT='WARNING:|BUG:|Oops|KASAN|UBSAN:|Call Trace:|general protection|lockdep|suspicious RCU|unregister_netdevice: waiting|to become free'
klog_start() {
	local mark="t6: klog of ${T6_TEST:-test} $$"
	T6_KLOG=$T6_TMP/kmsg
	cat /dev/kmsg >"$T6_KLOG" & T6_PIDS+=($!)
	# caught up with the boot log (which names lockdep) before any mark
	echo "$mark" >/dev/kmsg
	wait_for 60 grep -qF "$mark" "$T6_KLOG"
}
klog_mark() { local -a l; mapfile -t l <"$T6_KLOG"; echo "${#l[@]}"; }
no_splat() {
	local -a l; local x re=$T6_SPLAT${2:+|$2}
	mapfile -t -s "$1" l <"$T6_KLOG"
	for x in "${l[@]}"; do [[ $x =~ $re ]] && { echo "kernel: $x"; return 1; }; done
	return 0
}

# Counters are read often, and every program started costs most of a
# second under TCG (more on the debug kernel): what bash can read, it does.
# drop_snap NS T6-ARGS...: the drop counters of "t6 -j T6-ARGS" in one
# string, "short=0,malformed=0,..." in t6's order.
drop_snap() {
	local ns=$1 j re='"drops":\{([^}]*)\}'; shift
	j=$(t6 "$ns" -j "$@") && [[ $j =~ $re ]] || { echo "no drops: $j"; return 1; }
	j=${BASH_REMATCH[1]//\"/}
	echo "${j//:/=}"
}
# ethtool_drops NS DEV T6-CONTEXT: ethtool -S DEV has drop_REASON with the
# value "t6 CONTEXT show state dev DEV" gives it, for every reason t6
# lists, and only drop_ names
ethtool_drops() {
	local ns=$1 dev=$2 snap s kv
	snap=$(drop_snap "$ns" "$3" show state dev "$dev") || return 1
	s=$(ip netns exec "$ns" ethtool -S "$dev") || return 1
	echo "t6: $snap"
	echo "$s"
	for kv in ${snap//,/ }; do
		grep -qx " *drop_${kv%=*}: ${kv#*=}" <<<"$s" || return 1
	done
	! grep -v -e '^NIC statistics:$' -e '^ *drop_[a-z_0-9]*: [0-9]*$' <<<"$s"
}
# drops_moved OLD NEW: "reason +n ..." for each counter that moved
drops_moved() {
	local -A old; local kv out='' IFS=,
	for kv in $1; do old[${kv%=*}]=${kv#*=}; done
	for kv in $2; do
		[ "${old[${kv%=*}]:-0}" = "${kv#*=}" ] ||
			out+="${out:+ }${kv%=*} +$((${kv#*=} - ${old[${kv%=*}]:-0}))"
	done
	echo "$out"
}
# netns_proc NS DEV: a process that lives in NS (killed at exit); its
# /proc/PID/net is NS's, so snmp6_at reads NS's counters with no process.
# Sets NSPROC to /proc/PID.
netns_proc() {
	bg "$1" sleep 100000
	NSPROC=/proc/$!
	wait_for 10 test -e "$NSPROC/net/dev_snmp6/$2"
}
# snmp6_at NSPROC DEV COUNTER: snmp6, through a netns_proc process
snmp6_at() {
	local k v
	while read -r k v; do [ "$k" = "$3" ] && echo "$v"; done <"$1/net/dev_snmp6/$2"
}

# need CMD...: skip the whole test unless each command exists.
need() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null || { skip "needs $c"; exit "$KSFT_SKIP"; }
	done
}

# genl_req NS CMD IFNAME [ATTR=VALUE...]: one raw transit6 request from
# NS, past t6's own checks (genl_raw.py req); prints "error=E message"
genl_req() {
	local ns=$1
	shift
	ip netns exec "$ns" python3 "$T6_TOP/tests/selftests/genl_raw.py" req "$@"
}
# expect_genl WANT NS CMD IFNAME [ATTR=VALUE...]: its reply starts with WANT
expect_genl() {
	local want=$1 out
	shift
	out=$(genl_req "$@")
	echo "$out"
	[[ $out == "$want"* ]]
}

# Every test ends with this: its exit status tells the runner.
finish() { exit "$T6_FAILED"; }
