/* SPDX-License-Identifier: GPL-2.0-only */
/* record_emu.c - drive QEMU or Bochs for one guest run. */
#include "record_emu.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

bool emu_interrupted(void)
{
	return interrupted != 0;
}

const char *emu_program(enum emu_kind k)
{
	return k == EMU_QEMU ? "qemu-system-i386" : "bochs";
}

static bool in_path(const char *prog)
{
	const char *path = getenv("PATH");
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

int emu_check_tools(enum emu_kind k, char *msg, size_t len)
{
	static const struct { const char *prog, *pkg; } qemu[] = {
		{ "qemu-system-i386", "qemu-system-x86" },
	}, bochs[] = {
		{ "bochs", "bochs bochsbios vgabios" },
		{ "grub-mkrescue", "grub-common grub-pc-bin" },
		{ "xorriso", "xorriso" },
	};
	size_t n = k == EMU_QEMU ? 1 : 3;

	for (size_t i = 0; i < n; i++) {
		const char *prog = k == EMU_QEMU ? qemu[i].prog : bochs[i].prog;
		const char *pkg = k == EMU_QEMU ? qemu[i].pkg : bochs[i].pkg;
		if (!in_path(prog)) {
			snprintf(msg, len, "%s is not on PATH: recording under %s needs it "
				 "(Debian: apt-get install %s)", prog, k == EMU_QEMU ? "QEMU" : "Bochs", pkg);
			return -1;
		}
	}
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Append word to the shell-quoted command line. */
static void quote_into(char *cmd, size_t len, const char *word)
{
	size_t n = strlen(cmd);
	bool plain = *word != 0;

	for (const char *p = word; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=./,:+@%", *p))
			plain = false;
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

/* Run argv in its own process group, in dir, output to out/err (paths),
 * input from /dev/null, for at most limit seconds. *status gets the wait
 * status. Returns 0, or -1 with msg (timeout, interrupt, cannot start). */
static int run(char *const argv[], const char *dir, const char *out, const char *err,
	       double limit, struct emu_job *j, int *status, char *msg, size_t len)
{
	struct sigaction sa = { .sa_handler = on_signal }, old[3];
	static const int sigs[3] = { SIGINT, SIGTERM, SIGHUP };
	double t0 = now(), last = 0;
	pid_t pid;
	int rc = -1;

	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);
	pid = fork();
	if (pid < 0) {
		snprintf(msg, len, "cannot start %s: %s", argv[0], strerror(errno));
		goto out;
	}
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		setpgid(0, 0);
		for (int i = 0; i < 3; i++)
			signal(sigs[i], SIG_DFL);
		if (in < 0 || o < 0 || e < 0 || dup2(in, 0) < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0 ||
		    (dir && chdir(dir) < 0))
			_exit(126);
		execvp(argv[0], argv);
		_exit(127);
	}
	setpgid(pid, pid);
	for (;;) {
		struct timespec ts = { 0, 20 * 1000 * 1000 };
		pid_t w = waitpid(pid, status, WNOHANG);
		double el = now() - t0;
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			snprintf(msg, len, "waiting for %s: %s", argv[0], strerror(errno));
			kill(-pid, SIGKILL);
			waitpid(pid, status, 0);
			goto out;
		}
		if (el > limit || interrupted) {
			kill(-pid, SIGTERM);
			for (int i = 0; i < 50 && waitpid(pid, status, WNOHANG) == 0; i++)
				nanosleep(&ts, NULL);
			kill(-pid, SIGKILL);
			waitpid(pid, status, 0);
			if (interrupted)
				snprintf(msg, len, "interrupted: stopped %s", argv[0]);
			else
				snprintf(msg, len, "%s did not finish within %g s: the guest hung "
					 "(stopped it; --timeout S gives it longer)", argv[0], limit);
			goto out;
		}
		if (j && j->progress && el - last >= 0.2) {
			last = el;
			j->progress(j->ctx, j->dir, el);
		}
		nanosleep(&ts, NULL);
	}
	kill(-pid, SIGKILL);        /* anything it left behind in its group */
	if (WIFEXITED(*status) && WEXITSTATUS(*status) == 127) {
		snprintf(msg, len, "cannot run %s", argv[0]);
		goto out;
	}
	if (WIFEXITED(*status) && WEXITSTATUS(*status) == 126) {
		snprintf(msg, len, "cannot set up the run of %s in %s", argv[0], dir ? dir : ".");
		goto out;
	}
	if (j)
		j->elapsed = now() - t0;
	rc = 0;
out:
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	return rc;
}

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f) == 0 ? 0 : -1;
}

static int copy_file(const char *from, const char *to)
{
	size_t n;
	char *buf = emu_read_file(from, &n);
	FILE *f;
	int rc;

	if (!buf)
		return -1;
	f = fopen(to, "wb");
	if (!f) {
		free(buf);
		return -1;
	}
	rc = fwrite(buf, 1, n, f) == n ? 0 : -1;
	if (fclose(f) != 0)
		rc = -1;
	free(buf);
	return rc;
}

char *emu_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			char *nb;
			cap = cap ? cap * 2 : 65536;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		size_t r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
		if (r == 0)
			break;
	}
	fclose(f);
	buf[n] = 0;
	if (len)
		*len = n;
	return buf;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

void emu_remove_dir(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The first line of a file, trimmed, into buf. */
static void first_line(const char *path, const char *contains, char *buf, size_t len)
{
	char *text = emu_read_file(path, NULL);
	char *p, *e;

	buf[0] = 0;
	if (!text)
		return;
	p = contains ? strstr(text, contains) : text;
	if (p) {
		e = strchr(p, '\n');
		if (e)
			*e = 0;
		while (*p == ' ')
			p++;
		snprintf(buf, len, "%s", p);
		for (size_t i = strlen(buf); i > 0 && (buf[i - 1] == ' ' || buf[i - 1] == '\r'); i--)
			buf[i - 1] = 0;
	}
	free(text);
}

static int run_qemu(struct emu_job *j, char *msg, size_t len)
{
	char e9[1100], log[1100], out[1100], err[1100], debugcon[1200], ver[1100];
	char *const vargv[] = { (char *)"qemu-system-i386", (char *)"--version", NULL };
	int st;

	snprintf(e9, sizeof e9, "%s/e9.txt", j->dir);
	snprintf(log, sizeof log, "%s/qemu.log", j->dir);
	snprintf(out, sizeof out, "%s/qemu.out", j->dir);
	snprintf(err, sizeof err, "%s/qemu.err", j->dir);
	snprintf(ver, sizeof ver, "%s/version.txt", j->dir);
	snprintf(debugcon, sizeof debugcon, "file:%s", e9);
	if (run(vargv, NULL, ver, err, 10, NULL, &st, msg, len) < 0)
		return -1;
	first_line(ver, NULL, j->version, sizeof j->version);
	{
		char *const argv[] = {
			(char *)"qemu-system-i386", (char *)"-accel", (char *)"tcg", (char *)"-m",
			(char *)"128", (char *)"-kernel", (char *)j->elf, (char *)"-append",
			(char *)j->args, (char *)"-display", (char *)"none", (char *)"-no-reboot",
			(char *)"-monitor", (char *)"none", (char *)"-serial", (char *)"none",
			(char *)"-parallel", (char *)"none", (char *)"-debugcon", debugcon,
			(char *)"-device", (char *)"isa-debug-exit,iobase=0xf4,iosize=0x04",
			(char *)"-d", (char *)"int", (char *)"-D", log, NULL,
		};
		j->command[0] = 0;
		for (int i = 0; argv[i]; i++)
			quote_into(j->command, sizeof j->command, argv[i]);
		if (run(argv, j->dir, out, err, j->timeout, j, &st, msg, len) < 0)
			return -1;
	}
	if (WIFSIGNALED(st)) {
		snprintf(msg, len, "qemu-system-i386 crashed (signal %d)", WTERMSIG(st));
		return -1;
	}
	/* isa-debug-exit: 33 the guest passed, 35 it failed (the records say why). */
	if (WEXITSTATUS(st) != 33 && WEXITSTATUS(st) != 35) {
		char line[300];
		first_line(err, NULL, line, sizeof line);
		snprintf(msg, len, "qemu-system-i386 exited with status %d%s%s", WEXITSTATUS(st),
			 line[0] ? ": " : "", line);
		return -1;
	}
	return 0;
}

static const char bochsrc[] =
	"# written by pagewalk record: one headless run of the guest\n"
	"cpu: model=corei7_sandy_bridge_2600k, ips=50000000, reset_on_triple_fault=0\n"
	"romimage: file=/usr/share/bochs/BIOS-bochs-latest\n"
	"vgaromimage: file=/usr/share/vgabios/vgabios.bin\n"
	"megs: 128\n"
	"ata0-master: type=cdrom, path=\"%s/guest.iso\", status=inserted\n"
	"boot: cdrom\n"
	"clock: sync=none, time0=1\n"
	"port_e9_hack: enabled=1\n"
	"sound: driver=dummy\n"
	"mouse: enabled=0\n"
	"display_library: rfb, options=\"timeout=0\"\n"
	"log: %s/bochs.log\n"
	"debug: action=ignore, cpu0=report\n"
	"info: action=report\n"
	"error: action=report\n"
	"panic: action=fatal\n";

static int run_bochs(struct emu_job *j, char *msg, size_t len)
{
	char p[8][1100], cfg[4096], grubcfg[600], isoarg[1100];
	int st;

	snprintf(p[0], sizeof p[0], "%s/iso", j->dir);
	snprintf(p[1], sizeof p[1], "%s/iso/boot", j->dir);
	snprintf(p[2], sizeof p[2], "%s/iso/boot/grub", j->dir);
	snprintf(p[3], sizeof p[3], "%s/iso/boot/guest.elf", j->dir);
	snprintf(p[4], sizeof p[4], "%s/iso/boot/grub/grub.cfg", j->dir);
	snprintf(p[5], sizeof p[5], "%s/bochsrc", j->dir);
	snprintf(p[6], sizeof p[6], "%s/bochs.rc", j->dir);
	snprintf(p[7], sizeof p[7], "%s/grub.log", j->dir);
	snprintf(isoarg, sizeof isoarg, "%s/guest.iso", j->dir);
	snprintf(grubcfg, sizeof grubcfg,
		 "set timeout=0\nset default=0\nmenuentry \"pagewalk guest\" {\n"
		 "\tmultiboot /boot/guest.elf %s\n\tboot\n}\n", j->args);
	snprintf(cfg, sizeof cfg, bochsrc, j->dir, j->dir);
	if (mkdir(p[0], 0755) < 0 || mkdir(p[1], 0755) < 0 || mkdir(p[2], 0755) < 0 ||
	    copy_file(j->elf, p[3]) < 0 || write_file(p[4], grubcfg) < 0 ||
	    write_file(p[5], cfg) < 0 || write_file(p[6], "c\n") < 0) {
		snprintf(msg, len, "cannot set up the Bochs run in %s: %s", j->dir, strerror(errno));
		return -1;
	}
	{
		char *const argv[] = {
			(char *)"grub-mkrescue", (char *)"--install-modules=multiboot normal",
			(char *)"--fonts=", (char *)"--locales=", (char *)"--themes=",
			(char *)"--compress=no", (char *)"-o", isoarg, p[0], NULL,
		};
		if (run(argv, j->dir, p[7], p[7], 120, NULL, &st, msg, len) < 0)
			return -1;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			snprintf(msg, len, "grub-mkrescue could not build the boot ISO (see %s)", p[7]);
			return -1;
		}
	}
	{
		char out[1100], err[1100];
		char *const argv[] = { (char *)"bochs", (char *)"-q", (char *)"-f", p[5],
				       (char *)"-rc", p[6], NULL };
		snprintf(out, sizeof out, "%s/bochs.out", j->dir);
		snprintf(err, sizeof err, "%s/bochs.err", j->dir);
		j->command[0] = 0;
		for (int i = 0; argv[i]; i++)
			quote_into(j->command, sizeof j->command, argv[i]);
		if (run(argv, j->dir, out, err, j->timeout, j, &st, msg, len) < 0)
			return -1;
		if (WIFSIGNALED(st)) {
			snprintf(msg, len, "bochs crashed (signal %d)", WTERMSIG(st));
			return -1;
		}
		/* Bochs exits 1 however the guest ends: the records decide. */
		first_line(out, "Bochs x86 Emulator", j->version, sizeof j->version);
	}
	return 0;
}

int emu_run(struct emu_job *j, char *msg, size_t len)
{
	return j->kind == EMU_QEMU ? run_qemu(j, msg, len) : run_bochs(j, msg, len);
}
