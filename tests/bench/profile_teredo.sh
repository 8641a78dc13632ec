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

mode=${MODE:-tcp}
for r in $(seq "$rounds"); do
	perf_run transit6-teredo-$r bt_a "$T6B" "$mode"
	perf_run sitfou-teredo-$r bf_a 2001:db8:2::2 "$mode"
done
perf_report "$([ "$mode" = udp ] && echo 1000 packets || echo MB)" \
	"${mode^^}:transit6-teredo:sitfou-teredo"
