/* SPDX-License-Identifier: GPL-2.0-only */
/* linuxrun.c - record a scenario on Linux 6.1: plan, init, run, verify,
 * convert, write. */
#include "record/linuxrun.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "paging/arch.h"
#include "record/emu.h"
#include "record/linuxprog.h"
#include "record/linuxrec.h"
#include "linuxrun_int.h"
#include "record/linuxtab.h"
#include "record/linuxtrace.h"
#include "record/recfile.h"
#include "record/recproc.h"
#include "record/walkgeom.h"
#include "record/witness.h"
#include "source/linuxsrc.h"
#include "util/env.h"

extern const char record_cfg_linux_trace_py[], record_cfg_linux_init_c[], record_cfg_linux_init_args[],
	record_cfg_linux_initramfs_list[], record_cfg_linux_progrun_c[];
extern const char record_cfg_linux_qemu_args[], record_cfg_linux_qemu_sh_in[],
	record_cfg_hwwalk_py[], record_cfg_linux_execlog_py[];

/* The compiled-in table's plan of o's mode and scenario; the table is
 * returned for the plan's strings to point into (free it). NULL with d. */
static struct linuxtab *plan_of(const char *mode, const char *scenario, struct linuxtab_plan *p,
				struct diag *d)
{
	struct linuxtab *t = linuxtab_builtin(d);

	if (t && linuxtab_plan(t, mode, scenario, p, d) < 0) {
		linuxtab_free(t);
		return NULL;
	}
	return t;
}

int linuxrun_check_words(const struct record_opts *o, struct diag *d)
{
	struct linuxtab_plan p;

	if ((o->program != NULL) != (strcmp(o->scenario, "program") == 0)) {
		diag_set(d, "", 0, 0, "%s", o->program ? "--program runs the program alone (no "
			 "--scenario)" : "the program scenario runs the program given with --program "
			 "FILE");
		return -1;
	}
	struct linuxtab *t = plan_of(o->mode, o->scenario, &p, d);

	linuxtab_free(t);
	return t ? 0 : -1;
}

/* Is prog an executable on PATH? */
static bool on_path(const char *prog)
{
	const char *path = env_get()->path;
	char buf[4096];

	for (const char *p = path; p && *p;) {
		const char *c = strchr(p, ':');
		size_t n = c ? (size_t)(c - p) : strlen(p);
		if (n && snprintf(buf, sizeof buf, "%.*s/%s", (int)n, p, prog) < (int)sizeof buf &&
		    access(buf, X_OK) == 0)
			return true;
		p = c ? c + 1 : NULL;
	}
	return false;
}

/* The kernels' cache directory: $PAGEWALK_CACHE, else $XDG_CACHE_HOME/
 * pagewalk, else $HOME/.cache/pagewalk (guest/linux/build.sh's rule). */
static int kernel_cache(char *buf, size_t len, struct diag *d)
{
	const char *c = env_get()->cache, *x = env_get()->xdg_cache_home;
	const char *h = env_get()->home;
	int n;

	if (c && *c)
		n = snprintf(buf, len, "%s", c);
	else if (x && *x)
		n = snprintf(buf, len, "%s/pagewalk", x);
	else if (h && *h)
		n = snprintf(buf, len, "%s/.cache/pagewalk", h);
	else {
		diag_set(d, "", 0, 0, "no kernel cache: set PAGEWALK_CACHE (or HOME)");
		return -1;
	}
	if (n < 0 || (size_t)n >= len) {
		diag_set(d, "", 0, 0, "the kernel cache's path is too long");
		return -1;
	}
	return 0;
}

int linuxrun_check(struct record_opts *o, struct diag *d)
{
	/* the binutils and gcc of the variant's ABI: cross= prefixes them
	 * (arm64: aarch64-linux-gnu-, Debian's binutils-aarch64-linux-gnu and
	 * gcc-aarch64-linux-gnu) */
	static const char *const tools[][3] = {
		{ "", "addr2line", "binutils" }, { "", "objdump", "binutils" },
		{ "", "nm", "binutils" }, { "", "gcc", "gcc" }, { "-", "setsid", "util-linux" },
	};
	struct linuxtab_plan p;
	struct linuxtab *t;
	struct linuxsrc *src = NULL;
	char cache[1100], b[2300], path[2400], q[600], prog[200], pkg[200];
	const char *debver;
	struct stat sb;
	int rc = -1;

	if (!(t = plan_of(o->mode, o->scenario, &p, d)))
		return -1;
	if (!on_path(p.qemu)) {
		diag_set(d, "", 0, 0, "%s is not on PATH: recording Linux needs it (Debian: "
			 "apt-get install %s)", p.qemu, p.cross[0] ? "qemu-system-arm" : "qemu-system-x86");
		goto fail;
	}
	if (!on_path(p.gdb)) {
		diag_set(d, "", 0, 0, "%s is not on PATH: recording Linux needs it (Debian: "
			 "apt-get install %s)", p.gdb, p.gdb);
		goto fail;
	}
	for (size_t i = 0; i < sizeof tools / sizeof tools[0]; i++) {
		bool cross = tools[i][0][0] != '-' && p.cross[0];
		snprintf(prog, sizeof prog, "%s%s", cross ? p.cross : "", tools[i][1]);
		snprintf(pkg, sizeof pkg, "%s%s%.*s", tools[i][2], cross ? "-" : "",
			 cross ? (int)strlen(p.cross) - 1 : 0, p.cross);
		if (!on_path(prog)) {
			diag_set(d, "", 0, 0, "%s is not on PATH: recording Linux needs it (Debian: "
				 "apt-get install %s)", prog, pkg);
			goto fail;
		}
	}
	if (linuxsrc_open(&src, d) < 0)
		goto fail;
	debver = linuxsrc_debver(src);
	if (!debver[0]) {
		diag_set(d, "", 0, 0, "%s is not installed as a Debian package: the kernels "
			 "are built from it (make linux)", LINUXSRC_PACKAGE);
		goto fail;
	}
	if (kernel_cache(cache, sizeof cache, d) < 0)
		goto fail;
	snprintf(b, sizeof b, "%s/linux-%s/build-%s", cache, debver, p.variant);
	static const char *const need[] = { "pagewalk.key", "vmlinux", "usr/gen_init_cpio" };
	for (size_t i = 0; i < 4; i++) {
		snprintf(path, sizeof path, "%s/%s", b, i < 3 ? need[i] : p.image);
		if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			diag_set(d, "", 0, 0, "no %s kernel in the cache (%s missing): build it with "
				 "`make linux` in pagewalk's clone", p.variant,
				 recfile_quote(path, q, sizeof q));
			goto fail;
		}
	}
	if (o->program && linuxprog_check(o, d) < 0)
		goto fail;
	if (!realpath(b, o->guest_path)) {
		diag_set(d, "", 0, 0, "%s: %s", recfile_quote(b, q, sizeof q), strerror(errno));
		goto fail;
	}
	rc = 0;
fail:
	linuxsrc_close(src);
	linuxtab_free(t);
	return rc;
}

/* FNV-1a over a string and its NUL, folded into h. */
static unsigned long long fnv(unsigned long long h, const char *s)
{
	do {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	} while (*s++);
	return h;
}

int linuxrun_tool(const struct record_opts *o, char *const *argv, const char *dir,
		  const char *out, const char *err, const char *what, struct diag *d)
{
	struct recproc p = { .argv = argv, .dir = dir, .out = out, .err = err, .limit = 60,
			     .stop = o->stop };
	char line[300];
	int st;

	switch (recproc_run(&p, &st, d)) {
	case RECPROC_EXITED:
		if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
			return 0;
		emu_first_line(err, NULL, line, sizeof line);
		diag_set(d, "", 0, 0, "%s failed%s%s", what, line[0] ? ": " : "", line);
		return -1;
	case RECPROC_TIMEOUT:
		diag_set(d, "", 0, 0, "%s took over 60 s (stopped)", what);
		return -1;
	case RECPROC_STOPPED:
		diag_set(d, "", 0, 0, "interrupted: nothing written");
		return -1;
	case RECPROC_ERROR:
		break;
	}
	return -1;
}

/* The initramfs holding our init built for the plan's ABI, in the kernel's
 * cache (build-VARIANT/pagewalk/initramfs-HASH.cpio, HASH of everything it
 * is made from): made once, then reused. A --program run (extra: the list's
 * lines for the program's files in run) gets its own, in run, with
 * guest/linux/progrun.c as its init (progrun-HASH, built once). Its path
 * into buf. */
static int initramfs(const struct record_opts *o, const struct linuxtab_plan *p, const char *run,
		     const char *extra, char *buf, size_t len, struct diag *d)
{
	char dir[4200], src[4300], init[4300], tmp[4400], list[1100], out[1100], err[1100];
	unsigned long long h = 0xcbf29ce484222325ULL;
	const char *ivars[] = { "CC", p->cc, "OUT", tmp, "SRC", src, NULL };
	const char *lvars[] = { "INIT", init, NULL };
	char **argv = NULL, *text = NULL, *all = NULL;
	struct stat sb;
	int rc = -1;

	const char *code = extra ? record_cfg_linux_progrun_c : record_cfg_linux_init_c;

	h = fnv(fnv(fnv(fnv(h, code), record_cfg_linux_init_args), p->cc),
		record_cfg_linux_initramfs_list);
	snprintf(dir, sizeof dir, "%s/pagewalk", o->guest_path);
	if (extra)
		snprintf(buf, len, "%s/initramfs.cpio", run);
	else
		snprintf(buf, len, "%s/initramfs-%016llx.cpio", dir, h);
	if (!extra && stat(buf, &sb) == 0 && S_ISREG(sb.st_mode))
		return 0;
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		diag_set(d, "", 0, 0, "cannot make %s: %s", dir, strerror(errno));
		return -1;
	}
	snprintf(src, sizeof src, "%s/%s", run, extra ? "progrun.c" : "init.c");
	snprintf(init, sizeof init, "%s/%s-%016llx", dir, extra ? "progrun" : "init", h);
	snprintf(tmp, sizeof tmp, "%s.tmp%ld", init, (long)getpid());
	snprintf(out, sizeof out, "%s/init.out", run);
	snprintf(err, sizeof err, "%s/init.err", run);
	snprintf(list, sizeof list, "%s/initramfs.list", run);
	if (!(argv = emu_config_argv(record_cfg_linux_init_args, ivars)) ||
	    !(text = emu_config_text(record_cfg_linux_initramfs_list, lvars)) ||
	    !(all = malloc(strlen(text) + (extra ? strlen(extra) : 0) + 1))) {
		diag_set(d, "", 0, 0, "out of memory");
		goto fail;
	}
	strcpy(all, text);
	strcat(all, extra ? extra : "");
	if (stat(init, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		if (emu_write_new(src, code, strlen(code)) < 0) {
			diag_set(d, "", 0, 0, "cannot write %s: %s", src, strerror(errno));
			goto fail;
		}
		char gcc[200];
		snprintf(gcc, sizeof gcc, "%sgcc", p->cross);    /* init.args names the host's gcc */
		argv[0] = gcc;
		if (linuxrun_tool(o, argv, run, out, err, "compiling the init (gcc)", d) < 0)
			goto fail;
		if (rename(tmp, init) < 0) {
			diag_set(d, "", 0, 0, "cannot place the init in %s: %s", dir, strerror(errno));
			goto fail;
		}
	}
	if (emu_write_new(list, all, strlen(all)) < 0) {
		diag_set(d, "", 0, 0, "cannot write %s: %s", list, strerror(errno));
		goto fail;
	}
	/* gen_init_cpio writes the archive to stdout */
	snprintf(tmp, sizeof tmp, "%s.tmp%ld", buf, (long)getpid());
	snprintf(src, sizeof src, "%s/usr/gen_init_cpio", o->guest_path);
	char *const cpio[] = { src, (char *)"-t", (char *)"0", list, NULL };
	if (linuxrun_tool(o, cpio, run, tmp, err, "packing the initramfs (gen_init_cpio)", d) < 0)
		goto fail;
	if (rename(tmp, buf) < 0) {
		diag_set(d, "", 0, 0, "cannot place the initramfs in %s: %s", dir, strerror(errno));
		goto fail;
	}
	rc = 0;
fail:
	if (rc < 0)
		unlink(tmp);
	free(argv);
	free(text);
	free(all);
	return rc;
}

/* params.txt: the plan and the kernel, for the tracer and for convert. */
static int write_params(const struct linuxtab_plan *p, const char *build, const char *dir,
			struct diag *d)
{
	const struct arch *a = arch_by_name(p->paging);
	char path[4200], key[128] = "", *k = NULL, geom[1024];
	struct linuxsrc *src = NULL;
	struct diag sd;
	FILE *f;
	int rc;

	snprintf(path, sizeof path, "%s/pagewalk.key", build);
	if (recfile_read(path, 4096, &k, NULL, NULL, d) < 0)
		return -1;
	snprintf(key, sizeof key, "%.*s", (int)strcspn(k, " \n"), k);
	free(k);
	if (linuxsrc_open(&src, &sd) < 0)
		src = NULL;
	snprintf(path, sizeof path, "%s/params.txt", dir);
	if (!(f = fopen(path, "wx"))) {
		diag_set(d, "", 0, 0, "cannot write %s: %s", path, strerror(errno));
		linuxsrc_close(src);
		return -1;
	}
	fprintf(f, "# pagewalk record --kernel linux: the plan (guest/linux/linux.tab) and the "
		"kernel\nmode=%s\nscenario=%s\nvariant=%s\nkey=%s\nsource=%s %s\nbuild=%s\n"
		"vmlinux=%s/vmlinux\n", p->mode, p->scenario, p->variant, key, LINUXSRC_PACKAGE,
		src ? linuxsrc_debver(src) : "", build, build);
	linuxsrc_close(src);
	if (p->cross[0])
		fprintf(f, "cross=%s\n", p->cross);   /* the tracer's binutils */
	/* the walker's geometry (walkgeom.h) */
	walkgeom_text(a, geom, sizeof geom);
	rc = fputs(geom, f) < 0 ? -1 : 0;
	/* a --program run: the program's main, for the tracer */
	if (linuxprog_is_program_run(dir)) {
		if (linuxprog_params(dir, geom, sizeof geom, d) < 0) {
			fclose(f);
			return -1;
		}
		rc |= fputs(geom, f) < 0 ? -1 : 0;
	}
	if (fclose(f) != 0 || rc < 0) {
		diag_set(d, "", 0, 0, "cannot write %s", path);
		return -1;
	}
	return 0;
}

/* qemu.sh (guest/linux/qemu.sh.in: the shell gdb runs QEMU in) and
 * command.txt (the QEMU command line alone, shell-quoted, for the header:
 * it can be pasted into a shell in the run directory), with @DFILTER@
 * left for the tracer to fill in (the handlers' code ranges). */
static int write_qemu(const struct linuxtab_plan *p, const char *build, const char *cpio,
		      const char *dir, struct diag *d)
{
	char kernel[4200], mem[16], extra[600] = "", cmd[8192], path[1100];
	const char *vars[] = { "QEMU", p->qemu, "CPU", p->cpu, "MEM", mem, "KERNEL", kernel,
			       "INITRD", cpio, "CONSOLE", p->console, "STEPS", p->steps,
			       "EXTRA", extra, "DFILTER", "@DFILTER@", NULL };
	const char *svars[] = { "COMMAND", cmd, NULL };
	char **argv, *sh;
	size_t n = 0;
	int rc;

	snprintf(kernel, sizeof kernel, "%s/%s", build, p->image);
	snprintf(mem, sizeof mem, "%u", p->mem);
	for (const char *a = p->append; *a && n + 2 < sizeof extra; a++)
		extra[n++] = *a == ',' ? ' ' : *a;
	if (p->append[0]) {
		memmove(extra + 1, extra, n + 1 < sizeof extra ? n + 1 : sizeof extra - 1);
		extra[0] = ' ';
	}
	if (!(argv = emu_config_argv(record_cfg_linux_qemu_args, vars))) {
		diag_set(d, "", 0, 0, "out of memory");
		return -1;
	}
	if (p->machine) {
		/* the mode's board (arm64: virt) right after the program */
		size_t na = 0;
		while (argv[na])
			na++;
		char **m = malloc((na + 3) * sizeof *m);
		if (!m) {
			free(argv);
			diag_set(d, "", 0, 0, "out of memory");
			return -1;
		}
		m[0] = argv[0];
		m[1] = (char *)"-machine";
		m[2] = (char *)p->machine;
		memcpy(m + 3, argv + 1, na * sizeof *m);
		emu_command_line(cmd, sizeof cmd, m);
		free(m);
	} else
		emu_command_line(cmd, sizeof cmd, argv);
	free(argv);
	if (!(sh = emu_config_text(record_cfg_linux_qemu_sh_in, svars))) {
		diag_set(d, "", 0, 0, "out of memory");
		return -1;
	}
	rc = emu_write_new(emu_in_dir(path, sizeof path, dir, "qemu.sh"), sh, strlen(sh));
	free(sh);
	if (rc < 0 ||
	    emu_write_new(emu_in_dir(path, sizeof path, dir, "command.txt"), cmd, strlen(cmd)) < 0 ||
	    emu_write_new(emu_in_dir(path, sizeof path, dir, "trace.py"), record_cfg_linux_trace_py,
			  strlen(record_cfg_linux_trace_py)) < 0 ||
	    emu_write_new(emu_in_dir(path, sizeof path, dir, "hwwalk.py"), record_cfg_hwwalk_py,
			  strlen(record_cfg_hwwalk_py)) < 0 ||
	    emu_write_new(emu_in_dir(path, sizeof path, dir, "execlog.py"), record_cfg_linux_execlog_py,
			  strlen(record_cfg_linux_execlog_py)) < 0) {
		diag_set(d, "", 0, 0, "cannot set up the run in %s: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

static void on_tick(void *ctx, double elapsed)
{
	const struct record_opts *o = ctx;
	struct record_progress pr = { RECORD_RUN, 0, elapsed };

	o->progress(o->ctx, &pr);
}

/* gdb (guest/gdb.args) with the tracer in dir, under the one time limit.
 * 0 when the run ended and the tracer wrote its records, else -1 with d. */
static int run_gdb(const struct record_opts *o, const struct linuxtab_plan *pl, const char *dir,
		   struct diag *d)
{
	char vmlinux[4200], index[4200], out[1100], err[1100], path[1100], line[300];
	double secs = o->timeout > 0 ? o->timeout : 120;
	const char *vars[] = { "ELF", vmlinux, "SCRIPT", "trace.py", "INDEX", "on",
			       "INDEXDIR", index, NULL };
	char **argv;
	struct stat sb;
	enum recproc_end end;
	int st = 0;

	snprintf(vmlinux, sizeof vmlinux, "%s/vmlinux", o->guest_path);
	/* gdb's index of vmlinux (by its build-id), beside the tracer's caches */
	snprintf(index, sizeof index, "%s/pagewalk/gdb-index", o->guest_path);
	emu_in_dir(out, sizeof out, dir, "gdb.out");
	emu_in_dir(err, sizeof err, dir, "gdb.err");
	if (!(argv = emu_config_argv(record_cfg_gdb_args, vars))) {
		diag_set(d, "", 0, 0, "out of memory");
		return -1;
	}
	argv[0] = (char *)pl->gdb;      /* gdb.args names the host's gdb */
	struct recproc p = { .argv = argv, .dir = dir, .out = out, .err = err, .limit = secs,
			     .stop = o->stop, .tick = o->progress ? on_tick : NULL,
			     .ctx = (void *)o };
	end = recproc_run(&p, &st, d);
	free(argv);
	if (end == RECPROC_ERROR)
		return -1;
	if (end == RECPROC_STOPPED) {
		diag_set(d, "", 0, 0, "interrupted: nothing written");
		return -1;
	}
	if (end == RECPROC_TIMEOUT) {
		if (o->program)
			diag_set(d, "", 0, 0, "the program did not end within %g s (--timeout; QEMU "
				 "and gdb stopped; nothing written)", secs);
		else
			diag_set(d, "", 0, 0, "the kernel did not finish within %g s (QEMU and gdb "
				 "stopped; nothing written)", secs);
		return -1;
	}
	emu_first_line(emu_in_dir(path, sizeof path, dir, "records.txt.err"), NULL, line,
		       sizeof line);
	if (line[0]) {
		diag_set(d, "", 0, 0, "the tracer failed: %s", line);
		return -1;
	}
	if (stat(emu_in_dir(path, sizeof path, dir, "qemu.status"), &sb) != 0) {
		emu_first_line(err, NULL, line, sizeof line);
		diag_set(d, "", 0, 0, "gdb ended before QEMU did (status %d)%s%s",
			 WIFEXITED(st) ? WEXITSTATUS(st) : -1, line[0] ? ": " : "", line);
		return -1;
	}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 ||
	    stat(emu_in_dir(path, sizeof path, dir, "records.txt"), &sb) != 0) {
		emu_first_line(err, NULL, line, sizeof line);
		diag_set(d, "", 0, 0, "the tracer wrote no records (gdb status %d)%s%s",
			 WIFEXITED(st) ? WEXITSTATUS(st) : -1, line[0] ? ": " : "", line);
		return -1;
	}
	return 0;
}

/* The QEMU version line into version.txt. */
static int qemu_version(const struct record_opts *o, const struct linuxtab_plan *p,
			const char *dir, struct diag *d)
{
	char out[1100], err[1100];
	char *const argv[] = { (char *)p->qemu, (char *)"--version", NULL };

	return linuxrun_tool(o, argv, dir, emu_in_dir(out, sizeof out, dir, "version.txt"),
			emu_in_dir(err, sizeof err, dir, "version.err"), "QEMU --version", d);
}

/* Read run file name of dir (at most RECORD_FILE_MAX) into *text. */
static int read_run(const char *dir, const char *name, char **text, size_t *n,
		    struct record_result *r)
{
	char path[1100];

	return recfile_read(emu_in_dir(path, sizeof path, dir, name), RECORD_FILE_MAX, text, n,
			    NULL, &r->cause);
}

/* The value of "key=" in params (a line of its own) into buf ("" none). */
static void param(const char *params, const char *key, char *buf, size_t len)
{
	size_t k = strlen(key);

	buf[0] = 0;
	for (const char *l = params; l && *l;) {
		const char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l) : strlen(l);
		if (n > k && strncmp(l, key, k) == 0 && l[k] == '=') {
			snprintf(buf, len, "%.*s", (int)(n - k - 1), l + k + 1);
			return;
		}
		l = nl ? nl + 1 : NULL;
	}
}

int linuxrun_convert(const struct record_opts *o, const char *dir, struct record_result *r,
		     struct diag *d)
{
	char name[1100], scenario[64], source[128], variant[64], key[128], version[256],
	     command[8192], pverified[1100];
	char *params = NULL, *text = NULL, *log = NULL, *serial = NULL;
	size_t n = 0, ln = 0, sn = 0;
	struct linuxrec *lr = NULL;
	struct trace *t = NULL;
	struct witness w = { 0 };
	struct diag vd = { 0 };
	struct record_stamp stamp;
	int rc = -1;

	if (read_run(dir, "params.txt", &params, NULL, r) < 0) {
		diag_set(d, "", 0, 0, "not a Linux run directory (no params.txt)");
		goto fail;
	}
	param(params, "scenario", scenario, sizeof scenario);
	param(params, "source", source, sizeof source);
	param(params, "variant", variant, sizeof variant);
	param(params, "key", key, sizeof key);
	/* name the records by a path only when it outlives the run */
	snprintf(name, sizeof name, "%s/records.txt", dir);
	if (!o->keep && !o->from)
		snprintf(name, sizeof name, "(the tracer's records)");
	if (read_run(dir, "records.txt", &text, &n, r) < 0) {
		diag_set(d, "", 0, 0, "the tracer wrote no records");
		goto fail;
	}
	if (read_run(dir, "int.log", &log, &ln, r) < 0) {
		diag_set(d, "", 0, 0, "no QEMU log to verify against");
		goto fail;
	}
	if (read_run(dir, "serial.txt", &serial, &sn, r) < 0) {
		diag_set(d, "", 0, 0, "no console log");
		goto fail;
	}
	if (!(lr = linuxrec_parse(text, n, name, &r->cause))) {
		diag_set(d, "", 0, 0, "the tracer's records cannot make a trace");
		goto fail;
	}
	lr->program = linuxprog_is_program_run(dir);
	if (linuxrec_console(lr, serial, sn, &vd) < 0 ||
	    linuxrec_set_build(lr, source, variant, key, &vd) < 0) {
		diag_set(d, "", 0, 0, "%s", vd.msg);
		goto fail;
	}
	if ((lr->arm64 ? witness_qemu_arm64_log : witness_qemu_log)(log, ln, &w) < 0) {
		diag_set(d, "", 0, 0, "out of memory");
		goto fail;
	}
	if (linuxrec_verify(lr, &w, &vd) < 0) {
		diag_set(d, "", 0, 0, "verification failed: %s", vd.msg);
		goto fail;
	}
	linuxrec_verify_summary(lr, &w, r->verified, sizeof r->verified);
	if (!(t = linuxtrace_build(lr, scenario, o->out, &r->cause))) {
		diag_set(d, "", 0, 0, "the records cannot make a trace");
		goto fail;
	}
	if (lr->program && linuxprog_finish(o, dir, serial, sn, lr, t, r, d) < 0)
		goto fail;
	emu_first_line(emu_in_dir(name, sizeof name, dir, "version.txt"), NULL, version,
		       sizeof version);
	free(text);
	text = NULL;
	if (read_run(dir, "command.txt", &text, NULL, r) < 0) {
		diag_set(d, "", 0, 0, "no command.txt in the run");
		goto fail;
	}
	snprintf(command, sizeof command, "%.*s", (int)strcspn(text, "\n"), text);
	if (lr->program)   /* the trace holds only the program's faults: say so */
		linuxprog_verified(r, r->verified, pverified, sizeof pverified);
	stamp = (struct record_stamp){ "qemu", version, command,
				       lr->program ? pverified : r->verified };
	if (record_finish(t, &stamp, o, r, d) < 0)
		goto fail;
	rc = 0;
fail:
	witness_clear(&w);
	trace_free(t);
	linuxrec_free(lr);
	free(params);
	free(text);
	free(log);
	free(serial);
	return rc;
}

int linuxrun_run(const struct record_opts *o, struct record_result *r, struct diag *d)
{
	char dir[RECORD_DIR_MAX + 64], cpio[4300];
	struct linuxtab_plan p;
	struct linuxtab *t;
	int rc = -1;

	memset(r, 0, sizeof *r);
	if (!(t = plan_of(o->mode, o->scenario, &p, d)))
		return -1;
	if (recfile_run_dir(o->tmpdir, "pagewalk-linux", o->keep, dir, sizeof dir, d) < 0) {
		linuxtab_free(t);
		return -1;
	}
	if ((!o->program || linuxprog_prepare(o, p.cc, p.cross, dir, r, d) == 0) &&
	    initramfs(o, &p, dir, o->program ? linuxprog_cpio_lines() : NULL, cpio, sizeof cpio,
		      d) == 0 &&
	    write_params(&p, o->guest_path, dir, d) == 0 &&
	    write_qemu(&p, o->guest_path, cpio, dir, d) == 0 && qemu_version(o, &p, dir, d) == 0 &&
	    run_gdb(o, &p, dir, d) == 0)
		rc = linuxrun_convert(o, dir, r, d);
	linuxtab_free(t);
	if (o->keep)
		snprintf(r->kept, sizeof r->kept, "%s", dir);
	else
		recfile_remove_tree(dir);
	return rc;
}
