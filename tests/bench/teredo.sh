#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# One VM run: client to client over Teredo with no NAT between them,
# transit6 against two miredo clients, and against sit over fou (the
# kernel's own IPv6-in-UDP tunnel, the in-kernel baseline), iperf3 TCP
# single stream and 64-byte UDP packets per second; see lib.sh.  Every
# tunnel has MTU 1280 (Teredo's).  Every veth is a NIC without TSO or USO
# but with GRO (tso off, tx-udp-segmentation off, gro on): a veth with
# them hands 64 KB of sit-over-fou, or a UDP GSO packet of transit6's, to
# the other end whole, which no wire does, and turns GRO away.
#
#   bridge br0 in bt_net, 203.0.113.0/24
#   bt_srv .10 .11  miredo-server
#   bt_a .1 -- bt_b .2    transit6 teredo0, qualified at bt_srv
#   bm_a .3 -- bm_b .4    miredo clients (mteredo), qualified at bt_srv
#   bf_a .5 -- bf_b .6    sit over fou (port 5555), 2001:db8:2::/64
set -u
source "$(dirname "$0")/../selftests/lib.sh"
source "$(dirname "$0")/lib.sh"

load_module || { echo "bench: cannot load transit6" >&2; exit 1; }
modprobe -a sit fou tun
for c in miredo miredo-server; do
	command -v $c >/dev/null || { echo "bench: needs $c" >&2; exit 1; }
done

topo_teredo || exit 1

impls=(sitfou miredo transit6)
base=sitfou
ns_of() { case $1 in sitfou) echo bf_a ;; miredo) echo bm_a ;; transit6) echo bt_a ;; esac; }
dst_of() { case $1 in sitfou) echo 2001:db8:2::2 ;; miredo) echo "$MIB" ;; transit6) echo "$T6B" ;; esac; }
echo "# Teredo"
bench_run
