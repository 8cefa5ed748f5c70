/* SPDX-License-Identifier: GPL-2.0-only */
// Records on port 0xE9, one per line; docs/guest-protocol.md is the
// specification. Every record is "TAG key=value ..." with the keys in
// a fixed order; numbers are lower-case hex of fixed width unless the
// specification says decimal.

#include "defs.h"
#include "x86.h"

#define PROTOCOL_VERSION 1
#ifndef BUILD_ID
#define BUILD_ID "00000000"
#endif

unsigned fault_seq;

// Every page-table entry a record has shown, with the value it showed.
// The CPU sets Accessed and Dirty bits in memory behind the kernel's
// back; report_seen() re-reads these entries and reports each change,
// so the host's copy of every entry it knows stays equal to memory.
#define MAX_SHOWN 256
static struct {
	void *entry;
	pteval_t val;
} shown[MAX_SHOWN];
static unsigned nshown;

// Note that a record showed entry holding val.
static void remember(void *entry, pteval_t val)
{
	for (unsigned i = 0; i < nshown; i++)
		if (shown[i].entry == entry) {
			shown[i].val = val;
			return;
		}
	if (nshown == MAX_SHOWN)
		end_run(0, "too_many_entries");
	shown[nshown].entry = entry;
	shown[nshown].val = val;
	nshown++;
}

// Re-read every entry a record has shown and report those the CPU
// changed since ("ad" records, n the fault whose retry changed them,
// or 0 at the end of a step).
void report_seen(unsigned n)
{
	for (unsigned i = 0; i < nshown; i++) {
		pteval_t now = entry_read(shown[i].entry);
		if (now == shown[i].val)
			continue;
		kprintf("ad n=%u entry=%x old=%e new=%e\n", n, entry_pa(shown[i].entry),
			shown[i].val, now);
		shown[i].val = now;
	}
}

// The first record of a run: what the guest is and how it is laid out.
void report_header(const char *mode, const char *scenario)
{
	kprintf("\n");  // Bochs may leave its prompt unterminated on stdout
	kprintf("begin proto=%u mode=%s scenario=%s build=%s page_offset=%x task_size=%x "
		"vmalloc_start=%x vmalloc_end=%x swapper_pg_dir=%x pgdir_shift=%u "
		"pmd_shift=%u ptrs_per_pgd=%u ptrs_per_pmd=%u ptrs_per_pte=%u entry_size=%u\n",
		PROTOCOL_VERSION, mode, scenario, BUILD_ID, PAGE_OFFSET, TASK_SIZE,
		VMALLOC_START, VMALLOC_END, __pa(swapper_pg_dir), PGDIR_SHIFT,
		PMD_SHIFT, PTRS_PER_PGD, PTRS_PER_PMD, PTRS_PER_PTE, ENTRY_SIZE);
}

static void walk_line(const char *tbl, const char *level, const char *fold,
		      uint32_t base, uint32_t index, void *entry)
{
	pteval_t val = entry_read(entry);

	kprintf("walk n=%u tbl=%s level=%s fold=%s base=%x index=%u entry=%x val=%e\n",
		fault_seq, tbl, level, fold, base, index, entry_pa(entry), val);
	remember(entry, val);
}

// Report the walk of address through the table at pgd_base as the
// hardware would do it, one walk record per level (folded levels
// included, pointing at the entry they fold into), then an xlate
// record with the physical address reached or "-". Stops at the first
// entry without P.
void report_walk(const char *tbl, void *pgd_base, uint32_t address)
{
	pgd_t *pgd = pgd_offset_pgd(pgd_base, address);
	pud_t *pud;
	pmd_t *pmd;
	pte_t *pte;

	walk_line(tbl, "pgd", "-", __pa(pgd_base), pgd_index(address), pgd);
	pud = pud_offset(pgd, address);
	walk_line(tbl, "pud", "pgd", entry_pa(pgd), 0, pud);
	if (pae_mode) {
		// The pgd (PDPT) entry is real: stop here if it has no P.
		if (!entry_present(pud_val(pud)))
			goto unmapped;
		pmd = pmd_offset(pud, address);
		walk_line(tbl, "pmd", "-", entry_phys(pud_val(pud)), pmd_index(address), pmd);
	} else {
		// pgd, pud and pmd are one entry; P is tested at the pmd.
		pmd = pmd_offset(pud, address);
		walk_line(tbl, "pmd", "pud", entry_pa(pud), 0, pmd);
	}
	if (!entry_present(pmd_val(pmd)))
		goto unmapped;
	if (pmd_large(pmd)) {
		kprintf("xlate n=%u tbl=%s va=%x pa=%x size=%x\n", fault_seq, tbl,
			address, (pmd_page(pmd) & PMD_MASK) | (address & ~PMD_MASK),
			PMD_SIZE);
		return;
	}
	pte = pte_offset_kernel(pmd, address);
	walk_line(tbl, "pte", "-", pmd_page(pmd), pte_index(address), pte);
	if (!entry_present(pte_val(pte)))
		goto unmapped;
	kprintf("xlate n=%u tbl=%s va=%x pa=%x size=%x\n", fault_seq, tbl,
		address, entry_phys(pte_val(pte)) | (address & ~PAGE_MASK), PAGE_SIZE);
	return;
unmapped:
	kprintf("xlate n=%u tbl=%s va=%x pa=- size=-\n", fault_seq, tbl, address);
}

// Report a write of a page-table entry.
void report_set(const char *level, void *entry, pteval_t old, pteval_t new)
{
	kprintf("set n=%u level=%s entry=%x old=%e new=%e\n", fault_seq, level,
		entry_pa(entry), old, new);
	remember(entry, new);
}

// Report the allocation of the frame at pa.
void report_alloc(uint32_t pa, const char *what)
{
	kprintf("alloc n=%u pa=%x what=%s\n", fault_seq, pa, what);
}

// The last record of a run.
void report_end(int pass, const char *reason, unsigned faults)
{
	kprintf("end status=%s faults=%u reason=%s\n", pass ? "pass" : "fail",
		faults, reason);
}
