/* SPDX-License-Identifier: GPL-2.0-only */
/* record_emu.h - run the guest under QEMU or Bochs for `pagewalk record`.
 *
 * Everything that touches processes and files for a recording lives here:
 * finding the emulator, building the Bochs boot ISO, starting the emulator
 * in its own process group with its output in a work directory, watching
 * the clock, and killing the whole group on a timeout or an interrupt so no
 * emulator outlives the command.
 */
#ifndef PAGEWALK_RECORD_EMU_H
#define PAGEWALK_RECORD_EMU_H

#include <stdbool.h>
#include <stddef.h>

enum emu_kind { EMU_QEMU, EMU_BOCHS };

struct emu_job {
	enum emu_kind kind;
	const char *elf;        /* the guest kernel */
	const char *args;       /* kernel command line: "mode=pae scenario=demand" */
	double timeout;         /* seconds */
	const char *dir;        /* work directory (exists, empty) */
	/* progress: called about 5 times a second with the elapsed seconds */
	void (*progress)(void *ctx, const char *dir, double elapsed);
	void *ctx;
	/* results */
	char command[2048];     /* the emulator command line, shell-quoted */
	char version[256];      /* the emulator's version line */
	double elapsed;
};

/* The program a kind needs first: "qemu-system-i386" or "bochs". */
const char *emu_program(enum emu_kind k);
/* Check that every program the kind needs is on PATH. Returns 0, or -1 with
 * msg saying which is missing and which Debian package has it. */
int emu_check_tools(enum emu_kind k, char *msg, size_t len);
/* Run the job to its end. Returns 0 when the emulator ended by itself
 * (whatever the guest said), -1 with msg on a timeout, an interrupt, a crash
 * or a setup failure; the process group is gone either way. */
int emu_run(struct emu_job *j, char *msg, size_t len);

/* Set by SIGINT/SIGTERM/SIGHUP while a job runs (handlers only set it). */
bool emu_interrupted(void);

/* Read a whole file (NUL-terminated); NULL when it cannot be read. */
char *emu_read_file(const char *path, size_t *len);
/* Remove dir and the files in it (one level, plus iso/boot/grub). */
void emu_remove_dir(const char *dir);

#endif
