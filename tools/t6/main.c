// SPDX-License-Identifier: GPL-2.0
/*
 * t6 [-j] [-p] CONTEXT VERB OBJECT [key value | key=value]...
 *
 * The grammar, the context table and the dispatch.  A context (isatap,
 * 6to4; later teredo) is a table of VERB OBJECT commands; each command
 * parses what follows its OBJECT with the t6_args helpers below, so every
 * command accepts "key value" and "key=value" alike.
 *
 * Exit status: 0, 1 for runtime errors, 2 for usage errors.  Every error
 * is one line on stderr that starts with "t6: "; usage errors end with
 * the usage line of the command.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "t6.h"
#include "version.h"	/* T6_VERSION, written by the Makefile (tools/version) */

static const struct t6_context *const contexts[] = {
	&t6_isatap_context,
	&t6_6to4_context,
	&t6_teredo_context,
};

static const char main_usage[] =
	"t6 [-j] [-p] CONTEXT VERB OBJECT [key value | key=value]...";

/* One line on stderr, "t6: ...", after whatever stdout holds. */
static void say(const char *fmt, va_list ap)
{
	fflush(stdout);
	fputs("t6: ", stderr);
	if (t6.where)
		fprintf(stderr, "%s: ", t6.where);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int t6_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
	return T6_EXIT_RUNTIME;
}

void t6_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
}

/* "t6: <problem>; usage: <usage line>", exit status 2. */
static int usage_line(const char *usage_fmt, const char *arg,
		      const char *fmt, va_list ap)
{
	fflush(stdout);
	fputs("t6: ", stderr);
	if (t6.where)
		fprintf(stderr, "%s: ", t6.where);
	vfprintf(stderr, fmt, ap);
	fputs("; usage: ", stderr);
	fprintf(stderr, usage_fmt, arg);
	fputc('\n', stderr);
	return T6_EXIT_USAGE;
}

static int main_usage_err(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static int main_usage_err(const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = usage_line("%s", main_usage, fmt, ap);
	va_end(ap);
	return ret;
}

int t6_usage(const struct t6_args *a, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = usage_line("%s", a->usage, fmt, ap);
	va_end(ap);
	return ret;
}

bool t6_args_more(const struct t6_args *a)
{
	return a->argc > 0;
}

const char *t6_args_peek(const struct t6_args *a)
{
	return a->argc > 0 ? a->argv[0] : NULL;
}

const char *t6_args_next(struct t6_args *a)
{
	if (a->argc <= 0)
		return NULL;
	a->argc--;
	return *a->argv++;
}

/* The value after @key; usage error when missing or given twice. */
int t6_args_value(struct t6_args *a, const char *key, const char **val)
{
	if (*val)
		return t6_usage(a, "'%s' given twice", key);
	*val = t6_args_next(a);
	if (!*val)
		return t6_usage(a, "missing value for '%s'", key);
	if (!strcmp(key, "dev") && (!**val || strlen(*val) >= IFNAMSIZ))
		return t6_usage(a, "invalid interface name '%s'", *val);
	return 0;
}

/* For commands whose only key is "dev NAME". */
int t6_args_dev_only(struct t6_args *a, const char **dev)
{
	const char *key;
	int ret;

	while ((key = t6_args_next(a))) {
		if (strcmp(key, "dev"))
			return t6_usage(a, "unknown key '%s'", key);
		ret = t6_args_value(a, key, dev);
		if (ret)
			return ret;
	}
	return 0;
}

/* A decimal number up to @max, or "infinite"/"forever" if allowed. */
int t6_parse_u32(struct t6_args *a, const char *key, const char *s,
		 uint32_t max, bool infinite_ok, uint32_t *out)
{
	unsigned long long v;
	char *end;

	if (infinite_ok &&
	    (!strcmp(s, "infinite") || !strcmp(s, "forever"))) {
		*out = UINT32_MAX;
		return 0;
	}
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*s < '0' || *s > '9' || *end || errno || v > max)
		return t6_usage(a, "invalid %s '%s' (0..%u%s)", key, s, max,
				infinite_ok ? " or infinite" : "");
	*out = v;
	return 0;
}

/* PREFIX/LEN with LEN 1..128 and no bits set past LEN. */
int t6_parse_prefix(struct t6_args *a, const char *s, struct in6_addr *p,
		    uint8_t *len)
{
	char buf[INET6_ADDRSTRLEN + 8], *slash, *end;
	unsigned long l;
	int i;

	if (strlen(s) >= sizeof(buf))
		return t6_usage(a, "invalid prefix '%s'", s);
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (!slash)
		return t6_usage(a, "prefix '%s' lacks its /LEN", s);
	*slash++ = '\0';
	l = strtoul(slash, &end, 10);
	if (*slash < '0' || *slash > '9' || *end || l < 1 || l > 128)
		return t6_usage(a, "invalid prefix length in '%s' (1..128)", s);
	if (inet_pton(AF_INET6, buf, p) != 1)
		return t6_usage(a, "invalid IPv6 prefix '%s'", s);
	for (i = l; i < 128; i++)
		if (p->s6_addr[i / 8] & (0x80 >> (i % 8)))
			return t6_usage(a, "prefix '%s' has bits set past /%lu",
					s, l);
	*len = l;
	return 0;
}

int t6_parse_enabled(struct t6_args *a, const char *key, const char *s,
		     bool *on)
{
	if (!strcmp(s, "enabled")) {
		*on = true;
	} else if (!strcmp(s, "disabled")) {
		*on = false;
	} else {
		return t6_usage(a, "invalid %s '%s' (enabled or disabled)",
				key, s);
	}
	return 0;
}

static void main_help(void)
{
	size_t i;

	printf("Usage: %s\n"
	       "       t6 [-j] [-p] monitor\n"
	       "       t6 [-j] [-p] dump\n"
	       "       t6 exec FILE|-\n"
	       "       t6 resolve [every SECS]\n"
	       "       t6 [CONTEXT] help | -h | --version\n\n"
	       "Contexts:\n", main_usage);
	for (i = 0; i < ARRAY_SIZE(contexts); i++)
		printf("  %-10s%s\n", contexts[i]->name, contexts[i]->summary);
	printf("  %-10s%s\n", "monitor",
	       "print each state change of every transit6 interface");
	printf("  %-10s%s\n", "dump",
	       "the running configuration, as the t6 commands that make it");
	printf("  %-10s%s\n", "exec",
	       "apply a file of such commands: every line checked first, all or none");
	printf("  %-10s%s\n", "resolve",
	       "resolve the PRL, relay and server names again, update the lists");
	printf("\nOptions:\n"
	       "  -j, --json     JSON output\n"
	       "  -p, --pretty   indented JSON output (implies -j)\n"
	       "  -h, --help     this help\n"
	       "  -V, --version  versions of t6 and of the loaded module\n\n"
	       "'dev NAME' may be left out when exactly one interface of the context's kind\n"
	       "exists.  Run 't6 CONTEXT help' for the commands of a context; the\n"
	       "manual pages are t6(8) and transit6(7).\n");
}

static void context_help(const struct t6_context *ctx)
{
	size_t i;

	printf("Usage: t6 [-j] [-p] %s VERB OBJECT [key value | key=value]...\n\n"
	       "%s.  Commands:\n\n", ctx->name, ctx->summary);
	for (i = 0; i < ctx->ncmds; i++)
		printf("  t6 %s %s\n      %s\n", ctx->name, ctx->cmds[i].usage,
		       ctx->cmds[i].help);
	if (ctx->notes)
		printf("\n%s", ctx->notes);
}

/* "router" also answers to "routers", "interfaces" to "interface". */
static bool word_is(const char *word, const char *name)
{
	size_t w = strlen(word), n = strlen(name);

	if (!strcmp(word, name))
		return true;
	if (w == n + 1 && word[n] == 's')
		return !strncmp(word, name, n);
	return n == w + 1 && name[w] == 's' && !strncmp(word, name, w);
}

static const char *verb_alias(const char *verb)
{
	return strcmp(verb, "delete") ? verb : "del";
}

static bool is_help(const char *s)
{
	return !strcmp(s, "help") || !strcmp(s, "-h") || !strcmp(s, "--help");
}

/* The objects of @verb ("state|router|..."), or the verbs if @verb is NULL. */
static void words_of(const struct t6_context *ctx, const char *verb,
		     char *buf, size_t size)
{
	size_t i, j, len;
	const char *w;

	buf[0] = '\0';
	for (i = 0; i < ctx->ncmds; i++) {
		if (verb && strcmp(ctx->cmds[i].verb, verb))
			continue;
		w = verb ? ctx->cmds[i].object : ctx->cmds[i].verb;
		for (j = 0; !verb && j < i; j++)
			if (!strcmp(ctx->cmds[j].verb, w))
				break;
		if (!verb && j < i)
			continue;
		len = strlen(buf);
		snprintf(buf + len, size - len, "%s%s", len ? "|" : "", w);
	}
}

static int bad_object(const struct t6_context *ctx, const char *verb,
		      const char *word)
{
	char objs[256];

	words_of(ctx, verb, objs, sizeof(objs));
	if (word)
		t6_warn("unknown object '%s' for '%s %s'; usage: t6 %s %s {%s} ...",
			word, ctx->name, verb, ctx->name, verb, objs);
	else
		t6_warn("missing object after '%s %s'; usage: t6 %s %s {%s} ...",
			ctx->name, verb, ctx->name, verb, objs);
	return T6_EXIT_USAGE;
}

static int bad_verb(const struct t6_context *ctx, const char *verb)
{
	char verbs[128];

	words_of(ctx, NULL, verbs, sizeof(verbs));
	t6_warn("unknown verb '%s' for %s; usage: t6 %s {%s} OBJECT ... (see 't6 %s help')",
		verb, ctx->name, ctx->name, verbs, ctx->name);
	return T6_EXIT_USAGE;
}

/* Splits each "key=value" word in two; the words are the process's. */
static char **split_words(int argc, char **argv, int *n)
{
	char **v = calloc(2 * argc + 1, sizeof(*v));
	char *eq;
	int i;

	if (!v)
		return NULL;
	*n = 0;
	for (i = 0; i < argc; i++) {
		v[(*n)++] = argv[i];
		eq = strchr(argv[i], '=');
		if (eq && eq != argv[i]) {
			*eq = '\0';
			v[(*n)++] = eq + 1;
		}
	}
	return v;
}

/* Runs VERB OBJECT ARGS... (@n words, "key=value" already split). */
static int context_run(const struct t6_context *ctx, int n, char **words)
{
	const char *verb = verb_alias(words[0]);
	const struct t6_command *cmd = NULL;
	char usage[256];
	struct t6_args a;
	size_t i;

	for (i = 0; i < ctx->ncmds && !cmd; i++)
		if (!strcmp(ctx->cmds[i].verb, verb) &&
		    n > 1 && word_is(words[1], ctx->cmds[i].object))
			cmd = &ctx->cmds[i];
	for (i = 0; i < ctx->ncmds && !cmd; i++)
		if (!strcmp(ctx->cmds[i].verb, verb))
			break;
	if (!cmd && i == ctx->ncmds)
		return bad_verb(ctx, words[0]);
	if (!cmd && n > 1 && is_help(words[1])) {
		context_help(ctx);
		return 0;
	}
	if (!cmd)
		return bad_object(ctx, verb, n > 1 ? words[1] : NULL);
	snprintf(usage, sizeof(usage), "t6 %s %s", ctx->name, cmd->usage);
	a = (struct t6_args){ .argc = n - 2, .argv = words + 2,
			      .cmd = cmd, .usage = usage };
	t6_print_init(t6.json, t6.pretty);
	return cmd->run(&a);
}

static int context_main(const struct t6_context *ctx, int argc, char **argv)
{
	char **words;
	int n, ret;

	if (argc == 0 || is_help(argv[0])) {
		context_help(ctx);
		return 0;
	}
	words = split_words(argc, argv, &n);
	if (!words)
		return t6_err("out of memory");
	ret = context_run(ctx, n, words);
	free(words);
	return ret;
}

static const struct t6_context *find_context(const char *name);

/* CONTEXT VERB OBJECT ARGS... as @n words of a file (config.c) */
int t6_run_words(int n, char **words)
{
	const struct t6_context *ctx = find_context(words[0]);

	if (!ctx)
		return main_usage_err("unknown context '%s'", words[0]);
	return context_main(ctx, n - 1, words + 1);
}

/*
 * t6 --version: t6's own version and netlink version, and the loaded
 * module's (from sysfs and from the generic netlink controller), which
 * is what to compare when t6 and the module disagree.
 */
static int print_version(void)
{
	char mod[128] = "";
	FILE *f;
	int ret;

	f = fopen("/sys/module/transit6/version", "r");
	if (f) {
		if (!fgets(mod, sizeof(mod), f))
			mod[0] = '\0';
		mod[strcspn(mod, "\n")] = '\0';
		fclose(f);
	}
	ret = t6_genl_resolve(true);
	if (ret > 0)
		return ret;
	t6_print_init(t6.json, t6.pretty);
	open_json_object(NULL);
	print_string(PRINT_ANY, "version", "t6 %s", T6_VERSION);
	print_uint(PRINT_ANY, "genl_version", " (generic netlink version %u)\n",
		   T6_GENL_VERSION);
	if (ret == -ENOENT) {
		print_null(PRINT_ANY, "module", "%s\n",
			   "transit6 module not loaded");
	} else {
		open_json_object("module");
		print_string(PRINT_ANY, "version", "transit6 module %s",
			     mod[0] ? mod : "(no version)");
		print_uint(PRINT_ANY, "genl_version",
			   " (generic netlink version %u)\n", t6.family_version);
		close_json_object();
	}
	close_json_object();
	return 0;
}

static const struct t6_context *find_context(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(contexts); i++)
		if (!strcmp(contexts[i]->name, name))
			return contexts[i];
	return NULL;
}

int main(int argc, char **argv)
{
	const struct t6_context *ctx;
	bool version = false;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json")) {
			t6.json = true;
		} else if (!strcmp(argv[i], "-p") ||
			   !strcmp(argv[i], "--pretty")) {
			t6.pretty = true;
		} else if (is_help(argv[i])) {
			main_help();
			return 0;
		} else if (!strcmp(argv[i], "-V") ||
			   !strcmp(argv[i], "--version")) {
			version = true;
		} else {
			return main_usage_err("unknown option '%s'", argv[i]);
		}
	}
	if (version)
		return print_version();
	if (i == argc || is_help(argv[i])) {
		ctx = i + 1 < argc ? find_context(argv[i + 1]) : NULL;
		if (ctx)
			context_help(ctx);
		else
			main_help();
		return 0;
	}
	if (!strcmp(argv[i], "monitor"))
		return t6_monitor(argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "dump"))
		return t6_dump(argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "exec"))
		return t6_exec(argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "resolve"))
		return t6_resolve(argc - i - 1, argv + i + 1);
	ctx = find_context(argv[i]);
	if (!ctx)
		return main_usage_err("unknown context '%s' (see 't6 help')",
				      argv[i]);
	return context_main(ctx, argc - i - 1, argv + i + 1);
}
