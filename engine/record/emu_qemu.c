/* SPDX-License-Identifier: GPL-2.0-only */
/* emu_qemu.c - one run of the guest under QEMU, driven by gdb.
 *
 * gdb (guest/gdb.args) runs guest/walkwitness.py in the run directory: it
 * starts QEMU with the command line in qemu.cmd (guest/qemu.args: -S -gdb
 * stdio, the gdbstub on a pipe), stops at every #PF entry to read the
 * walks from QEMU's memory (walks.txt), and leaves QEMU's exit status in
 * qemu.status and its stderr in qemu.err. Every process runs in the
 * recproc scope: nothing outlives the run. */
#include "record/emu.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "record/recfile.h"
#include "record/walkgeom.h"

/* The shell script qemu.cmd: exec the QEMU command line (shell-quoted);
 * gdb's script, the one page walker (guest/hwwalk.py) and the mode's
 * levels (walk.txt, walkgeom.h). */
static int write_cmd(struct emu_job *j, struct diag *d)
{
	char path[1100], text[sizeof j->command + 16], geom[1024];

	snprintf(text, sizeof text, "exec %s\n", j->command);
	walkgeom_text(j->arch, geom, sizeof geom);
	if (emu_write_new(emu_in_dir(path, sizeof path, j->dir, "qemu.cmd"), text,
			  strlen(text)) < 0 ||
	    emu_write_new(emu_in_dir(path, sizeof path, j->dir, "walk.txt"), geom,
			  strlen(geom)) < 0 ||
	    emu_write_new(emu_in_dir(path, sizeof path, j->dir, "walkwitness.py"),
			  record_cfg_walkwitness_py, strlen(record_cfg_walkwitness_py)) < 0 ||
	    emu_write_new(emu_in_dir(path, sizeof path, j->dir, "hwwalk.py"),
			  record_cfg_hwwalk_py, strlen(record_cfg_hwwalk_py)) < 0) {
		diag_set(d, "", 0, 0, "cannot set up the QEMU run: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* How the run ended, from gdb's wait status gst and QEMU's qemu.status:
 * 0 when QEMU ran the guest to its end (exit 33 or 35), else -1 with d. */
static int judge(struct emu_job *j, int gst, struct diag *d)
{
	char path[1100], line[300];
	int st;

	if (WIFSIGNALED(gst)) {
		diag_set(d, "", 0, 0, "gdb crashed (signal %d)", WTERMSIG(gst));
		return -1;
	}
	if (emu_read_status(j, "qemu.status", &st) < 0) {
		emu_first_line(emu_in_dir(path, sizeof path, j->dir, "gdb.err"), NULL, line,
			       sizeof line);
		diag_set(d, "", 0, 0, "gdb ended before %s did (gdb exited with status %d)%s%s",
			 emu_program(j->kind), WEXITSTATUS(gst), line[0] ? ": " : "", line);
		return -1;
	}
	if (st > 128) {       /* the shell's status of a command a signal ended */
		diag_set(d, "", 0, 0, "%s crashed (signal %d)", emu_program(j->kind), st - 128);
		return -1;
	}
	/* isa-debug-exit: 33 the guest passed, 35 it failed (the records say why). */
	if (st != 33 && st != 35) {
		emu_first_line(emu_in_dir(path, sizeof path, j->dir, "qemu.err"), NULL, line,
			       sizeof line);
		diag_set(d, "", 0, 0, "%s exited with status %d%s%s", emu_program(j->kind), st,
			 line[0] ? ": " : "", line);
		return -1;
	}
	return emu_witness_ok(j, "gdb", d);
}

int emu_run_qemu(struct emu_job *j, struct diag *d)
{
	char out[1100], err[1100], ver[1100];
	char *const vargv[] = { (char *)"qemu-system-i386", (char *)"--version", NULL };
	/* Relative names: QEMU runs in the run directory, whose path may hold
	 * characters QEMU's option syntax would take apart. */
	const char *qvars[] = { "ELF", j->elf, "ARGS", j->args, "E9", "e9.txt", "LOG", "qemu.log",
				NULL };
	const char *gvars[] = { "ELF", j->elf, "SCRIPT", "walkwitness.py", "INDEX", "off",
				"INDEXDIR", ".", NULL };
	char **qargv = NULL, **gargv = NULL;
	int st, rc = -1;

	emu_in_dir(out, sizeof out, j->dir, "gdb.out");
	emu_in_dir(err, sizeof err, j->dir, "gdb.err");
	emu_in_dir(ver, sizeof ver, j->dir, "version.txt");
	if (emu_run_step(j, vargv, ver, err, j->timeout, false, &st, d) < 0)
		return -1;
	emu_first_line(ver, NULL, j->version, sizeof j->version);
	qargv = emu_config_argv(record_cfg_qemu_args, qvars);
	gargv = emu_config_argv(record_cfg_gdb_args, gvars);
	if (!qargv || !gargv) {
		diag_set(d, "", 0, 0, "out of memory");
		goto fail;
	}
	emu_command_line(j->command, sizeof j->command, qargv);
	if (write_cmd(j, d) < 0 || emu_run_step(j, gargv, out, err, j->timeout, true, &st, d) < 0)
		goto fail;
	rc = judge(j, st, d);
fail:
	free(qargv);
	free(gargv);
	return rc;
}
