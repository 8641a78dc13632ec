#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Send one UDP datagram with any IPv4 source and port (a raw socket, so
a port a daemon holds, such as miredo-server's 3544, can be spoofed).

    udp_spoof.py SRC SPORT DST DPORT HEXPAYLOAD [COUNT]

COUNT (default 1) copies go out back to back, as a flood would.
"""
import socket
import struct
import sys

from rs_flood import csum  # the Internet checksum, beside us


def datagram(src, sport, dst, dport, payload):
    """An IPv4 header and a UDP datagram with correct checksums."""
    s4, d4 = socket.inet_aton(src), socket.inet_aton(dst)
    ulen = 8 + len(payload)
    udp = struct.pack("!HHHH", sport, dport, ulen, 0) + payload
    pseudo = s4 + d4 + struct.pack("!BBH", 0, socket.IPPROTO_UDP, ulen)
    c = csum(pseudo + udp) or 0xffff
    udp = udp[:6] + struct.pack("!H", c) + udp[8:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + ulen, 0, 0, 64,
                     socket.IPPROTO_UDP, 0, s4, d4)
    return ip[:10] + struct.pack("!H", csum(ip)) + ip[12:] + udp


def raw_socket():
    return socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)


def main():
    src, sport, dst, dport, hexdata = sys.argv[1:6]
    count = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    pkt = datagram(src, int(sport), dst, int(dport), bytes.fromhex(hexdata))
    sock = raw_socket()
    for _ in range(count):
        sock.sendto(pkt, (dst, 0))


if __name__ == "__main__":
    main()
