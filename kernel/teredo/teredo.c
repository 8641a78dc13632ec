// SPDX-License-Identifier: GPL-2.0
/*
 * The Teredo kind: settings over genetlink (netsh's "set teredo"), the
 * state it shows, and the hooks device.c calls.  The client itself is
 * client.c.
 */

#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/genetlink.h>

#include "peer.h"

static const struct nla_policy teredo_servers_policy[T6A_ADDR_MAX + 1] = {
	[T6A_ADDR_IPV4]	= NLA_POLICY_EXACT_LEN(sizeof(struct in_addr)),
};

static struct netlink_range_validation teredo_peer_max_range = {
	.min = 1,
	.max = T6_TEREDO_PEER_MAX_LIMIT,
};

static struct netlink_range_validation teredo_idle_range = {
	.max = 86400,
};

const struct nla_policy t6_teredo_set_policy[T6A_TEREDO_MAX + 1] = {
	[T6A_TEREDO_TYPE]	 = NLA_POLICY_MAX(NLA_U8,
						  __T6_TEREDO_TYPE_MAX - 1),
	[T6A_TEREDO_SERVERS]	 = NLA_POLICY_NESTED(teredo_servers_policy),
	[T6A_TEREDO_SERVER_NAME] = { .type = NLA_NUL_STRING,
				     .len = T6_RELAY_NAME_MAX - 1 },
	[T6A_TEREDO_REFRESH]	 = NLA_POLICY_RANGE(NLA_U32, 5, 3600),
	[T6A_TEREDO_CLIENT_PORT] = { .type = NLA_U16 },
	[T6A_TEREDO_PEER_MAX]	 = NLA_POLICY_FULL_RANGE(NLA_U32,
							 &teredo_peer_max_range),
	[T6A_TEREDO_IDLE_TIMEOUT] = NLA_POLICY_FULL_RANGE(NLA_U32,
							  &teredo_idle_range),
};

static int teredo_newlink(struct t6_dev *t, struct netlink_ext_ack *extack)
{
	struct t6_dev *other;

	/* one client per namespace, as one per Windows host */
	list_for_each_entry(other, t6_net_devs(t->net), list) {
		if (other->ops->kind == T6_KIND_TEREDO) {
			NL_SET_ERR_MSG(extack,
				       "this namespace has a Teredo interface already");
			return -EEXIST;
		}
	}
	return 0;
}

static int teredo_init(struct t6_dev *t)
{
	struct t6_teredo *td = &t->teredo;

	td->type = T6_TEREDO_CLIENT;
	td->refresh = T6_TEREDO_DEFAULT_REFRESH;
	td->peer_max = T6_TEREDO_DEFAULT_PEER_MAX;
	td->idle_timeout = T6_TEREDO_DEFAULT_IDLE_TIMEOUT;
	t6_teredo_client_init(t);
	return 0;
}

static void teredo_uninit(struct t6_dev *t)
{
	cancel_delayed_work_sync(&t->teredo.work);
	t6_teredo_peers_stop(t);
	kfree_rcu(rcu_dereference_protected(t->teredo.link, true), rcu);
}

/* RTNL and t->lock held */
static void teredo_open(struct t6_dev *t)
{
	struct t6_teredo *td = &t->teredo;
	struct inet6_dev *idev = __in6_dev_get(t->dev);

	/* Teredo qualifies with its own RS, to its server, not to ff02::2 */
	if (idev)
		WRITE_ONCE(idev->cnf.rtr_solicits, 0);
	t6_teredo_peers_start(t);
	if (t6_teredo_sock_open(t)) {
		td->reason = T6_REASON_SOCKET;
		return;
	}
	t6_teredo_client_requalify(t);
}

/* RTNL and t->lock held */
static void teredo_stop(struct t6_dev *t)
{
	t6_teredo_client_stop(t);
	t6_teredo_sock_close(t);
	t6_teredo_peers_stop(t);
	t->teredo.local_port = 0;
	t6_cfg_queue(t);
}

/*
 * RTNL held: another IPv4 address, maybe another NAT: qualify again.  A
 * socket that could not be bound (its local address was not there yet)
 * is tried again.
 */
static void teredo_addrs_changed(struct t6_dev *t)
{
	mutex_lock(&t->lock);
	if (t->running && rcu_access_pointer(t->teredo.sock)) {
		t6_teredo_client_restart(t);
	} else if (t->running && !t6_teredo_sock_open(t)) {
		t->teredo.reason = T6_REASON_NONE;
		t6_teredo_client_requalify(t);
	}
	mutex_unlock(&t->lock);
	t6_state_update(t);
}

static void teredo_state(struct t6_dev *t, enum t6_state *state,
			 enum t6_reason *reason)
{
	const struct t6_teredo *td = &t->teredo;

	*reason = T6_REASON_NONE;
	if (td->qualified && td->dormant) {
		*state = T6_STATE_DORMANT;
		*reason = T6_REASON_IDLE;
	} else if (td->qualified) {
		*state = T6_STATE_QUALIFIED;
	} else if (td->probe != T6_TEREDO_PROBE_NONE) {
		*state = T6_STATE_PROBE;
	} else {
		*state = T6_STATE_OFFLINE;
		*reason = td->reason;
	}
}

static int teredo_fill(struct t6_dev *t, struct sk_buff *skb)
{
	struct t6_teredo *td = &t->teredo;
	struct nlattr *nest;
	unsigned int i;
	int err = -EMSGSIZE;

	mutex_lock(&t->lock);
	if (nla_put_u8(skb, T6A_TEREDO_TYPE, td->type) ||
	    nla_put_u32(skb, T6A_TEREDO_REFRESH, td->refresh) ||
	    nla_put_u16(skb, T6A_TEREDO_CLIENT_PORT, td->client_port) ||
	    (td->server_name[0] &&
	     nla_put_string(skb, T6A_TEREDO_SERVER_NAME, td->server_name)) ||
	    nla_put_u8(skb, T6A_TEREDO_PROBE, td->probe) ||
	    nla_put_u8(skb, T6A_TEREDO_NAT, td->nat) ||
	    nla_put_u16(skb, T6A_TEREDO_LOCAL_PORT, ntohs(td->local_port)) ||
	    nla_put_u32(skb, T6A_TEREDO_PEER_MAX, td->peer_max) ||
	    nla_put_u32(skb, T6A_TEREDO_IDLE_TIMEOUT, td->idle_timeout) ||
	    nla_put_u32(skb, T6A_TEREDO_PEERS, READ_ONCE(td->peers.count)))
		goto out;
	nest = nla_nest_start(skb, T6A_TEREDO_SERVERS);
	if (!nest)
		goto out;
	for (i = 0; i < td->nservers; i++)
		if (nla_put_in_addr(skb, T6A_ADDR_IPV4, td->servers[i]))
			goto out;
	nla_nest_end(skb, nest);
	if (td->nservers &&
	    nla_put_in_addr(skb, T6A_TEREDO_SERVER,
			    td->servers[td->server_idx]))
		goto out;
	if (td->qualified &&
	    (nla_put_in_addr(skb, T6A_TEREDO_MAPPED_ADDR, td->mapping.addr) ||
	     nla_put_u16(skb, T6A_TEREDO_MAPPED_PORT,
			 ntohs(td->mapping.port)) ||
	     nla_put_in6_addr(skb, T6A_TEREDO_ADDR, &td->addr)))
		goto out;
	if (!td->qualified && td->probe == T6_TEREDO_PROBE_NONE &&
	    t->running &&
	    nla_put_u64_64bit(skb, T6A_TEREDO_NEXT_TRY,
			      jiffies_to_msecs(t6_teredo_next_try(td)),
			      T6A_TEREDO_PAD))
		goto out;
	err = 0;
out:
	mutex_unlock(&t->lock);
	return err;
}

static int teredo_parse_servers(const struct nlattr *list, __be32 *out,
				struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	unsigned int n = 0;
	int rem;

	nla_for_each_nested(a, list, rem) {
		__be32 s;

		if (nla_type(a) != T6A_ADDR_IPV4 ||
		    nla_len(a) != sizeof(struct in_addr)) {
			NL_SET_ERR_MSG_ATTR(extack, a, "servers are IPv4 addresses");
			return -EINVAL;
		}
		if (n == T6_TEREDO_MAX_SERVERS) {
			NL_SET_ERR_MSG_ATTR(extack, a, "too many servers");
			return -E2BIG;
		}
		s = nla_get_in_addr(a);
		if (!t6_teredo_v4_global(s) ||
		    !t6_teredo_v4_global(htonl(ntohl(s) + 1))) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "a server and the address after it must be global IPv4 addresses");
			return -EINVAL;
		}
		out[n++] = s;
	}
	return n;
}

/* RTNL held.  Checked before any is applied. */
static int teredo_set(struct t6_dev *t, const struct nlattr *nest,
		      struct netlink_ext_ack *extack)
{
	struct nlattr *attrs[T6A_TEREDO_MAX + 1];
	__be32 servers[T6_TEREDO_MAX_SERVERS];
	struct t6_teredo *td = &t->teredo;
	int nservers = -1, err;
	bool reopen = false;

	err = nla_parse_nested(attrs, T6A_TEREDO_MAX, nest,
			       t6_teredo_set_policy, extack);
	if (err)
		return err;
	if (attrs[T6A_TEREDO_SERVERS]) {
		nservers = teredo_parse_servers(attrs[T6A_TEREDO_SERVERS],
						servers, extack);
		if (nservers < 0)
			return nservers;
	}
	mutex_lock(&t->lock);
	if (attrs[T6A_TEREDO_TYPE])
		td->type = nla_get_u8(attrs[T6A_TEREDO_TYPE]);
	if (nservers >= 0) {
		memcpy(td->servers, servers, nservers * sizeof(servers[0]));
		td->nservers = nservers;
		td->server_idx = 0;
		td->server_name[0] = '\0';
	}
	if (attrs[T6A_TEREDO_SERVER_NAME])
		nla_strscpy(td->server_name, attrs[T6A_TEREDO_SERVER_NAME],
			    sizeof(td->server_name));
	if (attrs[T6A_TEREDO_REFRESH])
		td->refresh = nla_get_u32(attrs[T6A_TEREDO_REFRESH]);
	/* a lower limit keeps the peers there are; new ones wait for room */
	if (attrs[T6A_TEREDO_PEER_MAX])
		WRITE_ONCE(td->peer_max,
			   nla_get_u32(attrs[T6A_TEREDO_PEER_MAX]));
	if (attrs[T6A_TEREDO_IDLE_TIMEOUT]) {
		td->idle_timeout = nla_get_u32(attrs[T6A_TEREDO_IDLE_TIMEOUT]);
		/* a new timeout counts from now; a dormant client wakes */
		td->active = jiffies;
		if (t->running && td->dormant)
			t6_teredo_client_wake(t);
	}
	if (attrs[T6A_TEREDO_CLIENT_PORT]) {
		u16 port = nla_get_u16(attrs[T6A_TEREDO_CLIENT_PORT]);

		reopen = port != td->client_port;
		td->client_port = port;
	}
	if (t->running && reopen) {
		t6_teredo_sock_close(t);
		td->local_port = 0;
		if (t6_teredo_sock_open(t))
			td->reason = T6_REASON_SOCKET;
	}
	/*
	 * Another type, server or port: qualify from the first server
	 * again.  The refresh interval and the peer limit apply as they are.
	 */
	if (t->running &&
	    (attrs[T6A_TEREDO_TYPE] || nservers >= 0 || reopen)) {
		t6_teredo_client_requalify(t);
	} else if (t->running && td->qualified &&
		   (attrs[T6A_TEREDO_REFRESH] ||
		    attrs[T6A_TEREDO_IDLE_TIMEOUT])) {
		/* the next refresh (or going dormant) by the new values */
		td->next = jiffies;
		mod_delayed_work(system_wq, &td->work, 0);
	}
	mutex_unlock(&t->lock);
	t6_cfg_queue(t);
	t6_state_update(t);
	return 0;
}

static const struct t6_kind_cmd teredo_cmds[] = {
	{ .cmd = T6_CMD_GET_PEER, .dumpit = t6_teredo_peer_dumpit },
};

const struct t6_kind_ops t6_teredo_ops = {
	.kind		= T6_KIND_TEREDO,
	.no_ipv4	= T6_REASON_NO_IPV4,
	.newlink	= teredo_newlink,
	.init		= teredo_init,
	.uninit		= teredo_uninit,
	.open		= teredo_open,
	.stop		= teredo_stop,
	.addrs_changed	= teredo_addrs_changed,
	.configure	= t6_teredo_configure,
	.state		= teredo_state,
	.nl_attr	= T6A_TEREDO,
	.nl_wrong_kind	= "not a Teredo interface",
	.fill		= teredo_fill,
	.set		= teredo_set,
	.cmds		= teredo_cmds,
	.n_cmds		= ARRAY_SIZE(teredo_cmds),
};
