// SPDX-License-Identifier: GPL-2.0
/*
 * rtnetlink requests: what the transit6 module cannot do itself (create
 * and delete links, set them up, add addresses beyond link-local).  Each
 * goes through t6_nl_talk() on the NETLINK_ROUTE socket.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <net/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "t6.h"

#define TX_BUF_SIZE	4096

static int rtnl_do(struct nlmsghdr *nlh, const char *what, const char *name)
{
	int ret;

	t6.rtnl.bus = NETLINK_ROUTE;
	ret = t6_nl_talk(&t6.rtnl, nlh, NULL, NULL);
	if (ret && what)
		t6_nl_err(&t6.rtnl, ret, "%s %s", what, name);
	return ret;
}

static struct nlmsghdr *link_msg(void *buf, uint16_t type, uint16_t flags,
				 struct ifinfomsg **ifi)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	*ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(**ifi));
	(*ifi)->ifi_family = AF_UNSPEC;
	return nlh;
}

/* RTM_NEWLINK of @name, link kind @kind, with @opts (may be NULL). */
int t6_rtnl_link_create(const char *name, const char *kind,
			const struct t6_link_opts *opts)
{
	char buf[TX_BUF_SIZE];
	struct ifinfomsg *ifi;
	struct nlmsghdr *nlh;
	struct nlattr *info, *data;
	int ret;

	if (t6.dry_run) {
		t6_dry_created(name, kind);
		return 0;
	}
	nlh = link_msg(buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &ifi);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, kind);
	if (opts && (opts->has_link || opts->has_local || opts->has_ttl)) {
		data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
		if (opts->has_link)
			mnl_attr_put_u32(nlh, IFLA_T6_LINK, opts->link);
		if (opts->has_local)
			mnl_attr_put(nlh, IFLA_T6_LOCAL, sizeof(opts->local),
				     &opts->local);
		if (opts->has_ttl)
			mnl_attr_put_u8(nlh, IFLA_T6_TTL, opts->ttl);
		mnl_attr_nest_end(nlh, data);
	}
	mnl_attr_nest_end(nlh, info);
	ret = rtnl_do(nlh, NULL, NULL);
	/* rtnetlink's own "Unknown device type" says less than this */
	if (ret == -EOPNOTSUPP &&
	    (!t6.rtnl.ext_msg[0] ||
	     !strcmp(t6.rtnl.ext_msg, "Unknown device type")))
		return t6_err("cannot create %s: the kernel knows no link kind '%s' (transit6 module not loaded?)",
			      name, kind);
	if (ret)
		return t6_nl_err(&t6.rtnl, ret, "cannot create %s", name);
	return 0;
}

static int link_info_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	int type = mnl_attr_get_type(attr);

	if (type <= IFLA_INFO_DATA)
		tb[type] = attr;
	return MNL_CB_OK;
}

/* The IFLA_T6_* of a GETLINK reply, as far as they are well formed. */
static int link_opts_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *info[IFLA_INFO_DATA + 1] = { NULL }, *a;
	struct t6_link_opts *o = data;

	mnl_attr_for_each(a, nlh, sizeof(struct ifinfomsg))
		if (mnl_attr_get_type(a) == IFLA_LINKINFO)
			mnl_attr_parse_nested(a, link_info_cb, info);
	if (!info[IFLA_INFO_DATA])
		return MNL_CB_OK;
	mnl_attr_for_each_nested(a, info[IFLA_INFO_DATA]) {
		switch (mnl_attr_get_type(a)) {
		case IFLA_T6_LINK:
			if (!mnl_attr_validate(a, MNL_TYPE_U32))
				o->link = mnl_attr_get_u32(a);
			o->has_link = o->link;
			break;
		case IFLA_T6_LOCAL:
			if (mnl_attr_get_payload_len(a) == sizeof(o->local))
				memcpy(&o->local, mnl_attr_get_payload(a),
				       sizeof(o->local));
			o->has_local = o->local.s_addr;
			break;
		case IFLA_T6_TTL:
			if (!mnl_attr_validate(a, MNL_TYPE_U8))
				o->ttl = mnl_attr_get_u8(a);
			o->has_ttl = o->ttl != T6_TTL_DEFAULT;
			break;
		}
	}
	return MNL_CB_OK;
}

/* The creation options of the link @ifindex (IFLA_INFO_DATA). */
int t6_rtnl_link_opts(uint32_t ifindex, struct t6_link_opts *opts)
{
	char buf[TX_BUF_SIZE];
	struct ifinfomsg *ifi;
	struct nlmsghdr *nlh;
	int ret;

	memset(opts, 0, sizeof(*opts));
	opts->ttl = T6_TTL_DEFAULT;
	nlh = link_msg(buf, RTM_GETLINK, 0, &ifi);
	ifi->ifi_index = ifindex;
	t6.rtnl.bus = NETLINK_ROUTE;
	ret = t6_nl_talk(&t6.rtnl, nlh, link_opts_cb, opts);
	return ret ? t6_nl_err(&t6.rtnl, ret, "cannot get ifindex %u",
			       ifindex) : 0;
}

int t6_rtnl_link_up(const char *name)
{
	char buf[TX_BUF_SIZE];
	struct ifinfomsg *ifi;
	struct nlmsghdr *nlh;

	if (t6.dry_run)
		return 0;
	nlh = link_msg(buf, RTM_NEWLINK, 0, &ifi);
	ifi->ifi_flags = IFF_UP;
	ifi->ifi_change = IFF_UP;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	return rtnl_do(nlh, "cannot set up", name) ? T6_EXIT_RUNTIME : 0;
}

int t6_rtnl_link_del(uint32_t ifindex)
{
	char buf[TX_BUF_SIZE], name[IF_NAMESIZE];
	struct ifinfomsg *ifi;
	struct nlmsghdr *nlh;

	if (t6.dry_run) {
		t6_dry_deleted(ifindex);
		return 0;
	}
	nlh = link_msg(buf, RTM_DELLINK, 0, &ifi);
	ifi->ifi_index = ifindex;
	if (!if_indextoname(ifindex, name))
		snprintf(name, sizeof(name), "ifindex %u", ifindex);
	return rtnl_do(nlh, "cannot delete", name) ? T6_EXIT_RUNTIME : 0;
}

/*
 * RTM_NEWADDR (create or replace, no DAD) or RTM_DELADDR of one IPv6
 * address.  Returns a negative errno and prints nothing: callers decide
 * which errors matter.
 */
int t6_rtnl_addr6(uint16_t type, uint32_t ifindex,
		  const struct in6_addr *addr, uint8_t plen)
{
	char buf[TX_BUF_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifaddrmsg *ifa;

	if (t6.dry_run)
		return 0;
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	if (type == RTM_NEWADDR)
		nlh->nlmsg_flags |= NLM_F_CREATE | NLM_F_REPLACE;
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = AF_INET6;
	ifa->ifa_prefixlen = plen;
	ifa->ifa_flags = type == RTM_NEWADDR ? IFA_F_NODAD : 0;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	ifa->ifa_index = ifindex;
	mnl_attr_put(nlh, IFA_LOCAL, sizeof(*addr), addr);
	mnl_attr_put(nlh, IFA_ADDRESS, sizeof(*addr), addr);
	return rtnl_do(nlh, NULL, NULL);
}
