#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The family through its spec: the kernel's own spec-driven client
# (tools/net/ynl/cli.py of linux-source-6.12) reads and changes transit6
# interfaces with nothing but Documentation/netlink/transit6.yaml, as
# users of other genetlink families do.  A spec that says another layout
# than the module speaks fails here: cli.py would encode what the kernel
# refuses, or decode replies into the wrong names.
source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need python3

# the client and its schema: the tree "make check" extracted, or our own
ynl=$T6_TOP/build/ynl
[ -f "$ynl/tools/net/ynl/cli.py" ] || ynl=$("$T6_TOP/tests/ynl-tree" "$T6_TMP/ynl") ||
	{ fail "extract the ynl client from linux-source-6.12"; finish; }
spec=$T6_TOP/Documentation/netlink/transit6.yaml
schema=$ynl/Documentation/netlink/genetlink-legacy.yaml

netns ys || { fail "netns"; finish; }
ip -n ys link add up0 type veth peer name up1 &&
	ip -n ys addr add 198.51.100.1/24 dev up0 && ip -n ys link set up0 up &&
	ip -n ys link set up1 up || { fail "uplink"; finish; }

t6 ys isatap set state enabled >/dev/null || fail "create isatap0"
t6 ys 6to4 set state enabled >/dev/null || fail "create sixtofour0"
t6 ys isatap set router 198.51.100.9 >/dev/null || fail "PRL"
t6 ys isatap set forwarding enabled >/dev/null || fail "router role"

check "the spec validates against the kernel's genetlink-legacy schema" \
	ip netns exec ys python3 "$ynl/tools/net/ynl/cli.py" --spec "$spec" \
		--schema "$schema" --list-ops

# the rest in one process of the kernel's ynl library (netlink_spec.py)
T6=$T6 ip netns exec ys python3 "$(dirname "$0")/netlink_spec.py" "$ynl" "$spec" ||
	T6_FAILED=1

finish
