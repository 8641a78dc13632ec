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
ROUNDS=${ROUNDS:-3}
SECS=${SECS:-5}

load_module || { echo "bench: cannot load transit6" >&2; exit 1; }
modprobe sit
netns bn_a bn_b bs_a bs_b
veth bn_a eth0 10.0.0.1/24 bn_b eth0 10.0.0.2/24
veth bs_a eth0 10.0.0.1/24 bs_b eth0 10.0.0.2/24
ip -n bn_a addr add 2001:db8:ff::1/64 dev eth0 nodad
ip -n bn_b addr add 2001:db8:ff::2/64 dev eth0 nodad
for s in a b; do
	[ $s = a ] && v4=10.0.0.1 || v4=10.0.0.2
	ip -n bn_$s link add isatap0 type isatap
	ip -n bn_$s link set isatap0 up
	ip -n bn_$s addr add 2001:db8:1::5efe:$v4/64 dev isatap0 nodad
	ip -n bs_$s tunnel add sis0 mode isatap local $v4 ttl 64
	ip -n bs_$s link set sis0 up
	ip -n bs_$s addr add 2001:db8:1::5efe:$v4/64 dev sis0 nodad
done
for ns in bn_b bs_b; do ip netns exec "$ns" iperf3 -s -D -1 >/dev/null 2>&1 || true; done
wait_for 10 ip netns exec bn_a ping -6 -c1 -W1 2001:db8:ff::2 || echo "bench: native path down" >&2
wait_for 10 ip netns exec bn_a ping -6 -c1 -W1 2001:db8:1::5efe:10.0.0.2 || echo "bench: transit6 path down" >&2
wait_for 10 ip netns exec bs_a ping -6 -c1 -W1 2001:db8:1::5efe:10.0.0.2 || echo "bench: sit path down" >&2

# measure NAME NS DST MODE: one iperf3 run; prints Mbit/s (tcp) or pps (udp)
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
impls=(native sit transit6)
ns_of() { case $1 in native|transit6) echo bn_a ;; sit) echo bs_a ;; esac; }
dst_of() { case $1 in native) echo 2001:db8:ff::2 ;; *) echo 2001:db8:1::5efe:10.0.0.2 ;; esac; }

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
