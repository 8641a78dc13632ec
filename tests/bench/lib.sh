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
