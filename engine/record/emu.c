/* SPDX-License-Identifier: GPL-2.0-only */
/* emu.c - one run of the guest under QEMU or Bochs. */
#include "record/emu.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "record/recfile.h"
#include "record/recproc.h"
#include "util/env.h"

const char *emu_program(enum emu_kind k)
{
	return k == EMU_QEMU ? "qemu-system-i386" : "bochs";
}

const char *emu_name(enum emu_kind k)
{
	return k == EMU_QEMU ? "QEMU" : "Bochs";
}

const char *emu_records_file(enum emu_kind k)
{
	return k == EMU_QEMU ? "e9.txt" : "bochs.out";
}

const char *emu_log_file(enum emu_kind k)
{
	return k == EMU_QEMU ? "qemu.log" : "bochs.log";
}

const char *emu_stops_file(enum emu_kind k)
{
	(void)k;
	return "walks.txt";
}

double emu_default_timeout(enum emu_kind k)
{
	return k == EMU_QEMU ? 30 : 60;
}

static bool in_path(const char *prog)
{
	const char *path = env_get()->path;
	char buf[4096];

	if (!path)
		return false;
	while (*path) {
		const char *c = strchr(path, ':');
		size_t n = c ? (size_t)(c - path) : strlen(path);
		if (n && n + strlen(prog) + 2 < sizeof buf) {
			snprintf(buf, sizeof buf, "%.*s/%s", (int)n, path, prog);
			if (access(buf, X_OK) == 0)
				return true;
		}
		path += n + (c ? 1 : 0);
	}
	return false;
}

int emu_check_tools(enum emu_kind k, struct diag *d)
{
	static const struct { const char *prog, *pkg; } need[2][5] = {
		{ { "qemu-system-i386", "qemu-system-x86" }, { "gdb", "gdb" } },
		{ { "bochs", "bochs bochsbios vgabios" },
		  { "grub-mkrescue", "grub-common grub-pc-bin" },
		  { "xorriso", "xorriso" },
		  { "stdbuf", "coreutils" },
		  { "python3", "python3" } },
	};

	for (size_t i = 0; i < 5 && need[k][i].prog; i++)
		if (!in_path(need[k][i].prog)) {
			diag_set(d, "", 0, 0, "%s is not on PATH: recording under %s needs it "
				 "(Debian: apt-get install %s)", need[k][i].prog, emu_name(k),
				 need[k][i].pkg);
			return -1;
		}
	return 0;
}

/* Append word to the shell-quoted command line. */
static void quote_into(char *cmd, size_t len, const char *word)
{
	static const char plain_chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
					  "0123456789-_=./,:+@%";
	size_t n = strlen(cmd);
	bool plain = *word && strspn(word, plain_chars) == strlen(word);

	if (n && n + 1 < len)
		cmd[n++] = ' ';
	if (plain) {
		snprintf(cmd + n, len - n, "%s", word);
		return;
	}
	if (n + 1 < len)
		cmd[n++] = '\'';
	for (const char *p = word; *p && n + 5 < len; p++) {
		if (*p == '\'') {
			memcpy(cmd + n, "'\\''", 4);
			n += 4;
		} else {
			cmd[n++] = *p;
		}
	}
	if (n + 1 < len)
		cmd[n++] = '\'';
	cmd[n < len ? n : len - 1] = 0;
}

void emu_command_line(char *cmd, size_t len, char *const *argv)
{
	cmd[0] = 0;
	for (int i = 0; argv[i]; i++)
		quote_into(cmd, len, argv[i]);
}

/* The first line of the file at path (containing `contains`, if given),
 * trimmed and escaped, into buf. */
void emu_first_line(const char *path, const char *contains, char *buf, size_t len)
{
	char *text = NULL, *p, *e;

	buf[0] = 0;
	if (recfile_read(path, 1u << 20, &text, NULL, NULL, NULL) < 0)
		return;
	p = contains ? strstr(text, contains) : text;
	if (p) {
		e = strchr(p, '\n');
		if (e)
			*e = 0;
		while (*p == ' ')
			p++;
		for (e = p + strlen(p); e > p && (e[-1] == ' ' || e[-1] == '\r'); e--)
			e[-1] = 0;
		recfile_quote(p, buf, len);
	}
	free(text);
}

struct tick_ctx {
	struct emu_job *j;
	struct recfile_tail tail;
	char path[1100];
};

static void on_tick(void *ctx, double elapsed)
{
	struct tick_ctx *t = ctx;

	recfile_tail_poll(&t->tail, t->path);
	if (t->j->tick)
		t->j->tick(t->j->ctx, t->tail.faults, elapsed);
}

/* Run argv in the job's directory; 0 when it exited, else -1 with d
 * saying why (what names the step in the timeout message). */
int emu_run_step(struct emu_job *j, char *const *argv, const char *out, const char *err,
		    double limit, bool guest, int *st, struct diag *d)
{
	struct tick_ctx tc = { .j = j };
	double t0 = recproc_now();
	struct recproc p = { .argv = argv, .dir = j->dir, .out = out, .err = err,
			     .limit = limit, .stop = j->stop };

	if (guest) {
		snprintf(tc.path, sizeof tc.path, "%s/%s", j->dir, emu_records_file(j->kind));
		p.tick = on_tick;
		p.ctx = &tc;
	}
	switch (recproc_run(&p, st, d)) {
	case RECPROC_EXITED:
		if (guest)
			on_tick(&tc, recproc_now() - t0);   /* the final count */
		return 0;
	case RECPROC_TIMEOUT:
		if (guest)
			diag_set(d, "", 0, 0, "%s did not finish within %g s: the guest hung "
				 "(stopped it; --timeout S gives it longer)", emu_program(j->kind), limit);
		else
			diag_set(d, "", 0, 0, "`%s %s` did not finish within %g s (stopped it)",
				 argv[0], argv[1] ? argv[1] : "", limit);
		return -1;
	case RECPROC_STOPPED:
		diag_set(d, "", 0, 0, "interrupted: stopped %s",
			 guest ? emu_program(j->kind) : argv[0]);
		return -1;
	case RECPROC_ERROR:
		break;
	}
	return -1;
}

/* "DIR/NAME" into buf. */
const char *emu_in_dir(char *buf, size_t len, const char *dir, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
	return buf;
}

/* The exit status the run's wrapper wrote to the file name of the run
 * directory (qemu.status, bochs.status) into *st; -1 when there is none. */
int emu_read_status(const struct emu_job *j, const char *name, int *st)
{
	char path[1100], *text = NULL, *end;
	long v;

	if (recfile_read(emu_in_dir(path, sizeof path, j->dir, name), 64, &text, NULL, NULL,
			 NULL) < 0)
		return -1;
	v = strtol(text, &end, 10);
	if (end == text || v < 0 || v > 255) {
		free(text);
		return -1;
	}
	free(text);
	*st = (int)v;
	return 0;
}

int emu_witness_ok(const struct emu_job *j, const char *under, struct diag *d)
{
	char path[1100], line[300];

	emu_first_line(emu_in_dir(path, sizeof path, j->dir, "walks.txt.err"), NULL, line,
		       sizeof line);
	if (!line[0])
		return 0;
	diag_set(d, "", 0, 0, "the walk witness failed under %s: %s", under, line);
	return -1;
}

/* A new file holding text (no following links). */
int emu_write_new(const char *path, const char *text, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	ssize_t w = 0;

	if (fd < 0)
		return -1;
	while (n > 0 && (w = write(fd, text, n)) > 0) {
		text += w;
		n -= (size_t)w;
	}
	return close(fd) == 0 && n == 0 ? 0 : -1;
}

int emu_run(struct emu_job *j, struct diag *d)
{
	return j->kind == EMU_QEMU ? emu_run_qemu(j, d) : emu_run_bochs(j, d);
}
