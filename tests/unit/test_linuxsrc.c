/* SPDX-License-Identifier: GPL-2.0-only */
/* test_linuxsrc.c - source lines from a tarball, read by xz block through a
 * member map, or from make linux's tree, through a cache that may be
 * hostile.
 *
 * The tarballs are our own, made by the test with GNU tar and xz, laid out
 * like Debian's linux-source-6.1 (PAGEWALK_LINUX_SOURCE points at them):
 * one in GNU format cut into 64 KiB xz blocks (so a file spans blocks and
 * only some are decoded), the same tree in pax format as one block; names
 * over 100 bytes, a directory, a symlink, a file over the size bound.
 * Every file read is compared byte for byte with what went in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include <lzma.h>

#include "fixture.h"
#include "source/linuxsrc.h"

static char dir[256], tarball[300], paxball[300], cache[300], kcache[300];

#define LONGNAME "include/a_directory_name_long_enough_to_need/a_file_name_that_makes_the_whole_path_over_one_hundred_bytes.h"

static const char our_c[] =
	"/* a file of our own */\n"
	"static int helper(int x);\n"
	"\n"
	"static int\n"
	"walker(int x)\n"
	"{\n"
	"\treturn helper(x) + 1;\n"
	"}\n"
	"#define WALKER_MAX 4\n"
	"int last(void)\n"
	"{\n"
	"}\n";

static void sh(const char *cmd)
{
	if (system(cmd) != 0)
		fail_msg("failed: %s", cmd);
}

/* Write n bytes of varied, deterministic text (seed) to path. */
static void text_file(const char *path, size_t n, unsigned seed)
{
	FILE *f = fopen(path, "w");
	uint32_t x = seed * 2654435761u + 1;

	assert_non_null(f);
	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		fputc(i % 61 == 60 ? '\n' : "abcdefghij_ (){};=+*"[(x >> 16) % 20], f);
	}
	fclose(f);
}

/* The tree under dir/src and its two tarballs. */
static int setup(void **state)
{
	char cmd[3000], p[600];
	FILE *f;

	(void)state;
	snprintf(dir, sizeof dir, "/tmp/pw-linuxsrc-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof cmd, "mkdir -p %s/src/linux-source-6.1/mm/sub "
		 "%s/src/linux-source-6.1/include/a_directory_name_long_enough_to_need", dir, dir);
	sh(cmd);
	snprintf(p, sizeof p, "%s/src/linux-source-6.1/mm/walker.c", dir);
	assert_non_null(f = fopen(p, "w"));
	fputs(our_c, f);
	fclose(f);
	snprintf(p, sizeof p, "%s/src/linux-source-6.1/Makefile", dir);
	assert_non_null(f = fopen(p, "w"));
	fputs("# SPDX-License-Identifier: GPL-2.0\nVERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 192\n"
	      "EXTRAVERSION =\n", f);
	fclose(f);
	snprintf(p, sizeof p, "%s/src/linux-source-6.1/mm/big.c", dir);
	text_file(p, 300000, 1);
	snprintf(p, sizeof p, "%s/src/linux-source-6.1/" LONGNAME, dir);
	text_file(p, 90000, 2);
	snprintf(p, sizeof p, "%s/src/linux-source-6.1/zz_last.c", dir);
	text_file(p, 5000, 3);
	/* over LINUXSRC_MAX_FILE: never extracted */
	snprintf(cmd, sizeof cmd, "yes 'a line of a big file' | head -c 9000000 "
		 "> %s/src/linux-source-6.1/mm/huge.c && ln -s walker.c %s/src/linux-source-6.1/mm/link.c",
		 dir, dir);
	sh(cmd);
	snprintf(tarball, sizeof tarball, "%s/linux-source-6.1.tar.xz", dir);
	snprintf(paxball, sizeof paxball, "%s/pax/linux-source-6.1.tar.xz", dir);
	snprintf(cmd, sizeof cmd, "tar --sort=name --format=gnu -cf - -C %s/src linux-source-6.1 | "
		 "xz -T1 --block-size=65536 -c > %s && mkdir -p %s/pax && "
		 "tar --sort=name --format=pax -cJf %s -C %s/src linux-source-6.1",
		 dir, tarball, dir, paxball, dir);
	sh(cmd);
	snprintf(cache, sizeof cache, "%s/cache", dir);
	snprintf(kcache, sizeof kcache, "%s/kcache", dir);
	fx_env("PAGEWALK_LINUX_SOURCE", tarball);
	fx_env("XDG_CACHE_HOME", cache);
	fx_env(LINUXSRC_KCACHE_ENV, kcache);   /* no real tree of make linux */
	return 0;
}

static int teardown(void **state)
{
	char cmd[400];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	sh(cmd);
	return 0;
}

/* A fresh cache (and no tree) for each test, the GNU tarball. */
static int fresh(void **state)
{
	char cmd[800];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf %s %s", cache, kcache);
	sh(cmd);
	fx_env("PAGEWALK_LINUX_SOURCE", tarball);
	return 0;
}

static void cached_path(const struct linuxsrc *s, const char *file, char *out, size_t len)
{
	snprintf(out, len, "%s/linux-source-6.1/%s", linuxsrc_cache_dir(s), file);
}

static void map_path(const struct linuxsrc *s, char *out, size_t len)
{
	snprintf(out, len, "%s/members.map", linuxsrc_cache_dir(s));
}

/* f holds exactly the file that went into the tarball. */
static void same_as_source(const struct linuxsrc_file *f, const char *file)
{
	char p[600], *want, *got;
	FILE *in;
	long n;
	size_t k = 0;

	snprintf(p, sizeof p, "%s/src/linux-source-6.1/%s", dir, file);
	assert_non_null(in = fopen(p, "rb"));
	fseek(in, 0, SEEK_END);
	n = ftell(in);
	rewind(in);
	want = malloc((size_t)n + 1);
	got = malloc((size_t)n + f->nlines + 2);
	assert_int_equal(fread(want, 1, (size_t)n, in), (size_t)n);
	fclose(in);
	for (size_t i = 0; i < f->nlines; i++) {
		size_t l = strlen(f->lines[i]);
		memcpy(got + k, f->lines[i], l);
		k += l;
		got[k++] = '\n';
	}
	if (n && want[n - 1] != '\n')
		k--;
	if (k != (size_t)n || memcmp(want, got, k))
		fail_msg("%s: %zu bytes read, %ld in the tarball, or they differ", file, k, n);
	free(want);
	free(got);
}

/* A cached copy holds exactly the file that went in. */
static void cached_same(const struct linuxsrc *s, const char *file)
{
	char p[1400], cmd[3000];

	cached_path(s, file, p, sizeof p);
	snprintf(cmd, sizeof cmd, "cmp -s '%s/src/linux-source-6.1/%s' '%s'", dir, file, p);
	sh(cmd);
}

/* What a job did: the phases it went through, and its biggest total. */
struct seen {
	bool phase[3];
	enum linuxsrc_reason reason;
	uint64_t total;
	char tree[64];
};

static void saw(void *ctx, const struct linuxsrc_progress *p)
{
	struct seen *s = ctx;

	for (int i = 0; i < 3; i++)
		s->phase[i] |= (p->phases >> i) & 1;
	if (p->phase == LINUXSRC_INDEXING)
		s->reason = p->reason;
	if (p->total > s->total)
		s->total = p->total;
	snprintf(s->tree, sizeof s->tree, "%s", p->tree);
}

/* Fetch files[0..n) in a job, waited for; its return, what it did in *sn. */
static int fetch(struct linuxsrc *s, const char *const *files, size_t n, struct seen *sn,
		 struct diag *d)
{
	struct linuxsrc_job *j;

	memset(sn, 0, sizeof *sn);
	if (linuxsrc_fetch_start(s, files, n, &j, d) < 0)
		return -1;
	return j ? linuxsrc_fetch_wait(j, NULL, saw, sn, d) : 0;
}

static struct linuxsrc *open_ok(void)
{
	struct linuxsrc *s;
	struct diag d;

	if (linuxsrc_open(&s, &d) < 0)
		fail_msg("linuxsrc_open: %s", d.msg);
	return s;
}

static void no_tmp_left(const struct linuxsrc *s)
{
	char cmd[3000];

	snprintf(cmd, sizeof cmd, "! ls -d %s/tmp-* 2>/dev/null", linuxsrc_cache_dir(s));
	sh(cmd);
}

static void test_missing_package(void **state)
{
	struct linuxsrc *s;
	struct diag d;
	char buf[400];

	(void)state;
	fx_env("PAGEWALK_LINUX_SOURCE", "/nonexistent/linux-source-6.1.tar.xz");
	assert_int_equal(linuxsrc_open(&s, &d), -1);
	assert_null(s);
	assert_non_null(strstr(d.msg, "linux-source-6.1 is not installed"));
	assert_null(linuxsrc_listing_open());
	linuxsrc_howto("mm/memory.c", 10, 20, buf, sizeof buf);
	assert_non_null(strstr(buf, "Lines 10-20 of mm/memory.c (Linux v6.1)"));
	assert_non_null(strstr(buf, "apt-get install linux-source-6.1"));
	linuxsrc_close(NULL);
}

/* The first read: the one full pass builds the map and brings the file;
 * then it is read from the cache, even with the tarball gone. */
static void test_first_read(void **state)
{
	static const char *const files[] = { "mm/walker.c" };
	struct linuxsrc *s = open_ok();
	struct linuxsrc_file *f;
	struct seen sn;
	struct diag d;
	char p[1400], moved[400];
	struct stat st;

	(void)state;
	assert_int_equal(linuxsrc_get(s, "mm/walker.c", false, &f, &d), 2);
	assert_int_equal(fetch(s, files, 1, &sn, &d), 1);
	assert_true(sn.phase[LINUXSRC_INDEXING]);
	assert_int_equal(sn.reason, LINUXSRC_FIRST);
	map_path(s, p, sizeof p);
	assert_int_equal(stat(p, &st), 0);
	cached_same(s, "mm/walker.c");
	cached_same(s, "Makefile");          /* always comes along */
	assert_int_equal(linuxsrc_get(s, "mm/walker.c", false, &f, &d), 0);
	assert_int_equal(f->nlines, 12);
	assert_string_equal(f->lines[4], "walker(int x)");
	assert_string_equal(f->lines[11], "}");    /* the last line, without its newline */
	no_tmp_left(s);
	linuxsrc_close(s);
	/* once cached, the tarball is not needed any more */
	snprintf(moved, sizeof moved, "%s.away", tarball);
	s = open_ok();
	assert_int_equal(rename(tarball, moved), 0);
	assert_int_equal(linuxsrc_get(s, "mm/walker.c", true, &f, &d), 0);
	same_as_source(f, "mm/walker.c");
	assert_int_equal(rename(moved, tarball), 0);
	linuxsrc_close(s);
}

/* With the map: only the blocks that hold the files are decoded (a file
 * spanning blocks, a name over 100 bytes, the last member), and their
 * bytes are the tarball's. */
static void test_blocks(void **state)
{
	static const char *const first[] = { "zz_last.c" };
	static const char *const files[] = { "mm/big.c", LONGNAME, "mm/walker.c", "zz_last.c" };
	struct linuxsrc *s = open_ok();
	struct linuxsrc_file *f;
	struct seen sn;
	struct diag d;
	char cmd[3000];

	(void)state;
	assert_int_equal(fetch(s, first, 1, &sn, &d), 1);
	assert_true(sn.phase[LINUXSRC_INDEXING]);
	/* forget the files, keep the map */
	snprintf(cmd, sizeof cmd, "rm -rf %s/linux-source-6.1", linuxsrc_cache_dir(s));
	sh(cmd);
	linuxsrc_close(s);
	s = open_ok();
	assert_int_equal(fetch(s, files, 4, &sn, &d), 1);
	assert_false(sn.phase[LINUXSRC_INDEXING]);
	assert_true(sn.phase[LINUXSRC_EXTRACTING]);
	/* less than the whole stream (9.5 MB) was decoded */
	assert_true(sn.total > 0 && sn.total < 2000000);
	for (int i = 0; i < 4; i++) {
		cached_same(s, files[i]);
		assert_int_equal(linuxsrc_get(s, files[i], false, &f, &d), 0);
		same_as_source(f, files[i]);
	}
	no_tmp_left(s);
	linuxsrc_close(s);
}

/* The same tree in pax format (one xz block): both ways. */
static void test_pax(void **state)
{
	static const char *const files[] = { LONGNAME, "mm/big.c" };
	struct linuxsrc *s;
	struct linuxsrc_file *f;
	struct seen sn;
	struct diag d;
	char cmd[3000];

	(void)state;
	fx_env("PAGEWALK_LINUX_SOURCE", paxball);
	s = open_ok();
	assert_int_equal(fetch(s, files, 2, &sn, &d), 1);
	assert_true(sn.phase[LINUXSRC_INDEXING]);
	cached_same(s, LONGNAME);
	snprintf(cmd, sizeof cmd, "rm -rf %s/linux-source-6.1", linuxsrc_cache_dir(s));
	sh(cmd);
	linuxsrc_close(s);
	s = open_ok();
	assert_int_equal(fetch(s, files, 2, &sn, &d), 1);
	assert_false(sn.phase[LINUXSRC_INDEXING]);
	assert_int_equal(linuxsrc_get(s, LONGNAME, false, &f, &d), 0);
	same_as_source(f, LONGNAME);
	assert_int_equal(linuxsrc_get(s, "mm/big.c", false, &f, &d), 0);
	same_as_source(f, "mm/big.c");
	linuxsrc_close(s);
}

/* Directories, links, names the package lacks and files over the bound
 * are never written; with the map they are refused before anything runs. */
static void test_not_regular(void **state)
{
	static const char *const dirs[] = { "mm" };
	struct linuxsrc *s = open_ok();
	struct linuxsrc_listing *l;
	struct linuxsrc_file *f;
	struct linuxsrc_job *j;
	struct diag d;
	char p[1400], why[400], cmd[3000];

	(void)state;
	/* no map yet: the pass says so once it knows */
	assert_int_equal(linuxsrc_get(s, "mm", true, &f, &d), -1);
	assert_non_null(strstr(d.msg, "mm is a directory of linux-source-6.1"));
	assert_non_null(strstr(d.msg, "not a file"));
	cached_path(s, "mm", p, sizeof p);
	snprintf(cmd, sizeof cmd, "test ! -e '%s'", p);
	sh(cmd);
	/* the map now: refused at once, no job */
	assert_int_equal(linuxsrc_fetch_start(s, dirs, 1, &j, &d), -1);
	assert_null(j);
	assert_non_null(strstr(d.msg, "mm is a directory of linux-source-6.1"));
	assert_int_equal(linuxsrc_get(s, "mm/link.c", true, &f, &d), -1);
	assert_non_null(strstr(d.msg, "mm/link.c is a symbolic link of linux-source-6.1"));
	assert_int_equal(linuxsrc_get(s, "mm/nothere.c", true, &f, &d), -1);
	assert_non_null(strstr(d.msg, "mm/nothere.c is not in linux-source-6.1"));
	assert_int_equal(linuxsrc_get(s, "mm/huge.c", true, &f, &d), -1);
	assert_non_null(strstr(d.msg, "mm/huge.c: larger than 8388608 bytes"));
	cached_path(s, "mm/huge.c", p, sizeof p);
	assert_int_equal(access(p, F_OK), -1);
	assert_int_equal(linuxsrc_get(s, "../etc/passwd", true, &f, &d), -1);
	assert_non_null(strstr(d.msg, "not a source file name"));
	/* the loaders' view: the listing, without extracting */
	assert_non_null(l = linuxsrc_listing_open());
	assert_int_equal(linuxsrc_listing_check(l, "mm/walker.c", why, sizeof why), 0);
	assert_int_equal(linuxsrc_listing_check(l, "mm/sub", why, sizeof why), -1);
	assert_non_null(strstr(why, "mm/sub is a directory of linux-source-6.1"));
	assert_int_equal(linuxsrc_listing_check(l, "nothere", why, sizeof why), -2);
	assert_non_null(strstr(why, "nothere is not in linux-source-6.1"));
	linuxsrc_listing_close(l);
	assert_false(linuxsrc_name_ok("/etc/passwd"));
	assert_false(linuxsrc_name_ok("mm//x.c"));
	assert_false(linuxsrc_name_ok("mm/./x.c"));
	assert_false(linuxsrc_name_ok("mm/x c"));
	assert_true(linuxsrc_name_ok("arch/x86/include/asm/pgtable-3level_types.h"));
	no_tmp_left(s);
	linuxsrc_close(s);
}

/* Read path whole into a malloc'd buffer. */
static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *b;
	long len;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	b = malloc((size_t)len + 1);
	assert_int_equal(fread(b, 1, (size_t)len, f), (size_t)len);
	b[len] = '\0';
	fclose(f);
	*n = (size_t)len;
	return b;
}

static void spill(const char *path, const char *b, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, n, f), n);
	fclose(f);
}

/* Rewrite the map at path with name's header offset set to that of
 * other, each line's and the first line's checksums and length made
 * right again: a map that holds together but lies. */
static void map_point(const char *path, const char *name, const char *other)
{
	size_t n, o = 0, hl;
	char *b = slurp(path, &n), *body = malloc(n + 4096), *nl = strchr(b, '\n');
	char hdr_other[32] = "", head[700], up[128], full[900];
	unsigned long long total = 0;

	for (char *p = nl + 1; p < b + n; p = strchr(p, '\n') + 1)
		if (!strncmp(p, other, strlen(other)) && p[strlen(other)] == '\t')
			sscanf(p + strlen(other) + 3, "%31s", hdr_other);
	assert_true(hdr_other[0]);
	for (char *p = nl + 1; p < b + n;) {
		char *e = strchr(p, '\n');
		if (!strncmp(p, name, strlen(name)) && p[strlen(name)] == '\t') {
			char t, old[32];
			unsigned long long size, mt;
			int len;
			sscanf(p + strlen(name) + 1, "%c %31s %llu %llu", &t, old, &size, &mt);
			len = snprintf(body + o, 600, "%s\t%c %s %llu %llu", name, t, hdr_other, size, mt);
			len += snprintf(body + o + len, 20, " %08x\n",
					(unsigned)lzma_crc32((const uint8_t *)body + o, (size_t)len, 0));
			o += (size_t)len;
		} else {
			memcpy(body + o, p, (size_t)(e - p) + 1);
			o += (size_t)(e - p) + 1;
		}
		p = e + 1;
	}
	/* the first line: its bytes= (the whole length, its own included) and crc= */
	snprintf(head, sizeof head, "%.*s", (int)(strstr(b, " bytes=") - b), b);
	sscanf(strstr(b, "upload=") + 7, "%127s", up);
	do {
		hl = (size_t)snprintf(full, sizeof full, "%s bytes=%llu upload=%s", head, total, up);
		hl += strlen(" crc=00000000\n");
	} while (total != hl + o && (total = hl + o));
	hl = (size_t)snprintf(full, sizeof full, "%s bytes=%llu upload=%s", head, total, up);
	snprintf(full + hl, sizeof full - hl, " crc=%08x\n",
		 (unsigned)lzma_crc32((const uint8_t *)full, hl, 0));
	hl = strlen(full);
	memmove(body + hl, body, o);
	memcpy(body, full, hl);
	spill(path, body, hl + o);
	free(body);
	free(b);
}

/* A damaged map (a line's checksum, cut short), one of another tarball,
 * and one that holds together but points at the wrong tar header: each
 * is noticed, made again by the full pass, and the bytes are right. */
static void test_map_damaged(void **state)
{
	static const char *const files[] = { "mm/walker.c" };
	static const char *const big[] = { "mm/big.c" };
	struct linuxsrc *s = open_ok();
	struct linuxsrc_listing *l;
	struct linuxsrc_file *f;
	struct seen sn;
	struct diag d;
	char p[1400], cmd[3000], why[400], *b, *at;
	size_t n;

	(void)state;
	assert_int_equal(fetch(s, big, 1, &sn, &d), 1);
	map_path(s, p, sizeof p);
	/* a flipped checksum digit on walker.c's line */
	b = slurp(p, &n);
	at = strstr(b, "mm/walker.c\t");
	at = strchr(at, '\n') - 1;
	*at = *at == '0' ? '1' : '0';
	spill(p, b, n);
	free(b);
	assert_non_null(l = linuxsrc_listing_open());
	assert_int_equal(linuxsrc_listing_check(l, "mm/walker.c", why, sizeof why), 1);  /* cannot tell */
	linuxsrc_listing_close(l);
	assert_int_equal(fetch(s, files, 1, &sn, &d), 1);
	assert_true(sn.phase[LINUXSRC_EXTRACTING] || sn.phase[LINUXSRC_INDEXING]);
	assert_true(sn.phase[LINUXSRC_INDEXING]);
	assert_int_equal(sn.reason, LINUXSRC_DAMAGED);
	cached_same(s, "mm/walker.c");
	assert_non_null(l = linuxsrc_listing_open());      /* made again: it holds */
	assert_int_equal(linuxsrc_listing_check(l, "mm/walker.c", why, sizeof why), 0);
	linuxsrc_listing_close(l);
	/* cut short */
	snprintf(cmd, sizeof cmd, "rm -rf %s/linux-source-6.1 && truncate -s 300 %s",
		 linuxsrc_cache_dir(s), p);
	sh(cmd);
	assert_int_equal(fetch(s, files, 1, &sn, &d), 1);
	assert_int_equal(sn.reason, LINUXSRC_DAMAGED);
	cached_same(s, "mm/walker.c");
	/* a map that holds together but sends walker.c to big.c's header */
	snprintf(cmd, sizeof cmd, "rm -rf %s/linux-source-6.1", linuxsrc_cache_dir(s));
	sh(cmd);
	map_point(p, "mm/walker.c", "mm/big.c");
	assert_non_null(l = linuxsrc_listing_open());       /* it reads as sound */
	assert_int_equal(linuxsrc_listing_check(l, "mm/walker.c", why, sizeof why), 0);
	linuxsrc_listing_close(l);
	assert_int_equal(fetch(s, files, 1, &sn, &d), 1);
	assert_true(sn.phase[LINUXSRC_EXTRACTING]);         /* tried the blocks first */
	assert_true(sn.phase[LINUXSRC_INDEXING]);           /* the header disagreed */
	assert_int_equal(sn.reason, LINUXSRC_DAMAGED);
	cached_same(s, "mm/walker.c");
	assert_int_equal(linuxsrc_get(s, "mm/walker.c", false, &f, &d), 0);
	same_as_source(f, "mm/walker.c");
	linuxsrc_close(s);
	/* a map of another tarball in this one's place: stale */
	fx_env("PAGEWALK_LINUX_SOURCE", paxball);
	s = open_ok();
	snprintf(cmd, sizeof cmd, "mkdir -p %s && cp %s %s/members.map", linuxsrc_cache_dir(s), p,
		 linuxsrc_cache_dir(s));
	sh(cmd);
	assert_int_equal(fetch(s, files, 1, &sn, &d), 1);
	assert_true(sn.phase[LINUXSRC_INDEXING]);
	assert_int_equal(sn.reason, LINUXSRC_STALE);
	cached_same(s, "mm/walker.c");
	linuxsrc_close(s);
}

/* Damaged and truncated tarballs: said as such, nothing partial left. */
static void test_broken_tarball(void **state)
{
	struct linuxsrc *s;
	struct linuxsrc_file *f;
	struct diag d;
	char bad[400], cmd[3000], p[1400];

	(void)state;
	snprintf(bad, sizeof bad, "%s/broken.tar.xz", dir);
	snprintf(cmd, sizeof cmd, "head -c 100 %s > %s", tarball, bad);
	sh(cmd);
	fx_env("PAGEWALK_LINUX_SOURCE", bad);
	s = open_ok();
	assert_int_equal(linuxsrc_get(s, "mm/walker.c", true, &f, &d), -1);
	assert_non_null(strstr(d.msg, "broken.tar.xz is not a whole xz file"));
	assert_null(strstr(d.msg, "not a file of"));
	cached_path(s, "mm/walker.c", p, sizeof p);
	assert_int_equal(access(p, F_OK), -1);
	no_tmp_left(s);
	linuxsrc_close(s);
	/* cut in the middle: the index at its end is gone */
	snprintf(cmd, sizeof cmd, "head -c $(( $(stat -c %%s %s) / 2 )) %s > %s", tarball, tarball, bad);
	sh(cmd);
	s = open_ok();
	assert_int_equal(linuxsrc_get(s, "mm/walker.c", true, &f, &d), -1);
	assert_non_null(strstr(d.msg, "is not a whole xz file"));
	no_tmp_left(s);
	linuxsrc_close(s);
	/* whole, but a block's data damaged: the pass says where */
	snprintf(cmd, sizeof cmd, "cp %s %s && printf 'XXXXXXXX' | dd of=%s bs=1 seek=200000 "
		 "conv=notrunc 2>/dev/null", tarball, bad, bad);
	sh(cmd);
	s = open_ok();
	assert_int_equal(linuxsrc_get(s, "zz_last.c", true, &f, &d), -1);
	assert_non_null(strstr(d.msg, "broken.tar.xz"));
	assert_non_null(strstr(d.msg, "damaged"));
	no_tmp_left(s);
	linuxsrc_close(s);
}

/* No tar is needed (liblzma reads the tarball): PATH without it. */
static void test_no_tar(void **state)
{
	struct linuxsrc *s = open_ok();
	struct linuxsrc_file *f;
	struct diag d;
	char *path = strdup(getenv("PATH"));

	(void)state;
	setenv("PATH", "/nonexistent", 1);
	assert_int_equal(linuxsrc_get(s, "mm/walker.c", true, &f, &d), 0);
	setenv("PATH", path, 1);
	free(path);
	same_as_source(f, "mm/walker.c");
	linuxsrc_close(s);
}

/* make linux's tree: listed by guest/linux/srclist.sh right after the
 * extraction, as build.sh does, for a Debian version; ver NULL: for the
 * GNU tarball. */
static void make_tree(const char *ver)
{
	char cmd[4000];

	snprintf(cmd, sizeof cmd, "mkdir -p %s/linux-%s && cd %s/linux-%s && "
		 "tar -xJf %s && mv linux-source-6.1 src && "
		 "sh %s/guest/linux/srclist.sh src %s %s", kcache, ver, kcache, ver, tarball,
		 getenv("PAGEWALK_ROOT") ? getenv("PAGEWALK_ROOT") : ".", tarball, ver);
	sh(cmd);
}

/* With the tree there (and no map): read from it, nothing extracted; a
 * file our build changed or added is not; a tree of another tarball is
 * not read at all, and the job says whose it is. */
static void test_tree(void **state)
{
	static const char *const files[] = { "mm/walker.c", "mm/big.c" };
	struct linuxsrc *s;
	struct linuxsrc_file *f;
	struct linuxsrc_job *j;
	struct linuxsrc_listing *l;
	struct seen sn;
	struct diag d;
	char p[1400], cmd[4000], why[400];

	(void)state;
	make_tree("6.1.999-1");
	s = open_ok();
	assert_int_equal(linuxsrc_fetch_start(s, files, 2, &j, &d), 0);
	assert_null(j);                           /* nothing to extract */
	assert_int_equal(linuxsrc_get(s, "mm/big.c", false, &f, &d), 0);
	same_as_source(f, "mm/big.c");
	assert_int_equal(linuxsrc_get(s, LONGNAME, false, &f, &d), 0);
	map_path(s, p, sizeof p);
	assert_int_equal(access(p, F_OK), -1);    /* no map, nothing cached */
	cached_path(s, "mm/big.c", p, sizeof p);
	assert_int_equal(access(p, F_OK), -1);
	/* the loaders' listing comes from the tree too */
	assert_non_null(l = linuxsrc_listing_open());
	assert_int_equal(linuxsrc_listing_check(l, "mm/sub", why, sizeof why), -1);
	assert_non_null(strstr(why, "mm/sub is a directory of linux-source-6.1 6.1.999-1"));
	linuxsrc_listing_close(l);
	linuxsrc_close(s);
	/* as build.sh does after listing: our driver in, a Makefile line added */
	snprintf(cmd, sizeof cmd, "cd %s/linux-6.1.999-1/src && echo 'obj-y += x.o' >> mm/walker.c && "
		 "echo 'int ours;' > mm/driver.c", kcache);
	sh(cmd);
	s = open_ok();
	assert_int_equal(linuxsrc_get(s, "mm/walker.c", false, &f, &d), 2);   /* changed */
	assert_int_equal(linuxsrc_get(s, "mm/walker.c", true, &f, &d), 0);
	same_as_source(f, "mm/walker.c");         /* the tarball's, not the tree's */
	assert_int_equal(linuxsrc_get(s, "mm/driver.c", false, &f, &d), 2);   /* not listed */
	assert_int_equal(linuxsrc_get(s, "mm/driver.c", true, &f, &d), -1);
	assert_non_null(strstr(d.msg, "mm/driver.c is not in linux-source-6.1"));
	linuxsrc_close(s);
	/* another tarball: the tree is not read, and the job says whose it is */
	fx_env("PAGEWALK_LINUX_SOURCE", paxball);
	s = open_ok();
	assert_int_equal(linuxsrc_get(s, "mm/big.c", false, &f, &d), 2);
	assert_int_equal(fetch(s, files, 2, &sn, &d), 1);
	assert_true(sn.phase[LINUXSRC_INDEXING]);
	assert_string_equal(sn.tree, "6.1.999-1");
	linuxsrc_close(s);
}

/* A symlink or a FIFO where a cached file goes: replaced, never written
 * through or waited on; a symlinked directory: refused, naming it. */
static void test_hostile_cache(void **state)
{
	struct linuxsrc *s = open_ok();
	struct linuxsrc_file *f;
	struct diag d;
	char p[1400], victim[400], cmd[6000], elsewhere[400];
	struct stat st;
	FILE *v;

	(void)state;
	snprintf(victim, sizeof victim, "%s/victim", dir);
	assert_non_null(v = fopen(victim, "w"));
	fputs("keep me\n", v);
	fclose(v);
	cached_path(s, "mm/walker.c", p, sizeof p);
	snprintf(cmd, sizeof cmd, "mkdir -p %s/linux-source-6.1/mm && ln -s %s %s",
		 linuxsrc_cache_dir(s), victim, p);
	sh(cmd);
	assert_int_equal(linuxsrc_get(s, "mm/walker.c", true, &f, &d), 0);
	assert_string_equal(f->lines[4], "walker(int x)");
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(stat(victim, &st), 0);
	assert_int_equal(st.st_size, 8);
	linuxsrc_close(s);
	/* a FIFO */
	s = open_ok();
	cached_path(s, "zz_last.c", p, sizeof p);
	assert_int_equal(mkfifo(p, 0600), 0);
	alarm(20);   /* a hang fails the test instead of blocking the suite */
	assert_int_equal(linuxsrc_get(s, "zz_last.c", true, &f, &d), 0);
	alarm(0);
	same_as_source(f, "zz_last.c");
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	linuxsrc_close(s);
	/* a symlinked directory inside the cache: named as such */
	s = open_ok();
	snprintf(elsewhere, sizeof elsewhere, "%s/elsewhere", dir);
	snprintf(cmd, sizeof cmd, "rm -rf %s %s/linux-source-6.1/mm && mkdir -p %s && "
		 "ln -s %s %s/linux-source-6.1/mm", elsewhere, linuxsrc_cache_dir(s), elsewhere,
		 elsewhere, linuxsrc_cache_dir(s));
	sh(cmd);
	assert_int_equal(linuxsrc_get(s, "mm/big.c", true, &f, &d), -1);
	assert_non_null(strstr(d.msg, "/linux-source-6.1/mm is a symbolic link"));
	snprintf(cmd, sizeof cmd, "test -z \"$(ls -A %s)\"", elsewhere);
	sh(cmd);
	linuxsrc_close(s);
	/* the cache's own pagewalk directory a symlink: that part is named */
	snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s %s/real && ln -s %s/real %s/pagewalk",
		 cache, cache, dir, dir, cache);
	sh(cmd);
	s = open_ok();
	assert_int_equal(linuxsrc_get(s, "mm/big.c", true, &f, &d), -1);
	assert_non_null(strstr(d.msg, "cache: "));
	assert_non_null(strstr(d.msg, "/cache/pagewalk is a symbolic link"));
	assert_null(strstr(d.msg, "arch"));
	linuxsrc_close(s);
}

/* An extraction killed with SIGKILL leaves its tmp-PID-XXXXXX directory;
 * the next extraction removes it (its process is gone), and never one
 * whose process still runs (another pagewalk extracting right now). */
static void test_stale_tmp_swept(void **state)
{
	struct linuxsrc *s = open_ok();
	struct linuxsrc_file *f;
	struct diag d;
	char cmd[6000];
	const char *c = linuxsrc_cache_dir(s);

	(void)state;
	snprintf(cmd, sizeof cmd,
		 "mkdir -p %s/tmp-999999999-dead/linux-source-6.1/mm %s/tmp-%ld-live && "
		 "echo x > %s/tmp-999999999-dead/linux-source-6.1/mm/half.c",
		 c, c, (long)getpid(), c);
	sh(cmd);
	assert_int_equal(linuxsrc_get(s, "mm/walker.c", true, &f, &d), 0);
	snprintf(cmd, sizeof cmd, "! test -e %s/tmp-999999999-dead && test -d %s/tmp-%ld-live",
		 c, c, (long)getpid());
	sh(cmd);
	snprintf(cmd, sizeof cmd, "rmdir %s/tmp-%ld-live", c, (long)getpid());
	sh(cmd);
	linuxsrc_close(s);
}

/* Cancelled in the middle of the full pass: nothing partial left (no
 * temporary directory; no map or file unless the job ended first, and
 * then whole). */
static void test_cancel(void **state)
{
	static const char *const files[] = { "zz_last.c" };
	struct linuxsrc *s = open_ok();
	struct linuxsrc_job *j;
	struct linuxsrc_progress pr;
	struct diag d;
	char cmd[3000], p[1400];
	time_t end = time(NULL) + 30;

	(void)state;
	assert_int_equal(linuxsrc_fetch_start(s, files, 1, &j, &d), 0);
	assert_non_null(j);
	do {     /* until the pass has begun (a deadline, never a sleep) */
		linuxsrc_fetch_progress(j, &pr);
	} while (pr.phase != LINUXSRC_INDEXING && time(NULL) < end);
	assert_int_equal(pr.phase, LINUXSRC_INDEXING);
	linuxsrc_fetch_cancel(j);
	no_tmp_left(s);
	snprintf(cmd, sizeof cmd, "cd %s && { test -z \"$(find . -type f ! -name map.lock)\" || "
		 "cmp -s linux-source-6.1/zz_last.c %s/src/linux-source-6.1/zz_last.c; }",
		 linuxsrc_cache_dir(s), dir);
	sh(cmd);
	map_path(s, p, sizeof p);
	if (access(p, F_OK) == 0) {
		struct linuxsrc_listing *l = linuxsrc_listing_open();
		assert_non_null(l);   /* a map there is a whole one */
		linuxsrc_listing_close(l);
	}
	linuxsrc_close(s);
}

/* Two extractions at once on a cold cache: one builds the map, both end
 * with the files. */
static void test_two_at_once(void **state)
{
	static const char *const a[] = { "mm/walker.c" };
	static const char *const b[] = { "mm/big.c" };
	struct linuxsrc *s = open_ok();
	struct linuxsrc_job *j1, *j2;
	struct diag d;

	(void)state;
	assert_int_equal(linuxsrc_fetch_start(s, a, 1, &j1, &d), 0);
	assert_int_equal(linuxsrc_fetch_start(s, b, 1, &j2, &d), 0);
	assert_int_equal(linuxsrc_fetch_poll(j1, true, &d), 1);
	assert_int_equal(linuxsrc_fetch_poll(j2, true, &d), 1);
	cached_same(s, "mm/walker.c");
	cached_same(s, "mm/big.c");
	no_tmp_left(s);
	linuxsrc_close(s);
}

/* A Makefile whose SUBLEVEL does not fit: the version is unknown, never
 * a wrapped number. */
static void test_sublevel_overflow(void **state)
{
	struct linuxsrc *s;
	char cmd[3000], v[64], t[400];

	(void)state;
	snprintf(t, sizeof t, "%s/over/linux-source-6.1.tar.xz", dir);
	snprintf(cmd, sizeof cmd, "mkdir -p %s/over/linux-source-6.1 && printf 'VERSION = 6\\n"
		 "PATCHLEVEL = 1\\nSUBLEVEL = 18446744073709551616\\n' > %s/over/linux-source-6.1/Makefile"
		 " && tar -cJf %s -C %s/over linux-source-6.1", dir, dir, t, dir);
	sh(cmd);
	fx_env("PAGEWALK_LINUX_SOURCE", t);
	s = open_ok();
	assert_int_equal(linuxsrc_fetch(s, (const char *const[]){ "Makefile" }, 1,
					&(struct diag){ 0 }), 0);
	linuxsrc_version(s, v, sizeof v);
	assert_string_equal(v, "");
	assert_true(linuxsrc_pinned(s));   /* unknown counts as the pin */
	linuxsrc_close(s);
}

/* Functions by name: the first definition with its body, indexed once. */
static void test_functions(void **state)
{
	struct linuxsrc_file f;
	unsigned a, b;
	char *buf = strdup(our_c);

	(void)state;
	assert_int_equal(linuxsrc_file_from(&f, buf, strlen(buf)), 0);
	assert_int_equal(f.nlines, 12);
	assert_int_equal(linuxsrc_find_function(&f, "last", &a, &b), 0);
	assert_int_equal(a, 10);
	assert_int_equal(b, 12);
	assert_int_equal(linuxsrc_find_function(&f, "walker", &a, &b), 0);
	assert_int_equal(a, 5);
	assert_int_equal(b, 8);
	assert_int_equal(linuxsrc_find_function(&f, "helper", &a, &b), -1);  /* only declared */
	assert_int_equal(linuxsrc_find_symbol(&f, "WALKER_MAX", 1, 12), 9);
	assert_int_equal(linuxsrc_find_symbol(&f, "WALKER_MAX", 1, 8), 0);
	assert_int_equal(linuxsrc_find_symbol(&f, "own", 1, 12), 0);          /* comment only */
	/* the index answers from what the first lookup saw: the lines are
	 * not read again (a lookup per name over the whole file would now
	 * find nothing) */
	for (size_t i = 0; i < f.nlines; i++)
		f.lines[i] = (char *)"";
	assert_int_equal(linuxsrc_find_function(&f, "walker", &a, &b), 0);
	assert_int_equal(a, 5);
	assert_int_equal(linuxsrc_find_function(&f, "last", &a, &b), 0);
	linuxsrc_file_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_missing_package, fresh),
		cmocka_unit_test_setup(test_first_read, fresh),
		cmocka_unit_test_setup(test_blocks, fresh),
		cmocka_unit_test_setup(test_pax, fresh),
		cmocka_unit_test_setup(test_not_regular, fresh),
		cmocka_unit_test_setup(test_map_damaged, fresh),
		cmocka_unit_test_setup(test_broken_tarball, fresh),
		cmocka_unit_test_setup(test_no_tar, fresh),
		cmocka_unit_test_setup(test_tree, fresh),
		cmocka_unit_test_setup(test_hostile_cache, fresh),
		cmocka_unit_test_setup(test_stale_tmp_swept, fresh),
		cmocka_unit_test_setup(test_cancel, fresh),
		cmocka_unit_test_setup(test_two_at_once, fresh),
		cmocka_unit_test_setup(test_sublevel_overflow, fresh),
		cmocka_unit_test(test_functions),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
