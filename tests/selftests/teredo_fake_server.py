#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A Teredo server that answers wrong first (python3-scapy builds its RAs).

    teredo_fake_server.py ADDR

Listens on ADDR:3544.  The first RS is answered with one RA of each kind
a client must refuse (RFC 4380 5.2.1), each with the RS's nonce unless
said otherwise, in this order:

    noorigin    no origin indication                 -> malformed
    badnonce    another nonce                        -> bad_nonce
    twoprefix   two prefixes                         -> bad_icmp
    noprefix    no prefix, an MTU only               -> bad_icmp
    otherserver the prefix of another server (.10)   -> bad_icmp
    badcsum     a wrong ICMPv6 checksum              -> bad_icmp

Every later RS gets the right answer, 2001:0:ADDR::/64, so the client
qualifies through us.  One line on stdout for each RA sent.
"""
import socket
import struct
import sys
import time

from scapy.layers.inet6 import (IPv6, ICMPv6ND_RA, ICMPv6NDOptMTU,
                                ICMPv6NDOptPrefixInfo)

ROUTER = "fe80::8000:f227:3fff:fdfe"	# miredo-server's own


def prefix_of(server):
    a = socket.inet_aton(server)
    return "2001:0:%02x%02x:%02x%02x::" % tuple(a)


def ra(dst, prefixes, bad_csum=False):
    pkt = IPv6(src=ROUTER, dst=dst, hlim=255) / ICMPv6ND_RA(routerlifetime=0)
    for p in prefixes:
        pkt /= ICMPv6NDOptPrefixInfo(prefix=p, prefixlen=64, L=0, A=1,
                                      validlifetime=0xffffffff,
                                      preferredlifetime=0xffffffff)
    pkt /= ICMPv6NDOptMTU(mtu=1280)
    raw = bytearray(bytes(pkt))
    if bad_csum:
        raw[42] ^= 0xff		# the ICMPv6 checksum, after the IPv6 header
    return bytes(raw)


def main():
    me = sys.argv[1]
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((me, 3544))
    first = True
    ours, other = prefix_of(me), prefix_of("203.0.113.10")
    while True:
        data, (caddr, cport) = sock.recvfrom(2048)
        # an RS: auth header (id and value lengths at 2 and 3), IPv6
        if len(data) < 13 or data[:2] != b"\x00\x01":
            continue
        skip = 4 + data[2] + data[3]
        nonce = data[skip:skip + 8]
        ip6 = data[skip + 9:]
        if len(ip6) < 40:
            continue
        src = socket.inet_ntop(socket.AF_INET6, ip6[8:24])
        auth = b"\x00\x01\x00\x00" + nonce + b"\x00"
        origin = b"\x00\x00" + struct.pack("!H", cport ^ 0xffff) + \
            bytes(b ^ 0xff for b in socket.inet_aton(caddr))
        if first:
            other_nonce = bytes(b ^ 0xff for b in nonce)
            answers = [
                ("noorigin", auth + ra(src, [ours])),
                ("badnonce", b"\x00\x01\x00\x00" + other_nonce + b"\x00" +
                 origin + ra(src, [ours])),
                ("twoprefix", auth + origin + ra(src, [ours, "2001:0:cb00:7163::"])),
                ("noprefix", auth + origin + ra(src, [])),
                ("otherserver", auth + origin + ra(src, [other])),
                ("badcsum", auth + origin + ra(src, [ours], bad_csum=True)),
            ]
            first = False
        else:
            answers = [("good", auth + origin + ra(src, [ours]))]
        for name, payload in answers:
            sock.sendto(payload, (caddr, cport))
            print(name, caddr, cport, nonce.hex(), flush=True)
            # the client takes one RA at a time (more at once are a
            # flood, counted queue_full): let it handle this one first
            time.sleep(0.5)


if __name__ == "__main__":
    main()
