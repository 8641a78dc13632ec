#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The kernel keeps an ISATAP router's own addresses, and an IPv4 address
# that goes takes only its own IPv6 addresses along.
#
#   ra_r (router)                               ra_h (host)
#   va 10.5.0.1/24 (+ 10.5.0.9)  <-- veth -->   vh 10.5.0.2/24 (+ 10.5.0.7)
#   isatap0: publishes 2001:db8:5::/64,         isatap0, PRL = { 10.5.0.1 }
#   forwards
#
# The router's PREFIX::5efe:V4/64 for each covered IPv4 address (proto
# 116) come and go with the published prefixes and the IPv4 addresses, and
# come back after "ip link set down/up"; before, t6 added them once and
# any restart lost them.  Removing an unrelated IPv4 address used to
# restart the interface (a static address and route of the user's gone);
# now it removes exactly that address's link-local and global addresses.
source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need ping

netns ra_r ra_h || { fail "netns"; finish; }
veth ra_r va 10.5.0.1/24 ra_h vh 10.5.0.2/24 || { fail "veth"; finish; }
t6 ra_r isatap set state enabled >/dev/null || fail "router isatap0"
t6 ra_r isatap add prefix 2001:db8:5::/64 || fail "publish"
t6 ra_r isatap set forwarding enabled || fail "forwarding"
t6 ra_h isatap set state enabled >/dev/null || fail "host isatap0"
t6 ra_h isatap set router 10.5.0.1 || fail "PRL"

# has NS ADDR/LEN: isatap0 has it.  (iproute2 6.1 does not show an
# address's proto; ours carry 116, and the withdrawal below tells them from
# a user's address of the same form.)
has() { ip -n "$1" -6 addr show dev isatap0 | grep -q "inet6 $2 "; }
hasnt() { ! ip -n "$1" -6 addr show dev isatap0 | grep -q "inet6 $2 "; }
R1=2001:db8:5::5efe:a05:1/64 R9=2001:db8:5::5efe:a05:9/64

check "router: $R1 from the kernel" within 15 has ra_r $R1
check "host: SLAAC 2001:db8:5::5efe:a05:2 from the router's RA" \
	within 30 has ra_h 2001:db8:5::5efe:a05:2/64
check "host pings the router's own address in the prefix" \
	ip netns exec ra_h ping -6 -c 2 -W 3 2001:db8:5::5efe:a05:1

ip -n ra_r link set isatap0 down && ip -n ra_r link set isatap0 up
check "router: down and up: $R1 is back" within 15 has ra_r $R1

ip -n ra_r addr add 10.5.0.9/24 dev va
check "router: 10.5.0.9 added: $R9 follows" within 15 has ra_r $R9
ip -n ra_r -6 addr add 2001:db8:99::1/64 dev isatap0 nodad
ip -n ra_r -6 addr add 2001:db8:5:1::5efe:a05:1/64 dev isatap0 nodad
ip -n ra_r -6 route add 2001:db8:abc::/48 dev isatap0
ip -n ra_r addr del 10.5.0.9/24 dev va
check "router: 10.5.0.9 removed: $R9 goes" within 15 hasnt ra_r $R9
check "router: ... and its link-local fe80::5efe:a05:9" within 15 hasnt ra_r fe80::5efe:a05:9/64
check "router: ... $R1 stays" has ra_r $R1
check "router: ... the user's static 2001:db8:99::1 stays" has ra_r 2001:db8:99::1/64
check "router: ... the user's route 2001:db8:abc::/48 stays" \
	sh -c "ip -n ra_r -6 route show 2001:db8:abc::/48 | grep -q isatap0"

ip -n ra_h addr add 10.5.0.7/24 dev vh
check "host: 10.5.0.7 added: fe80::5efe:a05:7" within 15 has ra_h fe80::5efe:a05:7/64
ip -n ra_h -6 addr add 2001:db8:98::1/64 dev isatap0 nodad
ip -n ra_h addr del 10.5.0.7/24 dev vh
check "host: 10.5.0.7 removed: its link-local goes" within 15 hasnt ra_h fe80::5efe:a05:7/64
check "host: ... SLAAC 2001:db8:5::5efe:a05:2 stays" has ra_h 2001:db8:5::5efe:a05:2/64
check "host: ... the user's static 2001:db8:98::1 stays" has ra_h 2001:db8:98::1/64

t6 ra_r isatap del prefix 2001:db8:5::/64 || fail "withdraw"
check "router: prefix withdrawn: $R1 goes" within 15 hasnt ra_r $R1
check "router: ... the user's static address stays" has ra_r 2001:db8:99::1/64
check "router: ... and the user's own ISATAP-form one" has ra_r 2001:db8:5:1:0:5efe:a05:1/64

finish
