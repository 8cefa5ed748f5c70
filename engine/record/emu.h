/* SPDX-License-Identifier: GPL-2.0-only */
/* emu.h - one run of the guest under QEMU or Bochs.
 *
 * The emulators' configuration is not written here: emu_config.c builds
 * the command lines, the bochsrc and the GRUB menu from the templates in
 * guest/ (qemu.args, gdb.args, walkwitness.py, bochs.args,
 * bochswitness.args, bochswitness.py, hwwalk.py, mkrescue.args,
 * bochsrc.in, grub.cfg.in) that guest/run-qemu.sh and guest/run-bochs.sh
 * read too. Under QEMU gdb runs the guest and stops it at each #PF entry
 * (walkwitness.py); under Bochs python3 drives Bochs's own debugger
 * (bochswitness.py); both write walks.txt. Processes run in a recproc
 * scope. Errors: -1 with a struct diag; nothing prints.
 */
#ifndef PAGEWALK_EMU_H
#define PAGEWALK_EMU_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

struct arch;

enum emu_kind { EMU_QEMU, EMU_BOCHS };

struct emu_job {
	enum emu_kind kind;
	const char *elf;        /* the guest kernel (absolute path) */
	const char *args;       /* kernel command line: "mode=pae scenario=demand" */
	const struct arch *arch;/* the paging mode args name (QEMU's walk witness walks with it) */
	double timeout;         /* seconds, for the version probe and the run */
	const char *dir;        /* work directory (absolute, exists, empty) */
	volatile sig_atomic_t *stop;
	/* about 5 times a second while the guest runs: faults seen so far */
	void (*tick)(void *ctx, unsigned faults, double elapsed);
	void *ctx;
	/* results */
	char command[2048];     /* the emulator command line, shell-quoted */
	char version[256];      /* the emulator's version line */
};

/* The program a kind runs and its name in messages ("QEMU", "Bochs"). */
const char *emu_program(enum emu_kind k);
const char *emu_name(enum emu_kind k);
/* The file in a run directory that holds the records, and the log. */
const char *emu_records_file(enum emu_kind k);
const char *emu_log_file(enum emu_kind k);
/* The file with the debugger's stops at the #PF entry: walks.txt, QEMU's
 * (guest/walkwitness.py) and Bochs's (guest/bochswitness.py). */
const char *emu_stops_file(enum emu_kind k);
/* The default timeout in seconds. */
double emu_default_timeout(enum emu_kind k);

/* Check that every program the kind needs is on PATH. 0, or -1 with d. */
int emu_check_tools(enum emu_kind k, struct diag *d);

/* Run the guest once. 0 when the emulator ran to the guest's end (the
 * records say pass or fail), or -1 with d filled: it could not start, the
 * version probe or the guest did not finish within the timeout, *stop was
 * set ("interrupted"), the emulator crashed or failed (its first stderr
 * line quoted, escaped). */
int emu_run(struct emu_job *j, struct diag *d);

/* ---- inside the group: emu.c's helpers, emu_qemu.c's and emu_bochs.c's runs ---- */

/* Run argv in the job's directory (stdout to out, stderr to err); guest:
 * it is the guest's run (ticks, the "guest hung" timeout message). 0 when
 * it exited (*st its wait status), else -1 with d saying why. */
int emu_run_step(struct emu_job *j, char *const *argv, const char *out, const char *err,
		 double limit, bool guest, int *st, struct diag *d);
/* The first line of the file at path (containing `contains`, if given),
 * trimmed and escaped, into buf ("" when there is none). */
void emu_first_line(const char *path, const char *contains, char *buf, size_t len);
/* argv shell-quoted, joined by spaces, into cmd. */
void emu_command_line(char *cmd, size_t len, char *const *argv);
/* A new file holding text (never following links). 0, or -1 with errno. */
int emu_write_new(const char *path, const char *text, size_t n);
/* "DIR/NAME" into buf; returns buf. */
const char *emu_in_dir(char *buf, size_t len, const char *dir, const char *name);
/* The exit status a run's wrapper wrote to the file name of the run
 * directory (qemu.status, bochs.status) into *st; -1 when there is none. */
int emu_read_status(const struct emu_job *j, const char *name, int *st);
/* 0, or -1 with d ("the walk witness failed under UNDER: ...") when the
 * walk witness left walks.txt.err in the run directory. */
int emu_witness_ok(const struct emu_job *j, const char *under, struct diag *d);
/* The guest under QEMU, driven by gdb (guest/gdb.args, walkwitness.py). */
int emu_run_qemu(struct emu_job *j, struct diag *d);
/* The guest under Bochs, its debugger driven by python3
 * (guest/bochswitness.args, bochswitness.py). */
int emu_run_bochs(struct emu_job *j, struct diag *d);

/* ---- emu_config.c: the templates in guest/ ---- */

/* A template's arguments (one a line) with @NAME@ filled from vars
 * (NAME, VALUE pairs, NULL-terminated): a NULL-terminated argv in one
 * allocation the caller frees, or NULL when out of memory. */
char **emu_config_argv(const char *tmpl, const char *const *vars);
/* A text template with @NAME@ filled: a new string, or NULL (OOM). */
char *emu_config_text(const char *tmpl, const char *const *vars);
/* grub.cfg with one menu entry booting the kernel with args. */
char *emu_config_grub(const char *args);

extern const char record_cfg_qemu_args[], record_cfg_bochs_args[],
	record_cfg_mkrescue_args[], record_cfg_bochsrc_in[], record_cfg_grub_cfg_in[],
	record_cfg_gdb_args[], record_cfg_walkwitness_py[], record_cfg_bochswitness_args[],
	record_cfg_bochswitness_py[], record_cfg_hwwalk_py[];

#endif
