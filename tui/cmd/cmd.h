/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd.h - the subcommands of pagewalk and what they share.
 *
 * Each command lives in its own file (cmd_translate.c, ...) and is listed
 * in the table in main.c. A command gets argv with argv[0] = its name and
 * returns the process exit status: 0 success, 1 bad input, 2 bad usage.
 * Errors go to stderr as "FILE:LINE:COL: message" or "pagewalk: message".
 */
#ifndef PAGEWALK_CMD_H
#define PAGEWALK_CMD_H

#include <stdbool.h>

#include "util/diag.h"
#include "util/text.h"

#define EXIT_BADINPUT 1
#define EXIT_USAGE 2

/* Options given before the command name. */
struct globals {
	enum lang lang;      /* --lang, else from LC_ALL/LC_MESSAGES/LANG */
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

#endif
