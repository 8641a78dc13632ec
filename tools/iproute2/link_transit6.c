// SPDX-License-Identifier: GPL-2.0
/*
 * iproute2 plugin for the transit6 link kinds:
 *
 *	ip link add NAME type isatap|sixtofour [link DEV] [local A.B.C.D|any]
 *					       [ttl 0..255|inherit] [tos inherit|0]
 *	ip link add NAME type teredo [link DEV] [local A.B.C.D|any]
 *				     [ttl 0..255|inherit]
 *	ip -d link show NAME	->  isatap link DEV local A.B.C.D ttl N tos inherit
 *	ip link help isatap|sixtofour|teredo
 *
 * Built as link_isatap.so, with link_sixtofour.so and link_teredo.so
 * symlinks to it; `ip` finds link_<kind>.so in $IP_LIB_DIR or its
 * LIBDIR/ip and takes the symbol <kind>_link_util.  The attributes are
 * the IFLA_T6_* of transit6.h, the same for every kind; the module reads
 * them at creation only (it has no changelink), and reports in every dump
 * all four for isatap and sixtofour, all but tos for teredo.  Teredo has
 * no tos: its help leaves it out, but its parser still sends it, so that
 * the kernel's own error ("tos is not a Teredo option") is what ip prints.
 *
 * The iproute2 internals used are declared in ip_plugin.h (see there: they
 * mirror iproute2 6.1.0 and must match; keep the list short).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <transit6.h>

#include "ip_plugin.h"

static void t6_print_help(struct link_util *lu, int argc, char **argv,
			  FILE *f)
{
	(void)argc;
	(void)argv;
	fprintf(f,
		"Usage: ... %s [ link DEV ] [ local ADDR ] [ ttl TTL ] [ tos TOS ]\n"
		"\n"
		"Where: DEV  := the IPv4 interface whose addresses it covers (default: all)\n"
		"       ADDR := { A.B.C.D | any }   cover only this IPv4 address\n"
		"       TTL  := { 1..255 | inherit }   outer TTL (default 64;\n"
		"               inherit or 0: the inner hop limit)\n"
		"       TOS  := { inherit | 0 }   outer DSCP: the inner one (default) or 0\n"
		"\n"
		"These are creation options: delete and re-add the link to change them.\n"
		"In JSON, \"ttl\": 0 means inherit.\n",
		lu->id);
}

static void t6_teredo_print_help(struct link_util *lu, int argc,
				 char **argv, FILE *f)
{
	(void)argc;
	(void)argv;
	fprintf(f,
		"Usage: ... %s [ link DEV ] [ local ADDR ] [ ttl TTL ]\n"
		"\n"
		"Where: DEV  := the device the UDP socket is bound to (default: none)\n"
		"       ADDR := { A.B.C.D | any }   the IPv4 address the UDP socket\n"
		"               is bound to and sends from (default: any)\n"
		"       TTL  := { 1..255 | inherit }   outer TTL of what it sends\n"
		"               (default 64; inherit or 0: the inner hop limit,\n"
		"               and the route's default for its own packets)\n"
		"\n"
		"These are creation options: delete and re-add the link to change them.\n"
		"In JSON, \"ttl\": 0 means inherit.\n",
		lu->id);
}

static int t6_parse_opt(struct link_util *lu, int argc, char **argv,
			struct nlmsghdr *n)
{
	bool have_link = false, have_local = false, have_ttl = false,
	     have_tos = false, send_local = false;
	struct in_addr local = { 0 };
	unsigned long v;
	__u32 link = 0;
	__u8 ttl = 0, tos = 0;
	char *end;

	for (; argc > 0; argc--, argv++) {
		const char *key = *argv;

		if (!strcmp(key, "help")) {
			lu->print_help(lu, argc, argv, stderr);
			return -1;
		}
		if (strcmp(key, "link") && strcmp(key, "local") &&
		    strcmp(key, "ttl") && strcmp(key, "tos")) {
			fprintf(stderr, "%s: unknown option \"%s\"?\n",
				lu->id, key);
			lu->print_help(lu, 0, NULL, stderr);
			return -1;
		}
		if (argc < 2)
			incomplete_command();
		argc--;
		argv++;
		if (!strcmp(key, "link")) {
			if (have_link)
				duparg(key, *argv);
			have_link = true;
			link = ll_name_to_index(*argv);
			if (!link) {
				fprintf(stderr, "Cannot find device \"%s\"\n",
					*argv);
				return -1;
			}
		} else if (!strcmp(key, "local")) {
			if (have_local)
				duparg(key, *argv);
			have_local = true;
			/* "any" (what a dump shows when unset): no attribute */
			send_local = strcmp(*argv, "any");
			if (send_local && inet_pton(AF_INET, *argv, &local) != 1)
				invarg("\"local\" is not an IPv4 address (A.B.C.D or any)",
				       *argv);
		} else if (!strcmp(key, "ttl")) {
			if (have_ttl)
				duparg(key, *argv);
			have_ttl = true;
			if (!strcmp(*argv, "inherit")) {
				ttl = 0;
			} else {
				errno = 0;
				v = strtoul(*argv, &end, 10);
				if (**argv < '0' || **argv > '9' || *end ||
				    errno || v > 255)
					invarg("\"ttl\" must be 0..255 or inherit",
					       *argv);
				ttl = v;
			}
		} else {
			if (have_tos)
				duparg(key, *argv);
			have_tos = true;
			if (!strcmp(*argv, "inherit"))
				tos = 1;
			else if (!strcmp(*argv, "0"))
				tos = 0;
			else
				invarg("\"tos\" must be inherit or 0", *argv);
		}
	}

	if (have_link)
		addattr32(n, IP_PLUGIN_REQ_MAXLEN, IFLA_T6_LINK, link);
	if (send_local)
		addattr_l(n, IP_PLUGIN_REQ_MAXLEN, IFLA_T6_LOCAL, &local,
			  sizeof(local));
	if (have_ttl)
		addattr8(n, IP_PLUGIN_REQ_MAXLEN, IFLA_T6_TTL, ttl);
	if (have_tos)
		addattr8(n, IP_PLUGIN_REQ_MAXLEN, IFLA_T6_TOS, tos);
	return 0;
}

/* The payload of @a if it holds at least @len bytes, else NULL. */
static const void *attr_data(const struct rtattr *a, size_t len)
{
	return a && RTA_PAYLOAD(a) >= len ? RTA_DATA(a) : NULL;
}

static void t6_print_opt(struct link_util *lu, FILE *f, struct rtattr *tb[])
{
	char buf[INET_ADDRSTRLEN];
	const void *p;
	__u32 link;
	__u8 u8;

	(void)lu;
	(void)f;
	if (!tb)
		return;
	p = attr_data(tb[IFLA_T6_LINK], sizeof(link));
	if (p) {
		memcpy(&link, p, sizeof(link));
		if (link)
			print_string(PRINT_ANY, "link", "link %s ",
				     ll_index_to_name(link));
	}
	p = attr_data(tb[IFLA_T6_LOCAL], sizeof(struct in_addr));
	if (p) {
		struct in_addr local;

		memcpy(&local, p, sizeof(local));
		print_string(PRINT_ANY, "local", "local %s ",
			     local.s_addr ? inet_ntop(AF_INET, &local, buf,
						      sizeof(buf)) : "any");
	}
	p = attr_data(tb[IFLA_T6_TTL], 1);
	if (p) {
		u8 = *(const __u8 *)p;
		snprintf(buf, sizeof(buf), "%u", u8);
		print_uint(PRINT_JSON, "ttl", NULL, u8);
		print_string(PRINT_FP, NULL, "ttl %s ", u8 ? buf : "inherit");
	}
	p = attr_data(tb[IFLA_T6_TOS], 1);
	if (p) {
		u8 = *(const __u8 *)p;
		print_string(PRINT_ANY, "tos", "tos %s ", u8 ? "inherit" : "0");
	}
}

/* The only symbols the plugin exports (-fvisibility=hidden). */
__attribute__((visibility("default")))
struct link_util isatap_link_util = {
	.id		= T6_KIND_NAME_ISATAP,
	.maxattr	= IFLA_T6_MAX,
	.parse_opt	= t6_parse_opt,
	.print_opt	= t6_print_opt,
	.print_help	= t6_print_help,
};

__attribute__((visibility("default")))
struct link_util sixtofour_link_util = {
	.id		= T6_KIND_NAME_6TO4,
	.maxattr	= IFLA_T6_MAX,
	.parse_opt	= t6_parse_opt,
	.print_opt	= t6_print_opt,
	.print_help	= t6_print_help,
};

__attribute__((visibility("default")))
struct link_util teredo_link_util = {
	.id		= T6_KIND_NAME_TEREDO,
	.maxattr	= IFLA_T6_MAX,
	.parse_opt	= t6_parse_opt,
	.print_opt	= t6_print_opt,
	.print_help	= t6_teredo_print_help,
};
