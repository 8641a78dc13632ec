# SPDX-License-Identifier: GPL-2.0
# Shared by the benchmark scripts (sourced): iperf3 measurements, the
# interleaved rounds and the medians.  The caller defines ns_of IMPL (the
# client namespace; its server is the same name with _a -> _b) and dst_of
# IMPL, and sets impls=(native sit transit6), or other names with
# base=NAME for the kernel's own tunnel the rounds are compared against.
ROUNDS=${ROUNDS:-3}

# The pairs of namespaces the figures run on, shared with profile.sh.
# topo_isatap T S: transit6 ISATAP between T_a and T_b, sit ISATAP between
# S_a and S_b, each pair over a veth at 10.0.0.1 and 10.0.0.2, both in
# 2001:db8:1::/64
topo_isatap() {
	local s v4
	netns "$1_a" "$1_b" "$2_a" "$2_b"
	veth "$1_a" eth0 10.0.0.1/24 "$1_b" eth0 10.0.0.2/24
	veth "$2_a" eth0 10.0.0.1/24 "$2_b" eth0 10.0.0.2/24
	for s in a b; do
		[ $s = a ] && v4=10.0.0.1 || v4=10.0.0.2
		ip -n "$1_$s" link add isatap0 type isatap
		ip -n "$1_$s" link set isatap0 up
		ip -n "$1_$s" addr add 2001:db8:1::5efe:$v4/64 dev isatap0 nodad
		ip -n "$2_$s" tunnel add sis0 mode isatap local $v4 ttl 64
		ip -n "$2_$s" link set sis0 up
		ip -n "$2_$s" addr add 2001:db8:1::5efe:$v4/64 dev sis0 nodad
	done
}
# topo_6to4 T S: transit6 6to4 between T_a and T_b, sit 6to4 between S_a
# and S_b, each pair over a veth at 198.51.100.1 and 198.51.100.2
topo_6to4() {
	local s n
	netns "$1_a" "$1_b" "$2_a" "$2_b"
	veth "$1_a" eth0 198.51.100.1/24 "$1_b" eth0 198.51.100.2/24
	veth "$2_a" eth0 198.51.100.1/24 "$2_b" eth0 198.51.100.2/24
	for s in a b; do
		[ $s = a ] && n=1 || n=2
		ip -n "$1_$s" link add sixtofour0 type sixtofour
		ip -n "$1_$s" link set sixtofour0 up
		ip -n "$2_$s" tunnel add tun6to4 mode sit remote any local 198.51.100.$n ttl 64
		ip -n "$2_$s" link set tun6to4 up
		ip -n "$2_$s" addr add 2002:c633:640$n::c633:640$n/16 dev tun6to4 nodad
	done
}
# topo_teredo: the Teredo benchmark's namespaces (tests/bench/teredo.sh),
# shared with profile_teredo.sh; sets T6B and MIB, the transit6 and
# miredo servers' Teredo addresses
topo_teredo() {
	netns bt_net bt_srv bt_a bt_b bm_a bm_b bf_a bf_b
	ip -n bt_net link add br0 type bridge && ip -n bt_net link set br0 up
	for x in srv:10 a:1 b:2; do
		veth "bt_${x%:*}" eth0 "203.0.113.${x#*:}/24" bt_net "p${x%:*}" -
		ip -n bt_net link set "p${x%:*}" master br0
	done
	for x in bm_a:3 bm_b:4 bf_a:5 bf_b:6; do
		veth "${x%:*}" eth0 "203.0.113.${x#*:}/24" bt_net "p${x%:*}" -
		ip -n bt_net link set "p${x%:*}" master br0
	done
	ip -n bt_srv addr add 203.0.113.11/24 dev eth0
	for ns in bt_net bt_srv bt_a bt_b bm_a bm_b bf_a bf_b; do
		for d in $(ip -n $ns -o link show type veth | awk -F': ' '{ print $2 }' | cut -d@ -f1); do
			ip netns exec $ns ethtool -K "$d" gro on tso off tx-udp-segmentation off >/dev/null 2>&1
		done
	done

	echo "# bt_a eth0: $(ip netns exec bt_a ethtool -k eth0 | grep -E '^(generic-receive-offload|tcp-segmentation-offload|tx-udp-segmentation):' | tr -s '\n' ' ')"

	printf 'ServerBindAddress 203.0.113.10\n' >"$T6_TMP/srv.conf"
	bg bt_srv miredo-server -f -c "$T6_TMP/srv.conf" -p "$T6_TMP/srv.pid"
	wait_for 10 sh -c "ip netns exec bt_srv ss -uln sport = 3544 | grep -q 203.0.113.11"
	for ns in bm_a bm_b; do
		printf 'RelayType client\nInterfaceName mteredo\nServerAddress 203.0.113.10\n' \
			>"$T6_TMP/$ns.conf"
		bg $ns miredo -f -c "$T6_TMP/$ns.conf" -p "$T6_TMP/$ns.pid"
	done
	for ns in bt_a bt_b; do
		t6 $ns teredo set state client servername 203.0.113.10 >/dev/null
	done

	# sit over fou: the kernel's own IPv6 in UDP, point to point
	for x in bf_a:5:6:1 bf_b:6:5:2; do
		IFS=: read -r ns me peer n <<<"$x"
		ip netns exec $ns ip fou add port 5555 ipproto 41
		ip -n $ns link add sf0 type sit remote 203.0.113.$peer local 203.0.113.$me \
			ttl 64 encap fou encap-sport auto encap-dport 5555
		ip -n $ns link set sf0 mtu 1280 up
		ip -n $ns addr add 2001:db8:2::$n/64 dev sf0 nodad
	done

	t6addr() { json "$1" 'j["address"] if j["state"] == "qualified" else ""' teredo show state; }
	miaddr() {
		ip -n "$1" -6 addr show dev mteredo 2>/dev/null |
			awk '$1 == "inet6" && $2 ~ /^2001:0:/ { sub("/.*", "", $2); print $2; exit }'
	}
	wait_for 60 sh -c "[ -n \"\$(ip netns exec bt_b $T6 -j teredo show state | grep '\"qualified\"')\" ]"
	wait_for 60 sh -c "ip -n bm_b -6 addr show dev mteredo | grep -q 'inet6 2001:0:'"
	T6B=$(t6addr bt_b) MIB=$(miaddr bm_b)
	echo "# transit6 b: ${T6B:-not qualified}, miredo b: ${MIB:-not qualified}"
	[ -n "$T6B" ] && [ -n "$MIB" ] || { echo "bench: Teredo clients did not qualify" >&2; return 1; }
	# the first packets set up the peers (bubbles)
	wait_for 30 ip netns exec bt_a ping -6 -c1 -W1 "$T6B" || echo "bench: transit6 path down" >&2
	wait_for 30 ip netns exec bm_a ping -6 -c1 -W1 "$MIB" || echo "bench: miredo path down" >&2
	wait_for 10 ip netns exec bf_a ping -6 -c1 -W1 2001:db8:2::2 || echo "bench: sit/fou path down" >&2
}

SECS=${SECS:-5}

# The client (with the softirq work of both tunnel ends, which runs where
# it sends) on one CPU, the server on the other: left to the scheduler,
# the two moved about and rounds of one implementation varied by half.
if [ "$(nproc)" -ge 2 ]; then
	PIN_CLIENT="-A 0" PIN_SERVER="-A 1"
else
	PIN_CLIENT="" PIN_SERVER=""
fi

# measure NS DST MODE: one iperf3 run; prints Mbit/s (tcp) or pps (udp)
measure() {
	local ns=$1 dst=$2 mode=$3 out
	# shellcheck disable=SC2086
	ip netns exec "${ns/_a/_b}" iperf3 $PIN_SERVER -s -D -1 >/dev/null 2>&1
	sleep 0.3
	if [ "$mode" = tcp ]; then
		# shellcheck disable=SC2086
		out=$(ip netns exec "$ns" iperf3 $PIN_CLIENT -6 -c "$dst" -t "$SECS" -J 2>/dev/null)
		python3 -c 'import json,sys; j=json.load(sys.stdin); print("%.0f" % (j["end"]["sum_received"]["bits_per_second"]/1e6))' <<<"$out" 2>/dev/null || echo 0
	else
		# shellcheck disable=SC2086
		out=$(ip netns exec "$ns" iperf3 $PIN_CLIENT -6 -u -l 64 -b 0 -c "$dst" -t "$SECS" -J 2>/dev/null)
		python3 -c 'import json,sys; s=json.load(sys.stdin)["end"]["sum"]; print("%.0f" % ((s["packets"]-s["lost_packets"])/s["seconds"]))' <<<"$out" 2>/dev/null || echo 0
	fi
}

# perf_run NAME NS DST tcp|udp: one iperf3 run from NS to DST (its server
# in NS with _a -> _b) under "perf record -a" (cpu-clock: TCG has no PMU),
# for profile.sh and profile_teredo.sh.  T6_TMP/NAME.tsv holds "units
# samples symbol", a unit being one MB received (tcp) or 1000 64-byte
# packets received (udp).
perf_run() {
	local data=$T6_TMP/$1.data units
	# shellcheck disable=SC2086
	ip netns exec "${2/_a/_b}" iperf3 $PIN_SERVER -s -D -1 >/dev/null 2>&1
	sleep 0.5
	# shellcheck disable=SC2086
	perf record -q -a -e cpu-clock -F 4000 -o "$data" -- \
		ip netns exec "$2" iperf3 $PIN_CLIENT -6 -c "$3" \
		$([ "$4" = udp ] && echo -u -l 64 -b 0) \
		-t "${SECS:-8}" -J >"$T6_TMP/$1.json" 2>/dev/null
	units=$(python3 -c '
import json, sys
e = json.load(open(sys.argv[1]))["end"]
if sys.argv[2] == "udp":
    print((e["sum"]["packets"] - e["sum"]["lost_packets"]) / 1e3)
else:
    print(e["sum_received"]["bytes"] / 1e6)' "$T6_TMP/$1.json" "$4")
	echo "== $1: $units x $([ "$4" = udp ] && echo 1000 packets || echo MB)"
	perf report -i "$data" --stdio --no-children --sort sym \
		-F overhead,sample,sym 2>/dev/null | grep -v -e '^#' -e '^$' |
		awk -v u="$units" '{ s = $2; $1 = $2 = ""; print u "\t" s "\t" $0 }' \
		>"$T6_TMP/$1.tsv"
}

# perf_report UNIT LABEL:IMPL:OTHER...: for each pair, the busy (not idle)
# samples per UNIT of IMPL's runs (IMPL-ROUND) and OTHER's, summed over the
# rounds, and the TOP (30) symbols whose cost differs most
perf_report() {
	python3 - "$T6_TMP" "${TOP:-30}" "$@" <<'PYEOF'
import collections, glob, os, sys

tmp, top, unit, pairs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
runs = {}
for f in glob.glob(tmp + "/*.tsv"):
    impl = os.path.basename(f)[:-4].rsplit("-", 1)[0]
    samples, units = runs.setdefault(impl, [collections.Counter(), 0.0])
    for line in open(f):
        u, s, sym = line.rstrip("\n").split("\t", 2)
        samples[sym.strip()] += int(s)
    runs[impl][1] += float(u)

def per_unit(impl, sym=None):
    samples, units = runs[impl]
    units = max(units, 1e-9)
    if sym is not None:
        return samples[sym] / units
    return sum(v for k, v in samples.items() if "safe_halt" not in k) / units

for pair in pairs:
    label, t, s = pair.split(":")
    tn, sn = t.split("-")[0], s.split("-")[0]
    print("== %s: busy samples per %s: %s %.2f, %s %.2f, ratio %.2f" %
          (label, unit, tn, per_unit(t), sn, per_unit(s),
           per_unit(t) / per_unit(s)))
    syms = set(runs[t][0]) | set(runs[s][0])
    diff = sorted(syms, key=lambda k: -abs(per_unit(t, k) - per_unit(s, k)))
    print("%8s %8s %8s  %s" % ("diff", tn, sn, "symbol"))
    for k in diff[:top]:
        print("%+8.2f %8.2f %8.2f  %s" % (per_unit(t, k) - per_unit(s, k),
                                         per_unit(t, k), per_unit(s, k), k))
PYEOF
}

declare -A res

# bench_run: a discarded warm-up, then ROUNDS rounds with the order
# rotated; prints the medians and the ratios transit6/sit, transit6/native.
bench_run() {
	echo "# warm-up (discarded)"
	for i in "${impls[@]}"; do measure "$(ns_of $i)" "$(dst_of $i)" tcp >/dev/null; done
	for r in $(seq 1 "$ROUNDS"); do
		# rotate the order each round so no implementation always goes first
		order=("${impls[@]:$(( (r - 1) % 3 ))}" "${impls[@]:0:$(( (r - 1) % 3 ))}")
		for i in "${order[@]}"; do
			for m in tcp udp; do
				v=$(measure "$(ns_of $i)" "$(dst_of $i)" $m)
				res[$i.$m]="${res[$i.$m]:-} $v"
				echo "# round $r $i $m $v"
			done
		done
	done

	median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
	echo
	printf '%-10s %14s %14s\n' "kernel $(uname -r)" "TCP Mbit/s" "UDP64 pps"
	for i in "${impls[@]}"; do
		printf '%-10s %14s %14s\n' "$i" "$(median "${res[$i.tcp]}")" "$(median "${res[$i.udp]}")"
	done
	ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
	# transit6 over each of the others, in the order of impls
	for m in tcp udp; do
		t=$(median "${res[transit6.$m]}") line="ratio $m:"
		for i in "${impls[@]}"; do
			[ "$i" = transit6 ] ||
				line+=" transit6/$i $(ratio "$t" "$(median "${res[$i.$m]}")")"
		done
		echo "$line"
	done
	# rounds where transit6 trailed the kernel's own tunnel ($base, by
	# default sit): medians hide how often
	for m in tcp udp; do
		local -a tv bv
		local below r
		read -ra tv <<<"${res[transit6.$m]}"
		read -ra bv <<<"${res[${base:-sit}.$m]}"
		below=0
		for r in "${!tv[@]}"; do
			[ "${tv[$r]}" -ge "${bv[$r]}" ] || below=$((below + 1))
		done
		echo "rounds below ${base:-sit} ($m): $below of ${#tv[@]}"
	done
}
