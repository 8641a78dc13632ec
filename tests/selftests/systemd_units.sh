#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# transit6.service under a real systemd (tests/vm/run --systemd: systemd is
# PID 1, the root is a writable overlay).  The unit as make install writes
# it applies /etc/transit6/transit6.conf (module loaded by modprobe, as on
# a real machine), its agent resolves a PRL name that was not in DNS at
# start once it is, reload applies edits and refuses a bad file with its
# line, systemd restarts the agent and the 6to4 LAN's radvd when they die,
# and the LAN prefix follows the public IPv4 address; systemd-networkd and
# NetworkManager, with the shipped snippets, leave our links alone.
# Skipped unless systemd is PID 1.
#
#   root namespace (the VM's): up0 198.51.100.2/24 <-> sd_up: v1 198.51.100.1/24
#                              lan0 <-> sd_lan: eth0 (a LAN host, SLAAC)
#   isatap0, sixtofour0, teredo0: made by the unit

source "$(dirname "$0")/lib.sh"

[ "$(cat /proc/1/comm)" = systemd ] || { skip "systemd is not PID 1"; exit 4; }
need radvd systemctl journalctl

kver=$(uname -r)
conf=/etc/transit6/transit6.conf
unit=/etc/systemd/system/transit6.service
cleanup_units() {
	systemctl stop transit6 2>/dev/null
	t6 1 6to4 set state disabled dev sixtofour0 >/dev/null 2>&1
	for d in isatap0 sixtofour0 teredo0 up0 lan0; do ip link del "$d" 2>/dev/null; done
	rm -f /etc/modprobe.d/transit6-test.conf
}
# t6 NS args: t6 in a namespace; "1" here is the root one (the unit's)
t6() { local ns=$1; shift; if [ "$ns" = 1 ]; then "$T6" "$@"; else ip netns exec "$ns" "$T6" "$@"; fi; }
trap 'cleanup_units; cleanup' EXIT

netns sd_up sd_lan
ip link add up0 type veth peer name v1 netns sd_up
ip addr add 198.51.100.2/24 dev up0 && ip link set up0 up
veth_end sd_up v1 198.51.100.1/24
ip link add lan0 type veth peer name eth0 netns sd_lan
ip link set lan0 up && sysctl -qw net.ipv6.conf.lan0.accept_ra=0
veth_end sd_lan eth0 -

# the module where modprobe finds it (the unit runs "modprobe transit6").
# depmod would read every module of the tree over 9p (half a minute under
# TCG): an install command of modprobe.d tells modprobe the same.
installed() {
	mkdir -p "/lib/modules/$kver/updates" && cp "$T6_KO" "/lib/modules/$kver/updates/" &&
	echo "install transit6 /sbin/modprobe -a tunnel4 udp_tunnel && /sbin/insmod /lib/modules/$kver/updates/transit6.ko" \
		>/etc/modprobe.d/transit6-test.conf &&
	! lsmod | grep -q '^transit6 ' && modprobe -n transit6
}
check "transit6.ko installed for modprobe, not loaded" installed
# the unit as make install writes it (@SBINDIR@: where this t6 is)
sed "s|@SBINDIR@|$(dirname "$T6")|g" "$(dirname "$0")/../../tools/system/transit6.service.in" >"$unit"
mkdir -p /etc/transit6
cat >"$conf" <<'EOF'
isatap set state enabled dev isatap0
# not in DNS (/etc/hosts) yet: the agent adds it once it is
isatap set router isatap.example dev isatap0
6to4 set state enabled dev sixtofour0
6to4 set routing enabled lan lan0 subnet 7 dev sixtofour0
teredo set state client servername 198.51.100.20 dev teredo0
EOF
grep -v '^198.51.100' /etc/hosts >"$T6_TMP/hosts" && cat "$T6_TMP/hosts" >/etc/hosts

started() {
	systemctl daemon-reload && systemctl start transit6 || {
		journalctl -u transit6 --no-pager | tail -n 20; return 1; }
	systemctl is-active --quiet transit6 &&
	[ "$(cat "/proc/$(systemctl show -P MainPID transit6)/comm")" = t6 ] &&
	t6 1 dump | grep -qx 'isatap set router isatap.example dev isatap0' &&
	t6 1 dump | grep -qx '6to4 set routing enabled lan lan0 subnet 7 dev sixtofour0' &&
	lsmod | grep -q '^transit6 '
}
check "systemctl start transit6: the file applied (modprobe, t6 exec), t6 resolve the main process" started
check "isatap.example does not resolve yet: the PRL is empty" \
	eval '! t6 1 isatap show router dev isatap0 | grep -q "^198\."'
# it does from now on: the agent (retrying since the start) picks it up
echo "198.51.100.10 isatap.example" >>/etc/hosts

# radvd, as a service of systemd's in this namespace
radvd_unit() { t6 1 -j 6to4 show state dev sixtofour0 | sed -n 's/.*"radvd_unit":"\([^"]*\)".*/\1/p'; }
rpid() { systemctl show -P MainPID "$(radvd_unit)"; }
supervised() {
	local u
	u=$(radvd_unit)
	echo "radvd unit: '$u'"
	[[ $u == transit6-radvd-net-*.service ]] && systemctl is-active --quiet "$u" &&
	t6 1 6to4 show state dev sixtofour0 | grep -q "supervised by systemd as $u"
}
check "6to4 routing: radvd runs as a systemd service, show state says which" supervised
old=$(rpid)
kill -9 "$old"
restarted() { local p; p=$(rpid) && [ "${p:-0}" != 0 ] && [ "$p" != "$old" ] && t6 1 6to4 show state | grep -q "radvd running"; }
check "radvd killed: systemd starts it again" within 20 restarted

# the LAN prefix follows the public IPv4 address; the LAN host learns it
has6() {	# NS (1: the root one) DEV ADDR-REGEX
	if [ "$1" = 1 ]; then ip -6 addr show dev "$2"; else ip -n "$1" -6 addr show dev "$2"; fi | grep -q "$3"
}
check "the LAN has 2002:c633:6402:7::1/64 (198.51.100.2, subnet 7)" \
	within 10 has6 1 lan0 '2002:c633:6402:7::1/64'
ip addr del 198.51.100.2/24 dev up0 && ip addr add 198.51.100.3/24 dev up0
check "public IPv4 198.51.100.3: the LAN address follows (2002:c633:6403:7::1)" \
	within 15 eval 'ip -6 addr show dev lan0 | grep -q "2002:c633:6403:7::1/64" &&
	! ip -6 addr show dev lan0 | grep -q "2002:c633:6402:7::"'
ip -n sd_lan link set eth0 down && ip -n sd_lan link set eth0 up	# an RS
check "radvd advertises the new prefix: the LAN host takes 2002:c633:6403:7::/64" \
	within 30 has6 sd_lan eth0 '2002:c633:6403:7:'

check "the unit's agent puts isatap.example's address in the PRL, no command given" \
	within 60 eval 't6 1 isatap show router dev isatap0 | grep -q "^198\.51\.100\.10 "'

# reload applies an edit
echo "isatap set rsinterval 99 dev isatap0" >>"$conf"
check "systemctl reload transit6: the edit applied" \
	eval 'systemctl reload transit6 && t6 1 dump | grep -qx "isatap set rsinterval 99 dev isatap0"'

# the agent is supervised
agent=$(systemctl show -P MainPID transit6)
kill -9 "$agent"
again() { local p; p=$(systemctl show -P MainPID transit6); [ "$p" != 0 ] && [ "$p" != "$agent" ] &&
	systemctl is-active --quiet transit6; }
check "the agent killed: systemd starts the unit again" within 20 again

# a bad edit: reload fails with the file's line, nothing changes
echo "isatap set rsinterval 0 dev isatap0" >>"$conf"
line=$(wc -l <"$conf")
bad_reload() {
	! systemctl reload transit6 || return 1
	journalctl -u transit6 --no-pager | grep "$conf:$line: invalid rsinterval '0'" &&
	t6 1 dump | grep -qx "isatap set rsinterval 99 dev isatap0" &&
	systemctl is-active --quiet transit6
}
check "a bad line: reload fails with $conf:$line, the running state and the unit stay" bad_reload
sed -i '$d' "$conf"

# systemd-networkd with a .network that would manage every transit6
# interface: the shipped 10-transit6.network (Driver=transit6,
# Unmanaged=yes) keeps its hands off, so addresses and routes stay
routes() { ip -6 route show table all | grep -E 'dev (isatap0|sixtofour0|teredo0)' | sort; ip -6 addr show | grep -A1 -E 'isatap0|sixtofour0|teredo0'; }
# networkd's setup state of DEV (networkctl needs D-Bus, not up here)
nd_state() { sed -n 's/^ADMIN_STATE=//p' "/run/systemd/netif/links/$(cat "/sys/class/net/$1/ifindex")" 2>/dev/null; }
routes >"$T6_TMP/routes.before"
install -m 0644 "$(dirname "$0")/../../tools/system/10-transit6.network" /etc/systemd/network/
printf '[Match]\nKind=isatap sixtofour teredo\n\n[Network]\nLinkLocalAddressing=no\nIPv6AcceptRA=no\n' \
	>/etc/systemd/network/99-t6test-greedy.network
networkd_leaves() {
	systemctl start systemd-networkd || return 1
	for d in isatap0 sixtofour0 teredo0; do
		within 15 eval '[ "$(nd_state '"$d"')" = unmanaged ]' || return 1
	done
	sleep 2
	routes | diff -u "$T6_TMP/routes.before" -
}
check "systemd-networkd leaves the transit6 interfaces, their addresses and routes alone" networkd_leaves
# control: without the snippet networkd takes isatap0 over
rm /etc/systemd/network/10-transit6.network
check "control: without 10-transit6.network, networkd manages isatap0" \
	eval 'systemctl restart systemd-networkd && within 15 eval "[ \"\$(nd_state isatap0)\" != unmanaged ] && [ -n \"\$(nd_state isatap0)\" ]"'
systemctl stop systemd-networkd systemd-networkd.socket
rm -f /etc/systemd/network/99-t6test-greedy.network

# NetworkManager leaves a software link it did not make unmanaged until
# asked (nmcli device set DEV managed yes); the shipped transit6.conf
# keeps ours unmanaged even then.  Its "driver:" match is against the
# link's kind, which is NetworkManager's driver of a software link.
nm_managed() { nmcli -g GENERAL.NM-MANAGED device show "$1" 2>/dev/null; }
nm_known() { [ -n "$(nm_managed "$1")" ]; }
nm_asked() {	# DEV...: NetworkManager is asked to manage each
	local d
	for d in "$@"; do
		within 10 nm_known "$d" || return 1
		nmcli device set "$d" managed yes
	done
	sleep 2
}
nm_all_managed() {	# yes|no: NetworkManager's flag for each of our links
	local d
	for d in isatap0 sixtofour0 teredo0; do
		echo "$d: managed $(nm_managed "$d"), driver $(nmcli -g GENERAL.DRIVER device show "$d")"
		[ "$(nm_managed "$d")" = "$1" ] || return 1
	done
}
if command -v NetworkManager >/dev/null; then
	# already up, without the snippet: transit6.service's
	# network-online.target pulls in NetworkManager-wait-online
	systemctl stop NetworkManager
	routes >"$T6_TMP/routes.before"
	install -m 0644 "$(dirname "$0")/../../tools/system/NetworkManager-transit6.conf" \
		/usr/lib/NetworkManager/conf.d/transit6.conf
	nm_leaves() {
		systemctl start NetworkManager && nm_asked isatap0 sixtofour0 teredo0 &&
		nm_all_managed no && routes | diff -u "$T6_TMP/routes.before" -
	}
	check "NetworkManager leaves the transit6 interfaces unmanaged, even when asked" nm_leaves
	# control: without the snippet it takes them when asked
	rm /usr/lib/NetworkManager/conf.d/transit6.conf
	check "control: without transit6.conf, NetworkManager manages them when asked" eval \
		'nmcli general reload conf && nm_asked isatap0 sixtofour0 teredo0 && nm_all_managed yes'
	systemctl stop NetworkManager
else
	skip "NetworkManager is not installed"
fi

# "reboot": the unit stopped, everything gone, the module too; start again
t6 1 dump | grep -v '^#' >"$T6_TMP/before"
rebooted() {
	local u
	u=$(radvd_unit)
	# radvd is a service of its own, not in transit6.service's cgroup
	systemctl stop transit6 && systemctl is-active --quiet "$u" &&
	t6 1 6to4 set state disabled dev sixtofour0 &&
	ip link del isatap0 && ip link del teredo0 && rmmod transit6 &&
	[ -n "$u" ] && ! systemctl is-active --quiet "$u" &&
	systemctl start transit6 && t6 1 dump | grep -v '^#' | diff -u "$T6_TMP/before" -
}
check "stop (radvd stays, its own service), flush, unload, start: the same configuration" rebooted

finish
