/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd.h - tui/cmd, the group: pagewalk's commands and what they share.
 * The group's contract.
 *
 * The group (tui/cmd/):
 *   cmd_NAME.c        one command each (`pagewalk NAME`), listed in main.c's
 *                     table: its options, its work through the engine, its
 *                     output; a full-screen one runs its app loop here
 *   cmd_app.c         the screen table and the app set up for full screens
 *   cmd_opt.c         every command's options (getopt_long, one way)
 *   cmd_msg.c         error lines, diagnostics, the language notice
 *   cmd_arch.c, cmd_file.c, cmd_print.c, cmd_replay_cast.c
 *                     --arch; output files written whole; walks as text;
 *                     replay --cast
 * main.c calls the group; the group calls tui/screen, tui/draw and the
 * engine, never main.c. Names: every export starts with cmd_.
 *
 * A command gets argv with argv[0] = its name and returns the process
 * exit status: 0 success, 1 bad input, 2 bad usage.
 * Errors: this group is the only one that prints: results on stdout,
 * every error on stderr as "FILE:LINE:COL: message" (a struct diag the
 * engine filled) or "pagewalk: message", escaped (names and values come
 * from outside: no control byte reaches the terminal). A usage error is
 * found before any work starts; a file is written whole or not at all.
 * Ownership: a command owns what it loads and frees it before returning;
 * struct globals is main's, read-only.
 * Cost: what the engine call costs; parsing options is linear in argv.
 */
#ifndef PAGEWALK_CMD_H
#define PAGEWALK_CMD_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "util/diag.h"
#include "util/env.h"
#include "util/text.h"

#define EXIT_BADINPUT 1
#define EXIT_USAGE 2

/* What main decided before the command: the options given before its
 * name, and what the run as a whole depends on, decided once. */
struct globals {
	enum lang lang;          /* --lang, else from LC_ALL/LC_MESSAGES/LANG;
				    English when the locale cannot show Japanese */
	const char *lang_note;   /* why Japanese was asked for and is not shown; NULL */
	bool utf8;               /* the locale's codeset is UTF-8 */
	const struct env *env;   /* the environment, read once (util/env.h) */
	const char *argv0;
};

typedef int cmd_fn(const struct globals *g, int argc, char **argv);

cmd_fn cmd_translate, cmd_macros;
cmd_fn cmd_lesson, cmd_home;
cmd_fn cmd_dump, cmd_record;
cmd_fn cmd_check;
cmd_fn cmd_replay;
cmd_fn cmd_exercise;
cmd_fn cmd_new_lesson;
cmd_fn cmd_lab, cmd_grade;

/* Print "pagewalk: message" to stderr, escaped (arguments, environment and
 * file names come from outside: no control byte reaches the terminal);
 * returns status, for `return cmd_error(...)`. */
int cmd_error(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The language error lines are in (main.c, once the language is decided):
 * cmd_error prints the Japanese form of a format that has one. */
void cmd_msg_lang(enum lang lang);
/* en's Japanese form when the language is Japanese and it has one, else en. */
const char *cmd_msg(const char *en);
/* Print one line to f, escaped as a whole (the paths and names in it come
 * from outside: no control byte reaches the terminal or the file);
 * returns -1 when out of memory (nothing printed), else 0. */
int cmd_say(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Flush stdout; when that or any earlier write to it failed (a full disk,
 * /dev/full, a closed pipe), say so on stderr and return EXIT_BADINPUT,
 * else 0. Every command that prints results ends with it. */
int cmd_finish_stdout(void);
/* Print a filled diag to stderr as one line. */
void cmd_print_diag(const struct diag *d);
/* Print g->lang_note as "pagewalk: ..." to stderr, if there is one: once
 * per run, by main for a line command, by the command itself for output
 * that is not a full screen (replay --cast). */
void cmd_lang_note(const struct globals *g);

/* ---- cmd_app.c: the full-screen commands ---- */
struct app;
/* app_init with every screen and the global options. */
void cmd_app_init(struct app *app, const struct globals *g);
/* app_run; a terminal it could not use is said on stderr ("pagewalk:
 * ..."). Returns app_run's exit status. */
int cmd_app_run(struct app *app);

/* Options: every command parses its argv with getopt_long through
 * cmd_opt_next(), so all of them take "--opt value" and "--opt=value",
 * -h/--help ('h' in shorts, {"help", no_argument, 0, 'h'} in longs),
 * "--" before arguments that start with '-', and unambiguous prefixes
 * of long options. A command's parse function returns CMD_CONTINUE to
 * go on, or the exit status to stop with: 0 when the help was shown,
 * EXIT_USAGE when a usage error was printed ("pagewalk: CMD: ...", the
 * usage after it for a bad option). */
#define CMD_CONTINUE (-1)

enum {
	CMD_OPT_END = -1,    /* no more words */
	CMD_OPT_ARG = 1,     /* a word that is not an option, in p->arg */
	CMD_OPT_STOP = -2,   /* --help shown or a bad option reported: p->status */
};

struct cmd_opt {
	const char *cmd;                 /* "dump": in messages; NULL: global options */
	int argc;
	char **argv;                     /* argv[0] is the command's name */
	const struct option *longs;
	void (*usage)(FILE *f);          /* the command's usage text */
	const char *arg;                 /* the option's value, or the argument */
	char name[48];                   /* the option as named: "-n" or "--count" */
	int status;                      /* after CMD_OPT_STOP: 0 or EXIT_USAGE */
	int next;                        /* after CMD_OPT_ARG: argv[next] follows it */
	bool rest;                       /* past "--" */
	char spec[64];
};

/* Start parsing argv (argv[0] skipped) with getopt_long's short option
 * letters (e.g. "a:hv") and long options (ended by a zero entry). */
void cmd_opt_begin(struct cmd_opt *p, const char *cmd, int argc, char **argv,
		   const char *shorts, const struct option *longs, void (*usage)(FILE *f));
/* The next word: an option's letter (or its long option's val) with its
 * value in p->arg, CMD_OPT_ARG, CMD_OPT_END, or CMD_OPT_STOP after
 * -h/--help (usage on stdout, p->status 0) or a usage error: an unknown
 * or ambiguous option, a missing value, a value for an option that takes
 * none (the line and the usage on stderr, p->status EXIT_USAGE). */
int cmd_opt_next(struct cmd_opt *p);
/* Report an argument the command does not take ("pagewalk: CMD:
 * unexpected argument X", then the usage); returns EXIT_USAGE. */
int cmd_opt_extra(struct cmd_opt *p, const char *what);

#endif
