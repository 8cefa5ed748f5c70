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

#include "record/elfsym.h"
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
	return k == EMU_QEMU ? "walks.txt" : "bochs.out";
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
	static const struct { const char *prog, *pkg; } need[2][4] = {
		{ { "qemu-system-i386", "qemu-system-x86" }, { "gdb", "gdb" } },
		{ { "bochs", "bochs bochsbios vgabios" },
		  { "grub-mkrescue", "grub-common grub-pc-bin" },
		  { "xorriso", "xorriso" },
		  { "stdbuf", "coreutils" } },
	};

	for (size_t i = 0; i < 4 && need[k][i].prog; i++)
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

/* Run the emulator command tmpl (its $NAMEs from vars) with the guest,
 * noting its command line in j; *st its wait status. 0, or -1 with d
 * filled (also when it died of a signal). */
static int run_guest(struct emu_job *j, const char *tmpl, const char *const *vars,
		     const char *out, const char *err, int *st, struct diag *d)
{
	char **argv = emu_config_argv(tmpl, vars);
	int rc = -1;

	if (!argv) {
		diag_set(d, "", 0, 0, "out of memory");
		return -1;
	}
	emu_command_line(j->command, sizeof j->command, argv);
	if (emu_run_step(j, argv, out, err, j->timeout, true, st, d) < 0)
		goto fail;
	if (WIFSIGNALED(*st)) {
		diag_set(d, "", 0, 0, "%s crashed (signal %d)", emu_program(j->kind),
			 WTERMSIG(*st));
		goto fail;
	}
	rc = 0;
fail:
	free(argv);
	return rc;
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

/* The debugger's commands (guest/bochs.rc.in): a breakpoint at the
 * guest's #PF entry, its vector14 in the ELF's symbols, and the register
 * dumps at each stop. A new string, or NULL with d filled. */
static char *bochs_rc(const char *elf, size_t n, struct diag *d)
{
	char at[16];
	const char *vars[] = { "PFENTRY", at, NULL };
	uint32_t addr;
	char *rc;

	if (elfsym_find((const unsigned char *)elf, n, "vector14", &addr) < 0) {
		diag_set(d, "", 0, 0, "the guest kernel has no vector14 symbol: Bochs's debugger "
			 "cannot stop at its page-fault entry (build it with `make guest`)");
		return NULL;
	}
	snprintf(at, sizeof at, "0x%08x", addr);
	rc = emu_config_repeat(record_cfg_bochs_rc_in, EMU_BOCHS_STOPS, vars);
	if (!rc)
		diag_set(d, "", 0, 0, "out of memory");
	return rc;
}

/* The ISO tree (the kernel, grub.cfg), bochsrc and the debugger's rc,
 * all named relative to the run directory Bochs runs in. */
static int bochs_files(struct emu_job *j, struct diag *d)
{
	char p[4][1100];
	const char *vars[] = { "ISO", "guest.iso", "LOG", "bochs.log", NULL };
	char *elf = NULL, *grub = emu_config_grub(j->args), *cfg, *rc = NULL;
	size_t n = 0;
	int r = -1;

	cfg = emu_config_text(record_cfg_bochsrc_in, vars);
	if (!grub || !cfg) {
		diag_set(d, "", 0, 0, "out of memory");
		goto fail;
	}
	if (recfile_read(j->elf, 64u << 20, &elf, &n, NULL, d) < 0 || !(rc = bochs_rc(elf, n, d)))
		goto fail;
	if (mkdir(emu_in_dir(p[0], sizeof p[0], j->dir, "iso"), 0755) < 0 ||
	    mkdir(emu_in_dir(p[1], sizeof p[1], j->dir, "iso/boot"), 0755) < 0 ||
	    mkdir(emu_in_dir(p[2], sizeof p[2], j->dir, "iso/boot/grub"), 0755) < 0 ||
	    emu_write_new(emu_in_dir(p[3], sizeof p[3], j->dir, "iso/boot/guest.elf"), elf, n) < 0 ||
	    emu_write_new(emu_in_dir(p[3], sizeof p[3], j->dir, "iso/boot/grub/grub.cfg"), grub,
			  strlen(grub)) < 0 ||
	    emu_write_new(emu_in_dir(p[3], sizeof p[3], j->dir, "bochsrc"), cfg, strlen(cfg)) < 0 ||
	    emu_write_new(emu_in_dir(p[3], sizeof p[3], j->dir, "bochs.rc"), rc, strlen(rc)) < 0) {
		diag_set(d, "", 0, 0, "cannot set up the Bochs run: %s", strerror(errno));
		goto fail;
	}
	r = 0;
fail:
	free(elf);
	free(grub);
	free(cfg);
	free(rc);
	return r;
}

static int make_iso(struct emu_job *j, struct diag *d)
{
	char log[1100];
	const char *vars[] = { "ISO", "guest.iso", "TREE", "iso", NULL };
	char **argv;
	int st, rc = -1;

	emu_in_dir(log, sizeof log, j->dir, "grub.log");
	argv = emu_config_argv(record_cfg_mkrescue_args, vars);
	if (!argv) {
		diag_set(d, "", 0, 0, "out of memory");
		return -1;
	}
	if (emu_run_step(j, argv, log, log, 120, false, &st, d) < 0)
		goto fail;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		diag_set(d, "", 0, 0, "grub-mkrescue could not build the boot ISO");
		goto fail;
	}
	rc = 0;
fail:
	free(argv);
	return rc;
}

static int run_bochs(struct emu_job *j, struct diag *d)
{
	char out[1100], err[1100];
	const char *vars[] = { "RC", "bochsrc", "CMDS", "bochs.rc", NULL };
	int st;

	emu_in_dir(out, sizeof out, j->dir, "bochs.out");
	emu_in_dir(err, sizeof err, j->dir, "bochs.err");
	if (bochs_files(j, d) < 0 || make_iso(j, d) < 0 ||
	    run_guest(j, record_cfg_bochs_args, vars, out, err, &st, d) < 0)
		return -1;
	/* Bochs exits 1 however the guest ends: the records decide. */
	emu_first_line(out, "Bochs x86 Emulator", j->version, sizeof j->version);
	return 0;
}

int emu_run(struct emu_job *j, struct diag *d)
{
	return j->kind == EMU_QEMU ? emu_run_qemu(j, d) : run_bochs(j, d);
}
