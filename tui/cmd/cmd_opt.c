/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_opt.c - every command's options through getopt_long, one way.
 *
 * getopt_long runs in "return in order" mode (a leading '-' in the
 * option string): options and arguments come back in the order given,
 * whatever POSIXLY_CORRECT says, so a command sees "FILE --format md"
 * and "--format md FILE" alike. Its own messages are off (opterr = 0):
 * an unknown option, a missing value or a value given to an option
 * that takes none is reported here as "pagewalk: CMD: ...", followed by
 * the command's usage, and ends the parse with exit status 2.
 */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"

void cmd_opt_begin(struct cmd_opt *p, const char *cmd, int argc, char **argv,
		   const char *shorts, const struct option *longs, void (*usage)(FILE *))
{
	memset(p, 0, sizeof *p);
	p->cmd = cmd;
	p->argc = argc;
	p->argv = argv;
	p->longs = longs;
	p->usage = usage;
	snprintf(p->spec, sizeof p->spec, "-:%s", shorts);
	optind = 0;   /* glibc: start afresh (a new argv) */
	opterr = 0;
}

/* "CMD: " or "" for the global options. */
static const char *who(const struct cmd_opt *p, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", p->cmd ? p->cmd : "", p->cmd ? ": " : "");
	return buf;
}

/* How many long options start with the name in arg ("--fo" or "--fo=x"). */
static int prefix_matches(const struct cmd_opt *p, const char *arg)
{
	size_t n = strcspn(arg + 2, "=");
	int hits = 0;

	for (const struct option *o = p->longs; o && o->name; o++)
		hits += strncmp(o->name, arg + 2, n) == 0;
	return hits;
}

/* A usage error "HEAD WHAT TAIL" about option what: the line, the
 * usage, CMD_OPT_STOP. */
static int opt_error(struct cmd_opt *p, const char *head, const char *what, const char *tail)
{
	char w[64];

	cmd_error(EXIT_USAGE, "%s%s%s%s", who(p, w, sizeof w), cmd_msg(head), what, cmd_msg(tail));
	if (p->usage)
		p->usage(stderr);
	p->status = EXIT_USAGE;
	return CMD_OPT_STOP;
}

int cmd_opt_next(struct cmd_opt *p)
{
	int before = optind ? optind : 1, idx = -1, c;
	bool is_long;
	char name[8];

	if (p->rest)   /* after "--": every word is an argument */
		goto argument;
	c = getopt_long(p->argc, p->argv, p->spec, p->longs, &idx);
	/* the word getopt read: a long option starts with "--"; a short one
	 * may sit in a cluster ("-cv"), so its letter names it */
	is_long = before < p->argc && strncmp(p->argv[before], "--", 2) == 0;
	snprintf(name, sizeof name, "-%c", optopt);
	p->arg = optarg;
	switch (c) {
	case -1:
		if (optind >= p->argc)
			return CMD_OPT_END;
		p->rest = true;
		goto argument;
	case 1:
		p->next = optind;
		return CMD_OPT_ARG;
	case '?':
		if (optopt == 0 && prefix_matches(p, p->argv[optind - 1]) > 1)
			return opt_error(p, "ambiguous option ", p->argv[optind - 1], "");
		if (optopt == 0)
			return opt_error(p, "unknown option ", p->argv[optind - 1], "");
		if (is_long) {
			char opt[64];
			snprintf(opt, sizeof opt, "%.*s", (int)strcspn(p->argv[before], "="),
				 p->argv[before]);
			return opt_error(p, "", opt, " takes no value");
		}
		return opt_error(p, "unknown option ", name, "");
	case ':':
		if (is_long)
			return opt_error(p, "", p->argv[before], " wants a value");
		return opt_error(p, "", name, " wants a value");
	case 'h':
		if (p->usage)
			p->usage(stdout);
		p->status = 0;
		return CMD_OPT_STOP;
	default:
		if (idx >= 0)
			snprintf(p->name, sizeof p->name, "--%s", p->longs[idx].name);
		else
			snprintf(p->name, sizeof p->name, "-%c", c);
		return c;
	}
argument:
	if (optind >= p->argc)
		return CMD_OPT_END;
	p->arg = p->argv[optind++];
	p->next = optind;
	return CMD_OPT_ARG;
}

int cmd_opt_extra(struct cmd_opt *p, const char *what)
{
	opt_error(p, "unexpected argument ", what, "");
	return EXIT_USAGE;
}
