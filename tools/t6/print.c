// SPDX-License-Identifier: GPL-2.0
/*
 * One printer for text and JSON, in iproute2's PRINT_ANY style: every call
 * names a JSON key and a text format, and the mode chosen at start (-j)
 * decides which one is used.  PRINT_FP and PRINT_JSON mark the rare piece
 * that exists in one output only.
 *
 * JSON is written as it goes, with a small stack remembering whether a
 * value was already emitted at each nesting level (for the commas).  A
 * top-level value ends with a newline, so t6 monitor -j prints one object
 * per line.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "t6.h"

#define MAX_DEPTH	16
#define LABEL_WIDTH	17	/* "ISATAP addresses" and a space */

static struct {
	bool json;
	bool pretty;
	int depth;
	bool used[MAX_DEPTH];	/* a value was written at this depth */
} pr;

void t6_print_init(bool json, bool pretty)
{
	memset(&pr, 0, sizeof(pr));
	pr.json = json || pretty;
	pr.pretty = pretty;
}

bool is_json_context(void)
{
	return pr.json;
}

static void json_newline(void)
{
	int i;

	if (!pr.pretty)
		return;
	putchar('\n');
	for (i = 0; i < pr.depth; i++)
		fputs("    ", stdout);
}

/* Length of the valid UTF-8 sequence at @s, or 0 if it is not one. */
static size_t utf8_len(const unsigned char *s)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	/* no overlong forms, no surrogates, nothing past U+10FFFF */
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

/* A JSON string; bytes that are not UTF-8 become U+FFFD. */
static void json_string(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	putchar('"');
	while (*s) {
		switch (*s) {
		case '"':  fputs("\\\"", stdout); break;
		case '\\': fputs("\\\\", stdout); break;
		case '\b': fputs("\\b", stdout); break;
		case '\f': fputs("\\f", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		default:
			if (*s < 0x20 || *s == 0x7f) {
				printf("\\u%04x", *s);
			} else if (*s < 0x80) {
				putchar(*s);
			} else if ((n = utf8_len(s))) {
				fwrite(s, 1, n, stdout);
				s += n;
				continue;
			} else {
				fputs("\\ufffd", stdout);
			}
		}
		s++;
	}
	putchar('"');
}

/* Separator, indentation and "key": before a value. */
static void json_key(const char *key)
{
	if (pr.depth == 0)
		return;
	if (pr.used[pr.depth])
		putchar(',');
	pr.used[pr.depth] = true;
	json_newline();
	if (key) {
		json_string(key);
		fputs(pr.pretty ? ": " : ":", stdout);
	}
}

static void json_open(const char *key, char c)
{
	json_key(key);
	putchar(c);
	if (pr.depth < MAX_DEPTH - 1)
		pr.depth++;
	pr.used[pr.depth] = false;
}

static void json_close(char c)
{
	bool used = pr.used[pr.depth];

	if (pr.depth > 0)
		pr.depth--;
	if (used)
		json_newline();
	putchar(c);
	if (pr.depth == 0) {
		putchar('\n');
		fflush(stdout);
	}
}

void open_json_object(const char *key)
{
	if (pr.json)
		json_open(key, '{');
}

void close_json_object(void)
{
	if (pr.json)
		json_close('}');
}

void open_json_array(enum output_type t, const char *key)
{
	if (pr.json && (t & PRINT_JSON))
		json_open(key, '[');
	else if (!pr.json && (t & PRINT_FP) && key)
		fputs(key, stdout);
}

void close_json_array(enum output_type t, const char *text)
{
	if (pr.json && (t & PRINT_JSON))
		json_close(']');
	else if (!pr.json && (t & PRINT_FP) && text)
		fputs(text, stdout);
}

/* True when the text side of @t is to be printed. */
static bool want_text(enum output_type t)
{
	return !pr.json && (t & PRINT_FP);
}

static bool want_json(enum output_type t)
{
	return pr.json && (t & PRINT_JSON);
}

void print_string(enum output_type t, const char *key, const char *fmt,
		  const char *value)
{
	if (want_json(t)) {
		json_key(key);
		json_string(value);
	} else if (want_text(t)) {
		printf(fmt, value);
	}
}

void print_uint(enum output_type t, const char *key, const char *fmt,
		unsigned int value)
{
	if (want_json(t)) {
		json_key(key);
		printf("%u", value);
	} else if (want_text(t)) {
		printf(fmt, value);
	}
}

void print_u64(enum output_type t, const char *key, const char *fmt,
	       uint64_t value)
{
	if (want_json(t)) {
		json_key(key);
		printf("%" PRIu64, value);
	} else if (want_text(t)) {
		printf(fmt, value);
	}
}

void print_bool(enum output_type t, const char *key, const char *fmt,
		bool value)
{
	if (want_json(t)) {
		json_key(key);
		fputs(value ? "true" : "false", stdout);
	} else if (want_text(t)) {
		printf(fmt, value ? "true" : "false");
	}
}

/* JSON null; @text (through @fmt) in text mode. */
void print_null(enum output_type t, const char *key, const char *fmt,
		const char *text)
{
	if (want_json(t)) {
		json_key(key);
		fputs("null", stdout);
	} else if (want_text(t)) {
		printf(fmt, text);
	}
}

void print_nl(void)
{
	if (!pr.json)
		putchar('\n');
}

/* "Label            : " of a netsh-like text line. */
void print_label(const char *label)
{
	if (!pr.json)
		printf("%-*s: ", LABEL_WIDTH, label);
}

/* Indentation of a continuation line under the previous value. */
void print_cont(void)
{
	if (!pr.json)
		printf("%*s", LABEL_WIDTH + 2, "");
}
