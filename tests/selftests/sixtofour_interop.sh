#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# transit6 6to4 against the kernel's own sit in 6to4 mode, with sit and
# transit6 relays in front of a native IPv6 host, and radvd on our LAN.
#
#                          t4_net (bridge br0, "the IPv4 Internet")
#      +-------------+-------------+-------------+-------------+
#   t4_ours        t4_sit        t4_srly       t4_orly
#   203.0.113.1    203.0.113.2   203.0.113.3   203.0.113.4
#   sixtofour0     tun6to4 (sit) tun6to4 (sit) sixtofour0 (state relay)
#   lan0 ---+                     |             |
#   t4_lan  |                     +-- t4_native --+
#   (SLAAC from our RAs)        2001:db8:77::2   2001:db8:78::2
#
# Proves: our addresses and 2002::/16 route follow the public IPv4
# addresses; our 6to4 host and a sit 6to4 host reach each other both ways;
# we reach native IPv6 through a sit relay (default route at metric 2048,
# native source accepted from the relay only); a sit host reaches native
# IPv6 through our relay; a plain host on our LAN autoconfigures from the
# prefix radvd advertises for us and reaches the remote 6to4 site.

source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need ping jq radvd
modprobe sit || { fail "modprobe sit"; finish; }

OURS=2002:cb00:7101::cb00:7101		# 203.0.113.1
SIT=2002:cb00:7102::1			# 203.0.113.2
SRLY=2002:cb00:7103::1			# 203.0.113.3

has_addr() { ip -n "$1" -6 addr show dev "$2" | grep -q "inet6 $3 "; }
no_addr() { ! ip -n "$1" -6 addr show dev "$2" | grep -q "inet6 $3 "; }
route_has() { ip -n "$1" -6 route show "${@:3}" | grep -q -- "$2"; }
ping6() { ip netns exec "$1" ping -6 -c 2 -i 0.3 -W 5 "$2"; }
jget() { t6 "$1" -j 6to4 show state | jq -r "$2"; }
jis() { [ "$(jget "$1" "$2")" = "$3" ]; }

netns t4_net t4_ours t4_sit t4_srly t4_orly t4_native t4_lan ||
	{ fail "netns"; finish; }
ip -n t4_net link add br0 type bridge && ip -n t4_net link set br0 up
n=1
for ns in t4_ours t4_sit t4_srly t4_orly; do
	veth "$ns" eth0 "203.0.113.$n/24" t4_net "p$n" - &&
		ip -n t4_net link set "p$n" master br0 ||
		{ fail "wire $ns"; finish; }
	n=$((n + 1))
done

# sit as Linux users set up 6to4: one NBMA device, 2002:V4::1/16
sit6to4() {	# NS V4 ADDR6
	ip -n "$1" tunnel add tun6to4 mode sit remote any local "$2" ttl 64 &&
	ip -n "$1" link set tun6to4 up &&
	ip -n "$1" -6 addr add "$3/16" dev tun6to4 nodad
}
sit6to4 t4_sit 203.0.113.2 $SIT || fail "sit 6to4 host"
sit6to4 t4_srly 203.0.113.3 $SRLY || fail "sit 6to4 relay"
ip netns exec t4_srly sysctl -qw net.ipv6.conf.all.forwarding=1

# the native host, one link to each relay; routes back per 6to4 site
veth t4_srly eth1 2001:db8:77::1/64 t4_native eth1 2001:db8:77::2/64
veth t4_orly eth1 2001:db8:78::1/64 t4_native eth2 2001:db8:78::2/64
ip -n t4_native -6 route add 2002:cb00:7101::/48 via 2001:db8:77::1
ip -n t4_native -6 route add 2002:cb00:7102::/48 via 2001:db8:78::1

# --- our host: created, addressed, routed -----------------------------------
check "set state enabled creates sixtofour0" t6 t4_ours 6to4 set state enabled
check "sixtofour0 is up" ip -n t4_ours link show dev sixtofour0 up
check "2002:cb00:7101::cb00:7101/16 on sixtofour0" \
	within 10 has_addr t4_ours sixtofour0 $OURS/16
check "2002::/16 route on sixtofour0" \
	within 10 route_has t4_ours "dev sixtofour0" 2002::/16
check "state qualified" jis t4_ours .state qualified
check "show state lists 203.0.113.1" jis t4_ours '.ipv4[0]' 203.0.113.1
check "show state lists the /48" jis t4_ours '.prefixes[0]' 2002:cb00:7101::/48
check "no relay until one is set (RFC 7526)" jis t4_ours .relay null
check_fails "no default route without a relay" \
	route_has t4_ours sixtofour0 default

# --- follows the IPv4 addresses ------------------------------------------------
ip -n t4_ours addr add 198.51.100.9/24 dev eth0
check "a second public IPv4 address gets 2002:c633:6409::c633:6409" \
	within 10 has_addr t4_ours sixtofour0 2002:c633:6409::c633:6409/16
ip -n t4_ours addr add 10.1.2.3/24 dev eth0
sleep 1
check "a private IPv4 address gets none" \
	no_addr t4_ours sixtofour0 2002:a01:203::a01:203/16
ip -n t4_ours addr del 198.51.100.9/24 dev eth0
check "its 6to4 address goes with it" \
	within 10 no_addr t4_ours sixtofour0 2002:c633:6409::c633:6409/16
check "the first one stays" within 10 has_addr t4_ours sixtofour0 $OURS/16
ip -n t4_ours addr del 10.1.2.3/24 dev eth0

# --- host <-> sit 6to4 host, both directions -----------------------------------
check "ours -> sit 6to4 host" ping6 t4_ours $SIT
check "sit 6to4 host -> ours" ping6 t4_sit $OURS

# --- through a sit relay to native IPv6 ----------------------------------------
check "set relay 203.0.113.3" t6 t4_ours 6to4 set relay 203.0.113.3
check "default via the relay's 6to4 address, metric 2048" \
	within 10 route_has t4_ours "via 2002:cb00:7103::cb00:7103 dev sixtofour0 proto static metric 2048" default
check "ours -> native host through the sit relay" ping6 t4_ours 2001:db8:77::2
check "relay last used is shown" \
	within 5 jis t4_ours '.relay.last_used_ms != null' true
check "show state names the relay" jis t4_ours .relay.address 203.0.113.3
check "set relay none" t6 t4_ours 6to4 set relay none
check "its default route goes" \
	within 10 eval '! route_has t4_ours sixtofour0 default'
check_fails "native host unreachable without a relay" \
	ip netns exec t4_ours ping -6 -c 1 -W 2 2001:db8:77::2
check "set relay default is 192.88.99.1" t6 t4_ours 6to4 set relay default
check "show state: name default, address 192.88.99.1" \
	jis t4_ours '.relay.name + " " + .relay.address' "default 192.88.99.1"
t6 t4_ours 6to4 set relay none

# --- a sit host through our relay ------------------------------------------------
check "set state relay" t6 t4_orly 6to4 set state relay
check "relay role shown" jis t4_orly .role relay
check "relay has its 6to4 address" \
	within 10 has_addr t4_orly sixtofour0 2002:cb00:7104::cb00:7104/16
ip -n t4_sit -6 route add default via ::203.0.113.4 dev tun6to4
check "sit 6to4 host -> native host through our relay" \
	ping6 t4_sit 2001:db8:78::2

# --- our router for a LAN, radvd on it -----------------------------------------
veth t4_ours lan0 - t4_lan eth0 -
check "set routing enabled lan lan0 subnet 5" \
	t6 t4_ours 6to4 set routing enabled lan lan0 subnet 5
check "lan0 has 2002:cb00:7101:5::1/64" \
	within 10 has_addr t4_ours lan0 2002:cb00:7101:5::1/64
check "forwarding is on" \
	[ "$(ip netns exec t4_ours sysctl -n net.ipv6.conf.all.forwarding)" = 1 ]
check "show state: advertised on lan0, radvd running" \
	jis t4_ours '.routing.lans[0].prefix + " " + .routing.radvd' \
	"2002:cb00:7101:5::/64 running"
# a SLAAC address that finished DAD: until then ping uses the link-local
lan_addr() { ip -n t4_lan -6 addr show dev eth0 -tentative | grep -o '2002:cb00:7101:5:[0-9a-f:]*' | head -n1 | grep .; }
check "LAN host autoconfigures from the advertised prefix" within 40 lan_addr
check "LAN host has a default route via our router" \
	within 20 route_has t4_lan "dev eth0" default
check "LAN host -> remote 6to4 site (sit)" within 10 ping6 t4_lan $SIT

# --- the public IPv4 address changes (DHCP, PPPoE): the LAN follows -----------
# 203.0.113.1 -> 203.0.113.9: the site is 2002:cb00:7109::/48 now (the
# old lease goes first: deleting a primary address takes the secondaries
# of its subnet along)
ip -n t4_ours addr del 203.0.113.1/24 dev eth0 &&
	ip -n t4_ours addr add 203.0.113.9/24 dev eth0 || fail "renumber eth0"
check "new address: lan0 gets 2002:cb00:7109:5::1/64" \
	within 15 has_addr t4_ours lan0 2002:cb00:7109:5::1/64
check "... and loses 2002:cb00:7101:5::1/64" \
	within 15 no_addr t4_ours lan0 2002:cb00:7101:5::1/64
check "... tagged as ours (proto 116), no DAD" eval \
	'ip -n t4_ours -d -6 addr show dev lan0 | grep -A1 "inet6 2002:cb00:7109:5::1/64" | grep -q "proto 116\|nodad"'
check "show state: the new prefix advertised" \
	jis t4_ours '.routing.lans[0].prefix' 2002:cb00:7109:5::/64
lan_new() { ip -n t4_lan -6 addr show dev eth0 -tentative | grep -o '2002:cb00:7109:5:[0-9a-f:]*' | head -n1 | grep .; }
check "radvd follows: the LAN host autoconfigures from the new prefix" \
	within 60 lan_new
ping_from_new() { ip netns exec t4_lan ping -6 -c 2 -i 0.3 -W 5 -I "$(lan_new)" $SIT; }
check "LAN host, new address -> remote 6to4 site (sit)" within 10 ping_from_new

# the LAN's address comes back after the LAN or the 6to4 interface bounce
ip -n t4_ours link set lan0 down && ip -n t4_ours link set lan0 up
check "lan0 down and up: its 6to4 address is back" \
	within 15 has_addr t4_ours lan0 2002:cb00:7109:5::1/64
ip -n t4_ours link set sixtofour0 down
check "sixtofour0 down: no 6to4 prefix on the LAN" \
	within 15 no_addr t4_ours lan0 2002:cb00:7109:5::1/64
check "show state: nothing advertised while down" \
	jis t4_ours '.routing.lans[0].prefix' null
ip -n t4_ours link set sixtofour0 up
check "sixtofour0 up: back" \
	within 15 has_addr t4_ours lan0 2002:cb00:7109:5::1/64

check "set routing disabled" t6 t4_ours 6to4 set routing disabled
check "the LAN address goes" \
	within 10 no_addr t4_ours lan0 2002:cb00:7109:5::1/64
radvd_gone() { ! pgrep -x radvd >/dev/null; }
check "radvd stops" within 10 radvd_gone
check "forwarding is back off" \
	[ "$(ip netns exec t4_ours sysctl -n net.ipv6.conf.all.forwarding)" = 0 ]

# --- no public IPv4 address left ---------------------------------------------------
ip -n t4_ours addr flush dev eth0
ip -n t4_ours addr add 192.168.1.1/24 dev eth0
check "only a private IPv4 address: state offline" \
	within 10 jis t4_ours .state offline
check "reason no_public_ipv4" jis t4_ours .reason no_public_ipv4
check "no 6to4 address" no_addr t4_ours sixtofour0 $OURS/16
check "set state disabled deletes it" t6 t4_ours 6to4 set state disabled
check_fails "sixtofour0 is gone" ip -n t4_ours link show sixtofour0
finish
