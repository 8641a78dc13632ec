#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo's scene, as a user sees it: it must finish, every ping it
# shows must be answered, and nothing on screen may read as a failure
# (no "Beyond scope of source address" from a still tentative address).
source "$(dirname "$0")/lib.sh"

load_module || { fail "load transit6"; finish; }
need ping radvd python3 miredo miredo-server nft

scene() {
	bash "$T6_TOP/tests/demo/scene" >"$T6_TMP/demo" 2>&1
}
check "the demo scene finishes with status 0" scene
sed 's/^/#   /' "$T6_TMP/demo" | grep -E 'FAILED|packet loss|\$ ' | head -n 40
check "... says every step worked" grep -q "demo: every step worked" "$T6_TMP/demo"
check_fails "... shows no failed or lost ping" \
	grep -E "Beyond scope|Unreachable|[1-9][0-9]*% packet loss|FAILED" "$T6_TMP/demo"
check_fails "... leaves no radvd running" pgrep -x radvd
check_fails "... leaves no miredo running" pgrep -x miredo

finish
