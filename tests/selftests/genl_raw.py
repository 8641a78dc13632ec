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
  genl_raw.py req CMD IFNAME [ATTR=VALUE...]
                                 one CMD request for IFNAME; print
                                 "error=E" (0 or -errno) and the extack
                                 message, if any.  ATTR is a path of
                                 names of kernel/uapi/transit6.h,
                                 "T6A_ISATAP/T6A_ISATAP_FORWARDING";
                                 VALUE is u8:N, u16:N, u32:N, ip4:A.B.C.D,
                                 ip6:ADDR, str:TEXT or flag: (empty);
                                 NAME#N repeats an attribute.  "-flat" after the path of
                                 a nest sends it without NLA_F_NESTED
  genl_raw.py batch              req for each line "CMD IFNAME ATTR=VALUE..."
                                 of standard input, in one process
  genl_raw.py set-fwd IFNAME     req SET_DEVICE IFNAME
                                 T6A_ISATAP/T6A_ISATAP_FORWARDING=u8:1

CMD is a name of enum t6_cmd without the prefix (GET_ROUTER, GET_DEVICE,
...).  Plain sockets and struct: no pyroute2 in Debian's base.
"""
import os
import re
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
NLMSGERR_ATTR_MSG = 1
NLA_F_NESTED = 0x8000
UAPI = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                    "../../kernel/uapi/transit6.h")


def enums():
    """Every enumerator of the uapi header, by name."""
    text = open(UAPI).read()
    out = {}
    for body in re.findall(r"enum \w+ \{(.*?)\};", text, re.S):
        names = re.findall(r"^\s*(\w+)(?:\s*=\s*(\d+))?,", body, re.M)
        v = 0
        for name, val in names:
            v = int(val) if val else v
            out[name] = v
            v += 1
    return out


E = enums()
CMDS = {k[len("T6_CMD_"):]: v for k, v in E.items() if k.startswith("T6_CMD_")}
T6A_IFNAME = E["T6A_IFNAME"]


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


def value(v):
    kind, _, text = v.partition(":")
    if kind == "ip4":
        return socket.inet_aton(text)
    if kind == "ip6":
        return socket.inet_pton(socket.AF_INET6, text)
    if kind == "str":
        return text.encode() + b"\0"
    if kind == "flag":
        return b""
    return struct.pack({"u8": "=B", "u16": "=H", "u32": "=I"}[kind], int(text))


def encode(specs):
    """ATTR=VALUE paths into attributes, nests built from the paths."""
    tree = {}
    for spec in specs:
        path, _, v = spec.partition("=")
        node = tree
        parts = path.split("/")
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = value(v)

    def build(node):
        out = b""
        for name, v in node.items():
            name = name.partition("#")[0]     # NAME#N: NAME once more
            flat = name.endswith("-flat")
            name = name[:-5] if flat else name
            if isinstance(v, dict):
                out += attr(E[name] | (0 if flat else NLA_F_NESTED), build(v))
            else:
                out += attr(E[name], v)
        return out
    return build(tree)


def request(sock, fam, cmd, ifname, specs):
    sock.setsockopt(270, 11, 1)  # SOL_NETLINK, NETLINK_EXT_ACK
    sock.send(msg(fam, NLM_F_REQUEST | 0x4, 3, CMDS[cmd],
                  attr(T6A_IFNAME, ifname.encode() + b"\0") + encode(specs)))
    # a GET's reply comes first, then the ack
    for mtype, flags, body in (m for _ in range(8)
                               for m in messages(sock.recv(65536))):
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
        request(sock, fam, "SET_DEVICE", sys.argv[2],
                ["T6A_ISATAP/T6A_ISATAP_FORWARDING=u8:1"])
        return
    if what == "req":
        request(sock, fam, sys.argv[2], sys.argv[3], sys.argv[4:])
        return
    if what == "batch":
        for line in sys.stdin:
            if line.split():
                request(sock, fam, line.split()[0], line.split()[1],
                        line.split()[2:])
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
