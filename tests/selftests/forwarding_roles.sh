#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# IPv6 forwarding for the roles that need it, and only for them.
#
#   fr_up (upstream)                fr_a (ours)                    fr_lan
#   radvd: 2001:db8:aa::/64  --  eth0 203.0.113.1/24 (uplink,      lan0 -- eth0
#   203.0.113.2/24                accept_ra 1)
#                                 isatap0: ISATAP router
#                                 sixtofour0: 6to4 router for lan0
#
# Writing net.ipv6.conf.all.forwarding sets every interface's own value
# too, and a forwarding interface with accept_ra=1 ignores RAs: t6 used
# to leave the uplink forwarding, and its native SLAAC died quietly; and
# "6to4 set routing disabled" put "all" back to 0 under the ISATAP router.
source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need radvd

netns fr_up fr_a fr_lan || { fail "netns"; finish; }
veth fr_up eth0 203.0.113.2/24 fr_a eth0 203.0.113.1/24 || { fail "veth"; finish; }
veth fr_a lan0 - fr_lan eth0 - || { fail "veth"; finish; }
cat >"$T6_TMP/radvd.conf" <<CONF
interface eth0 {
	AdvSendAdvert on;
	MinRtrAdvInterval 3;
	MaxRtrAdvInterval 4;
	prefix 2001:db8:aa::/64 { AdvOnLink on; AdvAutonomous on; };
};
CONF
ip netns exec fr_up sysctl -qw net.ipv6.conf.all.forwarding=1
bg fr_up radvd -n -C "$T6_TMP/radvd.conf" -p "$T6_TMP/radvd.pid" -m stderr 2>/dev/null
fwd() { ip netns exec fr_a sysctl -n "net.ipv6.conf.$1.forwarding"; }
slaac() { ip -n fr_a -6 addr show dev eth0 | grep -q "inet6 2001:db8:aa:"; }
check "the uplink autoconfigures from upstream RAs" within 30 slaac

# the 6to4 router for lan0 first, then the ISATAP router: the 6to4 side
# going must not take forwarding from the ISATAP router (before, it put
# back the 0 it had seen)
check "6to4: set state enabled" t6 fr_a 6to4 set state enabled
check "6to4: set routing enabled lan lan0" t6 fr_a 6to4 set routing enabled lan lan0
check "6to4 routing: all.forwarding 1" eval '[ "$(fwd all)" = 1 ]'
check "6to4 routing: lan0 forwards" eval '[ "$(fwd lan0)" = 1 ]'
check "6to4 routing: the uplink's own forwarding stays 0" eval '[ "$(fwd eth0)" = 0 ]'
ip -n fr_a -6 addr flush dev eth0 scope global
check "6to4 routing: the uplink still takes RAs (SLAAC again)" within 30 slaac
t6 fr_a isatap set state enabled >/dev/null || fail "isatap0"
t6 fr_a isatap add prefix 2001:db8:5::/64 || fail "publish"
check "ISATAP router: set forwarding enabled" t6 fr_a isatap set forwarding enabled
check "ISATAP router: isatap0 forwards" eval '[ "$(fwd isatap0)" = 1 ]'
check "show state: no interface ignoring RAs" \
	eval '! t6 fr_a isatap show state | grep -q "Ignoring RAs"'
check "6to4: set routing disabled" t6 fr_a 6to4 set routing disabled
check "6to4 routing gone: all.forwarding stays 1 for the ISATAP router" \
	eval '[ "$(fwd all)" = 1 ] && [ "$(fwd isatap0)" = 1 ]'
check "ISATAP router: set forwarding disabled" t6 fr_a isatap set forwarding disabled
check "no role left: all.forwarding back to 0" eval '[ "$(fwd all)" = 0 ]'

# an administrator's forwarding uplink is named
ip netns exec fr_a sysctl -qw net.ipv6.conf.eth0.forwarding=1
check "show state names the uplink that ignores RAs" \
	eval 't6 fr_a isatap show state | grep -q "^Ignoring RAs *: eth0 (forwarding, accept_ra=1"'
ip netns exec fr_a sysctl -qw net.ipv6.conf.eth0.accept_ra=2
check "... and not with accept_ra=2" \
	eval '! t6 fr_a isatap show state | grep -q "Ignoring RAs"'

finish
