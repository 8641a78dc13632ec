// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration as t6 commands, netsh's way.  "t6 dump" prints the
 * running configuration of every transit6 interface of the namespace as
 * the commands that make it; "t6 exec FILE" applies a file of such
 * commands, one per line.  A dump is a valid exec file, so
 *
 *	t6 dump > /etc/transit6/transit6.conf
 *
 * is how the running state is kept for transit6.service.
 *
 * exec checks every line before it changes anything: each command runs
 * once with t6.dry_run set, which parses and resolves everything and
 * looks up what exists, but sends no change (dev.c, rtnl.c and the
 * sysctl, forwarding and radvd writers stop there).  Then each runs for
 * real with t6.replace set, so that an add of what exists replaces it
 * and the same file applies twice.  A line the kernel refuses midway
 * undoes the lines before it: interfaces the file created are deleted,
 * the ones that existed get their dumped configuration back.
 */
#define _GNU_SOURCE	/* vasprintf */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <net/if.h>

#include "t6.h"

/* One command line of a dump or of a file: the line and its words. */
struct cmd_line {
	char *text;
	unsigned int lineno;
};

struct cmd_lines {
	struct cmd_line *v;
	size_t n;
	bool oom;
};

static void lines_add(struct cmd_lines *l, unsigned int lineno,
		      const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void lines_add(struct cmd_lines *l, unsigned int lineno,
		      const char *fmt, ...)
{
	struct cmd_line *v = realloc(l->v, (l->n + 1) * sizeof(*v));
	va_list ap;
	int ret;

	if (!v) {
		l->oom = true;
		return;
	}
	l->v = v;
	va_start(ap, fmt);
	ret = vasprintf(&v[l->n].text, fmt, ap);
	va_end(ap);
	if (ret < 0) {
		l->oom = true;
		return;
	}
	v[l->n++].lineno = lineno;
}

static void lines_free(struct cmd_lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static unsigned int u8_of(const struct nlattr *a)
{
	return a ? mnl_attr_get_u8(a) : 0;
}

static unsigned int u16_of(const struct nlattr *a)
{
	return a ? mnl_attr_get_u16(a) : 0;
}

static unsigned int u32_of(const struct nlattr *a)
{
	return a ? mnl_attr_get_u32(a) : 0;
}

static const char *ntop4(const struct nlattr *a, char *buf)
{
	return inet_ntop(AF_INET, mnl_attr_get_payload(a), buf,
			 INET_ADDRSTRLEN);
}

/* " link DEV local A ttl N": the creation options that are not defaults */
static int creation_opts(const struct t6_dev *dev, char *buf, size_t size)
{
	char link[IF_NAMESIZE] = "", local[INET_ADDRSTRLEN];
	struct t6_link_opts o;
	size_t len;
	int ret;

	buf[0] = '\0';
	ret = t6_rtnl_link_opts(dev->ifindex, &o);
	if (ret)
		return ret;
	if (o.link && if_indextoname(o.link, link))
		snprintf(buf, size, " link %s", link);
	len = strlen(buf);
	if (o.local.s_addr)
		snprintf(buf + len, size - len, " local %s",
			 inet_ntop(AF_INET, &o.local, local, sizeof(local)));
	len = strlen(buf);
	if (o.ttl != T6_TTL_DEFAULT)
		snprintf(buf + len, size - len, o.ttl ? " ttl %u" :
			 " ttl inherit", o.ttl);
	return 0;
}

/* The PRL as it was set: the names if the kernel keeps them, else addresses */
static void dump_prl(const struct t6_dev *dev, const struct nlattr **it,
		     const struct t6_msgs *routers, struct cmd_lines *l)
{
	const struct nlattr *rt[T6A_ROUTER_MAX + 1], *x[T6A_ISATAP_MAX + 1];
	char a[INET_ADDRSTRLEN];
	const struct nlattr *n;
	unsigned int i = 0;
	t6_attrs tb;
	size_t k;

	if (it[T6A_ISATAP_PRL_NAMES]) {
		mnl_attr_for_each_nested(n, it[T6A_ISATAP_PRL_NAMES])
			if (mnl_attr_get_type(n) == T6A_PRL_NAME &&
			    !mnl_attr_validate(n, MNL_TYPE_NUL_STRING))
				lines_add(l, 0, "isatap %s router %s dev %s",
					  i++ ? "add" : "set",
					  mnl_attr_get_str(n), dev->name);
		if (i)
			return;
	}
	for (k = 0; k < routers->n; k++) {
		if (t6_parse(routers->v[k], tb) ||
		    t6_parse_nest(tb[T6A_ISATAP], &t6_isatap_set, x) ||
		    t6_parse_nest(x[T6A_ISATAP_ROUTER], &t6_router_set, rt) ||
		    !rt[T6A_ROUTER_ADDR])
			continue;
		lines_add(l, 0, "isatap %s router %s dev %s",
			  i++ ? "add" : "set", ntop4(rt[T6A_ROUTER_ADDR], a),
			  dev->name);
	}
	if (!i)
		lines_add(l, 0, "isatap del router all dev %s", dev->name);
}

static void dump_prefixes(const struct t6_dev *dev,
			  const struct t6_msgs *prefixes, struct cmd_lines *l)
{
	const struct nlattr *pt[T6A_PREFIX_MAX + 1], *x[T6A_ISATAP_MAX + 1];
	char p[INET6_ADDRSTRLEN], v[16], pr[16];
	uint32_t valid, preferred;
	t6_attrs tb;
	size_t k;

	for (k = 0; k < prefixes->n; k++) {
		if (t6_parse(prefixes->v[k], tb) ||
		    t6_parse_nest(tb[T6A_ISATAP], &t6_isatap_set, x) ||
		    t6_parse_nest(x[T6A_ISATAP_PREFIX], &t6_prefix_set, pt) ||
		    !pt[T6A_PREFIX_ADDR] || !pt[T6A_PREFIX_LEN])
			continue;
		valid = u32_of(pt[T6A_PREFIX_VALID_LFT]);
		preferred = u32_of(pt[T6A_PREFIX_PREFERRED_LFT]);
		snprintf(v, sizeof(v), "%u", valid);
		snprintf(pr, sizeof(pr), "%u", preferred);
		lines_add(l, 0,
			  "isatap add prefix %s/%u validlft %s preferredlft %s dev %s",
			  t6_addr6_ntop(mnl_attr_get_payload(pt[T6A_PREFIX_ADDR]),
					p, sizeof(p)),
			  u8_of(pt[T6A_PREFIX_LEN]),
			  valid == UINT32_MAX ? "infinite" : v,
			  preferred == UINT32_MAX ? "infinite" : pr,
			  dev->name);
	}
}

static int dump_isatap(const struct t6_dev *dev, const t6_attrs tb,
		       struct cmd_lines *l)
{
	struct t6_msgs routers = { 0 }, prefixes = { 0 };
	const struct nlattr *it[T6A_ISATAP_MAX + 1];
	char opts[96];
	int ret;

	ret = creation_opts(dev, opts, sizeof(opts));
	if (ret)
		return ret;
	ret = t6_dev_dump(T6_CMD_GET_ROUTER, dev, &routers);
	if (!ret)
		ret = t6_dev_dump(T6_CMD_GET_PREFIX, dev, &prefixes);
	if (ret == -EOPNOTSUPP)	/* not a router: none published */
		ret = 0;
	if (ret) {
		ret = t6_nl_err(&t6.genl, ret, "cannot list the PRL and prefixes of %s",
				dev->name);
		goto out;
	}
	t6_parse_nest(tb[T6A_ISATAP], &t6_isatap_set, it);
	lines_add(l, 0, "isatap set state enabled dev %s%s", dev->name, opts);
	dump_prl(dev, it, &routers, l);
	lines_add(l, 0, "isatap set rsinterval %u dev %s",
		  u32_of(it[T6A_ISATAP_RS_INTERVAL]), dev->name);
	lines_add(l, 0, "isatap set routerlifetime %u dev %s",
		  u16_of(it[T6A_ISATAP_ROUTER_LIFETIME]), dev->name);
	lines_add(l, 0, "isatap set forwarding %s dev %s",
		  u8_of(it[T6A_ISATAP_FORWARDING]) ? "enabled" : "disabled",
		  dev->name);
	dump_prefixes(dev, &prefixes, l);
out:
	t6_msgs_free(&routers);
	t6_msgs_free(&prefixes);
	return ret;
}

static void dump_6to4(const struct t6_dev *dev, const t6_attrs tb,
		      struct cmd_lines *l)
{
	const struct nlattr *st[T6A_6TO4_MAX + 1];
	struct t6_lan lans[T6_LAN_MAX];
	char a[INET_ADDRSTRLEN];
	const char *relay = "none";
	int i, n;

	t6_parse_nest(tb[T6A_6TO4], &t6_6to4_set, st);
	lines_add(l, 0, "6to4 set state %s dev %s",
		  u8_of(st[T6A_6TO4_ROLE]) == T6_6TO4_RELAY ? "relay" :
		  "enabled", dev->name);
	if (st[T6A_6TO4_RELAY_NAME] &&
	    *mnl_attr_get_str(st[T6A_6TO4_RELAY_NAME]))
		relay = mnl_attr_get_str(st[T6A_6TO4_RELAY_NAME]);
	else if (st[T6A_6TO4_RELAY_ADDR] && u32_of(st[T6A_6TO4_RELAY_ADDR]))
		relay = ntop4(st[T6A_6TO4_RELAY_ADDR], a);
	lines_add(l, 0, "6to4 set relay %s dev %s", relay, dev->name);
	lines_add(l, 0, "6to4 set nativefrom %s dev %s",
		  u8_of(st[T6A_6TO4_NATIVE_FROM]) == T6_6TO4_NATIVE_RELAY ?
		  "relay" : "any", dev->name);
	n = t6_6to4_lans_of(dev->msg, lans, T6_LAN_MAX);
	for (i = 0; i < n; i++)
		lines_add(l, 0,
			  "6to4 set routing enabled lan %s subnet %u dev %s",
			  lans[i].ifname, lans[i].subnet, dev->name);
}

static void dump_teredo(const struct t6_dev *dev, const t6_attrs tb,
			struct cmd_lines *l)
{
	const struct nlattr *tt[T6A_TEREDO_MAX + 1], *s;
	char servers[T6_TEREDO_MAX_SERVERS * 16 + 16] = "", a[16];
	unsigned int type, idle;
	size_t len;

	t6_parse_nest(tb[T6A_TEREDO], &t6_teredo_set, tt);
	type = u8_of(tt[T6A_TEREDO_TYPE]);
	if (tt[T6A_TEREDO_SERVER_NAME] &&
	    *mnl_attr_get_str(tt[T6A_TEREDO_SERVER_NAME])) {
		snprintf(servers, sizeof(servers), " servername %s",
			 mnl_attr_get_str(tt[T6A_TEREDO_SERVER_NAME]));
	} else if (tt[T6A_TEREDO_SERVERS]) {
		mnl_attr_for_each_nested(s, tt[T6A_TEREDO_SERVERS]) {
			if (mnl_attr_get_payload_len(s) != 4)
				continue;
			len = strlen(servers);
			snprintf(servers + len, sizeof(servers) - len, "%s%s",
				 len ? "," : " servername ", ntop4(s, a));
		}
	}
	idle = u32_of(tt[T6A_TEREDO_IDLE_TIMEOUT]);
	snprintf(a, sizeof(a), "%u", idle);
	lines_add(l, 0,
		  "teredo set state %s%s refreshinterval %u clientport %u maxpeers %u idletimeout %s dev %s",
		  type < __T6_TEREDO_TYPE_MAX ? t6_teredo_type_names[type] :
		  "client",
		  servers, u32_of(tt[T6A_TEREDO_REFRESH]),
		  u16_of(tt[T6A_TEREDO_CLIENT_PORT]),
		  u32_of(tt[T6A_TEREDO_PEER_MAX]), idle ? a : "never",
		  dev->name);
}

/* The commands that make every transit6 interface of the namespace. */
static int dump_lines(struct cmd_lines *l)
{
	struct t6_msgs m = { 0 };
	struct t6_dev dev;
	int ret = t6_dev_all(&m);
	t6_attrs tb;
	size_t i;

	for (i = 0; i < m.n && !ret; i++) {
		if (!t6_dev_from_msg(m.v[i], &dev) || t6_parse(m.v[i], tb))
			continue;
		dev.msg = m.v[i];
		if (dev.kind == T6_KIND_ISATAP)
			ret = dump_isatap(&dev, tb, l);
		else if (dev.kind == T6_KIND_6TO4)
			dump_6to4(&dev, tb, l);
		else if (dev.kind == T6_KIND_TEREDO)
			dump_teredo(&dev, tb, l);
	}
	t6_msgs_free(&m);
	if (!ret && l->oom)
		ret = t6_err("out of memory");
	return ret;
}

/* t6 dump: text, one command a line; JSON, an array of the commands. */
int t6_dump(int argc, char **argv)
{
	struct cmd_lines l = { 0 };
	size_t i;
	int ret;

	if (argc) {
		t6_warn("unknown argument '%s'; usage: t6 [-j] [-p] dump",
			argv[0]);
		return T6_EXIT_USAGE;
	}
	ret = dump_lines(&l);
	if (ret)
		goto out;
	t6_print_init(t6.json, t6.pretty);
	if (!is_json_context())
		printf("# transit6 configuration, as 't6 dump' prints it;\n"
		       "# 't6 exec FILE' applies it (transit6.service does at boot).\n");
	open_json_array(PRINT_JSON, NULL);
	for (i = 0; i < l.n; i++)
		print_string(PRINT_ANY, NULL, "%s\n", l.v[i].text);
	close_json_array(PRINT_JSON, NULL);
out:
	lines_free(&l);
	return ret;
}

/* Reads @path ("-": stdin) into @l: the commands, comments and blanks out. */
static int read_file(const char *path, struct cmd_lines *l)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	unsigned int lineno = 0;
	size_t cap = 0;
	char *buf = NULL, *s, *hash;
	ssize_t len;

	if (!f)
		return t6_err("cannot open %s: %s", path, strerror(errno));
	while ((len = getline(&buf, &cap, f)) >= 0) {
		lineno++;
		/* '#' starts a comment at a word's start, as in the shell */
		for (hash = buf; (hash = strchr(hash, '#')); hash++)
			if (hash == buf || strchr(" \t", hash[-1]))
				break;
		if (hash)
			*hash = '\0';
		s = buf + strspn(buf, " \t\r\n");
		if (*s)
			lines_add(l, lineno, "%s", s);
	}
	free(buf);
	if (ferror(f)) {
		if (f != stdin)
			fclose(f);
		return t6_err("cannot read %s", path);
	}
	if (f != stdin)
		fclose(f);
	return l->oom ? t6_err("out of memory") : 0;
}

/* Splits @text in words on blanks, in place; at most @max. */
static int split(char *text, char **words, int max)
{
	char *save = NULL, *w;
	int n = 0;

	for (w = strtok_r(text, " \t\r\n", &save); w;
	     w = strtok_r(NULL, " \t\r\n", &save)) {
		if (n == max)
			return -1;
		words[n++] = w;
	}
	return n;
}

#define MAX_WORDS	32

/*
 * One line of a configuration: a t6 command without "t6" (allowed) or
 * options.  Only commands that change something belong there.
 */
static int run_line(const char *text)
{
	char *copy = strdup(text), *words[MAX_WORDS];
	int n, ret;

	if (!copy)
		return t6_err("out of memory");
	n = split(copy, words, MAX_WORDS);
	if (n > 0 && !strcmp(words[0], "t6"))
		memmove(words, words + 1, --n * sizeof(words[0]));
	if (n < 0)
		ret = t6_err("too many words");
	else if (n > 0 && words[0][0] == '-')
		ret = t6_err("options such as '%s' have no place in a configuration",
			     words[0]);
	else if (n < 2 || (strcmp(words[1], "set") && strcmp(words[1], "add") &&
			   strcmp(words[1], "del") &&
			   strcmp(words[1], "delete")))
		ret = t6_err("not a set, add or del command: '%s'", text);
	else
		ret = t6_run_words(n, words);
	free(copy);
	return ret;
}

/*
 * Every line of @l, @path naming them; stops at the first that fails
 * (its index in *@failed) unless @keep_going (undoing: all it can).
 */
static int run_lines(const char *path, const struct cmd_lines *l,
		     bool keep_going, size_t *failed)
{
	char where[512];
	size_t i;
	int ret = 0, r;

	for (i = 0; i < l->n && (!ret || keep_going); i++) {
		snprintf(where, sizeof(where), "%s:%u", path, l->v[i].lineno);
		t6.where = where;
		r = run_line(l->v[i].text);
		if (r && !ret) {
			ret = r;
			*failed = i;
		}
	}
	t6.where = NULL;
	return ret;
}

/* Whether @name was a transit6 interface before (in @before). */
static bool existed(const struct t6_msgs *before, const char *name)
{
	t6_attrs tb;
	size_t i;

	for (i = 0; i < before->n; i++)
		if (!t6_parse(before->v[i], tb) && tb[T6A_IFNAME] &&
		    !strcmp(mnl_attr_get_str(tb[T6A_IFNAME]), name))
			return true;
	return false;
}

/*
 * A line failed midway: interfaces that did not exist before go, the ones
 * that did get their configuration from before (@snapshot) back.
 */
static void undo(const struct t6_msgs *before, const struct cmd_lines *snap)
{
	struct t6_msgs now = { 0 };
	struct cmd_lines del = { 0 };
	size_t i, failed;
	t6_attrs tb;

	if (t6_dev_all(&now))
		return;
	for (i = 0; i < now.n; i++) {
		if (t6_parse(now.v[i], tb) || !tb[T6A_IFNAME] ||
		    !tb[T6A_KIND] || !tb[T6A_IFINDEX] ||
		    existed(before, mnl_attr_get_str(tb[T6A_IFNAME])))
			continue;
		/* Teredo's "set state disabled" keeps the interface */
		if (mnl_attr_get_u8(tb[T6A_KIND]) == T6_KIND_TEREDO)
			t6_rtnl_link_del(mnl_attr_get_u32(tb[T6A_IFINDEX]));
		else
			lines_add(&del, 0, "%s set state disabled dev %s",
				  t6_kind_name(mnl_attr_get_u8(tb[T6A_KIND])),
				  mnl_attr_get_str(tb[T6A_IFNAME]));
	}
	t6_msgs_free(&now);
	run_lines("undo", &del, true, &failed);
	lines_free(&del);
	run_lines("undo (configuration before)", snap, true, &failed);
}

/* t6 exec FILE: check every line, then apply them all, or none. */
int t6_exec(int argc, char **argv)
{
	struct cmd_lines l = { 0 }, snap = { 0 };
	struct t6_msgs before = { 0 };
	size_t failed = 0;
	int ret;

	if (argc != 1) {
		t6_warn("%s; usage: t6 exec FILE|-",
			argc ? "one file only" : "missing FILE");
		return T6_EXIT_USAGE;
	}
	ret = read_file(argv[0], &l);
	if (ret)
		goto out;
	t6.from_file = true;
	t6.dry_run = true;
	ret = run_lines(argv[0], &l, false, &failed);
	t6.dry_run = false;
	t6_dry_forget();
	if (ret) {
		t6_warn("%s: nothing applied", argv[0]);
		goto out;
	}
	ret = t6_dev_all(&before);
	if (!ret)
		ret = dump_lines(&snap);
	if (ret)
		goto out;
	t6.replace = true;
	ret = run_lines(argv[0], &l, false, &failed);
	if (ret) {
		t6_warn("%s:%u failed: undoing the lines before it",
			argv[0], l.v[failed].lineno);
		undo(&before, &snap);
	}
	t6.replace = false;
	t6.from_file = false;
out:
	t6_msgs_free(&before);
	lines_free(&snap);
	lines_free(&l);
	return ret;
}
