// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 addresses and routes of a device's own namespace, set the way
 * "ip -6 addr/route" sets them: as rtnetlink requests.
 *
 * Why: the kernel exports no function that adds an IPv6 route or removes
 * one IPv6 address, yet a 6to4 interface has to follow the host's public
 * IPv4 addresses (2002:V4::V4/16 and its 2002::/16 route) and keep a
 * default route via its relay, with no daemon.  A request sent from a
 * kernel socket goes through the same validation, notifications and
 * locking as one from iproute2.  Requests are sent from process context
 * without RTNL (rtnetlink takes it) and never under a transit6 lock.
 */

#include <linux/net.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "transit6.h"

/* Send one request to the namespace's rtnetlink and return its ack. */
static int rtcfg_send(struct net *net, struct sk_buff *req)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	/*
	 * An explicit destination marks the request NETLINK_SKB_DST, so
	 * rtnetlink checks CAP_NET_ADMIN against our (kernel) credentials
	 * rather than the file a user socket would have.
	 */
	struct msghdr msg = {
		.msg_name = &kernel,
		.msg_namelen = sizeof(kernel),
	};
	struct kvec iov = { .iov_base = req->data, .iov_len = req->len };
	struct {
		struct nlmsghdr nlh;
		struct nlmsgerr err;
	} ack;
	struct socket *sock;
	int err;

	err = sock_create_kern(net, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE,
			       &sock);
	if (err)
		return err;
	err = kernel_sendmsg(sock, &msg, &iov, 1, iov.iov_len);
	if (err < 0)
		goto out;
	/* rtnetlink handled the request inside sendmsg: the ack is queued */
	iov.iov_base = &ack;
	iov.iov_len = sizeof(ack);
	memset(&msg, 0, sizeof(msg));
	err = kernel_recvmsg(sock, &msg, &iov, 1, sizeof(ack),
			     MSG_DONTWAIT | MSG_TRUNC);
	if (err < 0)
		goto out;
	if (err < (int)sizeof(ack) || ack.nlh.nlmsg_type != NLMSG_ERROR)
		err = -EPROTO;
	else
		err = ack.err.error;
out:
	sock_release(sock);
	return err;
}

static struct sk_buff *rtcfg_new(int type, int flags, size_t hdrlen,
				 struct nlmsghdr **nlh)
{
	struct sk_buff *skb = nlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);

	if (!skb)
		return NULL;
	*nlh = nlmsg_put(skb, 0, 0, type, hdrlen,
			 NLM_F_REQUEST | NLM_F_ACK | flags);
	if (!*nlh) {
		kfree_skb(skb);
		return NULL;
	}
	return skb;
}

/* End @nlh, send it unless an attribute did not fit, free the request. */
static int rtcfg_finish(struct net *net, struct sk_buff *skb,
			struct nlmsghdr *nlh, bool overflow)
{
	int err = -EMSGSIZE;

	if (!overflow) {
		nlmsg_end(skb, nlh);
		err = rtcfg_send(net, skb);
	}
	kfree_skb(skb);
	return err;
}

/*
 * Add (RTM_NEWADDR, replacing an existing one) or remove (RTM_DELADDR)
 * @addr/@plen on @ifindex: permanent, no DAD, with its prefix route.
 */
int t6_rtcfg_addr(struct net *net, int ifindex, int type,
		  const struct in6_addr *addr, u8 plen)
{
	int flags = type == RTM_NEWADDR ? NLM_F_CREATE | NLM_F_REPLACE : 0;
	struct ifaddrmsg *ifa;
	struct nlmsghdr *nlh;
	struct sk_buff *skb;

	skb = rtcfg_new(type, flags, sizeof(*ifa), &nlh);
	if (!skb)
		return -ENOMEM;
	ifa = nlmsg_data(nlh);
	memset(ifa, 0, sizeof(*ifa));
	ifa->ifa_family = AF_INET6;
	ifa->ifa_prefixlen = plen;
	ifa->ifa_index = ifindex;
	return rtcfg_finish(net, skb, nlh,
			    nla_put_in6_addr(skb, IFA_LOCAL, addr) ||
			    nla_put_u32(skb, IFA_FLAGS, IFA_F_NODAD) ||
			    nla_put_u8(skb, IFA_PROTO, T6_IFA_PROTO));
}

/*
 * One address change of a configuration pass on @t's device.  Returns
 * -ENODEV when the device went since the pass took its snapshot (the pass
 * ends); an address addrconf removed first is no error; anything else is
 * logged and the pass goes on (0).
 */
int t6_rtcfg_pass_addr(struct t6_dev *t, int type, const struct in6_addr *a,
		       u8 plen)
{
	int err = t6_rtcfg_addr(t->net, t->dev->ifindex, type, a, plen);

	if (err == -ENODEV)
		return err;
	if (err && !(type == RTM_DELADDR && err == -EADDRNOTAVAIL))
		netdev_warn(t->dev, "cannot %s %pI6c/%u: %d\n",
			    type == RTM_DELADDR ? "remove" : "add", a, plen, err);
	return 0;
}

/*
 * Add (RTM_NEWROUTE, replacing) or remove (RTM_DELROUTE) the default route
 * via @gw on @ifindex at @metric, or straight through @ifindex with no @gw
 * (Teredo).  A gateway is on-link by definition on an NBMA tunnel: no
 * route to it is needed first.
 */
int t6_rtcfg_default_route(struct net *net, int ifindex, int type,
			   const struct in6_addr *gw, u32 metric)
{
	int flags = type == RTM_NEWROUTE ? NLM_F_CREATE | NLM_F_REPLACE : 0;
	struct nlmsghdr *nlh;
	struct sk_buff *skb;
	struct rtmsg *rtm;

	skb = rtcfg_new(type, flags, sizeof(*rtm), &nlh);
	if (!skb)
		return -ENOMEM;
	rtm = nlmsg_data(nlh);
	memset(rtm, 0, sizeof(*rtm));
	rtm->rtm_family = AF_INET6;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_STATIC;
	rtm->rtm_scope = RT_SCOPE_UNIVERSE;
	rtm->rtm_type = RTN_UNICAST;
	rtm->rtm_flags = gw ? RTNH_F_ONLINK : 0;
	return rtcfg_finish(net, skb, nlh,
			    (gw && nla_put_in6_addr(skb, RTA_GATEWAY, gw)) ||
			    nla_put_u32(skb, RTA_OIF, ifindex) ||
			    nla_put_u32(skb, RTA_PRIORITY, metric));
}
