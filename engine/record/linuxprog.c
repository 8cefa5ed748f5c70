/* SPDX-License-Identifier: GPL-2.0-only */
/* linuxprog.c - the learner's program: check, compile or copy, find main,
 * then read its output and place its faults. */
#include "record/linuxprog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "record/emu.h"
#include "record/linuxtrace.h"
#include "record/recfile.h"
#include "record/witness.h"
#include "linuxrun_int.h"
#include "util/file.h"
#include "util/sha256.h"
#include "util/text.h"

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* A file name a trace can keep as it is: at most 200 bytes, no control
 * character, no backslash (the trace would hold it escaped). */
static bool name_ok(const char *s)
{
	if (!s[0] || strlen(s) > 200)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == '\\')
			return false;
	return true;
}

/* addr2line's "FILE:LINE (discriminator N)" made "FILE:LINE" (a file name
 * may hold spaces). */
static void cut_discriminator(char *l)
{
	char *c = strstr(l, " (discriminator ");
	if (c)
		*c = 0;
}

static bool is_c_source(const char *path)
{
	size_t n = strlen(path);
	return n > 2 && strcmp(path + n - 2, ".c") == 0;
}

int linuxprog_check(const struct record_opts *o, struct diag *d)
{
	struct diag fd = { 0 };
	char q[300], head[4] = { 0 };
	size_t bytes = 0;
	struct stat st;
	int f;

	recfile_quote(o->program, q, sizeof q);
	if ((f = file_open_regular(o->program, &st, &fd)) < 0) {
		diag_set(d, "", 0, 0, "--program %s: %s", q, fd.msg);
		return -1;
	}
	if (read(f, head, sizeof head) < 0)
		head[0] = 0;
	close(f);
	if (st.st_size == 0) {
		diag_set(d, "", 0, 0, "--program %s: an empty file", q);
		return -1;
	}
	if ((uint64_t)st.st_size > LINUXPROG_FILE_MAX) {
		diag_set(d, "", 0, 0, "--program %s: %lld bytes, at most %u", q,
			 (long long)st.st_size, LINUXPROG_FILE_MAX);
		return -1;
	}
	if (memcmp(head, "\177ELF", 4) != 0 && !is_c_source(o->program)) {
		diag_set(d, "", 0, 0, "--program %s: neither C source (a name ending in .c) nor an "
			 "ELF executable", q);
		return -1;
	}
	if (!name_ok(base_name(o->program))) {
		diag_set(d, "", 0, 0, "--program %s: not a file name pagewalk can keep (at most "
			 "200 bytes, no control character or backslash)", q);
		return -1;
	}
	bytes = strlen(base_name(o->program)) + 1;
	if (o->nprogram_args + 1 > LINUXPROG_ARGS_MAX) {
		diag_set(d, "", 0, 0, "--program: %zu arguments, at most %d", o->nprogram_args,
			 LINUXPROG_ARGS_MAX - 1);
		return -1;
	}
	for (size_t i = 0; i < o->nprogram_args; i++)
		bytes += strlen(o->program_args[i]) + 1;
	if (bytes > LINUXPROG_ARGS_BYTES) {
		diag_set(d, "", 0, 0, "--program: the arguments take %zu bytes, at most %d", bytes,
			 LINUXPROG_ARGS_BYTES);
		return -1;
	}
	return 0;
}

static uint64_t le(const unsigned char *p, int n)
{
	uint64_t v = 0;
	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* Is the ELF image e (n bytes) a static executable for cc's ABI ("-m32"
 * i386, "-m64" x86-64, "-mabi=lp64" arm64)? NULL, or why not (a sentence
 * ending without a period). */
static const char *elf_refusal(const unsigned char *e, size_t n, const char *cc)
{
	bool arm64 = strcmp(cc, "-mabi=lp64") == 0, wide = arm64 || strcmp(cc, "-m64") == 0;
	uint64_t phoff, phnum, phsize;
	unsigned type, machine;

	if (n < 52 || memcmp(e, "\177ELF", 4) != 0)
		return "not an ELF file";
	if (e[4] != 1 && e[4] != 2)
		return "an ELF of an unknown class";
	if ((e[4] == 2) != wide)
		return arm64 ? "a 32-bit ELF, and this mode's kernel runs 64-bit programs (arm64)"
		       : wide ? "a 32-bit ELF, and this mode's kernel runs 64-bit programs (x86-64)"
			      : "a 64-bit ELF, and this mode's kernel runs 32-bit programs (i386)";
	if (e[5] != 1)
		return "a big-endian ELF";
	if (wide && n < 64)
		return "a truncated ELF header";
	type = (unsigned)le(e + 16, 2);
	machine = (unsigned)le(e + 18, 2);
	/* EM_386 3, EM_X86_64 62, EM_AARCH64 183 */
	if (machine != (arm64 ? 183u : wide ? 62u : 3u))
		return arm64 ? "not an arm64 (AArch64) program"
		       : wide ? "not an x86-64 program" : "not an i386 program";
	phoff = wide ? le(e + 32, 8) : le(e + 28, 4);
	phsize = wide ? le(e + 54, 2) : le(e + 42, 2);
	phnum = wide ? le(e + 56, 2) : le(e + 44, 2);
	if (phsize < (wide ? 56u : 32u) || phoff > n || phnum > (n - phoff) / phsize)
		return "an ELF whose program headers lie outside the file";
	for (uint64_t i = 0; i < phnum; i++)
		if (le(e + phoff + i * phsize, 4) == 3)   /* PT_INTERP */
			return "a dynamically linked program (it names a program interpreter); "
			       "link it with -static";
	if (type == 3)
		return "a position-independent static program (static-pie); link it with "
		       "-static -no-pie";
	if (type != 2)
		return "not an executable (ELF type is not EXEC)";
	return NULL;
}

/* The source as a trace holds it: tabs expanded to 8 columns. NULL (out
 * of memory). */
static char *expand_tabs(const char *s, size_t n)
{
	size_t tabs = 0, col = 0, k = 0;
	char *out;

	for (size_t i = 0; i < n; i++)
		tabs += s[i] == '\t';
	if (!(out = malloc(n + tabs * 7 + 1)))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\t') {
			do
				out[k++] = ' ';
			while (++col % 8);
			continue;
		}
		out[k++] = s[i];
		col = s[i] == '\n' ? 0 : col + 1;
	}
	out[k] = 0;
	return out;
}

/* Refuse source (tabs expanded) with a line longer than a trace keeps,
 * naming it as the compiler would (q is the file, quoted). 0, or -1 with d. */
static int long_line(const char *src, const char *q, struct diag *d)
{
	unsigned line = 1;

	for (const char *s = src; *s; line++) {
		size_t k = strcspn(s, "\n");
		if (k > TRACE_PROGRAM_LINE_MAX) {
			diag_set(d, "", 0, 0, "%s:%u: a line of %zu bytes (tabs expanded), and a "
				 "trace keeps lines of at most %u: split it", q, line, k,
				 TRACE_PROGRAM_LINE_MAX);
			return -1;
		}
		s += k + (s[k] == '\n');
	}
	return 0;
}

/* The address of main in the program's symbols (nm -P: "main T ADDR
 * ..."); 0 when it has none. */
static int find_main(const struct record_opts *o, const char *cross, const char *run,
		     uint64_t *addr, struct diag *d)
{
	char prog[1100], out[1100], err[1100], nm[80];
	char *const argv[] = { nm, (char *)"-P", prog, NULL };
	char *text = NULL;

	*addr = 0;
	snprintf(nm, sizeof nm, "%.60snm", cross);
	emu_in_dir(prog, sizeof prog, run, "prog");
	if (linuxrun_tool(o, argv, run, emu_in_dir(out, sizeof out, run, "nm.out"),
			  emu_in_dir(err, sizeof err, run, "nm.err"), "reading the program's "
			  "symbols (nm)", d) < 0) {
		emu_first_line(err, NULL, out, sizeof out);
		if (strstr(out, "no symbols"))
			return 0;   /* stripped: no main to find */
		return -1;
	}
	if (recfile_read(out, LINUXPROG_FILE_MAX, &text, NULL, NULL, d) < 0)
		return -1;
	for (const char *l = text; l && *l;) {
		unsigned long long a;
		char kind;
		if (sscanf(l, "main %c %llx", &kind, &a) == 2 && (kind == 'T' || kind == 't'))
			*addr = a;
		l = strchr(l, '\n');
		l = l ? l + 1 : NULL;
	}
	free(text);
	return 0;
}

/* The source file (no directory) that the ELF's line table (DWARF) puts
 * main in, from addr2line; "" when it has none (built without -g, or
 * stripped), or "?" when its name is not one a trace keeps (name_ok).
 * 0, or -1 with d. */
static int dwarf_file(const struct record_opts *o, const char *cross, const char *run,
		      uint64_t main_addr, char *buf, size_t len, struct diag *d)
{
	char prog[1100], out[1100], err[1100], addr[24], line[1100], a2l[80];
	char *const argv[] = { a2l, (char *)"-e", prog, addr, NULL };

	buf[0] = 0;
	snprintf(a2l, sizeof a2l, "%.60saddr2line", cross);   /* arm64's cross binutils */
	snprintf(addr, sizeof addr, "%#llx", (unsigned long long)main_addr);
	emu_in_dir(prog, sizeof prog, run, "prog");
	emu_in_dir(out, sizeof out, run, "a2l.out");
	if (linuxrun_tool(o, argv, run, out, emu_in_dir(err, sizeof err, run, "a2l.err"),
			  "reading the program's line table (addr2line)", d) < 0)
		return -1;
	/* "FILE:LINE" or "FILE:LINE (discriminator N)"; "??:0", "??:?" none */
	emu_first_line(out, NULL, line, sizeof line);
	cut_discriminator(line);
	char *colon = strrchr(line, ':');
	if (!colon || colon[1] < '1' || colon[1] > '9')
		return 0;
	*colon = 0;
	const char *b = base_name(line);
	if (strcmp(b, "??") != 0)
		snprintf(buf, len, "%s", name_ok(b) && strlen(b) < len ? b : "?");
	return 0;
}

/* Write path with n bytes of text; -1 with d. */
static int put_file(const char *path, const char *text, size_t n, struct diag *d)
{
	if (emu_write_new(path, text, n) < 0) {
		diag_set(d, "", 0, 0, "cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int linuxprog_prepare(const struct record_opts *o, const char *cc, const char *cross,
		      const char *run, struct record_result *r, struct diag *d)
{
	char prog[1100], path[1100], out[1100], err[1100], q[300], sum[65], info[800], gcc[80];
	char file[256] = "";
	char args[LINUXPROG_ARGS_BYTES + 8];
	char *text = NULL, *src = NULL, *elf = NULL;
	size_t n = 0, en = 0, an = 0;
	const char *why, *name = base_name(o->program);
	uint64_t main_addr = 0;
	int rc = -1;

	recfile_quote(o->program, q, sizeof q);
	emu_in_dir(prog, sizeof prog, run, "prog");
	if (recfile_read(o->program, LINUXPROG_FILE_MAX, &text, &n, NULL, d) < 0)
		return -1;
	sha256_hex(text, n, sum);
	if (n >= 4 && memcmp(text, "\177ELF", 4) == 0) {
		if (put_file(prog, text, n, d) < 0 || chmod(prog, 0755) < 0)
			goto fail;
	} else {
		/* the user's file as they named it, so that the compiler's
		 * messages name it as they would at their own prompt */
		char *const argv[] = { gcc, (char *)cc, (char *)"-static",
				       (char *)"-no-pie", (char *)"-g", (char *)"-O0",
				       (char *)"-fno-omit-frame-pointer", (char *)"-o", prog,
				       (char *)o->program, NULL };
		snprintf(gcc, sizeof gcc, "%.60sgcc", cross);   /* arm64's cross compiler */
		if (n > TRACE_PROGRAM_SOURCE_MAX) {
			diag_set(d, "", 0, 0, "--program %s: %zu bytes of source, a trace holds at "
				 "most %u", q, n, TRACE_PROGRAM_SOURCE_MAX);
			goto fail;
		}
		if (memchr(text, 0, n)) {
			diag_set(d, "", 0, 0, "--program %s: a NUL byte in C source", q);
			goto fail;
		}
		if (!(src = expand_tabs(text, n)))
			goto oom;
		if (long_line(src, q, d) < 0)
			goto fail;
		emu_in_dir(out, sizeof out, run, "cc.out");
		emu_in_dir(err, sizeof err, run, "cc.err");
		if (linuxrun_tool(o, argv, NULL, out, err, "compiling", d) < 0) {
			char *msgs = NULL, *esc;
			size_t mn = 0;
			struct diag rd;
			if (recfile_read(err, 1 << 20, &msgs, &mn, NULL, &rd) == 0 &&
			    (esc = text_escape(msgs, mn, true))) {
				snprintf(r->detail, sizeof r->detail, "%s", esc);
				free(esc);
			}
			free(msgs);
			diag_set(d, "", 0, 0, "%s does not compile (%s %s -static -g): nothing "
				 "recorded", q, gcc, cc);
			goto fail;
		}
		emu_in_dir(path, sizeof path, run, "source");
		if (put_file(path, src, strlen(src), d) < 0)
			goto fail;
	}
	if (recfile_read(prog, LINUXPROG_FILE_MAX, &elf, &en, NULL, d) < 0)
		goto fail;
	if ((why = elf_refusal((const unsigned char *)elf, en, cc))) {
		diag_set(d, "", 0, 0, "--program %s: %s", q, why);
		goto fail;
	}
	if (find_main(o, cross, run, &main_addr, d) < 0 ||
	    (!src && main_addr && dwarf_file(o, cross, run, main_addr, file, sizeof file, d) < 0))
		goto fail;
	/* /args: argv[0] is the program's name, then the arguments */
	an = (size_t)snprintf(args, sizeof args, "%s", name) + 1;
	for (size_t i = 0; i < o->nprogram_args && an < sizeof args; i++)
		an += (size_t)snprintf(args + an, sizeof args - an, "%s", o->program_args[i]) + 1;
	if (an > sizeof args) {
		diag_set(d, "", 0, 0, "--program: the arguments are too long");
		goto fail;
	}
	if (put_file(emu_in_dir(path, sizeof path, run, "args"), args, an, d) < 0)
		goto fail;
	/* cross: the binutils that place the program's faults afterwards;
	 * file: the file whose lines the places name */
	snprintf(info, sizeof info, "name=%s\nsha256=%s\nmain=%#llx\ncross=%.60s\nfile=%s\n",
		 name, sum, (unsigned long long)main_addr, cross, src ? name : file);
	if (put_file(emu_in_dir(path, sizeof path, run, "program.txt"), info, strlen(info), d) < 0)
		goto fail;
	rc = 0;
	goto fail;
oom:
	diag_set(d, "", 0, 0, "out of memory");
fail:
	free(text);
	free(src);
	free(elf);
	return rc;
}

const char *linuxprog_cpio_lines(void)
{
	return "file /prog prog 0755 0 0\nfile /args args 0644 0 0\n";
}

bool linuxprog_is_program_run(const char *run)
{
	char path[1100];
	struct stat st;

	return stat(emu_in_dir(path, sizeof path, run, "program.txt"), &st) == 0;
}

/* The value of "key=" in text (a line of its own) into buf ("" none). */
static void info_value(const char *text, const char *key, char *buf, size_t len)
{
	size_t k = strlen(key);

	buf[0] = 0;
	for (const char *l = text; l && *l;) {
		size_t n = strcspn(l, "\n");
		if (n > k && strncmp(l, key, k) == 0 && l[k] == '=') {
			snprintf(buf, len, "%.*s", (int)(n - k - 1), l + k + 1);
			return;
		}
		l = l[n] ? l + n + 1 : NULL;
	}
}

int linuxprog_params(const char *run, char *buf, size_t len, struct diag *d)
{
	char path[1100], addr[40], *text = NULL;

	buf[0] = 0;
	if (recfile_read(emu_in_dir(path, sizeof path, run, "program.txt"), 4096, &text, NULL,
			 NULL, d) < 0)
		return -1;
	info_value(text, "main", addr, sizeof addr);
	free(text);
	if (addr[0] && strtoull(addr, NULL, 0) != 0)
		snprintf(buf, len, "main=%s\n", addr);
	return 0;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The init's lines on the console: output (hex), cut, exit. */
static void read_console(const char *serial, size_t sn, struct record_result *r)
{
	size_t pos = 0;
	char line[1024];

	r->output_len = 0;
	r->output_cut = 0;
	r->program_exit[0] = 0;
	while (witness_next_line(serial, sn, &pos, line, sizeof line)) {
		unsigned long long v;
		line[strcspn(line, "\r")] = 0;
		if (strncmp(line, "pagewalk: out ", 14) == 0) {
			for (const char *h = line + 14; hexval(h[0]) >= 0 && hexval(h[1]) >= 0; h += 2)
				if (r->output_len < sizeof r->output)
					r->output[r->output_len++] = (char)(hexval(h[0]) << 4 |
									    hexval(h[1]));
		} else if (sscanf(line, "pagewalk: out-cut %llu", &v) == 1) {
			r->output_cut = v;
		} else if (sscanf(line, "pagewalk: exit status=%llu", &v) == 1 && v <= 255) {
			snprintf(r->program_exit, sizeof r->program_exit, "status %llu", v);
		} else if (sscanf(line, "pagewalk: exit signal=%llu", &v) == 1 && v >= 1 && v <= 64) {
			snprintf(r->program_exit, sizeof r->program_exit, "signal %llu", v);
		}
	}
}

/* A place addr2line gave: the function (NULL: "??") and the line when its
 * file is the program's source (by name). */
struct place {
	uint64_t addr;
	char fn[129];
	uint32_t line;
};

/* A name the trace can hold; not a local label (.L413): no function. */
static bool fn_ok(const char *s)
{
	return *s != '.' && trace_fn_ok(s);
}

/* addr2line -a -f -i over the program for every address of places[0..n),
 * 200 a call; each gets the first (innermost) function and line.
 * 0, or -1 with d. */
static int resolve(const struct record_opts *o, const char *run, const char *name,
		   const char *cross, struct place *places, size_t n, struct diag *d)
{
	char prog[1100], out[1100], err[1100], a2l[80];
	char *argv[206], addrs[200][24];

	snprintf(a2l, sizeof a2l, "%.60saddr2line", cross);

	emu_in_dir(prog, sizeof prog, run, "prog");
	for (size_t at = 0; at < n; at += 200) {
		size_t k = n - at < 200 ? n - at : 200, argc = 0, cur = SIZE_MAX;
		char *text = NULL;
		argv[argc++] = a2l;
		argv[argc++] = (char *)"-a";
		argv[argc++] = (char *)"-f";
		argv[argc++] = (char *)"-i";
		argv[argc++] = (char *)"-e";
		argv[argc++] = prog;
		for (size_t i = 0; i < k; i++) {
			snprintf(addrs[i], sizeof addrs[i], "%#llx",
				 (unsigned long long)places[at + i].addr);
			argv[argc++] = addrs[i];
		}
		argv[argc] = NULL;
		emu_in_dir(out, sizeof out, run, "a2l.out");
		unlink(out);
		if (linuxrun_tool(o, argv, run, out, emu_in_dir(err, sizeof err, run, "a2l.err"),
				  "placing the program's faults (addr2line)", d) < 0 ||
		    recfile_read(out, 64u << 20, &text, NULL, NULL, d) < 0)
			return -1;
		/* "0xADDR", then FUNCTION and FILE:LINE pairs (innermost first):
		 * the first pair is the instruction's own place */
		int want = 0;     /* 1: the function, 2: its file:line, 0: skip */
		for (char *l = text, *nl; l && *l; l = nl) {
			nl = strchr(l, '\n');
			if (nl)
				*nl++ = 0;
			if (strncmp(l, "0x", 2) == 0) {
				cur = cur == SIZE_MAX ? 0 : cur + 1;
				want = 1;
				continue;
			}
			if (cur >= k || !want)
				continue;
			struct place *p = &places[at + cur];
			if (want == 1) {
				snprintf(p->fn, sizeof p->fn, "%s", fn_ok(l) ? l : "");
				want = 2;
				continue;
			}
			cut_discriminator(l);
			char *colon = strrchr(l, ':');
			if (colon) {
				*colon = 0;
				if (strcmp(base_name(l), name) == 0)
					p->line = (uint32_t)strtoul(colon + 1, NULL, 10);
			}
			want = 0;
		}
		free(text);
	}
	return 0;
}

/* s as one shell word (single-quoted when it holds anything but letters,
 * digits and ._+-/), into buf. */
static void shell_word(const char *s, char *buf, size_t len)
{
	size_t k = 0;

	if (strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-/") ==
	    strlen(s)) {
		snprintf(buf, len, "%s", s);
		return;
	}
	for (const char *c = s; *c && k + 6 < len; c++) {
		if (k == 0)
			buf[k++] = '\'';
		if (*c == '\'') {
			memcpy(buf + k, "'\\''", 4);
			k += 4;
		} else {
			buf[k++] = *c;
		}
	}
	buf[k++] = '\'';
	buf[k] = 0;
}

/* What the learner should know of the program's lines (r->program_note):
 * an ELF given without its source has them from its DWARF, without their
 * text; one without DWARF has functions only. */
static void program_note(const char *name, bool source, const char *file,
			 struct record_result *r)
{
	r->program_note[0] = 0;
	if (source)
		return;
	if (strcmp(file, "?") == 0)
		snprintf(r->program_note, sizeof r->program_note, "%.200s: its DWARF names main's "
			 "file with a name a trace cannot keep (a control character, a backslash or "
			 "over 200 bytes): its faults are placed by function only", name);
	else if (!file[0])
		snprintf(r->program_note, sizeof r->program_note, "%.200s has no line table "
			 "(DWARF: it was built without -g, or stripped): its faults are placed by "
			 "function only", name);
	else {
		char word[420];
		shell_word(file, word, sizeof word);
		snprintf(r->program_note, sizeof r->program_note, "%.200s: its lines are lines of "
			 "%.200s, as its DWARF names it; the trace holds no text of that file, which "
			 "was not given (record --program %s to carry it)", name, file, word);
	}
}

int linuxprog_finish(const struct record_opts *o, const char *run, const char *serial,
		     size_t sn, const struct linuxrec *lr, struct trace *t,
		     struct record_result *r, struct diag *d)
{
	char path[1100], name[256], sum[80], exit[32], cross[64], file[256];
	char *info = NULL, *source = NULL, *args = NULL;
	const char *argv[LINUXPROG_ARGS_MAX];
	size_t an = 0, nargs = 0, np = 0, k = 0;
	struct place *places = NULL;
	static const struct place none;
	uint64_t main_after = UINT64_MAX;
	bool missing = false;
	int rc = -1;

	read_console(serial, sn, r);
	if (recfile_read(emu_in_dir(path, sizeof path, run, "program.txt"), 4096, &info, NULL,
			 NULL, d) < 0 ||
	    recfile_read(emu_in_dir(path, sizeof path, run, "args"), LINUXPROG_ARGS_BYTES + 8,
			 &args, &an, NULL, d) < 0)
		goto fail;
	if (recfile_read(emu_in_dir(path, sizeof path, run, "source"), TRACE_PROGRAM_SOURCE_MAX * 8,
			 &source, NULL, &missing, d) < 0 && !missing)
		goto fail;
	info_value(info, "name", name, sizeof name);
	info_value(info, "sha256", sum, sizeof sum);
	info_value(info, "file", file, sizeof file);
	info_value(info, "cross", cross, sizeof cross);
	info_value(info, "main", path, sizeof path);
	if (strtoull(path, NULL, 0) == 0)
		main_after = 0;   /* no main in the symbols: nothing is called start-up */
	if (!file[0])   /* a run kept before file= was written: the source's name */
		snprintf(file, sizeof file, "%s", source ? name : "");
	program_note(name, source != NULL, file, r);
	if (strcmp(file, "?") == 0)
		file[0] = 0;   /* no lines: the name cannot be kept */
	/* argv[1..]: after the program's own name */
	for (size_t i = strlen(args) + 1; i < an && nargs < LINUXPROG_ARGS_MAX; i += strlen(args + i) + 1)
		argv[nargs++] = args + i;
	snprintf(exit, sizeof exit, "%s", r->program_exit[0] ? r->program_exit : "status 0");
	if (!r->program_exit[0]) {
		diag_set(d, "", 0, 0, "the program's end is not on the console (no \"pagewalk: "
			 "exit\" line)");
		goto fail;
	}
	if (trace_set_program(t, name, sum, source, argv, nargs, exit) < 0 ||
	    (!source && file[0] && trace_set_program_file(t, file) < 0))
		goto oom;
	for (size_t i = 0; i < lr->nmains && main_after; i++)
		if (lr->mains[i].after < main_after)
			main_after = lr->mains[i].after;
	if (!(places = calloc(lr->nfaults + 1, sizeof *places)))
		goto oom;
	for (size_t i = 0; i < lr->nfaults; i++)
		if (linuxtrace_keeps(lr, i)) {
			const struct linuxrec_fault *f = &lr->faults[i];
			places[np++].addr = linuxtrace_from_user(lr, f) ? f->ip
					    : f->syscall[0] ? f->syscall_ip : 0;
		}
	if (resolve(o, run, file, cross, places, np, d) < 0)
		goto fail;
	r->prog_startup = r->prog_main = r->prog_kernel = 0;
	r->program_segv[0] = 0;
	r->run_faults = lr->nfaults;
	r->prog_no_main = main_after == 0;
	np = 0;
	for (size_t i = 0; i < lr->nfaults; i++) {
		if (!linuxtrace_keeps(lr, i))
			continue;
		const struct linuxrec_fault *f = &lr->faults[i];
		const struct place *p = &places[np++];
		while (k < t->nevents && t->events[k].kind != TRACE_FAULT)
			k++;
		if (k == t->nevents || t->events[k].cr2 != f->cr2 || t->events[k].ip != f->ip) {
			diag_set(d, "", 0, 0, "the trace's faults are not the records' (fault %llu)",
				 (unsigned long long)f->seq);
			goto fail;
		}
		uint32_t line = !file[0] ? 0 : source ? (p->line <= t->h.program->nlines ? p->line : 0)
			      : (p->line <= TRACE_PROGRAM_LINES_MAX ? p->line : 0);
		const char *call = f->syscall[0] && fn_ok(f->syscall) ? f->syscall : NULL;
		/* execve's user instruction is the caller's (our init's), not the
		 * program's: the program has not run yet */
		if (call && strcmp(call, "execve") == 0)
			p = &none;
		if (trace_set_event_program(t, k, p->fn[0] ? p->fn : NULL, line,
					    f->seq <= main_after,
					    call) < 0)
			goto oom;
		if (t->events[k].outcome == TRACE_OUT_SIGSEGV) {
			char place[300];
			trace_event_place(t, &t->events[k], place, sizeof place);
			snprintf(r->program_segv, sizeof r->program_segv, "%s%s%s %#llx",
				 place, place[0] ? ", " : "", lr->arm64 ? "FAR" : "cr2",
				 (unsigned long long)f->cr2);
		}
		if (!linuxtrace_from_user(lr, f))
			r->prog_kernel++;
		else if (f->seq <= main_after)
			r->prog_startup++;
		else
			r->prog_main++;
		k++;
	}
	rc = 0;
	goto fail;
oom:
	diag_set(d, "", 0, 0, "out of memory");
fail:
	free(places);
	free(info);
	free(source);
	free(args);
	return rc;
}

void linuxprog_verified(const struct record_result *r, const char *verified, char *buf,
			size_t len)
{
	size_t kept = r->prog_startup + r->prog_main + r->prog_kernel;

	if (r->run_faults > kept)
		snprintf(buf, len, "this trace holds the program's %zu page faults, the run's other "
			 "%zu (its init's) are left out; %s", kept, r->run_faults - kept, verified);
	else
		snprintf(buf, len, "this trace holds the program's %zu page faults; %s", kept,
			 verified);
}
