/* SPDX-License-Identifier: GPL-2.0-only */
/* replay_bench.c - figures for the replayer on a big trace (make bench).
 *
 *   replay_bench FILE
 *
 * Prints, each with its target and "met" or "MISSED": libyaml alone
 * scanning FILE (the floor) and trace_load of FILE, each timed in a fresh
 * child process (as a user's `pagewalk replay` meets it), the same file,
 * warm in the page cache, alternating, best of RUNS each, and the ratio;
 * the time is the child's CPU time (user and system), which other work on
 * a shared machine changes far less than the clock on the wall;
 * peak memory per event (RSS growth over the load and the replay cursor,
 * divided by the events) and the cursor's own bytes per event; the time to
 * seek the replay cursor to random events (mean and worst of 2 000); the
 * peak memory of `pagewalk check` against `pagewalk dump` of FILE (both
 * stream it).
 * Figures only: the exit status does not depend on them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <time.h>
#include <yaml.h>

#include "trace/replay.h"
#include "trace/trace.h"
#include "trace/trace_state.h"

#define RUNS 7

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* This process's CPU time so far. */
static double cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long rss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = strtol(line + 6, NULL, 10);
	fclose(f);
	return kb;
}

/* libyaml's parser over the whole file, every event, nothing kept. */
static double yaml_floor(const char *path)
{
	FILE *f = fopen(path, "rb");
	yaml_parser_t p;
	yaml_event_t e;
	double t0 = cpu();
	int done = 0;

	if (!f || !yaml_parser_initialize(&p)) {
		fprintf(stderr, "bench: cannot read %s\n", path);
		exit(1);
	}
	yaml_parser_set_input_file(&p, f);
	while (!done) {
		if (!yaml_parser_parse(&p, &e)) {
			fprintf(stderr, "bench: YAML error in %s\n", path);
			exit(1);
		}
		done = e.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	fclose(f);
	return cpu() - t0;
}

/* trace_load of the whole file, freed after. */
static double load_once(const char *path)
{
	struct diag d;
	double t0 = cpu(), s;
	struct trace *t = trace_load(path, &d);

	s = cpu() - t0;
	if (!t) {
		char buf[1200];
		diag_format(&d, buf, sizeof buf);
		fprintf(stderr, "%s\n", buf);
		exit(1);
	}
	trace_free(t);
	return s;
}

/* fn(path) timed inside a fresh child process: no heap left by an earlier
 * run helps or hinders it. */
static double in_child(double (*fn)(const char *), const char *path)
{
	int fd[2];
	double s = -1;
	pid_t pid;
	int st;

	if (pipe(fd) != 0 || (pid = fork()) < 0) {
		perror("bench");
		exit(1);
	}
	if (pid == 0) {
		s = fn(path);
		if (write(fd[1], &s, sizeof s) != sizeof s)
			_exit(1);
		_exit(0);
	}
	close(fd[1]);
	if (read(fd[0], &s, sizeof s) != sizeof s || waitpid(pid, &st, 0) < 0 ||
	    !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "bench: a timing run failed\n");
		exit(1);
	}
	close(fd[0]);
	return s;
}

static long file_bytes(const char *path)
{
	FILE *f = fopen(path, "rb");
	long n = -1;

	if (f && fseek(f, 0, SEEK_END) == 0)
		n = ftell(f);
	if (f)
		fclose(f);
	return n;
}

static const char *verdict(int met)
{
	return met ? "met" : "MISSED";
}

/* The peak RSS (KiB) of ./pagewalk ARGS..., its output thrown away; -1
 * when it cannot be run or fails. */
static long peak_of(char *const argv[])
{
	struct rusage ru;
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout))
			_exit(1);
		execv(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &st, 0, &ru) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return -1;
	return ru.ru_maxrss;
}

/* `pagewalk check` streams a trace as `dump` does: their peaks (issue 27;
 * check read the whole file first, twice replay's). */
static void peaks(const char *path)
{
	char pw[] = "./pagewalk", ck[] = "check", dp[] = "dump", *file = strdup(path);
	char *check[] = { pw, ck, file, NULL };
	char *dump[] = { pw, dp, file, NULL };
	long c = peak_of(check), d = peak_of(dump);

	free(file);
	if (c < 0 || d < 0) {
		printf("  check / dump peak RSS: ./pagewalk cannot run here\n");
		return;
	}
	printf("  check / dump peak RSS: %ld / %ld KiB = %.2fx  target <= 1.10x      %s\n", c, d,
	       (double)c / (double)d, verdict((double)c / (double)d <= 1.10));
}

int main(int argc, char **argv)
{
	struct diag d;
	struct trace *t;
	struct replay *r;
	struct trace_state *st;
	double floor_s = 1e9, load_s = 1e9, sum = 0, worst = 0;
	long rss0, rss1;
	int seeks = 2000;

	if (argc != 2) {
		fprintf(stderr, "usage: replay_bench FILE\n");
		return 2;
	}
	/* warm the page cache, then alternate floor and load */
	(void)in_child(yaml_floor, argv[1]);
	for (int i = 0; i < RUNS; i++) {
		double s = in_child(yaml_floor, argv[1]);
		if (s < floor_s)
			floor_s = s;
		s = in_child(load_once, argv[1]);
		if (s < load_s)
			load_s = s;
	}
	rss0 = rss_kb();
	t = trace_load(argv[1], &d);
	if (!t) {
		char buf[1200];
		diag_format(&d, buf, sizeof buf);
		fprintf(stderr, "%s\n", buf);
		return 1;
	}
	r = replay_new(t);
	if (!r) {
		fprintf(stderr, "bench: out of memory\n");
		return 1;
	}
	rss1 = rss_kb();
	srand(1);
	for (int i = 0; i < seeks; i++) {
		size_t k = (size_t)rand() % t->nevents;
		double t0 = now(), dt;
		replay_seek(r, k, (size_t)rand() % 8);
		dt = now() - t0;
		sum += dt;
		if (dt > worst)
			worst = dt;
	}
	st = trace_state_new(t);
	if (!st) {
		fprintf(stderr, "bench: out of memory\n");
		return 1;
	}
	printf("trace: %zu events, %zu writes, %zu known entries, %.1f MB file\n",
	       t->nevents, t->nwrites, t->nentries, (double)file_bytes(argv[1]) / 1e6);
	printf("load: libyaml alone (floor) %.3f s, trace_load %.3f s (CPU, best of %d, fresh processes)\n",
	       floor_s, load_s, RUNS);
	printf("  load time / floor:     %5.2fx      target <= 1.30x      %s\n",
	       load_s / floor_s, verdict(load_s / floor_s <= 1.3));
	printf("  seek, mean:            %7.1f us  target < 1000 us     %s\n",
	       sum / seeks * 1e6, verdict(sum / seeks < 1e-3));
	printf("  seek, worst of %d:   %7.1f us  target < 1000 us     %s\n",
	       seeks, worst * 1e6, verdict(worst < 1e-3));
	printf("  memory per event:      %5.0f B      (peak RSS %+ld KiB: trace + replay cursor)\n",
	       (double)(rss1 - rss0) * 1024 / (double)t->nevents, rss1 - rss0);
	printf("  of which the cursor:   %5.1f B      (per-entry write lists)\n",
	       (double)trace_state_bytes(st) / (double)t->nevents);
	trace_state_free(st);
	replay_free(r);
	trace_free(t);
	peaks(argv[1]);
	return 0;
}
