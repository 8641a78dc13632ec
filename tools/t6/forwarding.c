// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 forwarding for the roles that need it: an ISATAP router, a 6to4
 * relay, a 6to4 router for a LAN.  Linux forwards IPv6 only while
 * net.ipv6.conf.all.forwarding is 1, and writing "all" also writes every
 * interface's own forwarding (and "default", which new interfaces copy).
 * An interface that forwards ignores Router Advertisements unless its
 * accept_ra is 2, so turning "all" on would quietly end a host uplink's
 * native SLAAC.
 *
 * So "all" goes on when a role needs it, with every interface's own value
 * and "default" put back as they were: uplinks stay hosts.  A role sets
 * its own interfaces' forwarding.  "all" goes back to the value it had
 * (kept in the namespace's state directory) only when no role needs it
 * any more, as the kernel and the LAN records tell, never just because
 * one role went.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>

#include "t6.h"

#define CONF		"/proc/sys/net/ipv6/conf"
#define MAX_IFS		256

struct if_value {
	char name[IF_NAMESIZE];
	char val[8];
};

static int read_value(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	int ok;

	if (!f)
		return -1;
	ok = fgets(buf, len, f) != NULL;
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return ok ? 0 : -1;
}

/* The own forwarding value of every interface and of "default". */
static int read_all(struct if_value *v, int max)
{
	char p[IF_NAMESIZE + 64];
	struct dirent *de;
	int n = 0;
	DIR *d;

	d = opendir(CONF);
	if (!d)
		return 0;
	while ((de = readdir(d)) && n < max) {
		if (de->d_name[0] == '.' || !strcmp(de->d_name, "all") ||
		    strlen(de->d_name) >= IF_NAMESIZE)
			continue;
		snprintf(p, sizeof(p), CONF "/%.15s/forwarding", de->d_name);
		if (read_value(p, v[n].val, sizeof(v[n].val)))
			continue;
		snprintf(v[n].name, sizeof(v[n].name), "%s", de->d_name);
		n++;
	}
	closedir(d);
	return n;
}

/* "all" := @val, every other value as it was. */
static int write_all(const char *val)
{
	struct if_value v[MAX_IFS];
	int i, n = read_all(v, MAX_IFS), ret;
	char p[IF_NAMESIZE + 64], now[8];

	ret = t6_sysctl_write(CONF "/all/forwarding", val);
	for (i = 0; i < n && !ret; i++) {
		snprintf(p, sizeof(p), CONF "/%.15s/forwarding", v[i].name);
		if (!read_value(p, now, sizeof(now)) && strcmp(now, v[i].val))
			ret = t6_sysctl_write(p, v[i].val);
	}
	return ret;
}

/*
 * IPv6 forwarding on; the value "all" had before is kept for the last
 * role to go.  On already without us: not ours to undo.
 */
int t6_forwarding_on(void)
{
	char prev[128], val[8] = "0";
	FILE *f;

	if (t6.dry_run)
		return 0;
	read_value(CONF "/all/forwarding", val, sizeof(val));
	if (!strcmp(val, "1"))
		return 0;
	if (t6_state_dir(true))
		return T6_EXIT_RUNTIME;
	t6_state_path(prev, sizeof(prev), "forwarding.prev");
	if (access(prev, F_OK)) {
		f = fopen(prev, "w");
		if (!f || fprintf(f, "%s\n", val) < 0 || fclose(f))
			return t6_err("cannot write %s", prev);
	}
	return write_all("1");
}

/* Whether an ISATAP router, a 6to4 relay or a 6to4 LAN is left. */
static bool roles_left(void)
{
	struct t6_msgs m = { 0 };
	struct t6_lan lan;
	bool left = false;
	size_t i;

	if (t6_6to4_lans(&lan, 1) != 0 || t6_dev_all(&m))
		return true;	/* if in doubt, leave forwarding on */
	for (i = 0; i < m.n && !left; i++) {
		const struct nlattr *kt[T6A_6TO4_MAX + T6A_ISATAP_MAX + 1];
		t6_attrs tb;

		if (t6_parse(m.v[i], tb) || !tb[T6A_KIND])
			continue;
		switch (mnl_attr_get_u8(tb[T6A_KIND])) {
		case T6_KIND_ISATAP:
			t6_parse_nest(tb[T6A_ISATAP], &t6_isatap_set, kt);
			left = kt[T6A_ISATAP_FORWARDING] &&
			       mnl_attr_get_u8(kt[T6A_ISATAP_FORWARDING]);
			break;
		case T6_KIND_6TO4:
			t6_parse_nest(tb[T6A_6TO4], &t6_6to4_set, kt);
			left = kt[T6A_6TO4_ROLE] &&
			       mnl_attr_get_u8(kt[T6A_6TO4_ROLE]) == T6_6TO4_RELAY;
			break;
		}
	}
	t6_msgs_free(&m);
	return left;
}

/* A role went: IPv6 forwarding back as it was, if no other role needs it. */
int t6_forwarding_release(void)
{
	char prev[128], val[8];
	int ret;

	if (t6.dry_run)
		return 0;
	if (t6_state_dir(false))
		return T6_EXIT_RUNTIME;
	t6_state_path(prev, sizeof(prev), "forwarding.prev");
	if (read_value(prev, val, sizeof(val)) || roles_left())
		return 0;
	ret = write_all(val);
	if (!ret)
		unlink(prev);
	return ret;
}

/*
 * An interface whose forwarding a role of ours sets: @self, or one of the
 * @n LANs.
 */
static bool role_interface(const char *name, const char *self,
			   const struct t6_lan *lans, int n)
{
	int i;

	if (!strcmp(name, self))
		return true;
	for (i = 0; i < n; i++)
		if (!strcmp(name, lans[i].ifname))
			return true;
	return false;
}

/*
 * show state: the interfaces that forward and have accept_ra 1, and so
 * ignore Router Advertisements, but for those forwarding is a role's
 * (@self, a LAN): t6 leaves the others' forwarding as it was, but an
 * administrator may have set it.
 */
void t6_print_ra_ignored(const char *self)
{
	struct if_value v[MAX_IFS];
	int i, n = read_all(v, MAX_IFS);
	char p[IF_NAMESIZE + 64], ra[8];
	/* one question to the kernel, not one per interface */
	struct t6_lan lans[T6_LAN_MAX];
	int nlans = t6_6to4_lans(lans, T6_LAN_MAX);
	bool first = true;

	open_json_array(PRINT_JSON, "ignoring_ras");
	for (i = 0; i < n; i++) {
		snprintf(p, sizeof(p), CONF "/%.15s/accept_ra", v[i].name);
		if (strcmp(v[i].val, "1") || !strcmp(v[i].name, "default") ||
		    !strcmp(v[i].name, "lo") || read_value(p, ra, sizeof(ra)) ||
		    strcmp(ra, "1") ||
		    role_interface(v[i].name, self, lans, nlans))
			continue;
		if (first)
			print_label("Ignoring RAs");
		print_string(PRINT_ANY, NULL, first ? "%s" : " %s", v[i].name);
		first = false;
	}
	close_json_array(PRINT_JSON, NULL);
	if (!first)
		print_string(PRINT_FP, NULL, "%s\n",
			     " (forwarding, accept_ra=1: set accept_ra=2 to take RAs)");
}
