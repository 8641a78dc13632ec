#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The transit6 family through its spec, for netlink_spec.sh.

  netlink_spec.py YNLDIR SPEC

Runs in the test's namespace (isatap0 and sixtofour0 over up0,
198.51.100.1; up1 its peer) and drives the module with the kernel's own
spec-driven library (YNLDIR/tools/net/ynl/lib) and nothing but SPEC, in
one process: each cli.py start costs seconds under TCG.  Prints lib.sh's
result lines; exits 1 if any check failed.  Addresses go in as hex.
"""
import json
import os
import subprocess
import sys
import time

ynldir, spec = sys.argv[1:3]
sys.path.insert(0, os.path.join(ynldir, "tools/net/ynl"))
from lib import NlError, YnlFamily  # noqa: E402

failed = False


def check(what, fn):
    """One result line; fn returns (passed, detail)."""
    global failed
    try:
        ok, detail = fn()
    except Exception as e:  # a decode error is a failure, not a crash
        ok, detail = False, repr(e)
    print("%s - netlink_spec: %s" % ("ok" if ok else "not ok", what), flush=True)
    if not ok:
        failed = True
        for line in str(detail).splitlines():
            print("#   " + line)


def within(secs, fn):
    """fn() until it is true, for at most secs; its last value."""
    end = time.time() + secs
    while True:
        v = fn()
        if v or time.time() > end:
            return v
        time.sleep(0.3)


# the schema check is cli.py's, in netlink_spec.sh: none here
ynl = YnlFamily(spec, "")


def dev(name):
    return ynl.do("get-device", {"ifname": name})


def dump_devices():
    kinds = sorted("%s:%s" % (d["ifname"], d["kind"]) for d in ynl.dump("get-device", {}))
    return kinds == ["isatap0:isatap", "sixtofour0:6to4"], kinds


def isatap_nest():
    d = dev("isatap0")
    got = (d["isatap"]["rs-interval"], d["isatap"]["forwarding"],
           d["local-addrs"]["ipv4"], d["state"], sorted(d["drops"])[:2])
    return got == (120, 1, ["198.51.100.1"], "qualified",
                   ["bad-addr4", "bad-addr6"]), got


def set_relay():
    ynl.do("set-device", {"ifname": "sixtofour0", "6to4": {
        "relay-addr": "c6336402", "relay-name": "ynl-relay",
        "native-from": "relay"}})
    s = dev("sixtofour0")["6to4"]
    got = (s["relay-addr"], s["relay-name"], s["native-from"])
    t6 = json.loads(subprocess.run([os.environ["T6"], "-j", "6to4", "show", "state"],
                                   check=True, capture_output=True, text=True).stdout)
    seen = (t6["relay"]["address"], t6["relay"]["name"], t6["native_from"])
    want = ("198.51.100.2", "ynl-relay", "relay")
    return got == want and seen == want, "ynl %s, t6 %s" % (got, seen)


def wrong_kind():
    try:
        ynl.do("set-device", {"ifname": "sixtofour0", "isatap": {"forwarding": 1}})
    except NlError as e:
        return "not an ISATAP interface" in str(e), str(e)
    return False, "accepted"


def routers():
    ynl.do("new-router", {"ifname": "isatap0", "isatap": {"router": {"addr": "c633640a"}}})
    got = sorted(m["isatap"]["router"]["addr"]
                 for m in ynl.dump("get-router", {"ifname": "isatap0"}))
    return got == ["198.51.100.10", "198.51.100.9"], got


def prefixes():
    ynl.do("new-prefix", {"ifname": "isatap0", "isatap": {"prefix": {
        "addr": "20010db8000500000000000000000000", "len": 64, "valid-lft": 600}}})
    got = [(p["addr"], p["len"], p["valid-lft"]) for p in
           (m["isatap"]["prefix"] for m in ynl.dump("get-prefix", {"ifname": "isatap0"}))]
    return got == [("2001:db8:5::", 64, 600)], got


def lan():
    idx = int(open("/sys/class/net/up1/ifindex").read())
    ynl.do("set-device", {"ifname": "sixtofour0", "6to4": {"lan": {"ifindex": idx, "subnet": 9}}})

    def served():
        lans = dev("sixtofour0")["6to4"].get("lan", [])
        return [(x["ifindex"], x["subnet"], x.get("addr")) for x in lans]
    got = within(20, lambda: (lambda v: v if v and v[0][2] else None)(served())) or served()
    return got == [(idx, 9, "2002:c633:6401:9::1")], got


def events():
    # a socket of its own, subscribed before it asks anything (as cli.py)
    ev = YnlFamily(spec, "")
    ev.ntf_subscribe("events")
    subprocess.run(["ip", "link", "set", "isatap0", "down"], check=True)
    seen = []

    def arrived():
        ev.check_ntf()
        while ev.async_msg_queue:
            e = ev.async_msg_queue.pop(0)
            seen.append((e["name"], e["msg"]["ifname"], e["msg"]["state"],
                         e["msg"]["state-reason"]))
        return ("event", "isatap0", "dormant", "admin-down") in seen
    ok = within(15, arrived)
    subprocess.run(["ip", "link", "set", "isatap0", "up"], check=True)
    return ok, seen


check("dump get-device: both interfaces, kinds by name", dump_devices)
check("do get-device isatap0: its isatap nest, covered IPv4, drops by name", isatap_nest)
check("do set-device: a 6to4 relay through the spec, read back by ynl and t6", set_relay)
check("do set-device: the isatap nest for sixtofour0 refused, says why", wrong_kind)
check("do new-router, dump get-router: the PRL through the spec", routers)
check("do new-prefix, dump get-prefix: a published prefix through the spec", prefixes)
check("do set-device: a LAN served through the spec, its address read back", lan)
check("subscribe events: isatap0 going down, decoded by the spec", events)
sys.exit(1 if failed else 0)
