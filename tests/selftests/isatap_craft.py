#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send crafted IPv4 packets (protocol 41 mostly) and count the answers.

    isatap_craft.py [--iface DEV] [--count N] [--wait SECS] [--until N]
                    [--expect echo|icmp4] PACKET
    isatap_craft.py --server [--iface DEV]

--server imports scapy once (tens of seconds under TCG), prints "ready",
then reads one request per line (the options and PACKET above, quoted as
by bash's printf %q) and answers each with one line.  A bash coprocess:
    coproc CRAFT { ip netns exec NS python3 isatap_craft.py --server; }

PACKET is a scapy expression over the IPv4 and IPv6 layers, e.g.
    'IP(src="10.0.0.3", dst="10.0.0.2")/IPv6(src="fe80::5efe:10.0.0.3",
     dst="fe80::5efe:10.0.0.2")/ICMPv6EchoRequest()'
It is sent COUNT times through a raw IPv4 socket (IP_HDRINCL: any source
address, routed by the kernel).  A sniffer on DEV, started first, counts
what comes back for SECS seconds (or until N answers were seen):
    echo   ICMPv6 echo replies encapsulated in IPv4 protocol 41
    icmp4  ICMPv4 destination unreachable messages
The script prints that number, or "error: ..." for a bad request.
"""
import argparse
import logging
import shlex
import sys
import threading
import time

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
# not scapy.all: loading every layer doubles the start-up time under TCG
from scapy.config import conf  # noqa: E402
from scapy.sendrecv import AsyncSniffer  # noqa: E402
from scapy.supersocket import L3RawSocket  # noqa: E402
import scapy.layers.inet as inet  # noqa: E402
import scapy.layers.inet6 as inet6  # noqa: E402
import scapy.packet  # noqa: E402
from scapy.layers.inet import ICMP, IP  # noqa: E402
from scapy.layers.inet6 import ICMPv6EchoReply, ICMPv6ND_RA  # noqa: E402

# what PACKET expressions may use: every IPv4 and IPv6 layer, Raw, Padding
NAMES = {**vars(scapy.packet), **vars(inet), **vars(inet6)}

MATCH = {
    "echo": lambda p: IP in p and p[IP].proto == 41 and ICMPv6EchoReply in p,
    "icmp4": lambda p: ICMP in p and p[ICMP].type == 3,
    "ra": lambda p: IP in p and p[IP].proto == 41 and ICMPv6ND_RA in p,
}


def parser():
    ap = argparse.ArgumentParser(exit_on_error=False)
    ap.add_argument("--iface", default="v0")
    ap.add_argument("--count", type=int, default=1)
    ap.add_argument("--wait", type=float, default=1.0)
    ap.add_argument("--until", type=int, default=0)
    ap.add_argument("--expect", choices=MATCH, default="echo")
    ap.add_argument("--server", action="store_true")
    ap.add_argument("packet", nargs="?")
    return ap


def run(a):
    pkt = eval(a.packet, NAMES)  # test input, not untrusted
    match = MATCH[a.expect]
    seen = []
    ready = threading.Event()
    sniffer = AsyncSniffer(iface=a.iface, store=False,
                           prn=lambda p: seen.append(1) if match(p) else None,
                           started_callback=ready.set)
    sniffer.start()
    ready.wait(5)
    sock = L3RawSocket(iface=a.iface)
    for _ in range(a.count):
        sock.send(pkt)
    sock.close()
    end = time.monotonic() + a.wait
    while time.monotonic() < end and not (a.until and len(seen) >= a.until):
        time.sleep(0.05)
    sniffer.stop()
    return len(seen)


def main():
    conf.verb = 0
    ap = parser()
    a = ap.parse_args()
    if not a.server:
        print(run(a))
        return
    print("ready", flush=True)
    for line in sys.stdin:
        try:
            req = ap.parse_args(shlex.split(line), namespace=argparse.Namespace(iface=a.iface))
            print(run(req), flush=True)
        except (Exception, SystemExit) as e:  # keep serving; the test reports it
            print("error:", repr(e).replace("\n", " "), flush=True)


if __name__ == "__main__":
    main()
