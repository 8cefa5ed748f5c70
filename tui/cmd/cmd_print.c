/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_print.c - a finished walk as text lines (see cmd_print.h). */
#include "cmd/cmd_print.h"

#include <inttypes.h>

#include "paging/arm64.h"
#include "paging/fault.h"

const char *cmd_print_access(struct access acc, char *buf, size_t len)
{
	const char *kind = acc.kind == ACCESS_WRITE ? "write" :
		acc.kind == ACCESS_EXEC ? "fetch" : "read";

	snprintf(buf, len, "%s %s", acc.user ? "user" : "kernel", kind);
	return buf;
}

const char *cmd_print_addr(const struct arch *a, uint64_t addr, char *buf, size_t len)
{
	snprintf(buf, len, "0x%0*" PRIx64, a->word_bits == 64 ? 16 : 8, addr);
	return buf;
}

const char *cmd_print_phys(uint64_t pa, char *buf, size_t len)
{
	snprintf(buf, len, "0x%08" PRIx64, pa);
	return buf;
}

const char *cmd_print_entry(const struct arch *a, uint64_t value, char *buf, size_t len)
{
	snprintf(buf, len, "0x%0*" PRIx64, (int)a->entry_size * 2, value);
	return buf;
}

/* arm64's end of a walk that aborted: why, the syndrome, the address and
 * where Linux's do_mem_abort sends it. */
static void print_abort(FILE *f, const char *indent, const struct arch *a, const struct walk *w)
{
	char esr[160];

	arm64_esr_format(w->esr, esr, sizeof esr);
	fprintf(f, "%s-> abort: %s\n", indent, w->reason);
	fprintf(f, "%s   ESR_EL1 0x%08" PRIx32 ": %s\n", indent, w->esr, esr);
	fprintf(f, "%s   FAR_EL1 0x%016" PRIx64 "; do_mem_abort > %s\n", indent, w->far,
		arm64_abort_route(a, w->esr, w->far));
}

void cmd_print_walk(FILE *f, const char *indent, const struct arch *a, const struct walk *w)
{
	char v[24], flags[96], pa[24], bits[64];

	for (int i = 0; i < w->nsteps; i++) {
		const struct walk_step *s = &w->step[i];
		if (s->folded)
			continue;
		walk_step_flags(a, s, true, flags, sizeof flags);
		fprintf(f, "%s%-4s index %-5u entry 0x%08" PRIx64 " = %s (%s)\n", indent,
			level_name(s->level), s->index, s->entry_pa,
			cmd_print_entry(a, s->entry, v, sizeof v), flags);
	}
	if (w->status == WALK_OK) {
		fprintf(f, "%s-> physical address %s (%s page at %s)\n", indent,
			cmd_print_phys(w->phys, pa, sizeof pa), walk_size_name(w->page_size),
			cmd_print_phys(w->frame, v, sizeof v));
		return;
	}
	if (a->family == FAMILY_ARM64) {
		print_abort(f, indent, a, w);
		return;
	}
	if (w->status == WALK_BAD_ADDRESS) {
		fprintf(f, "%s-> no walk: %s\n", indent, w->reason);
		if (a->word_bits == 64)
			fprintf(f, "%s-> no page fault either: the CPU raises #GP (general protection) "
				"before it reads any table.\n", indent);
		return;
	}
	pf_names(w->error_code, bits, sizeof bits);
	fprintf(f, "%s-> page fault, error code 0x%" PRIx32 " (%s): %s\n", indent,
		w->error_code, bits, w->reason);
}
