#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ISATAP follows the host's IPv4 addresses in place.
#
#   ad_h                                        ad_p
#   va 10.3.0.1/24, 10.3.0.2/24   <-- veth -->  pa
#   vb 10.4.0.1/24, 131.107.1.1/24 <-- veth --> pb
#   isatap0 (no link, no local: covers every IPv4 address of ad_h)
#
# Proves: isatap0 has fe80::[200:]5efe:a.b.c.d for each IPv4 address of
# each up link (the u bit for the global 131.107.1.1), whichever of them
# is the primary; removing an address (or taking its link down) removes
# exactly its link-local address; with none left the interface has no
# carrier, no IPv6 address and state offline/no_ipv4; adding one back
# brings it up; admin down is dormant/admin_down; t6's "ipv4" list is
# exactly the covered set; the ifindex never changes.
source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need jq

netns ad_h ad_p || { fail "netns"; finish; }
veth ad_h va - ad_p pa - && veth ad_h vb - ad_p pb - || { fail "veth"; finish; }
ip -n ad_h link add isatap0 type isatap && ip -n ad_h link set isatap0 up \
	|| { fail "create isatap0"; finish; }

sysf() { ip netns exec ad_h cat "/sys/class/net/isatap0/$1" 2>/dev/null; }
IFX=$(sysf ifindex)
jget() { t6 ad_h -j isatap show state dev isatap0 | jq -r "$1"; }
a4() { ip -n ad_h addr "$1" "$2" dev "$3"; }
# eventually SECS CMD...: poll CMD; on time-out run it once more for its output
eventually() { wait_for "$1" "${@:2}" || "${@:2}"; }
# addrs_are ADDR...: isatap0's IPv6 addresses are exactly these
addrs_are() {
	local got want
	got=$(ip -n ad_h -6 -o addr show dev isatap0 |
	      awk '{ sub("/.*", "", $4); print $4 }' | sort | xargs)
	want=$(printf '%s\n' "$@" | sort | xargs)
	echo "isatap0 has [$got], want [$want] (ifindex $(sysf ifindex))"
	[ "$got" = "$want" ] && [ "$(sysf ifindex)" = "$IFX" ]
}
# v4_are ADDR...: t6's "ipv4" (T6A_LOCAL_ADDRS) is exactly these
v4_are() {
	local got want
	got=$(jget '.ipv4[]' | sort | xargs); want=$(printf '%s\n' "$@" | sort | xargs)
	echo "ipv4 [$got], want [$want]"; [ "$got" = "$want" ]
}
state_is() {
	local s; s=$(jget '"\(.state)/\(.reason)/\(.ifindex)"')
	echo "state $s, want $1/$2/$IFX"; [ "$s" = "$1/$2/$IFX" ]
}
# carrier 0|1: the carrier and the operational state agree with it
carrier() {
	local c o; c=$(sysf carrier); o=$(sysf operstate)
	echo "carrier $c, operstate $o"
	if [ "$1" = 1 ]; then [ "$c" = 1 ] && [ "$o" = up ]
	else [ "$c" = 0 ] && [ "$o" != up ]; fi
}

LL1=fe80::5efe:a03:1 LL2=fe80::5efe:a03:2 LL3=fe80::5efe:a04:1
LLU=fe80::200:5efe:836b:101	# 131.107.1.1: global, so the u bit is set

# --- no IPv4 address at all -------------------------------------------------
check "no IPv4: state offline/no_ipv4" eventually 5 state_is offline no_ipv4
check "no IPv4: no carrier" carrier 0
log "without IPv4: carrier $(sysf carrier), operstate $(sysf operstate)"
check "no IPv4: no IPv6 address" addrs_are
check "no IPv4: ipv4 list empty" v4_are

# --- one address, then four on two links ------------------------------------
a4 add 10.3.0.1/24 va
check "10.3.0.1: only $LL1" eventually 5 addrs_are $LL1
check "10.3.0.1: carrier up" carrier 1
check "10.3.0.1: state probe/no_router" eventually 5 state_is probe no_router
check "10.3.0.1: link address is the primary" \
	sh -c "ip -n ad_h link show isatap0 | grep -q 'link/sit 10.3.0.1 '"
a4 add 10.3.0.2/24 va; a4 add 10.4.0.1/24 vb; a4 add 131.107.1.1/24 vb
check "four addresses: one link-local each (u bit for 131.107.1.1)" \
	eventually 5 addrs_are $LL1 $LL2 $LL3 $LLU
check "four addresses: ipv4 list" v4_are 10.3.0.1 10.3.0.2 10.4.0.1 131.107.1.1
check "four addresses: t6 lists the same four ISATAP addresses" \
	test "$(jget '.addresses | length')" = 4

# --- removals ---------------------------------------------------------------
a4 del 10.3.0.2/24 va
check "10.3.0.2 removed: its link-local only is gone" eventually 5 addrs_are $LL1 $LL3 $LLU
check "10.3.0.2 removed: ipv4 list" v4_are 10.3.0.1 10.4.0.1 131.107.1.1
ip -n ad_h link set vb down
check "vb down: its addresses are no longer covered" eventually 5 addrs_are $LL1
check "vb down: ipv4 list" v4_are 10.3.0.1
ip -n ad_h link set vb up
check "vb up again: covered again" eventually 5 addrs_are $LL1 $LL3 $LLU
a4 del 10.3.0.1/24 va
check "primary 10.3.0.1 removed: the others remain" eventually 5 addrs_are $LL3 $LLU
check "primary 10.3.0.1 removed: ipv4 list" v4_are 10.4.0.1 131.107.1.1
check "primary 10.3.0.1 removed: still up, state probe" eventually 5 state_is probe no_router
ip -n ad_h addr flush dev vb
check "all removed: state offline/no_ipv4" eventually 5 state_is offline no_ipv4
check "all removed: no carrier" carrier 0
check "all removed: no IPv6 address" addrs_are
check "all removed: ipv4 list empty" v4_are

# --- back: a global primary first, so addrconf forms the u-bit address -------
a4 add 131.107.1.1/24 vb
check "131.107.1.1 back: carrier up" eventually 5 carrier 1
check "131.107.1.1 back: $LLU (from addrconf)" eventually 5 addrs_are $LLU
check "131.107.1.1 back: state probe/no_router" eventually 5 state_is probe no_router
a4 add 10.3.0.1/24 va
check "10.3.0.1 back: both link-locals" eventually 5 addrs_are $LL1 $LLU
check "10.3.0.1 back: ipv4 list, primary kept first" \
	test "$(jget '.ipv4 | join(",")')" = 131.107.1.1,10.3.0.1

# --- administratively down and up ---------------------------------------------
ip -n ad_h link set isatap0 down
check "admin down: state dormant/admin_down" eventually 5 state_is dormant admin_down
ip -n ad_h link set isatap0 up
check "admin up: both link-locals again" eventually 5 addrs_are $LL1 $LLU
check "admin up: state probe/no_router" eventually 5 state_is probe no_router
check "one ISATAP interface, ifindex $IFX throughout" \
	test "$(ip -n ad_h -o link show type isatap | cut -d: -f1 | xargs)" = "$IFX"

finish
