/* SPDX-License-Identifier: GPL-2.0-only */
/* emu_bochs.c - one run of the guest under Bochs, driven by its debugger.
 *
 * python3 (guest/bochswitness.args) runs guest/bochswitness.py in the run
 * directory: it starts Bochs with the command line in bochs.cmd
 * (guest/bochs.args, one argument a line), which boots the GRUB ISO made
 * here (grub-mkrescue, guest/mkrescue.args) with guest/bochsrc.in, and
 * talks to Bochs's debugger on its stdin and stdout: it stops at every #PF
 * entry to read the registers and the walks from Bochs's memory
 * (walks.txt), copies what Bochs writes while the guest runs to bochs.out
 * (the records, counted live) and leaves Bochs's exit status in
 * bochs.status. Every process runs in the recproc scope: nothing outlives
 * the run. */
#include "record/emu.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "record/elfsym.h"
#include "record/recfile.h"
#include "record/walkgeom.h"

/* The addresses of vector14 (the #PF entry, where the debugger stops) and
 * swapper_pg_dir (the master table) in the guest's symbols, as hex text. */
static int bochs_symbols(const char *elf, size_t n, char *entry, char *master, size_t len,
			 struct diag *d)
{
	uint32_t e, m;

	if (elfsym_find((const unsigned char *)elf, n, "vector14", &e) < 0 ||
	    elfsym_find((const unsigned char *)elf, n, "swapper_pg_dir", &m) < 0) {
		diag_set(d, "", 0, 0, "the guest kernel has no vector14 or swapper_pg_dir symbol: "
			 "Bochs's debugger cannot stop at its page-fault entry and walk its tables "
			 "(build it with `make guest`)");
		return -1;
	}
	snprintf(entry, len, "%08x", e);
	snprintf(master, len, "%08x", m);
	return 0;
}

/* bochs.cmd: Bochs's command line, one argument a line (as bochswitness.py
 * reads it). */
static int write_cmd(const char *dir, char *const *argv)
{
	char path[1100];
	size_t n = 0;
	char *text;
	int rc;

	for (int i = 0; argv[i]; i++)
		n += strlen(argv[i]) + 1;
	if (!(text = malloc(n + 1)))
		return -1;
	n = 0;
	for (int i = 0; argv[i]; i++)
		n += (size_t)sprintf(text + n, "%s\n", argv[i]);
	rc = emu_write_new(emu_in_dir(path, sizeof path, dir, "bochs.cmd"), text, n);
	free(text);
	return rc;
}

/* The ISO tree (the kernel, grub.cfg), bochsrc, bochs.cmd, the
 * witness's scripts and the mode's levels (walk.txt, walkgeom.h), all named relative to the run directory Bochs runs
 * in; the symbols the witness needs into entry and master. */
static int bochs_files(struct emu_job *j, char *const *bargv, char *entry, char *master,
		       size_t len, struct diag *d)
{
	char p[4][1100], geom[1024];
	const char *vars[] = { "ISO", "guest.iso", "LOG", "bochs.log", NULL };
	char *elf = NULL, *grub = emu_config_grub(j->args), *cfg;
	size_t n = 0;
	int r = -1;

	walkgeom_text(j->arch, geom, sizeof geom);
	cfg = emu_config_text(record_cfg_bochsrc_in, vars);
	if (!grub || !cfg) {
		diag_set(d, "", 0, 0, "out of memory");
		goto fail;
	}
	if (recfile_read(j->elf, 64u << 20, &elf, &n, NULL, d) < 0 ||
	    bochs_symbols(elf, n, entry, master, len, d) < 0)
		goto fail;
	if (mkdir(emu_in_dir(p[0], sizeof p[0], j->dir, "iso"), 0755) < 0 ||
	    mkdir(emu_in_dir(p[1], sizeof p[1], j->dir, "iso/boot"), 0755) < 0 ||
	    mkdir(emu_in_dir(p[2], sizeof p[2], j->dir, "iso/boot/grub"), 0755) < 0 ||
	    emu_write_new(emu_in_dir(p[3], sizeof p[3], j->dir, "iso/boot/guest.elf"), elf, n) < 0 ||
	    emu_write_new(emu_in_dir(p[3], sizeof p[3], j->dir, "iso/boot/grub/grub.cfg"), grub,
			  strlen(grub)) < 0 ||
	    emu_write_new(emu_in_dir(p[3], sizeof p[3], j->dir, "bochsrc"), cfg, strlen(cfg)) < 0 ||
	    write_cmd(j->dir, bargv) < 0 ||
	    emu_write_new(emu_in_dir(p[3], sizeof p[3], j->dir, "bochswitness.py"),
			  record_cfg_bochswitness_py, strlen(record_cfg_bochswitness_py)) < 0 ||
	    emu_write_new(emu_in_dir(p[3], sizeof p[3], j->dir, "hwwalk.py"),
			  record_cfg_hwwalk_py, strlen(record_cfg_hwwalk_py)) < 0 ||
	    emu_write_new(emu_in_dir(p[3], sizeof p[3], j->dir, "walk.txt"), geom,
			  strlen(geom)) < 0) {
		diag_set(d, "", 0, 0, "cannot set up the Bochs run: %s", strerror(errno));
		goto fail;
	}
	r = 0;
fail:
	free(elf);
	free(grub);
	free(cfg);
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

/* How the run ended, from python3's wait status wst and Bochs's
 * bochs.status: 0 when Bochs ran the guest to its end, else -1 with d.
 * Bochs exits 1 however the guest ends: the records decide. */
static int judge(struct emu_job *j, int wst, struct diag *d)
{
	char path[1100], line[300];
	int st;

	if (WIFSIGNALED(wst)) {
		diag_set(d, "", 0, 0, "python3 (Bochs's walk witness) crashed (signal %d)",
			 WTERMSIG(wst));
		return -1;
	}
	if (emu_read_status(j, "bochs.status", &st) < 0) {
		emu_first_line(emu_in_dir(path, sizeof path, j->dir, "bochs.err"), NULL, line,
			       sizeof line);
		diag_set(d, "", 0, 0, "Bochs's walk witness (python3 bochswitness.py) ended before "
			 "%s did (exit status %d)%s%s", emu_program(j->kind), WEXITSTATUS(wst),
			 line[0] ? ": " : "", line);
		return -1;
	}
	if (st > 128) {       /* as a shell gives the status of a command a signal ended */
		diag_set(d, "", 0, 0, "%s crashed (signal %d)", emu_program(j->kind), st - 128);
		return -1;
	}
	return emu_witness_ok(j, "Bochs's debugger", d);
}

int emu_run_bochs(struct emu_job *j, struct diag *d)
{
	char out[1100], err[1100], entry[16], master[16];
	const char *bvars[] = { "RC", "bochsrc", NULL };
	const char *wvars[] = { "SCRIPT", "bochswitness.py", "PFENTRY", entry, "MASTER", master,
				NULL };
	char **bargv = emu_config_argv(record_cfg_bochs_args, bvars), **wargv = NULL;
	int st, rc = -1;

	emu_in_dir(out, sizeof out, j->dir, "witness.out");
	emu_in_dir(err, sizeof err, j->dir, "bochs.err");
	if (!bargv) {
		diag_set(d, "", 0, 0, "out of memory");
		return -1;
	}
	emu_command_line(j->command, sizeof j->command, bargv);
	if (bochs_files(j, bargv, entry, master, sizeof entry, d) < 0 || make_iso(j, d) < 0)
		goto fail;
	if (!(wargv = emu_config_argv(record_cfg_bochswitness_args, wvars))) {
		diag_set(d, "", 0, 0, "out of memory");
		goto fail;
	}
	if (emu_run_step(j, wargv, out, err, j->timeout, true, &st, d) < 0)
		goto fail;
	if (judge(j, st, d) < 0)
		goto fail;
	emu_first_line(emu_in_dir(out, sizeof out, j->dir, "bochs.out"), "Bochs x86 Emulator",
		       j->version, sizeof j->version);
	rc = 0;
fail:
	free(bargv);
	free(wargv);
	return rc;
}
