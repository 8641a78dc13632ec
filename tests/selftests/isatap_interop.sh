#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# transit6 ISATAP against real ISATAP peers: the kernel's own sit driver in
# ISATAP mode, driven by radvd (router) and isatapd (host).
#
# (a) our host, radvd on a sit ISATAP router (UnicastOnly: it only answers RSs)
#
#   ii_a_host                     ii_a_rtr                        ii_a_nat
#   isatap0 (transit6)            is0 (sit isatap) + radvd
#   2001:db8:1::5efe:a00:2        2001:db8:1::5efe:a00:1/64
#   v0 10.0.0.2/24 ------------- v1 10.0.0.1/24  v2 2001:db8:ff::1 -- v3 2001:db8:ff::2
#
# (b) an isatapd (sit) host, our router: same shape, ii_b_*; isatap0 on the
#     router publishes 2001:db8:2::/64 and forwards, is0 on the host.
#
# (c) our isatap0 (ii_c_ours, 10.0.0.1) <-> a sit is0 (ii_c_sit, 10.0.0.2),
#     no router, link-local only.
#
# Proves: we send RSs a stock router answers, accept its RAs (SLAAC address,
# default route, PRL counters), encapsulate to the next hop the ISATAP
# interface identifier embeds; our RAs configure a stock ISATAP host and we
# route for it; plain on-link traffic works both ways with sit.

source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need radvd isatapd ping python3
modprobe sit || { fail "modprobe sit"; finish; }

# has_addr NS DEV ADDR/LEN: DEV in NS has that IPv6 address
has_addr() { ip -n "$1" -6 addr show dev "$2" | grep -q "inet6 $3 "; }
# has_default NS VIA DEV: a default route via VIA on DEV
has_default() { ip -n "$1" -6 route show default | grep -q "via $2 dev $3 "; }
# state_is NS STATE: t6's state of the only ISATAP interface of NS
state_is() { [ "$(json "$1" 'j["state"]' isatap show state)" = "$2" ]; }
# jtrue NS EXPR t6-args...: the Python expression over t6 -j output holds
jtrue() { [ "$(json "$@")" = True ]; }
ping6() { ip netns exec "$1" ping -6 -c 2 -i 0.3 -W 5 "$2"; }
# dump FILE: show a daemon's log after a failure
dump() { [ "$T6_FAILED" = 0 ] || sed 's/^/#   /' "$1"; }

# The native IPv6 side of a router namespace.
native() {
	veth "$1" v2 - "$2" v3 - &&
	ip -n "$1" addr add 2001:db8:ff::1/64 dev v2 nodad &&
	ip -n "$2" addr add 2001:db8:ff::2/64 dev v3 nodad &&
	ip -n "$2" -6 route add default via 2001:db8:ff::1
}

# --- (a) our host, sit ISATAP router with radvd -----------------------------
log "(a) transit6 host, sit ISATAP router running radvd"
netns ii_a_host ii_a_rtr ii_a_nat
veth ii_a_host v0 10.0.0.2/24 ii_a_rtr v1 10.0.0.1/24
native ii_a_rtr ii_a_nat
ip -n ii_a_rtr tunnel add is0 mode isatap local 10.0.0.1 ttl 64
ip -n ii_a_rtr link set is0 up
ip -n ii_a_rtr addr add 2001:db8:1::5efe:10.0.0.1/64 dev is0
ip netns exec ii_a_rtr sysctl -qw net.ipv6.conf.all.forwarding=1
cat >"$T6_TMP/radvd.conf" <<EOF
interface is0 {
	AdvSendAdvert on;
	UnicastOnly on;
	prefix 2001:db8:1::/64 { AdvOnLink on; AdvAutonomous on; };
};
EOF
bg ii_a_rtr radvd -n -C "$T6_TMP/radvd.conf" -p "$T6_TMP/radvd.pid" \
	-m stderr 2>"$T6_TMP/radvd.log"
check "radvd runs on the sit ISATAP router" wait_for 30 test -s "$T6_TMP/radvd.pid"

ip -n ii_a_host link add isatap0 type isatap
ip -n ii_a_host link set isatap0 up
t6 ii_a_host isatap set rsinterval 5
t6 ii_a_host isatap set router 10.0.0.1

check "(a) host state becomes qualified" \
	wait_for 60 state_is ii_a_host qualified
check "(a) SLAAC address 2001:db8:1::5efe:a00:2 from radvd's RA" \
	wait_for 30 has_addr ii_a_host isatap0 2001:db8:1::5efe:a00:2/64
check "(a) default route via fe80::5efe:a00:1 dev isatap0" \
	wait_for 30 has_default ii_a_host fe80::5efe:a00:1 isatap0
check "(a) PRL entry 10.0.0.1 sent RSs and got RAs" \
	jtrue ii_a_host 'len(j) == 1 and j[0]["address"] == "10.0.0.1" and
		j[0]["rs_sent"] >= 1 and j[0]["ra_received"] >= 1' isatap show router
check "(a) ping the sit router's ISATAP address" ping6 ii_a_host 2001:db8:1::5efe:a00:1
check "(a) ping the native host through the sit router" ping6 ii_a_host 2001:db8:ff::2
check "(a) the native host pings our SLAAC address" ping6 ii_a_nat 2001:db8:1::5efe:a00:2
dump "$T6_TMP/radvd.log"

# --- (b) isatapd host, our router -------------------------------------------
log "(b) sit ISATAP host run by isatapd, transit6 router"
netns ii_b_host ii_b_rtr ii_b_nat
veth ii_b_host v0 10.0.0.2/24 ii_b_rtr v1 10.0.0.1/24
native ii_b_rtr ii_b_nat
ip -n ii_b_rtr link add isatap0 type isatap
ip -n ii_b_rtr link set isatap0 up
t6 ii_b_rtr isatap add prefix 2001:db8:2::/64
t6 ii_b_rtr isatap set forwarding enabled
check "(b) our router is qualified" wait_for 20 state_is ii_b_rtr qualified
# isatapd creates is0 (local = v0's address), fills its PRL, solicits
bg ii_b_host isatapd -n is0 -l v0 10.0.0.1 2>"$T6_TMP/isatapd.log"

check "(b) isatapd's is0 autoconfigures 2001:db8:2::5efe:a00:2 from our RA" \
	wait_for 60 has_addr ii_b_host is0 2001:db8:2::5efe:a00:2/64
check "(b) isatapd host: default route via fe80::5efe:a00:1 dev is0" \
	wait_for 30 has_default ii_b_host fe80::5efe:a00:1 is0
check "(b) isatapd host pings our router's address in the prefix" \
	ping6 ii_b_host 2001:db8:2::5efe:a00:1
check "(b) isatapd host pings the native host through our router" \
	ping6 ii_b_host 2001:db8:ff::2
check "(b) the native host pings the isatapd host through our router" \
	ping6 ii_b_nat 2001:db8:2::5efe:a00:2
check "(b) our router dropped nothing as spoofed" \
	jtrue ii_b_rtr 'j["drops"]["spoofed"] == 0' isatap show state
dump "$T6_TMP/isatapd.log"

# --- (c) our host <-> sit host, link-local ----------------------------------
log "(c) transit6 and sit ISATAP hosts, no router"
netns ii_c_ours ii_c_sit
veth ii_c_ours v0 10.0.0.1/24 ii_c_sit v1 10.0.0.2/24
ip -n ii_c_ours link add isatap0 type isatap
ip -n ii_c_ours link set isatap0 up
ip -n ii_c_sit tunnel add is0 mode isatap local 10.0.0.2 ttl 64
ip -n ii_c_sit link set is0 up
check "(c) link-local addresses fe80::5efe:a00:1 and fe80::5efe:a00:2" \
	wait_for 20 eval 'has_addr ii_c_ours isatap0 fe80::5efe:a00:1/64 &&
		has_addr ii_c_sit is0 fe80::5efe:a00:2/64'
check "(c) ours pings fe80::5efe:10.0.0.2%isatap0 (sit)" \
	ping6 ii_c_ours fe80::5efe:10.0.0.2%isatap0
check "(c) sit pings fe80::5efe:10.0.0.1%is0 (ours)" \
	ping6 ii_c_sit fe80::5efe:10.0.0.1%is0

finish
