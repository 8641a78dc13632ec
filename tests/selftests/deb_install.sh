#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# transit6-dkms and transit6-tools installed and purged as a user does,
# through their maintainer scripts: dpkg -i has DKMS install the module
# for the running kernel (the binaries tests/vm/deb-check built with dkms
# from the package's source, loaded by the postinst's ldtarball), modprobe
# loads it, the packaged t6, ip plugin, man page and unit work, and
# dpkg -P leaves nothing behind.  Needs a writable root and the packages
# in build/deb (tests/vm/deb-check); skipped otherwise.

source "$(dirname "$0")/lib.sh"

deb=$T6_TOP/build/deb
ver=$(cat "$T6_TOP/VERSION")
kver=$(uname -r)
dkms_deb=$deb/transit6-dkms_${ver}_all.deb tools_deb=$deb/transit6-tools_${ver}_amd64.deb
tarball=$deb/transit6-$ver.dkms.tar.gz
[ -f "$dkms_deb" ] && [ -f "$tools_deb" ] && [ -f "$tarball" ] ||
	{ skip "no packages in build/deb (tests/vm/deb-check builds them)"; exit 4; }
touch /usr/.t6-writable 2>/dev/null && rm -f /usr/.t6-writable ||
	{ skip "the root is read-only (tests/vm/run --systemd or --overlay)"; exit 4; }
need dpkg dkms
lsmod | grep -q '^transit6 ' && { fail "transit6 is loaded before the install"; finish; }

export DEBIAN_FRONTEND=noninteractive
# man-db's trigger would index every manual page under TCG
rm -f /var/lib/man-db/auto-update
# The guest runs one kernel; the host's other one is here too, and the
# postinst would install for it as the newest (a depmod of its whole
# tree, minutes over 9p): its config goes, as on a machine without it.
for c in /boot/config-*; do
	[ "$c" = "/boot/config-$kver" ] || rm -f "$c"
done
# What a purge must leave as it found it.  The root is an overlay (and
# /lib/modules/KVER one more): whatever dpkg, DKMS or systemd write lands
# in an upper layer, so what changed is found there, without walking the
# whole tree over 9p (minutes under TCG).  A path's state is its type and
# mode in the merged root, or "absent"; one the upper layer did not have
# before was the lower layer's (the host's) until then.
layers=("/run/t6vm-root/upper /run/t6vm-root/lower /"
	"/run/t6vm-mods/upper /run/t6vm-mods/lower /lib/modules/$kver/")
[ -d /run/t6vm-root/upper ] && [ -d /run/t6vm-mods/upper ] ||
	{ skip "no overlay layers under /run (tests/vm/run --systemd)"; exit 4; }
# depmod rewrites modules.*; DKMS keeps its signing key (mok.*); the
# tarball is the test's own
ignored='^/lib/modules/[^/]*/modules\.|^/var/lib/dkms/mok\.|^/usr/share/transit6-dkms(/|$)'
touched() {	# the upper layers' paths, as paths of the merged root
	local l up
	for l in "${layers[@]}"; do
		read -r up _ mnt <<<"$l"
		(cd "$up" && find . -xdev -mindepth 1 -printf '%P\n') | sed "s|^|$mnt|"
	done | grep -Ev "$ignored" | sort -u
}
# PATH TYPE MODE, or PATH absent, for each path read: in the merged root,
# or (lower_state) in the lower layer under it
stat_of() { stat -c '%F %a' -- "$1" 2>/dev/null || echo absent; }
state() {
	local p
	while IFS= read -r p; do echo "$p $(stat_of "$p")"; done
}
lower_state() {
	local p l up low mnt q
	while IFS= read -r p; do
		for l in "${layers[@]}"; do	# the longest mount point is last
			read -r up low mnt <<<"$l"
			[[ $p == "$mnt"* ]] && q=$low/${p#"$mnt"}
		done
		echo "$p $(stat_of "$q")"
	done
}
touched >"$T6_TMP/before-paths"
state <"$T6_TMP/before-paths" >"$T6_TMP/before"

mkdir -p /usr/share/transit6-dkms && cp "$tarball" /usr/share/transit6-dkms/
installed() {
	dpkg -i "$dkms_deb" "$tools_deb" >"$T6_TMP/dpkg.log" 2>&1 || { tail -n 30 "$T6_TMP/dpkg.log"; return 1; }
	dkms status -m transit6 | tee /dev/stderr | grep -q "transit6/$ver, $kver, x86_64: installed"
}
check "dpkg -i transit6-dkms transit6-tools: DKMS installs the module for $kver" installed
check "modinfo finds it in updates/dkms, at the package's version" eval \
	'modinfo -n transit6 | grep -q "^/lib/modules/$kver/updates/dkms/transit6.ko" &&
	 [ "$(modinfo -F version transit6)" = "$ver" ]'
check "modprobe transit6 (its dependencies too)" eval 'modprobe transit6 && lsmod | grep -q "^transit6 "'
check "the packaged t6 talks to it: t6 --version" eval \
	'/usr/sbin/t6 --version | grep -q "^transit6 module $ver (generic netlink version 2)"'
check "the packaged ip plugin creates an interface with options" eval \
	'ip link add t6deb type isatap ttl 33 && ip -d link show t6deb | grep -q "isatap .*ttl 33" &&
	 /usr/sbin/t6 isatap show state dev t6deb >/dev/null && ip link del t6deb'
check "man t6 and man transit6 are installed" eval 'man -w t6 && man -w 7 transit6'
check "transit6.service is systemd's, from the package" eval \
	'systemctl cat transit6 | grep -q "^ExecStartPre=/usr/sbin/t6 exec /etc/transit6/transit6.conf" &&
	 systemctl is-enabled transit6'

purged() {
	modprobe -r transit6 &&
	dpkg -P transit6-tools transit6-dkms >"$T6_TMP/purge.log" 2>&1 || { tail -n 30 "$T6_TMP/purge.log"; return 1; }
	! dpkg-query -W transit6-dkms transit6-tools 2>/dev/null &&
	[ -z "$(dkms status -m transit6)" ] && ! modinfo transit6 >/dev/null 2>&1
}
check "dpkg -P: packages, DKMS tree and module gone, modprobe finds nothing" purged
rm -rf /usr/share/transit6-dkms
left_nothing() {
	local left
	touched | comm -13 "$T6_TMP/before-paths" - >"$T6_TMP/new-paths"
	lower_state <"$T6_TMP/new-paths" | sort - "$T6_TMP/before" >"$T6_TMP/was"
	sort -u "$T6_TMP/before-paths" "$T6_TMP/new-paths" | state | sort >"$T6_TMP/now"
	left=$(diff "$T6_TMP/was" "$T6_TMP/now" | grep '^[<>] /')
	[ -z "$left" ] || { echo "$left"; return 1; }
}
check "dpkg -P: nothing left behind (files, units, module)" left_nothing
# the control: a file left and one of the host's removed are both seen
control() {
	local out
	touch /usr/lib/t6-control-left && rm /etc/issue.net || return 1
	out=$(left_nothing)
	rm /usr/lib/t6-control-left && cp -p /run/t6vm-root/lower/etc/issue.net /etc/issue.net
	echo "$out"
	[[ $out == *"> /usr/lib/t6-control-left regular empty file "* &&
	   $out == *"> /etc/issue.net absent"* ]] && left_nothing
}
check "... which sees a file left and one removed (control)" control
finish
