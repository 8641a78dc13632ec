/* SPDX-License-Identifier: GPL-2.0 */
/*
 * t6: userspace tool of transit6.  One private header, one section per
 * file (the vxlan_private.h way).
 */
#ifndef _T6_H
#define _T6_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <libmnl/libmnl.h>

#include <transit6.h>

#define T6_EXIT_RUNTIME	1
#define T6_EXIT_USAGE	2

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#ifndef IFNAMSIZ
#define IFNAMSIZ	16
#endif

/* main.c: argument grammar and dispatch */

struct t6_command;

/* What follows VERB OBJECT, with every "key=value" split in two words. */
struct t6_args {
	int argc;
	char **argv;
	const struct t6_command *cmd;
	const char *usage;	/* "t6 CONTEXT <cmd->usage>", for errors */
};

struct t6_command {
	const char *verb;
	const char *object;
	int (*run)(struct t6_args *a);
	const char *usage;	/* after "t6 CONTEXT " */
	const char *help;	/* one line */
};

struct t6_context {
	const char *name;
	const char *summary;
	const struct t6_command *cmds;
	size_t ncmds;
	const char *notes;	/* printed after the command list, or NULL */
};

extern const struct t6_context t6_isatap_context;
extern const struct t6_context t6_6to4_context;
extern const struct t6_context t6_teredo_context;

int t6_run_words(int n, char **words);

/* config.c: t6 dump, t6 exec */
int t6_dump(int argc, char **argv);
int t6_exec(int argc, char **argv);

/* resolve.c: t6 resolve; the kinds' passes over their names */
int t6_resolve(int argc, char **argv);
int t6_resolve4(const char *name, struct in_addr *v, size_t max);
struct t6_dev;
void t6_isatap_refresh(const struct t6_dev *dev, bool *failed);
void t6_6to4_refresh(const struct t6_dev *dev, bool *failed);
void t6_teredo_refresh(const struct t6_dev *dev, bool *failed);
/* teredo.c: netsh's words for enum t6_teredo_type */
extern const char *const t6_teredo_type_names[__T6_TEREDO_TYPE_MAX];

/* isatap_show.c */

int t6_isatap_show(struct t6_args *a);

int t6_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void t6_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int t6_usage(const struct t6_args *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
bool t6_args_more(const struct t6_args *a);
const char *t6_args_peek(const struct t6_args *a);
const char *t6_args_next(struct t6_args *a);
int t6_args_value(struct t6_args *a, const char *key, const char **val);
int t6_args_dev_only(struct t6_args *a, const char **dev);
int t6_parse_u32(struct t6_args *a, const char *key, const char *s,
		 uint32_t max, bool infinite_ok, uint32_t *out);
int t6_parse_prefix(struct t6_args *a, const char *s, struct in6_addr *p,
		    uint8_t *len);
int t6_parse_enabled(struct t6_args *a, const char *key, const char *s,
		     bool *on);

/* nl.c: libmnl helpers */

struct t6_nl {
	struct mnl_socket *sk;
	unsigned int portid;
	unsigned int seq;
	int bus;
	char ext_msg[256];	/* extack message of the last failure */
};

/* Flat view of one transit6 genl message, validated against the ABI. */
typedef const struct nlattr *t6_attrs[T6A_MAX + 1];

/* A list of copied messages, collected from a dump before printing. */
struct t6_msgs {
	struct nlmsghdr **v;
	size_t n;
	size_t cap;
};

struct t6 {
	bool json;
	bool pretty;
	/* t6 exec (config.c): check without changing; adds replace */
	bool dry_run;
	bool replace;
	bool from_file;		/* a name that does not resolve is kept */
	const char *where;	/* "FILE:LINE" before every error, or NULL */
	struct t6_nl genl;
	uint16_t family;
	uint32_t family_version;
	uint32_t events_grp;
	struct t6_nl rtnl;
};

extern struct t6 t6;

int t6_genl_resolve(bool absent_ok);
int t6_genl_open(void);
struct nlmsghdr *t6_genl_msg(void *buf, uint8_t cmd, uint16_t flags);
int t6_nl_talk(struct t6_nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
	       void *data);
int t6_nl_err(const struct t6_nl *nl, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int t6_parse(const struct nlmsghdr *nlh, t6_attrs tb);
/* the attribute sets of the nests (enum t6_isatap_attr, ...) */
struct t6_attr_set;
extern const struct t6_attr_set t6_isatap_set, t6_router_set, t6_prefix_set,
	t6_6to4_set, t6_lan_set, t6_teredo_set, t6_peer_set;
int t6_parse_nest(const struct nlattr *nest, const struct t6_attr_set *set,
		  const struct nlattr **tb);
int t6_msgs_add(const struct nlmsghdr *nlh, void *data);
void t6_msgs_free(struct t6_msgs *m);
int t6_events_subscribe(void);
int t6_events_run(mnl_cb_t cb, void *data);
/* IFLA_INFO_DATA of a new link: the IFLA_T6_* given */
struct t6_link_opts {
	bool has_link, has_local, has_ttl;
	uint32_t link;		/* ifindex */
	struct in_addr local;
	uint8_t ttl;		/* 0: inherit the inner hop limit */
};

#define T6_TTL_DEFAULT	64

int t6_rtnl_link_create(const char *name, const char *kind,
			const struct t6_link_opts *opts);
int t6_rtnl_link_opts(uint32_t ifindex, struct t6_link_opts *opts);
int t6_rtnl_link_up(const char *name);
int t6_rtnl_link_del(uint32_t ifindex);
int t6_rtnl_addr6(uint16_t type, uint32_t ifindex,
		  const struct in6_addr *addr, uint8_t plen);

/* print.c: one printer for text and JSON (iproute2's PRINT_ANY) */

enum output_type {
	PRINT_FP = 1,
	PRINT_JSON = 2,
	PRINT_ANY = PRINT_FP | PRINT_JSON,
};

void t6_print_init(bool json, bool pretty);
bool is_json_context(void);
void open_json_object(const char *key);
void close_json_object(void);
void open_json_array(enum output_type t, const char *key);
void close_json_array(enum output_type t, const char *text);
void print_string(enum output_type t, const char *key, const char *fmt,
		  const char *value);
void print_uint(enum output_type t, const char *key, const char *fmt,
		unsigned int value);
void print_u64(enum output_type t, const char *key, const char *fmt,
	       uint64_t value);
void print_bool(enum output_type t, const char *key, const char *fmt,
		bool value);
void print_null(enum output_type t, const char *key, const char *fmt,
		const char *text);
void print_nl(void);
void print_label(const char *label);
void print_cont(void);

/* sixtofour_lan.c: the LAN side of a 6to4 router (addresses, radvd) */
int t6_state_dir(bool create);
void t6_state_path(char *buf, size_t len, const char *name);

#define T6_LAN_MAX	16

struct t6_dev;

/* A LAN a 6to4 router serves, as the kernel reports it. */
struct t6_lan {
	char ifname[IFNAMSIZ];
	uint32_t ifindex;
	uint16_t subnet;
	bool has_prefix;		/* none without a public IPv4 address */
	struct in6_addr prefix;		/* the /64 of its 6to4 address */
};

int t6_6to4_routing(struct t6_args *a);
int t6_6to4_routing_off_all(const struct t6_dev *dev);
int t6_6to4_lans(struct t6_lan *lans, size_t max);
int t6_6to4_lans_of(const struct nlmsghdr *msg, struct t6_lan *lans,
		    size_t max);
bool t6_radvd_running(void);
void t6_radvd_supervisor(char *unit, size_t len);

/* dev.c: transit6 devices, shared by every context */

struct t6_dev {
	uint32_t ifindex;
	uint8_t kind;
	char name[IFNAMSIZ];
	struct nlmsghdr *msg;	/* the T6_CMD_GET_DEVICE reply */
};

const char *t6_kind_name(uint8_t kind);
bool t6_dev_from_msg(const struct nlmsghdr *nlh, struct t6_dev *dev);
int t6_dev_lookup(uint8_t kind, const char *name, struct t6_dev *dev,
		  bool *found);
int t6_dev_find(uint8_t kind, const char *name, struct t6_dev *dev);
void t6_dev_free(struct t6_dev *dev);
int t6_dev_dump(uint8_t cmd, const struct t6_dev *dev, struct t6_msgs *m);
int t6_dev_request(uint8_t cmd, const struct t6_dev *dev,
		   int (*fill)(struct nlmsghdr *nlh, const void *arg),
		   const void *arg, const char *what);
void t6_print_dev_state(const t6_attrs tb);
void t6_print_dev_config(const t6_attrs tb);
void t6_print_addr_list(const char *label, const char *key,
			const struct nlattr *a, int af);
void t6_print_dev_drops(const t6_attrs tb);
int t6_show_interfaces(struct t6_args *a);
int t6_monitor(int argc, char **argv);
int t6_sysctl_write(const char *path, const char *value);
int t6_dev_all(struct t6_msgs *m);
void t6_dry_created(const char *name, const char *rtnl_kind);
void t6_dry_deleted(uint32_t ifindex);
void t6_dry_forget(void);
bool t6_dev_is_dry(const struct t6_dev *dev);

/* forwarding.c: net.ipv6.conf.all.forwarding for the roles that need it */
int t6_forwarding_on(void);
int t6_forwarding_release(void);
void t6_print_ra_ignored(const char *self);

/* addr.c: pure address math */

#define T6_V4_ZERONET	(1u << 0)	/* 0.0.0.0/8 */
#define T6_V4_PRIVATE	(1u << 1)	/* 10/8, 172.16/12, 192.168/16 */
#define T6_V4_LOOPBACK	(1u << 2)	/* 127/8 */
#define T6_V4_LINKLOCAL	(1u << 3)	/* 169.254/16 */
#define T6_V4_DOC	(1u << 4)	/* 192.0.2/24 (TEST-NET-1) */
#define T6_V4_6TO4_ANY	(1u << 5)	/* 192.88.99/24 */
#define T6_V4_BENCH	(1u << 6)	/* 198.18/15 */
#define T6_V4_MULTICAST	(1u << 7)	/* 224/4 */
#define T6_V4_RESERVED	(1u << 8)	/* 240/4, broadcast included */
#define T6_V4_BROADCAST	(1u << 9)	/* 255.255.255.255 */
#define T6_V4_SHARED	(1u << 10)	/* 100.64/10 (RFC 6598) */

unsigned int t6_ipv4_class(struct in_addr a);
bool t6_isatap_ipv4_global(struct in_addr a);
void t6_isatap_iid(struct in_addr a, uint8_t iid[8]);
void t6_isatap_addr(const struct in6_addr *prefix, struct in_addr a,
		    struct in6_addr *out);
bool t6_isatap_addr_is(const struct in6_addr *a);
bool t6_6to4_ipv4_public(struct in_addr a);
bool t6_teredo_ipv4_global(struct in_addr a);
void t6_6to4_subnet(struct in_addr a, uint16_t subnet, struct in6_addr *out);
const char *t6_addr6_ntop(const struct in6_addr *a, char *buf, size_t size);

#endif /* _T6_H */
