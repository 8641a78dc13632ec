#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# In the guest (tests/bench/profile starts it): 64-byte UDP through
# transit6 and sit, ISATAP then 6to4, each on its own pair of namespaces
# as in the benchmarks, under "perf record -a" (cpu-clock: TCG has no
# PMU).  Prints, per kind, the busy (not idle) samples per 1000 packets
# received, which is the CPU cost of a packet and much steadier under TCG
# than the packet rate, and the symbols whose cost differs most.
#
# Env: SECS (8) per run, TOP (30) symbols shown, ROUNDS (2).
set -u
rounds=${ROUNDS:-2}	# before lib.sh sets the benchmarks' default
source "$(dirname "$0")/../selftests/lib.sh"
source "$(dirname "$0")/lib.sh"

load_module || { echo "profile: cannot load transit6" >&2; exit 1; }
modprobe sit
command -v perf >/dev/null || { echo "profile: install linux-perf" >&2; exit 1; }
topo_6to4 bn bs
topo_isatap in is
wait_for 10 ip netns exec bn_a ping -6 -c1 -W1 2002:c633:6402::c633:6402
wait_for 10 ip netns exec in_a ping -6 -c1 -W1 2001:db8:1::5efe:10.0.0.2

for r in $(seq "$rounds"); do
	perf_run transit6-isatap-$r in_a 2001:db8:1::5efe:10.0.0.2 udp
	perf_run sit-isatap-$r is_a 2001:db8:1::5efe:10.0.0.2 udp
	perf_run transit6-6to4-$r bn_a 2002:c633:6402::c633:6402 udp
	perf_run sit-6to4-$r bs_a 2002:c633:6402::c633:6402 udp
done
perf_report "1000 packets" isatap:transit6-isatap:sit-isatap 6to4:transit6-6to4:sit-6to4
