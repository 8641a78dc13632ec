#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Raw generic-netlink requests to the transit6 family, for netlink_abi.sh.

  genl_raw.py hold CMD IFNAME   send a CMD dump request for IFNAME, print
                                 "sent" and never read the answer (sleeps
                                 until killed): what an unprivileged
                                 reader can do to a dump's state
  genl_raw.py intr CMD DELDEV   dump CMD in parts of about 4 KB; after the
                                 first part, delete DELDEV ("ip link del")
                                 and read on; print "parts=N intr=M" (M:
                                 messages flagged NLM_F_DUMP_INTR); "-"
                                 deletes nothing
  genl_raw.py set-fwd IFNAME     SET_DEVICE with T6A_FORWARDING 1; print
                                 "error=E" (0 or -errno) and the extack
                                 message, if any

CMD is a name of enum t6_cmd without the prefix (GET_ROUTER, GET_DEVICE,
...).  Plain sockets and struct: no pyroute2 in Debian's base.
"""
import os
import socket
import struct
import subprocess
import sys
import time

NETLINK_GENERIC = 16
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
NLM_F_REQUEST, NLM_F_DUMP = 0x1, 0x300
NLM_F_DUMP_INTR = 0x10
NLMSG_ERROR, NLMSG_DONE = 2, 3
CMDS = {"GET_DEVICE": 1, "SET_DEVICE": 2, "GET_ROUTER": 3, "GET_PREFIX": 6}
T6A_IFNAME, T6A_FORWARDING = 3, 7
NLMSGERR_ATTR_MSG = 1


def attr(atype, payload):
    ln = 4 + len(payload)
    return struct.pack("=HH", ln, atype) + payload + b"\0" * ((4 - ln % 4) % 4)


def msg(mtype, flags, seq, cmd, attrs=b""):
    body = struct.pack("=BBH", cmd, 1, 0) + attrs
    return struct.pack("=IHHII", 16 + len(body), mtype, flags, seq, 0) + body


def messages(data):
    off = 0
    while off + 16 <= len(data):
        ln, mtype, flags, _, _ = struct.unpack_from("=IHHII", data, off)
        if ln < 16:
            break
        yield mtype, flags, data[off + 16:off + ln]
        off += (ln + 3) & ~3


def family_id(sock):
    sock.send(msg(GENL_ID_CTRL, NLM_F_REQUEST, 1,
                  CTRL_CMD_GETFAMILY, attr(CTRL_ATTR_FAMILY_NAME, b"transit6\0")))
    for mtype, _, body in messages(sock.recv(4096)):
        if mtype == NLMSG_ERROR:
            sys.exit("no transit6 family: error %d" % struct.unpack_from("=i", body)[0])
        off = 4
        while off + 4 <= len(body):
            ln, atype = struct.unpack_from("=HH", body, off)
            if atype == CTRL_ATTR_FAMILY_ID:
                return struct.unpack_from("=H", body, off + 4)[0]
            off += (ln + 3) & ~3
    sys.exit("no family id")


def set_fwd(sock, fam, ifname):
    sock.setsockopt(270, 11, 1)  # SOL_NETLINK, NETLINK_EXT_ACK
    sock.send(msg(fam, NLM_F_REQUEST | 0x4, 3, CMDS["SET_DEVICE"],
                  attr(T6A_IFNAME, ifname.encode() + b"\0") +
                  attr(T6A_FORWARDING, b"\1")))
    for mtype, flags, body in messages(sock.recv(4096)):
        if mtype != NLMSG_ERROR:
            continue
        err = struct.unpack_from("=i", body)[0]
        text = ""
        # the request is echoed back (no NLM_F_CAPPED) before the TLVs
        off = 4 + (16 if flags & 0x100 else struct.unpack_from("=I", body, 4)[0])
        while off + 4 <= len(body):
            ln, atype = struct.unpack_from("=HH", body, off)
            if atype == NLMSGERR_ATTR_MSG:
                text = body[off + 4:off + ln].rstrip(b"\0").decode()
            off += (ln + 3) & ~3
        print("error=%d %s" % (err, text))
        return
    sys.exit("no ack")


def main():
    what = sys.argv[1]
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    sock.bind((0, 0))
    fam = family_id(sock)
    if what == "set-fwd":
        set_fwd(sock, fam, sys.argv[2])
        return
    cmd = CMDS[sys.argv[2]]
    if what == "hold":
        sock.send(msg(fam, NLM_F_REQUEST | NLM_F_DUMP, 2, cmd,
                      attr(T6A_IFNAME, sys.argv[3].encode() + b"\0")))
        print("sent", flush=True)
        while True:
            time.sleep(3600)
    sock.send(msg(fam, NLM_F_REQUEST | NLM_F_DUMP, 2, cmd))
    parts = intr = 0
    while True:
        data = sock.recv(4096)
        parts += 1
        done = False
        for mtype, flags, body in messages(data):
            if mtype == NLMSG_ERROR:
                sys.exit("dump error %d" % struct.unpack_from("=i", body)[0])
            intr += bool(flags & NLM_F_DUMP_INTR)
            done |= mtype == NLMSG_DONE
        if parts == 1 and sys.argv[3] != "-":
            subprocess.run(["ip", "link", "del", sys.argv[3]], check=True)
        if done:
            break
    print("parts=%d intr=%d" % (parts, intr))


if __name__ == "__main__":
    main()
