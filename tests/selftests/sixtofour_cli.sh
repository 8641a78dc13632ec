#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The t6 contract of the 6to4 context against the real module: what each
# command does to the kernel, exit statuses (0 ok, 1 runtime error, 2 usage
# error), error lines ("t6: ..." on stderr, one line), JSON output,
# interface resolution, privileges (reads open to everyone, changes need
# CAP_NET_ADMIN), and the kernel's own checks of what t6 would not send.
#
#   s6_cli: v0 10.0.0.1/24 <-> v1, later also 203.0.113.1/24 on v0
#           lan0 (the LAN of 'set routing') <-> s6_lan: eth0
#           sixtofour0 (transit6 6to4), isatap0, created by the checks
#
# Proves each command reaches the kernel (the state read back changes) and
# each error is reported as documented; a t6 or genetlink change that breaks
# a documented behaviour fails a check.

source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need python3 setpriv unshare

NS=s6_cli
netns "$NS" s6_lan
veth "$NS" v0 10.0.0.1/24 "$NS" v1 -
veth "$NS" lan0 - s6_lan eth0 -
ip netns exec "$NS" sysctl -qw net.ipv6.conf.all.forwarding=0
# the router's own LAN side takes no Router Advertisement
ip netns exec "$NS" sysctl -qw net.ipv6.conf.lan0.accept_ra=0

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
# hosts CMD...: CMD's t6 resolves names with $T6_TMP/hosts as /etc/hosts
printf '%s\n' "198.51.100.53 relay.example" "10.1.2.3 private.example" >"$T6_TMP/hosts"
hosts() {
	local AS=(unshare -m sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' "$T6_TMP/hosts")
	"$@"
}
jtrue() { [ "$(json "$NS" "$@")" = True ]; }
# out_has REGEX: a line of the last expect's stdout matches (bash =~)
out_has() {
	local line
	while IFS= read -r line; do [[ $line =~ $1 ]] && return 0; done <"$T6_TMP/stdout"
	cat "$T6_TMP/stdout"
	return 1
}
is_up() { [ -n "$(ip -n "$NS" link show up dev "$1" 2>/dev/null)" ]; }
exists() { ip -n "$NS" link show dev "$1" >/dev/null 2>&1; }
sysctl_is() { [ "$(ip netns exec "$NS" cat "/proc/sys/net/ipv6/conf/$1/forwarding")" = "$2" ]; }
has_addr() { ip -n "$NS" -6 addr show dev "$1" | grep -q "inet6 $2 "; }
no_global() { [ -z "$(ip -n "$NS" -6 addr show dev "$1" scope global)" ]; }
default_route() { ip -n "$NS" -6 route show default | grep -q -- "$1"; }
no_default_route() { [ -z "$(ip -n "$NS" -6 route show default)" ]; }

# --- grammar, no interface yet ---------------------------------------------
check "t6 6to4 help lists the verbs" \
	eval 't6 "$NS" 6to4 help | grep -q "t6 6to4 set relay" &&
	      t6 "$NS" 6to4 help | grep -q "t6 6to4 set routing"'
check "unknown verb: exit 2" expect 2 "unknown verb 'frob'" 6to4 frob state
check "unknown object: exit 2" expect 2 "unknown object 'frob'" 6to4 show frob
check "set state maybe: usage error, exit 2" \
	expect 2 "^t6: invalid state 'maybe'; usage: t6 6to4 set state" 6to4 set state maybe
check "no interface yet: exit 1, says how to create one" \
	expect 1 "^t6: no 6to4 interface; create one with 't6 6to4 set state enabled'\$" \
	6to4 show state
check "set relay with no interface: exit 1" \
	expect 1 'no 6to4 interface' 6to4 set relay default
check "set state disabled with no interface: exit 1" \
	expect 1 'no 6to4 interface' 6to4 set state disabled
check "unprivileged set state enabled: permission error, exit 1" \
	nobody expect 1 '^t6: cannot create sixtofour0: .*not permitted' 6to4 set state enabled
check "unprivileged set state enabled created nothing" eval '! exists sixtofour0'

# --- set state enabled, no public IPv4 address -------------------------------
check "set state enabled creates sixtofour0" expect 0 '' 6to4 set state enabled
check "sixtofour0 is a sixtofour link and up" \
	eval 'ip -n "$NS" -j -d link show sixtofour0 | grep -q "\"info_kind\":\"sixtofour\"" && is_up sixtofour0'
check "role host, no relay, routing disabled" \
	jtrue 'j["kind"] == "6to4" and j["role"] == "host" and j["relay"] is None and
	       j["routing"] == {"enabled": False, "lans": []}' 6to4 show state
check "only 10.0.0.1: offline, no_public_ipv4, no prefix" \
	jtrue 'j["state"] == "offline" and j["reason"] == "no_public_ipv4" and
	       j["ipv4"] == [] and j["prefixes"] == []' 6to4 show state
if command -v radvd >/dev/null; then
	# the LAN is served now and gets its prefix with a public address
	check "set routing enabled without a public IPv4 address: fine" \
		expect 0 '' 6to4 set routing enabled lan lan0
	check "... no 6to4 address on lan0 yet" no_global lan0
	check "... show state: no prefix yet" eval \
		'expect 0 "" 6to4 show state &&
		 out_has "^Advertised +: lan0 subnet [0-9]+ \(no public IPv4 address yet\) \(radvd running\)$"'
	check "set routing disabled: forwarding back off" \
		eval 't6 "$NS" 6to4 set routing disabled && sysctl_is all 0'
fi

ip -n "$NS" addr add 203.0.113.1/24 dev v0
check "203.0.113.1: qualified, 2002:cb00:7101::cb00:7101, its /48" \
	within 10 jtrue 'j["state"] == "qualified" and j["ipv4"] == ["203.0.113.1"] and
	       j["prefixes"] == ["2002:cb00:7101::/48"] and
	       "2002:cb00:7101::cb00:7101" in j["addresses"]' 6to4 show state
ifindex=$(json "$NS" 'j["ifindex"]' 6to4 show state)
check "set state enabled again is fine" expect 0 '' 6to4 set state enabled
check "still exactly one transit6 interface, the same one" \
	jtrue "[(d['ifname'], d['ifindex']) for d in j] == [('sixtofour0', $ifindex)]" \
	6to4 show interfaces
check "show state text: role, IPv4, prefix, relay, routing" eval \
	'expect 0 "" 6to4 show state && out_has "^Role +: host$" &&
	 out_has "^IPv4 addresses +: 203\.0\.113\.1$" &&
	 out_has "^6to4 prefixes +: 2002:cb00:7101::/48$" &&
	 out_has "^Relay +: none$" && out_has "^Routing +: disabled$"'
check "-p output is JSON too" \
	eval 't6 "$NS" -p 6to4 show state | python3 -m json.tool >/dev/null'

# --- privileges -----------------------------------------------------------
check "show state works unprivileged" nobody expect 0 '' 6to4 show state
check "unprivileged show state prints sixtofour0" out_has '^Interface +: sixtofour0$'
check "-j show state works unprivileged" nobody expect 0 '' -j 6to4 show state
check "unprivileged set relay: permission error, exit 1" \
	nobody expect 1 '^t6: cannot set the relay of sixtofour0: Operation not permitted' \
	6to4 set relay default
check "unprivileged set relay changed nothing" jtrue 'j["relay"] is None' 6to4 show state
check "unprivileged set state disabled: exit 1, sixtofour0 stays" \
	eval 'nobody expect 1 "not permitted" 6to4 set state disabled && exists sixtofour0'
check "unprivileged set routing enabled: exit 1" \
	nobody expect 1 'not permitted|Permission denied' 6to4 set routing enabled lan lan0
check "unprivileged set routing changed nothing" eval 'no_global lan0 && sysctl_is all 0'

# --- the relay ------------------------------------------------------------
check "set relay 1.2.3: usage error, exit 2" \
	expect 2 "^t6: invalid IPv4 address '1\.2\.3'; usage: t6 6to4 set relay" 6to4 set relay 1.2.3
check "set relay 10.0.0.1: not public, usage error, exit 2" \
	expect 2 "^t6: relay 10\.0\.0\.1: not a public IPv4 address; usage: " 6to4 set relay 10.0.0.1
check "set relay a:b: usage error, exit 2" \
	expect 2 "^t6: 'a:b': 6to4 relays have IPv4 addresses; usage: " 6to4 set relay a:b
check "set relay bad/name: usage error, exit 2" \
	expect 2 "^t6: invalid relay name 'bad/name'; usage: " 6to4 set relay bad/name
check "set relay default" expect 0 '' 6to4 set relay default
check "relay: name default, 192.88.99.1, never used" \
	jtrue 'j["relay"] == {"name": "default", "address": "192.88.99.1", "last_used_ms": None}' \
	6to4 show state
check "show state text: Relay : default (192.88.99.1), last used never" \
	eval 'expect 0 "" 6to4 show state &&
	      out_has "^Relay +: default \(192\.88\.99\.1\), last used never$"'
check "default route via 2002:c058:6301::c058:6301, metric 2048" \
	within 10 default_route "via 2002:c058:6301::c058:6301 dev sixtofour0 .*metric 2048"
check "the kernel refuses relay 10.0.0.1 sent past t6: EINVAL, says why" \
	eval '[ "$(genl_req "$NS" SET_DEVICE sixtofour0 T6A_6TO4/T6A_6TO4_RELAY_ADDR=ip4:10.0.0.1)" = "error=-22 relay must be a public IPv4 address or in 192.88.99.0/24" ]'
check "the kernel refuses role 2 sent past t6" \
	eval '[[ $(genl_req "$NS" SET_DEVICE sixtofour0 T6A_6TO4/T6A_6TO4_ROLE=u8:2) == error=-* ]]'
check "... relay and role unchanged" \
	jtrue 'j["relay"]["address"] == "192.88.99.1" and j["role"] == "host"' 6to4 show state
check "set relay=198.51.100.9 (key=value)" expect 0 '' 6to4 set relay=198.51.100.9
check "relay: 198.51.100.9, no name" \
	jtrue 'j["relay"] == {"name": None, "address": "198.51.100.9", "last_used_ms": None}' \
	6to4 show state
check "the default route follows it" \
	within 10 default_route "via 2002:c633:6409::c633:6409 dev sixtofour0 .*metric 2048"
check "set relay relay.example (/etc/hosts)" hosts expect 0 '' 6to4 set relay relay.example
check "relay: name relay.example, 198.51.100.53" \
	jtrue 'j["relay"]["name"] == "relay.example" and j["relay"]["address"] == "198.51.100.53"' \
	6to4 show state
check "set relay private.example (10.1.2.3): exit 1, names the host" \
	hosts expect 1 '^t6: relay private\.example \(10\.1\.2\.3\): not a public IPv4 address$' \
	6to4 set relay private.example
check "set relay no-such-host.invalid: exit 1" \
	hosts expect 1 "^t6: cannot resolve 'no-such-host\.invalid': " 6to4 set relay no-such-host.invalid
check "set relay none clears it" eval \
	't6 "$NS" 6to4 set relay none && jtrue "j[\"relay\"] is None" 6to4 show state'
check "no default route without a relay" within 10 no_default_route

# --- state relay ------------------------------------------------------------
check "set state relay: role relay, all.forwarding on" eval \
	't6 "$NS" 6to4 set state relay && sysctl_is all 1 &&
	 jtrue "j[\"role\"] == \"relay\"" 6to4 show state'
check "set state enabled: role host again" eval \
	't6 "$NS" 6to4 set state enabled && jtrue "j[\"role\"] == \"host\"" 6to4 show state'
ip netns exec "$NS" sysctl -qw net.ipv6.conf.all.forwarding=0

# --- interface resolution -------------------------------------------------
ip -n "$NS" link add isatap0 type isatap
check "an isatap interface does not count" \
	jtrue 'j["ifname"] == "sixtofour0"' 6to4 show state
check "dev isatap0: another kind, exit 1" \
	expect 1 '^t6: isatap0 is an? isatap interface, not 6to4$' 6to4 show state dev isatap0
check "set relay dev isatap0: exit 1" \
	expect 1 'isatap0 is an? isatap interface, not 6to4' 6to4 set relay default dev isatap0
check "the kernel refuses a relay for isatap0 sent past t6" \
	eval '[ "$(genl_req "$NS" SET_DEVICE isatap0 T6A_6TO4/T6A_6TO4_RELAY_ADDR=ip4:192.88.99.1)" = "error=-95 not a 6to4 interface" ]'
check "dev lo: not a transit6 interface, exit 1" \
	expect 1 '^t6: lo is not a transit6 interface$' 6to4 show state dev lo
check "dev nosuch: exit 1" \
	expect 1 "^t6: no 6to4 interface named 'nosuch'\$" 6to4 show state dev nosuch
ip -n "$NS" link del isatap0
check "set state enabled dev six1: a second 6to4 interface is refused, exit 1" \
	expect 1 'this namespace has a 6to4 interface already' 6to4 set state enabled dev six1
check "ip link add ... type sixtofour refuses a second one too" \
	eval '! ip -n "$NS" link add six1 type sixtofour 2>/dev/null && ! exists six1 && exists sixtofour0'
check "set state enabled dev sixtofour0 (the existing one): exit 0" \
	t6 "$NS" 6to4 set state enabled dev sixtofour0

# --- routing for a LAN ------------------------------------------------------
lan=$(ip netns exec "$NS" cat /sys/class/net/lan0/ifindex)
lanx=$(printf %x "$lan")
check "set routing enabled lan NOSUCHDEV: exit 1" \
	expect 1 "^t6: no interface named 'NOSUCHDEV'\$" 6to4 set routing enabled lan NOSUCHDEV
check "set routing enabled lan sixtofour0: exit 1" \
	expect 1 '^t6: the LAN cannot be sixtofour0 itself$' 6to4 set routing enabled lan sixtofour0
check "set routing disabled lan eth9 (not enabled): exit 1" \
	expect 1 "^t6: routing is not enabled on 'eth9'\$" 6to4 set routing disabled lan eth9
check "set routing enabled (no lan): usage error, exit 2" \
	expect 2 "^t6: missing 'lan IFNAME'; usage: t6 6to4 set routing" 6to4 set routing enabled
check "set routing disabled subnet 3: usage error, exit 2" \
	expect 2 "'subnet' is for 'enabled' only" 6to4 set routing disabled subnet 3
check "set routing disabled, nothing enabled: fine" expect 0 '' 6to4 set routing disabled
if command -v radvd >/dev/null; then
	check "set routing enabled lan lan0" expect 0 '' 6to4 set routing enabled lan lan0
	check "lan0 has 2002:cb00:7101:<lan0's ifindex>::1/64" \
		within 10 has_addr lan0 "2002:cb00:7101:$lanx::1/64"
	check "all.forwarding on" sysctl_is all 1
	check "show state: lan0 advertised, radvd running" \
		jtrue "j['routing'] == {'enabled': True, 'radvd': 'running', 'lans': [{'lan': 'lan0',
		       'subnet': $lan, 'prefix': '2002:cb00:7101:$lanx::/64'}]}" 6to4 show state
	check "unprivileged show state also sees radvd running" eval \
		'nobody expect 0 "" 6to4 show state &&
		 out_has "^Advertised +: lan0 .*\(radvd running\)$"'
	check "show state text: Advertised : lan0 ..." eval \
		'expect 0 "" 6to4 show state && out_has "^Routing +: enabled$" &&
		 out_has "^Advertised +: lan0 subnet $lan 2002:cb00:7101:$lanx::/64 \(radvd running\)$"'
	moved() { has_addr lan0 2002:cb00:7101:7::1/64 && ! has_addr lan0 "2002:cb00:7101:$lanx::1/64"; }
	check "set routing enabled lan lan0 subnet 7: the address moves" eval \
		't6 "$NS" 6to4 set routing enabled lan lan0 subnet 7 && within 10 moved'
	check "show state: subnet 7, radvd still running" \
		jtrue "j['routing']['lans'][0]['subnet'] == 7 and j['routing']['radvd'] == 'running'" \
		6to4 show state
	check "set routing disabled lan eth9: exit 1" \
		expect 1 "^t6: routing is not enabled on 'eth9'\$" 6to4 set routing disabled lan eth9
	check "set routing disabled lan lan0" expect 0 '' 6to4 set routing disabled lan lan0
	check "the LAN address goes, forwarding is back off" \
		eval 'within 10 eval "! has_addr lan0 2002:cb00:7101:7::1/64" && sysctl_is all 0'
	check "show state: routing disabled" \
		jtrue 'j["routing"] == {"enabled": False, "lans": []}' 6to4 show state
	check "set routing enabled lan=lan0 subnet=5 (key=value)" \
		expect 0 '' 6to4 set routing enabled lan=lan0 subnet=5
	check "set state disabled takes the LAN side along" eval \
		't6 "$NS" 6to4 set state disabled && ! exists sixtofour0 &&
		 within 10 eval "! has_addr lan0 2002:cb00:7101:5::1/64" && sysctl_is all 0'
	check "set state enabled again" expect 0 '' 6to4 set state enabled
else
	skip "routing with radvd: needs radvd"
fi

# --- deletion -------------------------------------------------------------
check "set state disabled deletes sixtofour0" eval \
	't6 "$NS" 6to4 set state disabled && ! exists sixtofour0'
check "show state with none left: exit 1, says how to create one" \
	expect 1 "^t6: no 6to4 interface; create one with 't6 6to4 set state enabled'\$" \
	6to4 show state
check "set state disabled with none left: exit 1" \
	expect 1 'no 6to4 interface' 6to4 set state disabled
ip -n "$NS" link add sixtofour0 type dummy
check "set state enabled: sixtofour0 exists but is no transit6 link, exit 1" \
	expect 1 '^t6: cannot create sixtofour0: ' 6to4 set state enabled
ip -n "$NS" link del sixtofour0

# --- ip link with the plugin (link_sixtofour.so) ------------------------------
ipp() { IP_LIB_DIR=$T6_TOP/tools/iproute2 ip -n "$NS" "$@"; }
if [ -e "$T6_TOP/tools/iproute2/link_sixtofour.so" ]; then
	check "ip link add s6 type sixtofour local 203.0.113.1 ttl inherit" \
		ipp link add s6 type sixtofour local 203.0.113.1 ttl inherit
	check "ip -d link show: sixtofour local 203.0.113.1 ttl inherit" eval \
		'ipp -d link show s6 | grep -q "sixtofour local 203.0.113.1 ttl inherit tos inherit"'
	check "ip -j -d link show: info_data local and ttl 0" eval \
		'[ "$(ipp -j -d link show s6 | jq -r ".[0].linkinfo.info_data | \"\(.local) \(.ttl)\"")" = "203.0.113.1 0" ]'
	check "ip link add ... type sixtofour ttl 256: refused by the plugin" \
		eval '! ipp link add s7 type sixtofour ttl 256 2>/dev/null && ! exists s7'
	ip -n "$NS" link del s6
else
	skip "ip link plugin: tools/iproute2/link_sixtofour.so not built"
fi

finish
