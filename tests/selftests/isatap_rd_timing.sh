#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ISATAP router discovery timing at the edges of what an RA may say.
#
#   rd_h (host)                            rd_r (router)
#   isatap0, PRL = { 10.0.0.1 }            isatap0, publishes 2001:db8:6::/64
#   v0 10.0.0.2/24  <------- veth ------>  v1 10.0.0.1/24
#
# The router does not forward, so its RAs carry router lifetime 0 and the
# prefix's lifetimes: valid and preferred 21474840 s (248 days).  The host
# solicits again at 80 % of the smallest lifetime, 17179872 s; in 32 bits
# that times HZ (250) wraps to 704 jiffies, and the host solicited again
# within 3 s, over and over.  Now it must stay quiet.
source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need jq

netns rd_h rd_r || { fail "netns"; finish; }
veth rd_h v0 10.0.0.2/24 rd_r v1 10.0.0.1/24 || { fail "veth"; finish; }
t6 rd_r isatap set state enabled >/dev/null || fail "router isatap0"
t6 rd_r isatap add prefix 2001:db8:6::/64 validlft 21474840 preferredlft 21474840 ||
	fail "publish the prefix"
t6 rd_h isatap set state enabled >/dev/null || fail "host isatap0"
t6 rd_h isatap set router 10.0.0.1 || fail "PRL"

router() { t6 rd_h -j isatap show router | jq -r ".[0].$1"; }
answered() { [ "$(router ra_received)" -ge 1 ]; }
check "the host's RS got an RA" within 30 answered
slaac() { ip -n rd_h -6 addr show dev isatap0 | grep -q "2001:db8:6::5efe:a00:2/64"; }
check "the host autoconfigured 2001:db8:6::5efe:a00:2" within 15 slaac
quiet() {
	local s0 s1 r0 r1
	s0=$(router rs_sent) r0=$(router ra_received)
	sleep 10
	s1=$(router rs_sent) r1=$(router ra_received)
	echo "rs_sent $s0 -> $s1, ra_received $r0 -> $r1"
	[ "$s1" = "$s0" ] && [ "$r1" = "$r0" ]
}
check "RA lifetimes of 248 days: no RS in the next 10 s" quiet

finish
