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

# prof NAME NS DST: one run; T6_TMP/NAME.tsv holds "packets samples symbol"
prof() {
	local data=$T6_TMP/$1.data pk
	# shellcheck disable=SC2086
	ip netns exec "${2/_a/_b}" iperf3 $PIN_SERVER -s -D -1 >/dev/null 2>&1
	sleep 0.5
	# shellcheck disable=SC2086
	perf record -q -a -e cpu-clock -F 4000 -o "$data" -- \
		ip netns exec "$2" iperf3 $PIN_CLIENT -6 -u -l 64 -b 0 -c "$3" \
		-t "${SECS:-8}" -J >"$T6_TMP/$1.json" 2>/dev/null
	pk=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["end"]["sum"]; print(s["packets"]-s["lost_packets"])' "$T6_TMP/$1.json")
	echo "== $1: $pk packets"
	perf report -i "$data" --stdio --no-children --sort sym \
		-F overhead,sample,sym 2>/dev/null | grep -v -e '^#' -e '^$' |
		awk -v pk="$pk" '{ s = $2; $1 = $2 = ""; print pk "\t" s "\t" $0 }' \
		>"$T6_TMP/$1.tsv"
}
for r in $(seq "$rounds"); do
	prof transit6-isatap-$r in_a 2001:db8:1::5efe:10.0.0.2
	prof sit-isatap-$r is_a 2001:db8:1::5efe:10.0.0.2
	prof transit6-6to4-$r bn_a 2002:c633:6402::c633:6402
	prof sit-6to4-$r bs_a 2002:c633:6402::c633:6402
done
python3 - "$T6_TMP" "${TOP:-30}" <<'PYEOF'
import collections, glob, os, sys

tmp, top = sys.argv[1], int(sys.argv[2])
runs = {}
for f in glob.glob(tmp + "/*.tsv"):
    impl = os.path.basename(f)[:-4].rsplit("-", 1)[0]
    samples, packets = runs.setdefault(impl, [collections.Counter(), 0])
    for line in open(f):
        pk, s, sym = line.rstrip("\n").split("\t", 2)
        samples[sym.strip()] += int(s)
    runs[impl][1] += int(pk)

def per_kpkt(impl, sym=None):
    samples, packets = runs[impl]
    if sym is not None:
        return samples[sym] * 1e3 / packets
    return sum(v for k, v in samples.items()
               if "safe_halt" not in k) * 1e3 / packets

for kind in ("isatap", "6to4"):
    t, s = "transit6-" + kind, "sit-" + kind
    print("== %s: busy samples per 1000 packets: transit6 %.1f, sit %.1f, "
          "ratio %.2f" % (kind, per_kpkt(t), per_kpkt(s),
                          per_kpkt(t) / per_kpkt(s)))
    syms = set(runs[t][0]) | set(runs[s][0])
    diff = sorted(syms, key=lambda k: -abs(per_kpkt(t, k) - per_kpkt(s, k)))
    print("%8s %8s %8s  %s" % ("diff", "transit6", "sit", "symbol"))
    for k in diff[:top]:
        print("%+8.2f %8.2f %8.2f  %s" % (per_kpkt(t, k) - per_kpkt(s, k),
                                         per_kpkt(t, k), per_kpkt(s, k), k))
PYEOF
