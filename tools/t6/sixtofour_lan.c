// SPDX-License-Identifier: GPL-2.0
/*
 * t6 6to4 set routing: the LAN side of a 6to4 router, as Windows' ICS does
 * it.  The LAN gets 2002:V4:N::1/64, IPv6 forwarding goes on, and radvd
 * (Linux leaves LAN Router Advertisements to it) advertises the prefix.
 *
 * What was done is kept in a directory per network namespace,
 * /run/transit6/net-<netns inode>/: one "lan-IFNAME" file per LAN (subnet
 * and prefix), the radvd configuration, pid file and log, and (forwarding.c)
 * the value of net.ipv6.conf.all.forwarding before a role turned it on.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <linux/rtnetlink.h>

#include "t6.h"

#define RADVD		"/usr/sbin/radvd"

static char dir[64];

/* The namespace's state directory; created when @create. */
int t6_state_dir(bool create)
{
	struct stat st;

	if (stat("/proc/self/ns/net", &st))
		return t6_err("cannot identify the network namespace: %s",
			      strerror(errno));
	snprintf(dir, sizeof(dir), "/run/transit6/net-%lu",
		 (unsigned long)st.st_ino);
	if (!create)
		return 0;
	if ((mkdir("/run/transit6", 0755) && errno != EEXIST) ||
	    (mkdir(dir, 0755) && errno != EEXIST))
		return t6_err("cannot create %s: %s", dir, strerror(errno));
	return 0;
}

void t6_state_path(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
}

static int read_lan(const char *file, struct t6_lan *lan)
{
	char p[128], s[INET6_ADDRSTRLEN];
	unsigned int subnet;
	FILE *f;
	int n;

	t6_state_path(p, sizeof(p), file);
	f = fopen(p, "r");
	if (!f)
		return -1;
	n = fscanf(f, "subnet %u prefix %45s", &subnet, s);
	fclose(f);
	if (n != 2 || subnet > 0xffff ||
	    inet_pton(AF_INET6, s, &lan->prefix) != 1)
		return -1;
	snprintf(lan->ifname, sizeof(lan->ifname), "%s", file + 4);
	lan->subnet = subnet;
	return 0;
}

static int lan_cmp(const void *a, const void *b)
{
	return strcmp(((const struct t6_lan *)a)->ifname,
		      ((const struct t6_lan *)b)->ifname);
}

/* The LANs routing is enabled on, sorted by name; their number. */
int t6_6to4_lans(struct t6_lan *lans, size_t max)
{
	struct dirent *de;
	size_t n = 0;
	DIR *d;

	if (t6_state_dir(false))
		return 0;
	d = opendir(dir);
	if (!d)
		return 0;
	while ((de = readdir(d)) && n < max)
		if (!strncmp(de->d_name, "lan-", 4) &&
		    strlen(de->d_name + 4) < IFNAMSIZ &&
		    !read_lan(de->d_name, &lans[n]))
			n++;
	closedir(d);
	qsort(lans, n, sizeof(*lans), lan_cmp);
	return n;
}

static pid_t radvd_pid(void)
{
	char p[128], comm[32] = "";
	long pid = 0;
	FILE *f;

	if (t6_state_dir(false))
		return 0;
	t6_state_path(p, sizeof(p), "radvd.pid");
	f = fopen(p, "r");
	if (!f)
		return 0;
	if (fscanf(f, "%ld", &pid) != 1)
		pid = 0;
	fclose(f);
	/* EPERM: it runs, as root, and we are not */
	if (pid <= 0 || (kill(pid, 0) && errno != EPERM))
		return 0;
	snprintf(p, sizeof(p), "/proc/%ld/comm", pid);
	f = fopen(p, "r");
	if (!f)
		return 0;
	if (!fgets(comm, sizeof(comm), f))
		comm[0] = '\0';
	fclose(f);
	return strncmp(comm, "radvd", 5) ? 0 : pid;
}

bool t6_radvd_running(void)
{
	return radvd_pid() > 0;
}

/* Runs @argv, waits for it; 0 if it exited 0. */
static int run(char *const argv[])
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return t6_err("cannot fork: %s", strerror(errno));
	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return t6_err("waitpid: %s", strerror(errno));
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -1;
}

static int write_radvd_conf(const char *conf, const struct t6_lan *lans,
			    int n)
{
	char s[INET6_ADDRSTRLEN];
	FILE *f = fopen(conf, "w");
	int i;

	if (!f)
		return t6_err("cannot write %s: %s", conf, strerror(errno));
	fprintf(f, "# written by t6 6to4 set routing; do not edit\n");
	for (i = 0; i < n; i++) {
		inet_ntop(AF_INET6, &lans[i].prefix, s, sizeof(s));
		/*
		 * RFC 6343 4.1: a low router preference, so a native router
		 * on the LAN wins; the 6to4 link MTU, so LAN hosts do not
		 * depend on PMTU discovery through the tunnel.
		 */
		fprintf(f,
			"interface %s {\n"
			"\tAdvSendAdvert on;\n"
			"\tMaxRtrAdvInterval 30;\n"
			"\tAdvDefaultPreference low;\n"
			"\tAdvLinkMTU 1480;\n"
			"\tprefix %s/64 {\n"
			"\t\tAdvOnLink on;\n"
			"\t\tAdvAutonomous on;\n"
			"\t\tAdvValidLifetime 3600;\n"
			"\t\tAdvPreferredLifetime 1800;\n"
			"\t};\n"
			"};\n", lans[i].ifname, s);
	}
	if (fclose(f))
		return t6_err("cannot write %s: %s", conf, strerror(errno));
	return 0;
}

/* Make radvd advertise exactly the LANs recorded: start, reload or stop. */
static int radvd_sync(void)
{
	char conf[128], pidf[128], log[128];
	struct t6_lan lans[T6_LAN_MAX];
	int i, n = t6_6to4_lans(lans, T6_LAN_MAX);
	pid_t pid = radvd_pid();
	char *check[] = { RADVD, "-c", "-C", conf, "-m", "stderr", NULL };
	char *start[] = { RADVD, "-C", conf, "-p", pidf, "-m", "logfile",
			  "-l", log, NULL };

	t6_state_path(conf, sizeof(conf), "radvd.conf");
	t6_state_path(pidf, sizeof(pidf), "radvd.pid");
	t6_state_path(log, sizeof(log), "radvd.log");
	if (n == 0) {
		if (pid)
			kill(pid, SIGTERM);
		for (i = 0; pid && i < 40 && radvd_pid(); i++)
			usleep(50000);
		unlink(conf);
		unlink(pidf);
		unlink(log);
		rmdir(dir);	/* fails while something else remains */
		return 0;
	}
	if (access(RADVD, X_OK))
		return t6_err("%s not found: install radvd (routing advertises with it)",
			      RADVD);
	if (write_radvd_conf(conf, lans, n))
		return T6_EXIT_RUNTIME;
	if (run(check))
		return t6_err("radvd rejects %s (see 'radvd -c -C %s')", conf,
			      conf);
	if (pid)
		return kill(pid, SIGHUP) ?
		       t6_err("cannot reload radvd: %s", strerror(errno)) : 0;
	if (run(start))
		return t6_err("radvd did not start; see %s", log);
	/* it daemonizes: wait for its pid file */
	for (i = 0; i < 40 && !radvd_pid(); i++)
		usleep(50000);
	return radvd_pid() ? 0 : t6_err("radvd did not start; see %s", log);
}

static int lan_forwarding(const char *ifname, const char *val)
{
	char p[IFNAMSIZ + 64];

	snprintf(p, sizeof(p), "/proc/sys/net/ipv6/conf/%.15s/forwarding",
		 ifname);
	return t6_sysctl_write(p, val);
}

static int lan_address(const struct t6_lan *lan, uint16_t type)
{
	struct in6_addr a = lan->prefix;
	char s[INET6_ADDRSTRLEN];
	unsigned int ifindex = if_nametoindex(lan->ifname);
	int ret;

	a.s6_addr[15] = 1;
	if (!ifindex)
		return type == RTM_DELADDR ? 0 :
		       t6_err("no interface named '%s'", lan->ifname);
	ret = t6_rtnl_addr6(type, ifindex, &a, 64);
	if (type == RTM_DELADDR &&
	    (ret == -EADDRNOTAVAIL || ret == -ENOENT || ret == -ENODEV))
		ret = 0;
	if (!ret)
		return 0;
	inet_ntop(AF_INET6, &a, s, sizeof(s));
	return t6_nl_err(&t6.rtnl, ret, "cannot %s %s/64 %s %s",
			 type == RTM_NEWADDR ? "add" : "remove", s,
			 type == RTM_NEWADDR ? "to" : "from", lan->ifname);
}

static int routing_off(const char *ifname)
{
	struct t6_lan lans[T6_LAN_MAX];
	int i, n = t6_6to4_lans(lans, T6_LAN_MAX), ret = 0, done = 0;
	char p[128];

	for (i = 0; i < n && !ret; i++) {
		if (ifname && strcmp(ifname, lans[i].ifname))
			continue;
		ret = lan_address(&lans[i], RTM_DELADDR);
		/* back to a host's, if the interface is still there */
		if (!ret && if_nametoindex(lans[i].ifname))
			lan_forwarding(lans[i].ifname, "0");
		snprintf(p, sizeof(p), "%s/lan-%.15s", dir, lans[i].ifname);
		if (!ret)
			unlink(p);
		done++;
	}
	if (ret)
		return ret;
	if (ifname && !done)
		return t6_err("routing is not enabled on '%s'", ifname);
	ret = t6_forwarding_release();
	return ret ? ret : radvd_sync();
}

/* Used by "set state disabled": the LAN side goes with the interface. */
int t6_6to4_routing_off_all(void)
{
	struct t6_lan lans[1];

	if (t6_state_dir(false) || t6_6to4_lans(lans, 1) == 0)
		return 0;
	return routing_off(NULL);
}

/* The interface's first public IPv4 address: the site's /48. */
static int site_v4(const struct t6_dev *dev, struct in_addr *v4)
{
	const struct nlattr *e;
	t6_attrs tb;

	if (!t6_parse(dev->msg, tb) && tb[T6A_LOCAL_ADDRS]) {
		mnl_attr_for_each_nested(e, tb[T6A_LOCAL_ADDRS]) {
			memcpy(v4, mnl_attr_get_payload(e), sizeof(*v4));
			if (t6_6to4_ipv4_public(*v4))
				return 0;
		}
	}
	return t6_err("%s has no public IPv4 address: no 6to4 prefix to advertise",
		      dev->name);
}

static int routing_on(const struct t6_dev *dev, const char *ifname,
		      const uint32_t *subnet)
{
	struct t6_lan lan = { .subnet = 0 }, old;
	unsigned int ifindex = if_nametoindex(ifname);
	char p[128], s[INET6_ADDRSTRLEN];
	bool had_old;
	struct in_addr v4;
	FILE *f;
	int ret;

	if (!ifindex)
		return t6_err("no interface named '%s'", ifname);
	if (ifindex == dev->ifindex)
		return t6_err("the LAN cannot be %s itself", dev->name);
	if (access(RADVD, X_OK))
		return t6_err("%s not found: install radvd (routing advertises with it)",
			      RADVD);
	ret = site_v4(dev, &v4);
	if (ret)
		return ret;
	snprintf(lan.ifname, sizeof(lan.ifname), "%s", ifname);
	/* Windows: the LAN's interface index */
	lan.subnet = subnet ? *subnet : ifindex & 0xffff;
	t6_6to4_subnet(v4, lan.subnet, &lan.prefix);
	ret = t6_state_dir(true);
	if (ret)
		return ret;
	/* enabled again with another subnet: the old address goes */
	snprintf(p, sizeof(p), "lan-%s", ifname);
	had_old = !read_lan(p, &old);
	if (had_old && memcmp(&old.prefix, &lan.prefix, sizeof(old.prefix)))
		ret = lan_address(&old, RTM_DELADDR);
	if (!ret)
		ret = lan_address(&lan, RTM_NEWADDR);
	if (!ret)
		ret = t6_forwarding_on();
	/* the LAN side routes: its NAs carry the router flag */
	if (!ret)
		ret = lan_forwarding(ifname, "1");
	if (ret)
		return ret;
	snprintf(p, sizeof(p), "%s/lan-%s", dir, ifname);
	inet_ntop(AF_INET6, &lan.prefix, s, sizeof(s));
	f = fopen(p, "w");
	if (!f || fprintf(f, "subnet %u prefix %s\n", lan.subnet, s) < 0 ||
	    fclose(f))
		ret = t6_err("cannot write %s", p);
	if (!ret)
		ret = radvd_sync();
	if (ret && !had_old) {
		/* leave nothing half done behind */
		unlink(p);
		lan_address(&lan, RTM_DELADDR);
		if (t6_6to4_lans(&old, 1) == 0) {
			t6_forwarding_release();
			radvd_sync();
		}
	}
	return ret;
}

/* set routing enabled|disabled [lan IFNAME] [subnet N] [dev NAME] */
int t6_6to4_routing(struct t6_args *a)
{
	const char *val = NULL, *lan = NULL, *subnet = NULL, *name = NULL;
	const char *key;
	struct t6_dev dev;
	bool on = false;
	uint32_t n = 0;
	int ret;

	ret = t6_args_value(a, "routing", &val);
	if (!ret)
		ret = t6_parse_enabled(a, "routing", val, &on);
	while (!ret && (key = t6_args_next(a))) {
		if (!strcmp(key, "dev"))
			ret = t6_args_value(a, key, &name);
		else if (!strcmp(key, "lan"))
			ret = t6_args_value(a, key, &lan);
		else if (!strcmp(key, "subnet"))
			ret = t6_args_value(a, key, &subnet);
		else
			ret = t6_usage(a, "unknown key '%s'", key);
	}
	if (!ret && on && !lan)
		ret = t6_usage(a, "missing 'lan IFNAME'");
	if (!ret && !on && subnet)
		ret = t6_usage(a, "'subnet' is for 'enabled' only");
	if (!ret && lan && (!*lan || strlen(lan) >= IFNAMSIZ))
		ret = t6_usage(a, "invalid interface name '%s'", lan);
	if (!ret && subnet)
		ret = t6_parse_u32(a, "subnet", subnet, 0xffff, false, &n);
	if (!ret)
		ret = t6_dev_find(T6_KIND_6TO4, name, &dev);
	if (ret)
		return ret;
	if (on)
		ret = routing_on(&dev, lan, subnet ? &n : NULL);
	else
		ret = t6_state_dir(false) ? T6_EXIT_RUNTIME : routing_off(lan);
	t6_dev_free(&dev);
	return ret;
}
