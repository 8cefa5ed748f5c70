/* replay_bench.c - figures for the replayer on a big trace (make bench).
 *
 *   replay_bench FILE
 *
 * Prints: libyaml alone scanning FILE (the floor), trace_load of FILE and
 * the ratio; peak memory per event (RSS growth over the load and the
 * cursor, divided by the events); the time to seek the replay cursor to
 * random events (mean and worst). Figures, not pass/fail.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <yaml.h>

#include "replay.h"
#include "trace.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
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
	double t0 = now();
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
	return now() - t0;
}

int main(int argc, char **argv)
{
	struct diag d;
	struct trace *t;
	struct replay *r;
	double floor_s = 1e9, load_s = 1e9, sum = 0, worst = 0;
	long rss0, rss1;
	int seeks = 2000;

	if (argc != 2) {
		fprintf(stderr, "usage: replay_bench FILE\n");
		return 2;
	}
	for (int i = 0; i < 3; i++) {
		double s = yaml_floor(argv[1]);
		if (s < floor_s)
			floor_s = s;
	}
	rss0 = rss_kb();
	for (int i = 0; i < 3; i++) {
		double t0 = now();
		t = trace_load(argv[1], &d);
		if (!t) {
			char buf[1200];
			diag_format(&d, buf, sizeof buf);
			fprintf(stderr, "%s\n", buf);
			return 1;
		}
		if (now() - t0 < load_s)
			load_s = now() - t0;
		if (i < 2)
			trace_free(t);
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
	printf("events:                      %zu (%zu writes, %zu known entries)\n",
	       t->nevents, t->nwrites, t->nentries);
	printf("libyaml alone (floor):       %.3f s\n", floor_s);
	printf("trace_load:                  %.3f s  = %.2fx the floor (target <= 1.3x)\n",
	       load_s, load_s / floor_s);
	printf("peak memory per event:       %.0f bytes (peak RSS %+ld KiB over %zu events, trace + cursor)\n",
	       (double)(rss1 - rss0) * 1024 / (double)t->nevents, rss1 - rss0, t->nevents);
	printf("seek to a random event:      mean %.1f us, worst %.1f us over %d seeks (target < 1000 us)\n",
	       sum / seeks * 1e6, worst * 1e6, seeks);
	replay_free(r);
	trace_free(t);
	return 0;
}
