#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Flood an ISATAP router with Router Solicitations from one source.

  rs_flood.py SRC4 DST4 SECONDS

Sends protocol-41 packets carrying an RS from fe80::5efe:SRC4 to
fe80::5efe:DST4 (checksummed, hop limit 255) as fast as a raw socket
goes, for SECONDS; prints how many it sent.
"""
import ipaddress
import socket
import struct
import sys
import time


def isatap_ll(v4):
    # RFC 5214: u bit for a global IPv4 address, as the kernel sets it
    a = ipaddress.IPv4Address(v4)
    u = 0x02 if a.is_global else 0x00
    return bytes([0xfe, 0x80] + [0] * 6 + [u, 0, 0x5e, 0xfe]) + a.packed


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def main():
    src4, dst4, secs = sys.argv[1], sys.argv[2], float(sys.argv[3])
    src, dst = isatap_ll(src4), isatap_ll(dst4)
    rs = bytearray([133, 0, 0, 0, 0, 0, 0, 0])
    pseudo = src + dst + struct.pack("!I", len(rs)) + b"\0\0\0\x3a"
    struct.pack_into("!H", rs, 2, csum(pseudo + bytes(rs)))
    pkt = struct.pack("!IHBB", 6 << 28, len(rs), 58, 255) + src + dst + bytes(rs)
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 41)
    end, n = time.monotonic() + secs, 0
    while time.monotonic() < end:
        for _ in range(100):
            try:
                s.sendto(pkt, (dst4, 0))
                n += 1
            except OSError:
                time.sleep(0.001)
    print("sent %d" % n, flush=True)


if __name__ == "__main__":
    main()
