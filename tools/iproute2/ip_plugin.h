/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The part of iproute2's internal interface an `ip link` type plugin uses,
 * declared here rather than taken from iproute2's headers (which are not
 * installed anywhere).
 *
 * These declarations MIRROR iproute2 v6.1.0 (tag v6.1.0, commit
 * 83699d3d5077bbb3957030938f746601317767d2; Debian bookworm's iproute2
 * 6.1.0) and MUST MATCH it:
 *   struct link_util		ip/ip_common.h
 *   addattr_l, addattr8/32	include/libnetlink.h
 *   print_color_*, enum output_type	include/json_print.h
 *   enum color_attr		include/color.h
 *   ll_name_to_index, ll_index_to_name	include/ll_map.h
 *   invarg, duparg, incomplete_command	include/utils.h
 *
 * `ip` (linked with -export-dynamic) dlopen()s link_<kind>.so from
 * $IP_LIB_DIR or LIBDIR/ip (Debian: /usr/lib/<multiarch>/ip) and takes the
 * data symbol <kind>_link_util.  Nothing checks that the plugin and `ip`
 * agree, so the surface is kept small and old: struct link_util has been
 * unchanged from v4.20 (2018) to at least v6.19, and each function below
 * has had this prototype since at least then (print_color_* returned void
 * before v5.8; the return value is never used here).  Deliberately NOT used:
 * get_addr() and friends (they fill inet_prefix, a struct whose layout is
 * iproute2's business), get_u8()/get_unsigned() (plain strtoul does), and
 * any iproute2 global variable.  A plugin loaded by an ip other than 6.1.x
 * will most likely work, but only 6.1.x is what this was checked against.
 */
#ifndef _T6_IP_PLUGIN_H
#define _T6_IP_PLUGIN_H

#include <stdio.h>
#include <linux/types.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

/* ip/ip_common.h */
struct link_util {
	struct link_util	*next;
	const char		*id;
	int			maxattr;
	int			(*parse_opt)(struct link_util *, int, char **,
					     struct nlmsghdr *);
	void			(*print_opt)(struct link_util *, FILE *,
					     struct rtattr *[]);
	void			(*print_xstats)(struct link_util *, FILE *,
						struct rtattr *);
	void			(*print_help)(struct link_util *, int, char **,
					      FILE *);
	int			(*parse_ifla_xstats)(struct link_util *,
						     int, char **);
	int			(*print_ifla_xstats)(struct nlmsghdr *, void *);
};

/*
 * ip/iplink.c hands parse_opt() the nlmsghdr of a struct iplink_req, whose
 * buffer after the ifinfomsg is 1024 bytes; the in-tree link types all
 * pass 1024 as maxlen to addattr*().
 */
#define IP_PLUGIN_REQ_MAXLEN	1024

/* include/libnetlink.h */
int addattr8(struct nlmsghdr *n, int maxlen, int type, __u8 data);
int addattr32(struct nlmsghdr *n, int maxlen, int type, __u32 data);
int addattr_l(struct nlmsghdr *n, int maxlen, int type,
	      const void *data, int alen);

/* include/json_print.h, include/color.h */
enum output_type {
	PRINT_FP = 1,
	PRINT_JSON = 2,
	PRINT_ANY = 4,
};

enum color_attr {
	COLOR_IFNAME,
	COLOR_MAC,
	COLOR_INET,
	COLOR_INET6,
	COLOR_OPERSTATE_UP,
	COLOR_OPERSTATE_DOWN,
	COLOR_NONE
};

int print_color_string(enum output_type t, enum color_attr color,
		       const char *key, const char *fmt, const char *value);
int print_color_uint(enum output_type t, enum color_attr color,
		     const char *key, const char *fmt, unsigned int value);

/* json_print.h's print_string()/print_uint(): static inline there too */
static inline void print_string(enum output_type t, const char *key,
				const char *fmt, const char *value)
{
	print_color_string(t, COLOR_NONE, key, fmt, value);
}

static inline void print_uint(enum output_type t, const char *key,
			      const char *fmt, unsigned int value)
{
	print_color_uint(t, COLOR_NONE, key, fmt, value);
}

/* include/ll_map.h */
unsigned ll_name_to_index(const char *name);
const char *ll_index_to_name(unsigned idx);

/* include/utils.h */
void invarg(const char *msg, const char *arg) __attribute__((noreturn));
void duparg(const char *key, const char *arg) __attribute__((noreturn));
void incomplete_command(void) __attribute__((noreturn));

#endif /* _T6_IP_PLUGIN_H */
