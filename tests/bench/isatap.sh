#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# One VM run: native IPv6, sit ISATAP and transit6 ISATAP on the same
# two-namespace veth topology (one pair of namespaces each, so sit and
# transit6 never share an IPv4 address), iperf3 TCP single stream (5 s) and
# 64-byte UDP packets per second.  A discarded warm-up, then ROUNDS rounds
# with the order rotated; medians and the ratios transit6/sit and
# transit6/native.
#
#   [bn_a] 10.0.0.1 -- veth -- 10.0.0.2 [bn_b]   native 2001:db8:ff::/64
#                                                 transit6 2001:db8:1::/64 on isatap0
#   [bs_a] 10.0.0.1 -- veth -- 10.0.0.2 [bs_b]   sit 2001:db8:1::/64 on sis0
set -u
source "$(dirname "$0")/../selftests/lib.sh"
source "$(dirname "$0")/lib.sh"

load_module || { echo "bench: cannot load transit6" >&2; exit 1; }
modprobe sit
topo_isatap bn bs
ip -n bn_a addr add 2001:db8:ff::1/64 dev eth0 nodad
ip -n bn_b addr add 2001:db8:ff::2/64 dev eth0 nodad
for ns in bn_b bs_b; do ip netns exec "$ns" iperf3 -s -D -1 >/dev/null 2>&1 || true; done
wait_for 10 ip netns exec bn_a ping -6 -c1 -W1 2001:db8:ff::2 || echo "bench: native path down" >&2
wait_for 10 ip netns exec bn_a ping -6 -c1 -W1 2001:db8:1::5efe:10.0.0.2 || echo "bench: transit6 path down" >&2
wait_for 10 ip netns exec bs_a ping -6 -c1 -W1 2001:db8:1::5efe:10.0.0.2 || echo "bench: sit path down" >&2

impls=(native sit transit6)
ns_of() { case $1 in native|transit6) echo bn_a ;; sit) echo bs_a ;; esac; }
dst_of() { case $1 in native) echo 2001:db8:ff::2 ;; *) echo 2001:db8:1::5efe:10.0.0.2 ;; esac; }
bench_run
