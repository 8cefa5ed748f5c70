/* SPDX-License-Identifier: GPL-2.0-only */
/* witness.c - the page faults the emulator itself logged (QEMU's -d int,
 * Bochs's debug report). Pure parsing: the caller reads the log and
 * passes its text. */
#include "record/witness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/array.h"

static int witness_add(struct witness *w, const struct witness_pf *pf)
{
	struct witness_pf *p = array_grow(w->pf, &w->cap, w->n + 1, sizeof *p, 32);

	if (!p)
		return -1;
	w->pf = p;
	w->pf[w->n++] = *pf;
	return 0;
}

void witness_clear(struct witness *w)
{
	free(w->pf);
	free(w->stop);
	free(w->steps);
	memset(w, 0, sizeof *w);
}

bool witness_next_line(const char *text, size_t n, size_t *pos, char *buf, size_t len)
{
	size_t i = *pos, k = 0;

	if (i >= n)
		return false;
	while (i < n && text[i] != '\n') {
		if (k + 1 < len)
			buf[k++] = text[i];
		i++;
	}
	buf[k] = 0;
	*pos = i + 1;
	return true;
}

int witness_qemu_log(const char *text, size_t len, struct witness *w)
{
	char line[512];
	size_t pos = 0;
	int ln = 0;
	struct witness_pf *open = NULL;

	w->has_ip_cr3_cpl = true;
	while (witness_next_line(text, len, &pos, line, sizeof line)) {
		unsigned idx, cpl, vec, err, cs;
		unsigned long long ip, pc, cr2;
		char *p;
		ln++;
		/* "   3: v=0e e=0002 i=0 cpl=3 IP=001b:08048010 pc=08048010 SP=... CR2=0fffe000" */
		if (sscanf(line, " %u: v=%x e=%x i=%*x cpl=%u IP=%x:%llx pc=%llx", &idx, &vec, &err,
			   &cpl, &cs, &ip, &pc) == 7) {
			open = NULL;
			if (vec != 14)
				continue;
			p = strstr(line, "CR2=");
			if (!p || sscanf(p + 4, "%llx", &cr2) != 1)
				continue;
			struct witness_pf pf = { .vector = vec, .error_code = err, .cr2 = cr2,
						 .ip = ip, .cpl = cpl, .line = ln };
			if (witness_add(w, &pf) < 0)
				return -1;
			open = &w->pf[w->n - 1];
			continue;
		}
		/* The register dump after it: "CR0=80010011 CR2=... CR3=00113000 CR4=..." */
		if (open && (p = strstr(line, "CR3=")) && strncmp(line, "CR0=", 4) == 0) {
			unsigned long long cr3;
			if (sscanf(p + 4, "%llx", &cr3) == 1)
				open->cr3 = cr3;
			open = NULL;
		}
	}
	return 0;
}

int witness_qemu_arm64_log(const char *text, size_t len, struct witness *w)
{
	char line[512];
	size_t pos = 0;
	int ln = 0;
	bool open = false;

	w->has_ip_cr3_cpl = false;
	while (witness_next_line(text, len, &pos, line, sizeof line)) {
		unsigned vec, from, ec, esr;
		unsigned long long v;
		ln++;
		/* "Taking exception 4 [Data Abort] on CPU 0", then "...from EL0 to EL1",
		 * "...with ESR 0x24/0x92000047", "...with FAR 0x..", "...with ELR 0x.." */
		if (sscanf(line, "Taking exception %u [", &vec) == 1) {
			open = false;
			if ((vec != 3 || !strstr(line, "[Prefetch Abort]")) &&
			    (vec != 4 || !strstr(line, "[Data Abort]")))
				continue;
			struct witness_pf pf = { .vector = vec, .line = ln };
			if (witness_add(w, &pf) < 0)
				return -1;
			open = true;
			continue;
		}
		if (!open || strncmp(line, "...", 3) != 0) {
			open = open && strncmp(line, "...", 3) == 0;
			continue;
		}
		struct witness_pf *p = &w->pf[w->n - 1];
		if (sscanf(line, "...from EL%u to EL", &from) == 1)
			p->cpl = from;
		else if (sscanf(line, "...with ESR 0x%x/0x%x", &ec, &esr) == 2)
			p->error_code = esr;
		else if (sscanf(line, "...with FAR 0x%llx", &v) == 1)
			p->cr2 = v;
		else if (sscanf(line, "...with ELR 0x%llx", &v) == 1)
			p->ip = v;
	}
	return 0;
}

int witness_bochs_log(const char *text, size_t len, struct witness *w)
{
	char line[512];
	size_t pos = 0;
	int ln = 0;
	bool have_addr = false;
	unsigned long long addr = 0;

	w->has_ip_cr3_cpl = false;
	while (witness_next_line(text, len, &pos, line, sizeof line)) {
		char *p;
		unsigned vec, err;
		ln++;
		if ((p = strstr(line, "page fault for address "))) {
			have_addr = sscanf(p + 23, "%llx", &addr) == 1;
			continue;
		}
		if ((p = strstr(line, "exception(0x")) &&
		    sscanf(p, "exception(0x%x): error_code=%x", &vec, &err) == 2) {
			if (vec == 14) {
				struct witness_pf pf = { .vector = 14, .error_code = err,
							 .cr2 = have_addr ? addr : UINT64_MAX, .line = ln };
				if (witness_add(w, &pf) < 0)
					return -1;
			}
			have_addr = false;
		}
	}
	return 0;
}
