// SPDX-License-Identifier: GPL-2.0
/*
 * t6 teredo: the Teredo context (RFC 4380, RFC 5991), in the words of
 * Windows' "netsh interface teredo".  The module qualifies, refreshes and
 * keeps the address and routes; here live the server names.
 */
#include <errno.h>
#include <inttypes.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "t6.h"

#define DEFAULT_NAME	"teredo0"

struct setting {
	bool has_type, has_servers, has_refresh, has_port, has_peer_max,
	     has_idle;
	uint8_t type;
	unsigned int nservers;
	struct in_addr servers[T6_TEREDO_MAX_SERVERS];
	const char *server_name;
	uint32_t refresh;
	uint16_t port;
	uint32_t peer_max;
	uint32_t idle;
};

static int fill_setting(struct nlmsghdr *nlh, const void *arg)
{
	const struct setting *s = arg;
	struct nlattr *nest = mnl_attr_nest_start(nlh, T6A_TEREDO), *list;
	unsigned int i;

	if (s->has_type)
		mnl_attr_put_u8(nlh, T6A_TEREDO_TYPE, s->type);
	if (s->has_servers) {
		list = mnl_attr_nest_start(nlh, T6A_TEREDO_SERVERS);
		for (i = 0; i < s->nservers; i++)
			mnl_attr_put(nlh, T6A_ADDR_IPV4, sizeof(s->servers[i]),
				     &s->servers[i]);
		mnl_attr_nest_end(nlh, list);
		mnl_attr_put_strz(nlh, T6A_TEREDO_SERVER_NAME,
				  s->server_name ? s->server_name : "");
	}
	if (s->has_refresh)
		mnl_attr_put_u32(nlh, T6A_TEREDO_REFRESH, s->refresh);
	if (s->has_port)
		mnl_attr_put_u16(nlh, T6A_TEREDO_CLIENT_PORT, s->port);
	if (s->has_peer_max)
		mnl_attr_put_u32(nlh, T6A_TEREDO_PEER_MAX, s->peer_max);
	if (s->has_idle)
		mnl_attr_put_u32(nlh, T6A_TEREDO_IDLE_TIMEOUT, s->idle);
	mnl_attr_nest_end(nlh, nest);
	return 0;
}

const char *const t6_teredo_type_names[__T6_TEREDO_TYPE_MAX] = {
	[T6_TEREDO_DISABLED] = "disabled",
	[T6_TEREDO_CLIENT] = "client",
	[T6_TEREDO_ENTERPRISE_CLIENT] = "enterpriseclient",
};

static int add_server(struct t6_args *a, struct setting *s, struct in_addr v4,
		      const char *what)
{
	struct in_addr next = { htonl(ntohl(v4.s_addr) + 1) };
	char txt[INET_ADDRSTRLEN];
	unsigned int i;

	inet_ntop(AF_INET, &v4, txt, sizeof(txt));
	/* the secondary server is the address after the primary */
	if (!t6_teredo_ipv4_global(v4) || !t6_teredo_ipv4_global(next))
		return t6_usage(a, "server %s (%s): not a global IPv4 address",
				what, txt);
	for (i = 0; i < s->nservers; i++)
		if (s->servers[i].s_addr == v4.s_addr)
			return 0;
	if (s->nservers == T6_TEREDO_MAX_SERVERS)
		return t6_usage(a, "at most %d servers", T6_TEREDO_MAX_SERVERS);
	s->servers[s->nservers++] = v4;
	return 0;
}

/* NAME|ADDR[,ADDR...]: every IPv4 address of a name, in the resolver's order */
static int resolve_servers(struct t6_args *a, const char *val,
			   struct setting *s)
{
	struct addrinfo hints = { .ai_family = AF_INET,
				  .ai_socktype = SOCK_DGRAM };
	char *list = strdup(val), *tok, *save = NULL;
	struct addrinfo *res, *r;
	struct in_addr v4;
	int ret = 0, err;

	if (!list)
		return t6_err("out of memory");
	s->has_servers = true;
	for (tok = strtok_r(list, ",", &save); tok && !ret;
	     tok = strtok_r(NULL, ",", &save)) {
		if (strspn(tok, "0123456789.") == strlen(tok)) {
			if (inet_pton(AF_INET, tok, &v4) != 1)
				ret = t6_usage(a, "invalid IPv4 address '%s'",
					       tok);
			else
				ret = add_server(a, s, v4, tok);
			continue;
		}
		if (strchr(tok, ':')) {
			ret = t6_usage(a, "'%s': Teredo servers have IPv4 addresses",
				       tok);
			continue;
		}
		err = getaddrinfo(tok, NULL, &hints, &res);
		if (err && t6.from_file) {
			/* t6 resolve adds its addresses once it resolves */
			if (!t6.dry_run)
				t6_warn("warning: cannot resolve server '%s' yet (%s): kept",
					tok, err == EAI_SYSTEM ?
					strerror(errno) : gai_strerror(err));
			s->server_name = val;
			continue;
		}
		if (err) {
			ret = t6_err("cannot resolve '%s': %s", tok,
				     err == EAI_SYSTEM ? strerror(errno) :
				     gai_strerror(err));
			continue;
		}
		for (r = res; r && !ret; r = r->ai_next)
			ret = add_server(a, s,
					 ((struct sockaddr_in *)r->ai_addr)->sin_addr,
					 tok);
		freeaddrinfo(res);
		s->server_name = val;
	}
	free(list);
	if (!ret && !s->nservers && !(t6.from_file && s->server_name))
		ret = t6_usage(a, "no server in '%s'", val);
	return ret;
}

/*
 * t6 resolve (resolve.c): the servers set by name follow the name.  While
 * one of the names does not resolve, the list stays as it is.
 */
void t6_teredo_refresh(const struct t6_dev *dev, bool *failed)
{
	const struct nlattr *tt[T6A_TEREDO_MAX + 1], *a;
	struct in_addr v[T6_TEREDO_MAX_SERVERS], next;
	struct setting s = { .has_servers = true };
	char *list, *tok, *save = NULL, what[64];
	unsigned int i = 0;
	bool same;
	t6_attrs tb;
	int n, j;

	if (t6_parse(dev->msg, tb) ||
	    t6_parse_nest(tb[T6A_TEREDO], &t6_teredo_set, tt) ||
	    !tt[T6A_TEREDO_SERVER_NAME] ||
	    !*mnl_attr_get_str(tt[T6A_TEREDO_SERVER_NAME]))
		return;
	s.server_name = mnl_attr_get_str(tt[T6A_TEREDO_SERVER_NAME]);
	list = strdup(s.server_name);
	if (!list) {
		*failed = true;
		return;
	}
	for (tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		n = t6_resolve4(tok, v, T6_TEREDO_MAX_SERVERS);
		if (n < 0)
			break;
		for (j = 0; j < n && s.nservers < T6_TEREDO_MAX_SERVERS; j++) {
			next.s_addr = htonl(ntohl(v[j].s_addr) + 1);
			/* the secondary server is the address after it */
			if (t6_teredo_ipv4_global(v[j]) &&
			    t6_teredo_ipv4_global(next))
				s.servers[s.nservers++] = v[j];
		}
	}
	free(list);
	if (tok || !s.nservers) {
		*failed = true;
		return;
	}
	same = true;
	if (tt[T6A_TEREDO_SERVERS])
		mnl_attr_for_each_nested(a, tt[T6A_TEREDO_SERVERS])
			same &= i < s.nservers &&
				mnl_attr_get_payload_len(a) == 4 &&
				!memcmp(mnl_attr_get_payload(a),
					&s.servers[i++], 4);
	if (same && i == s.nservers)
		return;
	snprintf(what, sizeof(what), "cannot set the servers of %s",
		 dev->name);
	if (t6_dev_request(T6_CMD_SET_DEVICE, dev, fill_setting, &s, what)) {
		*failed = true;
		return;
	}
	t6_warn("resolve: %s: servers of %s set again (%u)", dev->name,
		s.server_name, s.nservers);
}

/*
 * set state [type=]client|enterpriseclient|disabled|default
 *     [servername NAME|ADDR[,ADDR...]] [refreshinterval S|default]
 *     [clientport PORT|default] [maxpeers N|default]
 *     [idletimeout SECONDS|default|never] [dev NAME]
 */
static int set_state(struct t6_args *a)
{
	const char *name = NULL, *ifname, *key, *val;
	struct setting s = { 0 };
	struct t6_dev dev;
	char what[96];
	uint32_t v;
	bool found;
	int ret = 0;

	while (!ret && t6_args_more(a)) {
		key = t6_args_peek(a);
		if (!strcmp(key, "client") || !strcmp(key, "enterpriseclient") ||
		    !strcmp(key, "disabled") || !strcmp(key, "default")) {
			val = t6_args_next(a);
			key = "type";
		} else {
			key = t6_args_next(a);
			if (!t6_args_more(a))
				return t6_usage(a, "'%s' needs a value", key);
			val = t6_args_next(a);
		}
		if (!strcmp(key, "type")) {
			s.has_type = true;
			if (!strcmp(val, "client") || !strcmp(val, "default"))
				s.type = T6_TEREDO_CLIENT;
			else if (!strcmp(val, "enterpriseclient"))
				s.type = T6_TEREDO_ENTERPRISE_CLIENT;
			else if (!strcmp(val, "disabled"))
				s.type = T6_TEREDO_DISABLED;
			else
				ret = t6_usage(a, "invalid type '%s'", val);
		} else if (!strcmp(key, "servername")) {
			ret = resolve_servers(a, val, &s);
		} else if (!strcmp(key, "refreshinterval")) {
			s.has_refresh = true;
			s.refresh = T6_TEREDO_DEFAULT_REFRESH;
			if (strcmp(val, "default"))
				ret = t6_parse_u32(a, key, val, 3600, false,
						   &s.refresh);
			if (!ret && s.refresh < 5)
				ret = t6_usage(a, "refreshinterval %u: 5 to 3600 seconds",
					       s.refresh);
		} else if (!strcmp(key, "clientport")) {
			s.has_port = true;
			v = 0;
			if (strcmp(val, "default"))
				ret = t6_parse_u32(a, key, val, 65535, false, &v);
			s.port = v;
		} else if (!strcmp(key, "maxpeers")) {
			s.has_peer_max = true;
			s.peer_max = T6_TEREDO_DEFAULT_PEER_MAX;
			if (strcmp(val, "default"))
				ret = t6_parse_u32(a, key, val,
						   T6_TEREDO_PEER_MAX_LIMIT,
						   false, &s.peer_max);
			if (!ret && !s.peer_max)
				ret = t6_usage(a, "maxpeers 0: 1 to %u",
					       T6_TEREDO_PEER_MAX_LIMIT);
		} else if (!strcmp(key, "idletimeout")) {
			s.has_idle = true;
			s.idle = T6_TEREDO_DEFAULT_IDLE_TIMEOUT;
			if (!strcmp(val, "never"))
				s.idle = 0;
			else if (strcmp(val, "default"))
				ret = t6_parse_u32(a, key, val, 86400, false,
						   &s.idle);
			if (!ret && !s.idle && strcmp(val, "never"))
				ret = t6_usage(a, "idletimeout 0: 1 to 86400 seconds, or never");
		} else if (!strcmp(key, "dev")) {
			name = val;
		} else {
			ret = t6_usage(a, "unknown key '%s'", key);
		}
	}
	if (ret)
		return ret;
	ret = t6_dev_lookup(T6_KIND_TEREDO, name, &dev, &found);
	ifname = found ? dev.name : name ? name : DEFAULT_NAME;
	if (!ret && !found)
		ret = t6_rtnl_link_create(ifname, T6_KIND_NAME_TEREDO, NULL);
	if (!ret && !found) {
		t6_dev_free(&dev);
		ret = t6_dev_find(T6_KIND_TEREDO, ifname, &dev);
		ifname = dev.name;
	}
	if (!ret) {
		snprintf(what, sizeof(what), "cannot set %s", dev.name);
		ret = t6_dev_request(T6_CMD_SET_DEVICE, &dev, fill_setting,
				     &s, what);
	}
	if (!ret)
		ret = t6_rtnl_link_up(ifname);
	t6_dev_free(&dev);
	return ret;
}

static const char *const probe_texts[__T6_TEREDO_PROBE_MAX] = {
	[T6_TEREDO_PROBE_NONE] = "none",
	[T6_TEREDO_PROBE_PRIMARY] = "primary server",
	[T6_TEREDO_PROBE_SECONDARY] = "secondary server",
	[T6_TEREDO_PROBE_CONE] = "cone",
	[T6_TEREDO_PROBE_REFRESH] = "refresh",
};

static const char *const probe_names[__T6_TEREDO_PROBE_MAX] = {
	[T6_TEREDO_PROBE_NONE] = "none",
	[T6_TEREDO_PROBE_PRIMARY] = "primary",
	[T6_TEREDO_PROBE_SECONDARY] = "secondary",
	[T6_TEREDO_PROBE_CONE] = "cone",
	[T6_TEREDO_PROBE_REFRESH] = "refresh",
};

static const char *const nat_texts[__T6_TEREDO_NAT_MAX] = {
	[T6_TEREDO_NAT_UNKNOWN] = "unknown",
	[T6_TEREDO_NAT_NONE] = "none (global connectivity)",
	[T6_TEREDO_NAT_CONE] = "cone",
	[T6_TEREDO_NAT_RESTRICTED] = "restricted",
	[T6_TEREDO_NAT_SYMMETRIC] = "symmetric",
};

static const char *const nat_names[__T6_TEREDO_NAT_MAX] = {
	[T6_TEREDO_NAT_UNKNOWN] = "unknown",
	[T6_TEREDO_NAT_NONE] = "none",
	[T6_TEREDO_NAT_CONE] = "cone",
	[T6_TEREDO_NAT_RESTRICTED] = "restricted",
	[T6_TEREDO_NAT_SYMMETRIC] = "symmetric",
};

static unsigned int u8_or(const struct nlattr *a, unsigned int def)
{
	return a ? mnl_attr_get_u8(a) : def;
}

static const char *pick(const char *const *v, unsigned int n, unsigned int i)
{
	return i < n && v[i] ? v[i] : "unknown";
}

static void print_servers(const struct nlattr **st)
{
	char s[INET_ADDRSTRLEN];
	const struct nlattr *e;
	bool first = true;

	print_label("Server name");
	if (st[T6A_TEREDO_SERVER_NAME] &&
	    *mnl_attr_get_str(st[T6A_TEREDO_SERVER_NAME]))
		print_string(PRINT_ANY, "server_name", "%s\n",
			     mnl_attr_get_str(st[T6A_TEREDO_SERVER_NAME]));
	else
		print_null(PRINT_ANY, "server_name", "%s\n", "(addresses)");
	print_label("Servers");
	open_json_array(PRINT_JSON, "servers");
	if (st[T6A_TEREDO_SERVERS]) {
		mnl_attr_for_each_nested(e, st[T6A_TEREDO_SERVERS]) {
			inet_ntop(AF_INET, mnl_attr_get_payload(e), s,
				  sizeof(s));
			print_string(PRINT_ANY, NULL, first ? "%s" : " %s", s);
			first = false;
		}
	}
	close_json_array(PRINT_JSON, NULL);
	print_string(PRINT_FP, NULL, "%s\n", first ? "(none)" : "");
	print_label("Server in use");
	if (st[T6A_TEREDO_SERVER]) {
		inet_ntop(AF_INET, mnl_attr_get_payload(st[T6A_TEREDO_SERVER]),
			  s, sizeof(s));
		print_string(PRINT_ANY, "server", "%s\n", s);
	} else {
		print_null(PRINT_ANY, "server", "%s\n", "none");
	}
}

static void print_mapping(const struct nlattr **st)
{
	char s[INET6_ADDRSTRLEN];

	print_label("Local mapping");
	print_uint(PRINT_ANY, "local_port", "0.0.0.0:%u\n",
		   st[T6A_TEREDO_LOCAL_PORT] ?
		   mnl_attr_get_u16(st[T6A_TEREDO_LOCAL_PORT]) : 0);
	print_label("External NAT mapping");
	if (st[T6A_TEREDO_MAPPED_ADDR] && st[T6A_TEREDO_MAPPED_PORT]) {
		inet_ntop(AF_INET,
			  mnl_attr_get_payload(st[T6A_TEREDO_MAPPED_ADDR]), s,
			  sizeof(s));
		open_json_object("mapping");
		print_string(PRINT_ANY, "address", "%s", s);
		print_uint(PRINT_ANY, "port", ":%u\n",
			   mnl_attr_get_u16(st[T6A_TEREDO_MAPPED_PORT]));
		close_json_object();
	} else {
		print_null(PRINT_ANY, "mapping", "%s\n", "none");
	}
	print_label("Teredo address");
	if (st[T6A_TEREDO_ADDR]) {
		inet_ntop(AF_INET6, mnl_attr_get_payload(st[T6A_TEREDO_ADDR]),
			  s, sizeof(s));
		print_string(PRINT_ANY, "address", "%s\n", s);
	} else {
		print_null(PRINT_ANY, "address", "%s\n", "none");
	}
}

/* show state [dev NAME] */
static int show_state(struct t6_args *a)
{
	const struct nlattr *st[T6A_TEREDO_MAX + 1];
	const char *name = NULL;
	unsigned int probe, nat;
	struct t6_dev dev;
	t6_attrs tb;
	int ret;

	ret = t6_args_dev_only(a, &name);
	if (!ret)
		ret = t6_dev_find(T6_KIND_TEREDO, name, &dev);
	if (ret)
		return ret;
	if (t6_parse(dev.msg, tb) ||
	    t6_parse_nest(tb[T6A_TEREDO], &t6_teredo_set, st)) {
		t6_dev_free(&dev);
		return t6_err("malformed device reply from the kernel");
	}
	probe = u8_or(st[T6A_TEREDO_PROBE], 0);
	nat = u8_or(st[T6A_TEREDO_NAT], 0);
	open_json_object(NULL);
	t6_print_dev_state(tb);
	print_label("Probing");
	print_string(PRINT_JSON, "probe", NULL,
		     pick(probe_names, ARRAY_SIZE(probe_names), probe));
	print_string(PRINT_FP, NULL, "%s\n",
		     pick(probe_texts, ARRAY_SIZE(probe_texts), probe));
	if (st[T6A_TEREDO_NEXT_TRY]) {
		print_label("Next try");
		print_u64(PRINT_JSON, "next_try_ms", NULL,
			  mnl_attr_get_u64(st[T6A_TEREDO_NEXT_TRY]));
		print_u64(PRINT_FP, NULL, "in %" PRIu64 " seconds\n",
			  (mnl_attr_get_u64(st[T6A_TEREDO_NEXT_TRY]) + 999) /
			  1000);
	} else {
		print_null(PRINT_JSON, "next_try_ms", NULL, NULL);
	}
	print_label("Type");
	print_string(PRINT_ANY, "type", "%s\n",
		     pick(t6_teredo_type_names, ARRAY_SIZE(t6_teredo_type_names),
			  u8_or(st[T6A_TEREDO_TYPE], 0)));
	print_servers(st);
	print_label("Refresh interval");
	print_uint(PRINT_ANY, "refresh_interval", "%u seconds\n",
		   st[T6A_TEREDO_REFRESH] ?
		   mnl_attr_get_u32(st[T6A_TEREDO_REFRESH]) : 0);
	print_label("Idle timeout");
	if (st[T6A_TEREDO_IDLE_TIMEOUT] &&
	    mnl_attr_get_u32(st[T6A_TEREDO_IDLE_TIMEOUT]))
		print_uint(PRINT_ANY, "idle_timeout", "%u seconds\n",
			   mnl_attr_get_u32(st[T6A_TEREDO_IDLE_TIMEOUT]));
	else
		print_null(PRINT_ANY, "idle_timeout", "%s\n", "never");
	print_label("Client port");
	if (st[T6A_TEREDO_CLIENT_PORT] &&
	    mnl_attr_get_u16(st[T6A_TEREDO_CLIENT_PORT]))
		print_uint(PRINT_ANY, "client_port", "%u\n",
			   mnl_attr_get_u16(st[T6A_TEREDO_CLIENT_PORT]));
	else
		print_null(PRINT_ANY, "client_port", "%s\n", "unspecified");
	print_label("NAT");
	print_string(PRINT_JSON, "nat", NULL,
		     pick(nat_names, ARRAY_SIZE(nat_names), nat));
	print_string(PRINT_FP, NULL, "%s\n",
		     pick(nat_texts, ARRAY_SIZE(nat_texts), nat));
	print_mapping(st);
	print_label("Peers");
	print_uint(PRINT_ANY, "peers", "%u",
		   st[T6A_TEREDO_PEERS] ? mnl_attr_get_u32(st[T6A_TEREDO_PEERS]) : 0);
	print_uint(PRINT_ANY, "max_peers", " (at most %u)\n",
		   st[T6A_TEREDO_PEER_MAX] ?
		   mnl_attr_get_u32(st[T6A_TEREDO_PEER_MAX]) : 0);
	t6_print_dev_drops(tb);
	close_json_object();
	t6_dev_free(&dev);
	return 0;
}

static void print_ms_ago(const char *key, const char *fmt,
			 const struct nlattr *a)
{
	if (a) {
		print_u64(PRINT_JSON, key, NULL, mnl_attr_get_u64(a));
		print_u64(PRINT_FP, NULL, fmt, mnl_attr_get_u64(a) / 1000);
	} else {
		print_null(PRINT_JSON, key, NULL, NULL);
	}
}

static void print_peer(const struct nlattr **pt)
{
	char s[INET6_ADDRSTRLEN] = "?";
	bool trusted = pt[T6A_PEER_TRUSTED] &&
		       mnl_attr_get_u8(pt[T6A_PEER_TRUSTED]);

	if (pt[T6A_PEER_ADDR])
		inet_ntop(AF_INET6, mnl_attr_get_payload(pt[T6A_PEER_ADDR]), s,
			  sizeof(s));
	open_json_object(NULL);
	print_string(PRINT_ANY, "address", "%s", s);
	print_bool(PRINT_JSON, "trusted", NULL, trusted);
	if (trusted && pt[T6A_PEER_MAPPED_ADDR] && pt[T6A_PEER_MAPPED_PORT]) {
		inet_ntop(AF_INET,
			  mnl_attr_get_payload(pt[T6A_PEER_MAPPED_ADDR]), s,
			  sizeof(s));
		open_json_object("mapping");
		print_string(PRINT_ANY, "address", " trusted via %s", s);
		print_uint(PRINT_ANY, "port", ":%u",
			   mnl_attr_get_u16(pt[T6A_PEER_MAPPED_PORT]));
		close_json_object();
	} else {
		print_null(PRINT_JSON, "mapping", NULL, NULL);
		print_string(PRINT_FP, NULL, "%s", " not trusted");
	}
	print_ms_ago("last_rx_ms", " rx %" PRIu64 "s ago", pt[T6A_PEER_LAST_RX]);
	print_ms_ago("last_tx_ms", " tx %" PRIu64 "s ago", pt[T6A_PEER_LAST_TX]);
	print_uint(PRINT_ANY, "probes", " probes %u",
		   pt[T6A_PEER_PROBES] ? mnl_attr_get_u32(pt[T6A_PEER_PROBES]) : 0);
	print_uint(PRINT_ANY, "queued", " queued %u\n",
		   pt[T6A_PEER_QUEUED] ? mnl_attr_get_u32(pt[T6A_PEER_QUEUED]) : 0);
	close_json_object();
}

/* show peers [dev NAME] */
static int show_peers(struct t6_args *a)
{
	const struct nlattr *st[T6A_TEREDO_MAX + 1], *pt[T6A_PEER_MAX + 1];
	const char *name = NULL;
	struct t6_msgs m = { 0 };
	struct t6_dev dev;
	t6_attrs tb;
	size_t i;
	int ret;

	ret = t6_args_dev_only(a, &name);
	if (!ret)
		ret = t6_dev_find(T6_KIND_TEREDO, name, &dev);
	if (ret)
		return ret;
	ret = t6_dev_dump(T6_CMD_GET_PEER, &dev, &m);
	if (ret) {
		ret = t6_nl_err(&t6.genl, ret, "cannot list the peers of %s",
				dev.name);
		t6_dev_free(&dev);
		return ret;
	}
	open_json_array(PRINT_JSON, NULL);
	for (i = 0; i < m.n; i++) {
		if (t6_parse(m.v[i], tb) ||
		    t6_parse_nest(tb[T6A_TEREDO], &t6_teredo_set, st) ||
		    t6_parse_nest(st[T6A_TEREDO_PEER], &t6_peer_set, pt))
			continue;
		print_peer(pt);
	}
	close_json_array(PRINT_JSON, NULL);
	if (!m.n)
		print_string(PRINT_FP, NULL, "%s\n", "(no peers)");
	t6_msgs_free(&m);
	t6_dev_free(&dev);
	return 0;
}

static const struct t6_command teredo_cmds[] = {
	{ "show", "state", show_state, "show state [dev NAME]",
	  "state, what it probes, NAT, servers, mappings, address, drop counters" },
	{ "show", "peers", show_peers, "show peers [dev NAME]",
	  "the peers: trusted or not, where their packets go, last heard, probes" },
	{ "show", "interfaces", t6_show_interfaces, "show interfaces",
	  "every transit6 interface of the namespace, any kind, and its state" },
	{ "set", "state", set_state,
	  "set state [type=]client|enterpriseclient|disabled|default "
	  "[servername NAME|ADDR[,ADDR...]] [refreshinterval SECONDS|default] "
	  "[clientport PORT|default] [maxpeers N|default] "
	  "[idletimeout SECONDS|default|never] [dev NAME]",
	  "create it (teredo0 by default) and configure the client" },
};

const struct t6_context t6_teredo_context = {
	.name = "teredo",
	.summary = "Teredo (RFC 4380) client: state, servers, NAT, mapping",
	.cmds = teredo_cmds,
	.ncmds = ARRAY_SIZE(teredo_cmds),
	.notes =
	"Keys take \"key value\" or \"key=value\"; 'dev NAME' may be left out when exactly\n"
	"one Teredo interface exists.  enterpriseclient behaves as client: Linux has\n"
	"no managed-network detection.  servername takes a name (every IPv4 address\n"
	"it resolves to is a server, tried in order) or addresses; the secondary\n"
	"server of each is the address after it (RFC 4380 5.2.1).\n\n"
	"The client qualifies with the primary server, tells a symmetric NAT by the\n"
	"secondary, and a cone NAT by an answer from the other address.  Qualified, it\n"
	"has 2001:0:SERVER:FLAGS:PORT:ADDR/32 and a default route at metric 4096,\n"
	"which native IPv6, ISATAP and 6to4 all beat.  It is never latched offline: a\n"
	"server that stops answering is left for the next, and a round of the list\n"
	"that failed is tried again after a backoff; 'show state' says why and when.\n\n"
	"Peers (RFC 4380 5.2.3-5.2.9): a Teredo destination is trusted once it answers\n"
	"a bubble (direct to its mapping, indirect through its server); a native one\n"
	"once an echo test through the server comes back through its relay.  Until\n"
	"then packets wait (4 per peer); 4 unanswered probes in 300 s give up with an\n"
	"ICMPv6 unreachable.  An entry is good for 30 s after the peer was last heard,\n"
	"then probed again; maxpeers caps the table (1 to 65536, default 4096).\n\n"
	"With no traffic for idletimeout (an hour by default, as Windows), it goes\n"
	"dormant: the address stays, refreshes stop, and the next packet wakes it with a\n"
	"refresh that checks the mapping.\n",
};
