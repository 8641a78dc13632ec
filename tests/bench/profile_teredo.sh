#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# In the guest (tests/bench/profile with PROFILE=teredo starts it): one
# TCP stream (or 64-byte UDP, MODE=udp) through transit6's Teredo and
# through sit over fou, on the Teredo benchmark's namespaces (lib.sh,
# topo_teredo), under "perf record -a" (cpu-clock: TCG has no PMU).
# Prints the busy (not idle) samples per MB carried (per 1000 packets for
# UDP), which is the CPU cost, and the symbols whose cost differs most.
#
# Env: SECS (8) per run, TOP (30) symbols shown, ROUNDS (2), MODE (tcp).
set -u
rounds=${ROUNDS:-2}	# before lib.sh sets the benchmarks' default
source "$(dirname "$0")/../selftests/lib.sh"
source "$(dirname "$0")/lib.sh"

load_module || { echo "profile: cannot load transit6" >&2; exit 1; }
modprobe -a sit fou tun
command -v perf >/dev/null || { echo "profile: install linux-perf" >&2; exit 1; }
topo_teredo || exit 1

udp=false unit=MB
[ "${MODE:-tcp}" = udp ] && udp=true unit="1000 packets"
# prof NAME NS DST: one run; T6_TMP/NAME.tsv holds "units samples symbol"
prof() {
	local data=$T6_TMP/$1.data mb
	# shellcheck disable=SC2086
	ip netns exec "${2/_a/_b}" iperf3 $PIN_SERVER -s -D -1 >/dev/null 2>&1
	sleep 0.5
	# shellcheck disable=SC2086
	perf record -q -a -e cpu-clock -F 4000 -o "$data" -- \
		ip netns exec "$2" iperf3 $PIN_CLIENT -6 -c "$3" \
		$($udp && echo -u -l 64 -b 0) \
		-t "${SECS:-8}" -J >"$T6_TMP/$1.json" 2>/dev/null
	if $udp; then
		mb=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["end"]["sum"]; print(max(1, int((s["packets"] - s["lost_packets"]) / 1000)))' "$T6_TMP/$1.json")
	else
		mb=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["end"]["sum_received"]; print(max(1, int(s["bytes"] / 1e6)))' "$T6_TMP/$1.json")
	fi
	echo "== $1: $mb x $unit"
	perf report -i "$data" --stdio --no-children --sort sym \
		-F overhead,sample,sym 2>/dev/null | grep -v -e '^#' -e '^$' |
		awk -v mb="$mb" '{ s = $2; $1 = $2 = ""; print mb "\t" s "\t" $0 }' \
		>"$T6_TMP/$1.tsv"
}
for r in $(seq "$rounds"); do
	prof transit6-teredo-$r bt_a "$T6B"
	prof sitfou-teredo-$r bf_a 2001:db8:2::2
done
python3 - "$T6_TMP" "${TOP:-30}" "${MODE:-tcp}" "$unit" <<'PYEOF'
import collections, glob, os, sys

tmp, top, mode, unit = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
runs = {}
for f in glob.glob(tmp + "/*.tsv"):
    impl = os.path.basename(f)[:-4].rsplit("-", 1)[0]
    samples, mb = runs.setdefault(impl, [collections.Counter(), 0])
    for line in open(f):
        m, s, sym = line.rstrip("\n").split("\t", 2)
        samples[sym.strip()] += int(s)
    runs[impl][1] += int(m)

def per_mb(impl, sym=None):
    samples, mb = runs[impl]
    if sym is not None:
        return samples[sym] / mb
    return sum(v for k, v in samples.items() if "safe_halt" not in k) / mb

t, s = "transit6-teredo", "sitfou-teredo"
print("== %s: busy samples per %s: transit6 %.2f, sit over fou %.2f, "
      "ratio %.2f" % (mode.upper(), unit, per_mb(t), per_mb(s),
                      per_mb(t) / per_mb(s)))
syms = set(runs[t][0]) | set(runs[s][0])
diff = sorted(syms, key=lambda k: -abs(per_mb(t, k) - per_mb(s, k)))
print("%8s %8s %8s  %s" % ("diff", "transit6", "sitfou", "symbol"))
for k in diff[:top]:
    print("%+8.2f %8.2f %8.2f  %s" % (per_mb(t, k) - per_mb(s, k),
                                     per_mb(t, k), per_mb(s, k), k))
PYEOF
