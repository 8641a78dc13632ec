// SPDX-License-Identifier: GPL-2.0
/*
 * t6 6to4 set routing: the LAN side of a 6to4 router, as Windows' ICS does
 * it.  The kernel serves the LAN: it puts 2002:V4:N::1/64 on it and moves
 * it when the public IPv4 address V4 changes.  t6 tells the kernel which
 * LANs, turns IPv6 forwarding on for them, and runs radvd (Linux leaves
 * LAN Router Advertisements to it), which advertises the prefix of the
 * LAN's address and follows it.
 *
 * radvd's files live in a directory per network namespace,
 * /run/transit6/net-<netns inode>/: its configuration, pid file and log,
 * and (forwarding.c) the value of net.ipv6.conf.all.forwarding before a
 * role turned it on.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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
#define SYSTEMD_RUN	"/usr/bin/systemd-run"
#define SYSTEMCTL	"/usr/bin/systemctl"

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
	if (!create || t6.dry_run)
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

/* The LANs of a GET_DEVICE reply of a 6to4 interface, by name. */
int t6_6to4_lans_of(const struct nlmsghdr *msg, struct t6_lan *lans,
		    size_t max)
{
	const struct nlattr *lt[T6A_LAN_MAX + 1], *a;
	struct in6_addr addr;
	char name[IF_NAMESIZE];
	size_t n = 0;
	t6_attrs tb;

	if (t6_parse(msg, tb) || !tb[T6A_6TO4])
		return 0;
	mnl_attr_for_each_nested(a, tb[T6A_6TO4]) {
		if (mnl_attr_get_type(a) != T6A_6TO4_LAN || n == max ||
		    t6_parse_nest(a, &t6_lan_set, lt) || !lt[T6A_LAN_IFINDEX])
			continue;
		memset(&lans[n], 0, sizeof(lans[n]));
		lans[n].ifindex = mnl_attr_get_u32(lt[T6A_LAN_IFINDEX]);
		if (!if_indextoname(lans[n].ifindex, name))
			snprintf(name, sizeof(name), "if%u", lans[n].ifindex);
		snprintf(lans[n].ifname, sizeof(lans[n].ifname), "%s", name);
		if (lt[T6A_LAN_SUBNET])
			lans[n].subnet = mnl_attr_get_u16(lt[T6A_LAN_SUBNET]);
		if (lt[T6A_LAN_ADDR]) {
			memcpy(&addr, mnl_attr_get_payload(lt[T6A_LAN_ADDR]),
			       sizeof(addr));
			memset(addr.s6_addr + 8, 0, 8);
			lans[n].prefix = addr;
			lans[n].has_prefix = true;
		}
		n++;
	}
	return n;
}

/*
 * The LANs the 6to4 interface @name serves as the kernel has them now; -1
 * if it cannot be asked.
 */
static int lans_now(const char *name, struct t6_lan *lans, size_t max)
{
	struct t6_dev dev;
	bool found;
	int n = 0;

	if (t6_dev_lookup(T6_KIND_6TO4, name, &dev, &found))
		return -1;
	if (found)
		n = t6_6to4_lans_of(dev.msg, lans, max);
	t6_dev_free(&dev);
	return n;
}

/* The LANs every 6to4 interface of the namespace serves; -1 on failure. */
int t6_6to4_lans(struct t6_lan *lans, size_t max)
{
	struct t6_msgs m = { 0 };
	size_t i, n = 0;
	t6_attrs tb;

	if (t6_dev_all(&m))
		return -1;
	for (i = 0; i < m.n; i++)
		if (!t6_parse(m.v[i], tb) && tb[T6A_KIND] &&
		    mnl_attr_get_u8(tb[T6A_KIND]) == T6_KIND_6TO4)
			n += t6_6to4_lans_of(m.v[i], lans + n, max - n);
	t6_msgs_free(&m);
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
		/* quiet: "syntax ok" is no news; failures are said by t6 */
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0) {
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
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
	FILE *f = fopen(conf, "w");
	int i;

	if (!f)
		return t6_err("cannot write %s: %s", conf, strerror(errno));
	fprintf(f, "# written by t6 6to4 set routing; do not edit\n");
	for (i = 0; i < n; i++) {
		/*
		 * RFC 6343 4.1: a low router preference, so a native router
		 * on the LAN wins; the 6to4 link MTU, so LAN hosts do not
		 * depend on PMTU discovery through the tunnel.  "::/64": the
		 * prefixes of the LAN's own addresses, as they are at each
		 * advertisement; the kernel moves the 6to4 one when the
		 * public IPv4 address changes.  A prefix that went stops
		 * being preferred within AdvPreferredLifetime.
		 */
		fprintf(f,
			"interface %s {\n"
			"\tAdvSendAdvert on;\n"
			"\tMaxRtrAdvInterval 30;\n"
			"\tAdvDefaultPreference low;\n"
			"\tAdvLinkMTU 1480;\n"
			"\tprefix ::/64 {\n"
			"\t\tAdvOnLink on;\n"
			"\t\tAdvAutonomous on;\n"
			"\t\tAdvValidLifetime 1800;\n"
			"\t\tAdvPreferredLifetime 300;\n"
			"\t};\n"
			"};\n", lans[i].ifname);
	}
	if (fclose(f))
		return t6_err("cannot write %s: %s", conf, strerror(errno));
	return 0;
}

/*
 * radvd under systemd, when systemd runs the machine: a transient service
 * per namespace (transit6-radvd-net-<inode>.service, Restart=always), in
 * the namespace t6 runs in.  systemd can enter a namespace by its path
 * only: the root one, or one named in /run/netns.  Elsewhere (no systemd,
 * an unnamed namespace) t6 starts radvd itself, unsupervised.
 */
static bool radvd_unit(char *unit, size_t len, char *netns, size_t nslen)
{
	struct stat self, st;
	struct dirent *de;
	DIR *d;

	if (access("/run/systemd/system", F_OK) || access(SYSTEMD_RUN, X_OK) ||
	    stat("/proc/self/ns/net", &self))
		return false;
	snprintf(unit, len, "transit6-radvd-%s.service", strrchr(dir, '/') + 1);
	netns[0] = '\0';
	if (!stat("/proc/1/ns/net", &st) && st.st_ino == self.st_ino)
		return true;
	d = opendir("/run/netns");
	while (d && (de = readdir(d))) {
		snprintf(netns, nslen, "/run/netns/%s", de->d_name);
		if (de->d_name[0] != '.' && !stat(netns, &st) &&
		    st.st_ino == self.st_ino && st.st_dev == self.st_dev) {
			closedir(d);
			return true;
		}
	}
	if (d)
		closedir(d);
	return false;
}

/* The unit radvd runs as, if systemd supervises it now ("": none). */
void t6_radvd_supervisor(char *unit, size_t len)
{
	char netns[300], u[96];
	char *argv[] = { SYSTEMCTL, "--quiet", "is-active", u, NULL };

	unit[0] = '\0';
	if (!t6_state_dir(false) && radvd_unit(u, sizeof(u), netns,
					       sizeof(netns)) && !run(argv))
		snprintf(unit, len, "%s", u);
}

static int radvd_start(const char *conf, const char *pidf, const char *log)
{
	char unit[96], netns[300], prop[340];
	char *plain[] = { RADVD, "-C", (char *)conf, "-p", (char *)pidf,
			  "-m", "logfile", "-l", (char *)log, NULL };
	char *reset[] = { SYSTEMCTL, "reset-failed", unit, NULL };
	char *sd[28] = { SYSTEMD_RUN, "--quiet", "--collect", "--unit", unit,
			 "--description", "radvd for the LANs of transit6 6to4",
			 "-p", "Restart=always", "-p", "RestartSec=1" };
	int n = 11;

	if (!radvd_unit(unit, sizeof(unit), netns, sizeof(netns)))
		return run(plain) ? t6_err("radvd did not start; see %s", log) : 0;
	if (netns[0]) {
		snprintf(prop, sizeof(prop), "NetworkNamespacePath=%s", netns);
		sd[n++] = "-p";
		sd[n++] = prop;
	}
	/* radvd in the foreground, its pid file still written */
	sd[n++] = "--";
	sd[n++] = RADVD;
	sd[n++] = "--nodaemon";
	memcpy(sd + n, plain + 1, 8 * sizeof(*sd));
	run(reset);
	return run(sd) ? t6_err("systemd-run did not start radvd as %s", unit) : 0;
}

static void radvd_stop(pid_t pid)
{
	char unit[96], netns[300];
	char *stop[] = { SYSTEMCTL, "stop", unit, NULL };
	int i;

	if (radvd_unit(unit, sizeof(unit), netns, sizeof(netns)))
		run(stop);
	if (pid && radvd_pid() == pid)
		kill(pid, SIGTERM);
	for (i = 0; pid && i < 40 && radvd_pid(); i++)
		usleep(50000);
}

/* Make radvd advertise exactly the kernel's LANs: start, reload or stop. */
static int radvd_sync(const struct t6_dev *dev)
{
	char conf[128], pidf[128], log[128];
	struct t6_lan lans[T6_LAN_MAX];
	int i, n = lans_now(dev->name, lans, T6_LAN_MAX);
	pid_t pid = radvd_pid();
	char *check[] = { RADVD, "-c", "-C", conf, "-m", "stderr", NULL };

	if (t6.dry_run)
		return 0;
	t6_state_path(conf, sizeof(conf), "radvd.conf");
	t6_state_path(pidf, sizeof(pidf), "radvd.pid");
	t6_state_path(log, sizeof(log), "radvd.log");
	if (n < 0)
		return T6_EXIT_RUNTIME;
	if (n == 0) {
		radvd_stop(pid);
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
	if (radvd_start(conf, pidf, log))
		return T6_EXIT_RUNTIME;
	/* it daemonizes, or systemd starts it: wait for its pid file */
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

struct lan_change {
	uint32_t ifindex;
	bool del;
	bool has_subnet;
	uint16_t subnet;
};

static int fill_lan(struct nlmsghdr *nlh, const void *arg)
{
	const struct lan_change *c = arg;
	struct nlattr *nest = mnl_attr_nest_start(nlh, T6A_6TO4), *lan;

	if (c->del) {
		mnl_attr_put_u32(nlh, T6A_6TO4_LAN_DEL, c->ifindex);
	} else {
		lan = mnl_attr_nest_start(nlh, T6A_6TO4_LAN);
		mnl_attr_put_u32(nlh, T6A_LAN_IFINDEX, c->ifindex);
		if (c->has_subnet)
			mnl_attr_put_u16(nlh, T6A_LAN_SUBNET, c->subnet);
		mnl_attr_nest_end(nlh, lan);
	}
	mnl_attr_nest_end(nlh, nest);
	return 0;
}

static int lan_request(const struct t6_dev *dev, const struct lan_change *c,
		       const char *ifname)
{
	char what[128];

	snprintf(what, sizeof(what), "cannot %s %s %s %s",
		 c->del ? "stop routing for" : "route for", ifname,
		 c->del ? "on" : "with", dev->name);
	return t6_dev_request(T6_CMD_SET_DEVICE, dev, fill_lan, c, what);
}

static int routing_off(const struct t6_dev *dev, const char *ifname)
{
	struct t6_lan lans[T6_LAN_MAX];
	int i, n = t6_6to4_lans_of(dev->msg, lans, T6_LAN_MAX), ret = 0;
	int done = 0;
	struct lan_change c = { .del = true };

	for (i = 0; i < n && !ret; i++) {
		if (ifname && strcmp(ifname, lans[i].ifname))
			continue;
		c.ifindex = lans[i].ifindex;
		ret = lan_request(dev, &c, lans[i].ifname);
		/* back to a host's, if the interface is still there */
		if (!ret && if_nametoindex(lans[i].ifname))
			lan_forwarding(lans[i].ifname, "0");
		done++;
	}
	if (ret)
		return ret;
	if (ifname && !done)
		return t6_err("routing is not enabled on '%s'", ifname);
	ret = t6_forwarding_release();
	return ret ? ret : radvd_sync(dev);
}

/* Used by "set state disabled": the LAN side goes with the interface. */
int t6_6to4_routing_off_all(const struct t6_dev *dev)
{
	struct t6_lan lans[1];

	if (t6_state_dir(false) || t6_6to4_lans_of(dev->msg, lans, 1) == 0)
		return 0;
	return routing_off(dev, NULL);
}

static int routing_on(const struct t6_dev *dev, const char *ifname,
		      const uint32_t *subnet)
{
	struct lan_change c = { .ifindex = if_nametoindex(ifname) };
	struct t6_lan lans[T6_LAN_MAX];
	int i, n, ret;
	bool had;

	if (!c.ifindex)
		return t6_err("no interface named '%s'", ifname);
	if (c.ifindex == dev->ifindex)
		return t6_err("the LAN cannot be %s itself", dev->name);
	if (access(RADVD, X_OK))
		return t6_err("%s not found: install radvd (routing advertises with it)",
			      RADVD);
	ret = t6_state_dir(true);
	if (ret)
		return ret;
	n = t6_6to4_lans_of(dev->msg, lans, T6_LAN_MAX);
	for (i = 0, had = false; i < n; i++)
		had |= lans[i].ifindex == c.ifindex;
	c.has_subnet = subnet;
	c.subnet = subnet ? *subnet : 0;
	ret = lan_request(dev, &c, ifname);
	if (ret)
		return ret;
	ret = t6_forwarding_on();
	/* the LAN side routes: its NAs carry the router flag */
	if (!ret)
		ret = lan_forwarding(ifname, "1");
	if (!ret)
		ret = radvd_sync(dev);
	if (ret && !had) {
		/* leave nothing half done behind */
		c.del = true;
		lan_request(dev, &c, ifname);
		if (lans_now(dev->name, lans, T6_LAN_MAX) == 0) {
			t6_forwarding_release();
			radvd_sync(dev);
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
		ret = t6_state_dir(false) ? T6_EXIT_RUNTIME :
		      routing_off(&dev, lan);
	t6_dev_free(&dev);
	return ret;
}
