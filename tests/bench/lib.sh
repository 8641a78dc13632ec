# SPDX-License-Identifier: GPL-2.0
# Shared by the benchmark scripts (sourced): iperf3 measurements, the
# interleaved rounds and the medians.  The caller defines ns_of IMPL (the
# client namespace; its server is the same name with _a -> _b) and dst_of
# IMPL, and sets impls=(native sit transit6).
ROUNDS=${ROUNDS:-3}
SECS=${SECS:-5}

# measure NS DST MODE: one iperf3 run; prints Mbit/s (tcp) or pps (udp)
measure() {
	local ns=$1 dst=$2 mode=$3 out
	ip netns exec "${ns/_a/_b}" iperf3 -s -D -1 >/dev/null 2>&1
	sleep 0.3
	if [ "$mode" = tcp ]; then
		out=$(ip netns exec "$ns" iperf3 -6 -c "$dst" -t "$SECS" -J 2>/dev/null)
		python3 -c 'import json,sys; j=json.load(sys.stdin); print("%.0f" % (j["end"]["sum_received"]["bits_per_second"]/1e6))' <<<"$out" 2>/dev/null || echo 0
	else
		out=$(ip netns exec "$ns" iperf3 -6 -u -l 64 -b 0 -c "$dst" -t "$SECS" -J 2>/dev/null)
		python3 -c 'import json,sys; s=json.load(sys.stdin)["end"]["sum"]; print("%.0f" % ((s["packets"]-s["lost_packets"])/s["seconds"]))' <<<"$out" 2>/dev/null || echo 0
	fi
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
	for m in tcp udp; do
		t=$(median "${res[transit6.$m]}") s=$(median "${res[sit.$m]}") n=$(median "${res[native.$m]}")
		echo "ratio $m: transit6/sit $(ratio "$t" "$s")  transit6/native $(ratio "$t" "$n")"
	done
}
