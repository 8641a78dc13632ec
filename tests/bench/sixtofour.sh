#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# One VM run: native IPv6, sit 6to4 and transit6 6to4 on the same
# two-namespace veth topology (one pair of namespaces each), iperf3 TCP
# single stream and 64-byte UDP packets per second; see lib.sh.
#
#   [bn_a] 198.51.100.1 -- veth -- 198.51.100.2 [bn_b]   native 2001:db8:ff::/64
#                            transit6 sixtofour0 2002:c633:64NN::c633:64NN/16
#   [bs_a] 198.51.100.1 -- veth -- 198.51.100.2 [bs_b]   sit tun6to4, same addresses
set -u
source "$(dirname "$0")/../selftests/lib.sh"
source "$(dirname "$0")/lib.sh"

load_module || { echo "bench: cannot load transit6" >&2; exit 1; }
modprobe sit
topo_6to4 bn bs
ip -n bn_a addr add 2001:db8:ff::1/64 dev eth0 nodad
ip -n bn_b addr add 2001:db8:ff::2/64 dev eth0 nodad
DST=2002:c633:6402::c633:6402
wait_for 10 ip netns exec bn_a ping -6 -c1 -W1 2001:db8:ff::2 || echo "bench: native path down" >&2
wait_for 10 ip netns exec bn_a ping -6 -c1 -W1 $DST || echo "bench: transit6 path down" >&2
wait_for 10 ip netns exec bs_a ping -6 -c1 -W1 $DST || echo "bench: sit path down" >&2

impls=(native sit transit6)
ns_of() { case $1 in native|transit6) echo bn_a ;; sit) echo bs_a ;; esac; }
dst_of() { case $1 in native) echo 2001:db8:ff::2 ;; *) echo $DST ;; esac; }
echo "# 6to4"
bench_run
