// SPDX-License-Identifier: GPL-2.0
/*
 * t6 resolve: names stay fresh.  The kernel keeps what each list was set
 * as (the PRL's names, the 6to4 relay's, the Teredo servers'), never
 * resolves anything; this pass resolves those names again and brings the
 * lists in line, in place: a PRL name that moved, a relay that was not in
 * DNS at boot.  RFC 5214 8.3.2 asks for the PRL to be refreshed every
 * PrlRefreshInterval (an hour by default), and Windows does the same for
 * its relay and server names.
 *
 *	t6 resolve		one pass; exit 1 if a name did not resolve
 *	t6 resolve every SECS	a pass every SECS; after one where a name did
 *				not resolve, again after 5 s, 10, 20... up to a
 *				minute (DNS not up yet at boot).  SIGHUP: a
 *				pass now (systemctl reload).  transit6.service
 *				runs this as its main process.
 */
#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "t6.h"

#define RETRY_FIRST	5	/* seconds after a failed pass, doubling */
#define RETRY_MAX	60	/* ... up to this, or SECS if it is less */

/*
 * Every IPv4 address of @name (a dotted quad resolves to itself), in the
 * resolver's order without repeats: how many, or -1 (said) if none.
 */
int t6_resolve4(const char *name, struct in_addr *v, size_t max)
{
	struct addrinfo hints = { .ai_family = AF_INET,
				  .ai_socktype = SOCK_DGRAM };
	struct addrinfo *res, *ai;
	struct in_addr in;
	size_t n = 0, i;
	int err;

	err = getaddrinfo(name, NULL, &hints, &res);
	if (err) {
		t6_warn("resolve: cannot resolve '%s': %s", name,
			err == EAI_SYSTEM ? strerror(errno) : gai_strerror(err));
		return -1;
	}
	for (ai = res; ai && n < max; ai = ai->ai_next) {
		in = ((struct sockaddr_in *)ai->ai_addr)->sin_addr;
		for (i = 0; i < n && v[i].s_addr != in.s_addr; i++)
			;
		if (i == n)
			v[n++] = in;
	}
	freeaddrinfo(res);
	return n;
}

/* One pass over every interface: 0, or 1 if a name did not resolve. */
static int pass(void)
{
	struct t6_msgs m = { 0 };
	struct t6_dev dev;
	bool failed = false;
	size_t i;

	if (t6_dev_all(&m)) {
		/* the module may come (back) later: find the family anew */
		t6.family = 0;
		return 1;
	}
	for (i = 0; i < m.n; i++) {
		if (!t6_dev_from_msg(m.v[i], &dev))
			continue;
		dev.msg = m.v[i];
		if (dev.kind == T6_KIND_ISATAP)
			t6_isatap_refresh(&dev, &failed);
		else if (dev.kind == T6_KIND_6TO4)
			t6_6to4_refresh(&dev, &failed);
		else if (dev.kind == T6_KIND_TEREDO)
			t6_teredo_refresh(&dev, &failed);
	}
	t6_msgs_free(&m);
	return failed;
}

static volatile sig_atomic_t hup;

static void on_hup(int sig)
{
	(void)sig;
	hup = 1;
}

/* Sleeps @secs, or less if SIGHUP comes. */
static void nap(unsigned int secs)
{
	struct timespec ts = { .tv_sec = secs };

	while (!hup && nanosleep(&ts, &ts) && errno == EINTR)
		;
}

int t6_resolve(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_hup };
	unsigned long every = 0;
	unsigned int retry;
	char *end;

	if (argc == 2 && !strcmp(argv[0], "every")) {
		errno = 0;
		every = strtoul(argv[1], &end, 10);
		if (*argv[1] < '0' || *argv[1] > '9' || *end || errno ||
		    !every || every > 86400) {
			t6_warn("invalid every '%s' (1..86400 seconds); usage: t6 resolve [every SECS]",
				argv[1]);
			return T6_EXIT_USAGE;
		}
	} else if (argc) {
		t6_warn("unknown argument '%s'; usage: t6 resolve [every SECS]",
			argv[0]);
		return T6_EXIT_USAGE;
	}
	if (!every)
		return pass();
	/* not SA_RESTART: SIGHUP ends the nap */
	sigaction(SIGHUP, &sa, NULL);
	retry = every < RETRY_FIRST ? every : RETRY_FIRST;
	for (;;) {
		hup = 0;
		if (!pass()) {
			retry = every < RETRY_FIRST ? every : RETRY_FIRST;
			nap(every);
			continue;
		}
		nap(retry);
		retry *= 2;
		if (retry > every || retry > RETRY_MAX)
			retry = every < RETRY_MAX ? every : RETRY_MAX;
	}
}
