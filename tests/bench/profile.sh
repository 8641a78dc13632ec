#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# In the guest (tests/bench/profile starts it): 64-byte UDP through
# transit6 and sit, 6to4 then ISATAP, each on its own pair of namespaces
# as in the benchmarks, under "perf record -a" (cpu-clock: TCG has no
# PMU); prints the packet rate and the hottest kernel symbols of each.
#
# Env: SECS (6) per run, TOP (40) symbols shown, ROUNDS (1).
set -u
rounds=${ROUNDS:-1}	# before lib.sh sets the benchmarks' default
source "$(dirname "$0")/../selftests/lib.sh"
source "$(dirname "$0")/lib.sh"

load_module || { echo "profile: cannot load transit6" >&2; exit 1; }
modprobe sit
command -v perf >/dev/null || { echo "profile: install linux-perf" >&2; exit 1; }
topo_6to4 bn bs
topo_isatap in is
wait_for 10 ip netns exec bn_a ping -6 -c1 -W1 2002:c633:6402::c633:6402
wait_for 10 ip netns exec in_a ping -6 -c1 -W1 2001:db8:1::5efe:10.0.0.2

prof() {	# NAME NS DST
	local data=$T6_TMP/$1.data
	ip netns exec "${2/_a/_b}" iperf3 -s -D -1 >/dev/null 2>&1
	sleep 0.5
	perf record -q -a -e cpu-clock -F 2000 -o "$data" -- \
		ip netns exec "$2" iperf3 -6 -u -l 64 -b 0 -c "$3" -t "${SECS:-6}" -J \
		>"$T6_TMP/$1.json" 2>/dev/null
	python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["end"]["sum"]; print("==", sys.argv[2], int((s["packets"]-s["lost_packets"])/s["seconds"]), "pps")' \
		"$T6_TMP/$1.json" "$1"
	perf report -q -i "$data" --stdio --no-children --sort sym 2>/dev/null |
		grep -v '^$' | head -n "${TOP:-40}"
}
for r in $(seq "$rounds"); do
	prof transit6-6to4 bn_a 2002:c633:6402::c633:6402
	prof sit-6to4 bs_a 2002:c633:6402::c633:6402
	prof transit6-isatap in_a 2001:db8:1::5efe:10.0.0.2
	prof sit-isatap is_a 2001:db8:1::5efe:10.0.0.2
done
