#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# transit6 next to the kernel's other protocol-41 receivers: sit (tunnel4
# priority 1), xfrm_interface (2) and xfrm4_tunnel (3).  The last two
# consume every protocol-41 packet that has no IPsec SA, so our handler
# must run before them; and it must decline what none of our devices
# covers, so sit keeps working.
#
#   ic_a  v0 10.0.0.1/24 + 10.0.0.3/24 ---- v1 10.0.0.2/24  ic_b
#         isatap0 (transit6, IFLA_T6_LOCAL 10.0.0.1)          isatap0 (transit6)
#         is0 (sit isatap, local 10.0.0.3)
#
#   ic_c  v0 10.0.1.1/24 ------------------ v1 10.0.1.2/24  ic_d
#         isatap0 (transit6)                                  is0 (sit isatap)
#                                                             no transit6 device
#
#   ic_e  v0 10.0.2.1/24 ------------------ v1 10.0.2.2/24  ic_f
#         t0 (sit 6in4 2001:db8:9::1/64) <-> t0 (sit 6in4 2001:db8:9::2/64)
#         no transit6 device on either side
#
# Proves: with sit, xfrm_interface and xfrm4_tunnel loaded, our ISATAP
# devices still receive (they would see nothing if our handler ran after
# xfrm's); a sit ISATAP tunnel receives the packets we decline, both in a
# namespace without transit6 devices and next to a transit6 device limited
# to another IPv4 address; a sit 6in4 point-to-point tunnel works.

source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need ping python3

for m in sit xfrm_interface xfrm4_tunnel; do
	check "modprobe $m" modprobe "$m"
done

ping6() { ip netns exec "$1" ping -6 -c 2 -i 0.3 -W 5 "$2"; }
has_addr() { ip -n "$1" -6 addr show dev "$2" | grep -q "inet6 $3 "; }
jtrue() { [ "$(json "$@")" = True ]; }
mods_loaded() {
	local m
	for m in "$@"; do lsmod | grep -q "^$m " || return 1; done
}

# --- transit6 <-> transit6, sit next to a limited transit6 device ----------
netns ic_a ic_b
veth ic_a v0 10.0.0.1/24 ic_b v1 10.0.0.2/24
ip -n ic_a addr add 10.0.0.3/24 dev v0
check "create isatap0 limited to 10.0.0.1 (t6 ... local: IFLA_T6_LOCAL)" \
	t6 ic_a isatap set state enabled dev isatap0 local 10.0.0.1
ip -n ic_a tunnel add is0 mode isatap local 10.0.0.3 ttl 64
ip -n ic_a link set is0 up
ip -n ic_b link add isatap0 type isatap
ip -n ic_b link set isatap0 up
check "limited isatap0 covers 10.0.0.1 only" \
	wait_for 20 jtrue ic_a 'j["ipv4"] == ["10.0.0.1"]' isatap show state
check "link-local addresses are up" wait_for 20 eval \
	'has_addr ic_a isatap0 fe80::5efe:a00:1/64 && has_addr ic_a is0 fe80::5efe:a00:3/64 &&
	 has_addr ic_b isatap0 fe80::5efe:a00:2/64'

check "transit6 -> transit6 over link-local (xfrm modules loaded)" \
	ping6 ic_b fe80::5efe:10.0.0.1%isatap0
check "transit6 (limited) -> transit6 over link-local" \
	ping6 ic_a fe80::5efe:10.0.0.2%isatap0
check "transit6 -> sit beside a transit6 device limited to another address" \
	ping6 ic_b fe80::5efe:10.0.0.3%isatap0
check "sit -> transit6 from beside the limited device" \
	ping6 ic_a fe80::5efe:10.0.0.2%is0

# --- sit ISATAP in a namespace without transit6 devices ---------------------
netns ic_c ic_d
veth ic_c v0 10.0.1.1/24 ic_d v1 10.0.1.2/24
ip -n ic_c link add isatap0 type isatap
ip -n ic_c link set isatap0 up
ip -n ic_d tunnel add is0 mode isatap local 10.0.1.2 ttl 64
ip -n ic_d link set is0 up
check "link-local addresses are up (ic_c, ic_d)" wait_for 20 eval \
	'has_addr ic_c isatap0 fe80::5efe:a00:101/64 && has_addr ic_d is0 fe80::5efe:a00:102/64'
check "transit6 -> sit in a namespace without transit6 devices" \
	ping6 ic_c fe80::5efe:10.0.1.2%isatap0
check "sit -> transit6 from a namespace without transit6 devices" \
	ping6 ic_d fe80::5efe:10.0.1.1%is0

# --- sit 6in4 point-to-point, transit6 loaded --------------------------------
netns ic_e ic_f
veth ic_e v0 10.0.2.1/24 ic_f v1 10.0.2.2/24
ip -n ic_e tunnel add t0 mode sit local 10.0.2.1 remote 10.0.2.2 ttl 64
ip -n ic_f tunnel add t0 mode sit local 10.0.2.2 remote 10.0.2.1 ttl 64
ip -n ic_e link set t0 up
ip -n ic_f link set t0 up
ip -n ic_e addr add 2001:db8:9::1/64 dev t0 nodad
ip -n ic_f addr add 2001:db8:9::2/64 dev t0 nodad
check "sit 6in4 point-to-point tunnel with transit6 loaded" \
	ping6 ic_e 2001:db8:9::2
check "sit 6in4 point-to-point tunnel, other direction" \
	ping6 ic_f 2001:db8:9::1
check "transit6, sit, xfrm_interface and xfrm4_tunnel are all still loaded" \
	mods_loaded transit6 sit xfrm_interface xfrm4_tunnel

finish
