/* SPDX-License-Identifier: GPL-2.0-only */
/* exercise.c - build a seeded paper exercise: tables, addresses, walks.
 *
 * Layout of the memory built: a root table at cr3; a user region (root
 * index below the kernel split) and a kernel region (above it), each one
 * table per real level down to one pte page with PTE_FILL leaves; one large
 * page in the kernel region (4 MiB pgd entry on x86-32, 2 MiB pmd entry
 * elsewhere), beside it a large-page entry with a reserved bit of its
 * address field set (a frame that is not aligned: the CPU faults with RSVD),
 * and on x86-64 a 1 GiB pud entry. Frames come from a pool between 1 MiB
 * and 16 MiB, large pages above 16 MiB, so the numbers stay short on paper.
 * On x86-64 some addresses are made non-canonical (bits above the top one
 * not a copy of it): no walk, a general-protection fault.
 */
#include <stdlib.h>
#include <string.h>

#include "paging/exercise.h"

#define PTE_FILL 5
#define POOL_LO 0x100u           /* page frame numbers of the small pool */
#define POOL_HI 0x1000u
#define LARGE_BASE 0x01000000ULL
#define MAX_FRAMES 64
#define MAX_TABLES 16

enum region { REGION_USER, REGION_KERNEL, REGION_COUNT };
enum qkind { Q_MAPPED, Q_PTE_HOLE, Q_LARGE, Q_UPPER_HOLE, Q_HUGE, Q_RSVD, Q_NONCANON };

struct gen {
	const struct arch *a;
	uint64_t rng;
	struct physmem *pm;
	uint64_t cr3;
	enum level real[LEVEL_COUNT];        /* the real levels, pgd first */
	int nreal;
	uint64_t frames[MAX_FRAMES];         /* frames handed out */
	int nframes;
	uint64_t tbase[MAX_TABLES];
	enum level tlevel[MAX_TABLES];
	int ntables;
	/* per region: the table at each real level and the index taken in it */
	uint64_t path_table[REGION_COUNT][LEVEL_COUNT];
	unsigned path_index[REGION_COUNT][LEVEL_COUNT];
	unsigned leaf[REGION_COUNT][PTE_FILL];     /* pte indices filled */
	int large_level;                     /* real[] position of the large entry */
	unsigned large_index;
	unsigned rsvd_index;                 /* the reserved-bit entry, beside it */
	int huge_level;                      /* x86-64: real[] position of the pud */
	unsigned huge_index;                 /* x86-64: the 1 GiB entry */
};

/* splitmix64 (Steele, Lea, Flood): small, fast and the same everywhere. */
static uint64_t rng_next(struct gen *g)
{
	uint64_t z = (g->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [lo, hi). */
static unsigned rng_range(struct gen *g, unsigned lo, unsigned hi)
{
	return lo + (unsigned)(rng_next(g) % (hi - lo));
}

static bool rng_chance(struct gen *g, unsigned in)
{
	return rng_next(g) % in == 0;
}

/* A frame of the small pool not handed out before. */
static uint64_t frame_take(struct gen *g)
{
	for (;;) {
		uint64_t f = (uint64_t)rng_range(g, POOL_LO, POOL_HI) << 12;
		bool seen = false;
		for (int i = 0; i < g->nframes; i++)
			seen |= g->frames[i] == f;
		if (!seen && g->nframes < MAX_FRAMES) {
			g->frames[g->nframes++] = f;
			return f;
		}
	}
}

static uint64_t table_new(struct gen *g, enum level lv)
{
	uint64_t base = frame_take(g);

	g->tbase[g->ntables] = base;
	g->tlevel[g->ntables++] = lv;
	return base;
}

static bool is_pae(const struct arch *a)
{
	return a->id == ARCH_X86_32_PAE;
}

/* The first root index of the kernel half (TASK_SIZE / the upper half). */
static unsigned kernel_split(const struct arch *a)
{
	switch (a->id) {
	case ARCH_X86_32: return 768;        /* 0xC0000000 >> 22 */
	case ARCH_X86_32_PAE: return 3;      /* 0xC0000000 >> 30 */
	default: return 256;                 /* bit 47 (56) set: upper half */
	}
}

static int entry_put(struct gen *g, uint64_t table, unsigned index, uint64_t value)
{
	return physmem_write(g->pm, table + (uint64_t)index * g->a->entry_size, value,
			     g->a->entry_size);
}

/* The flags of a table (non-leaf) entry at real level position i. */
static uint64_t table_flags(const struct gen *g, int i, enum region r)
{
	if (i == 0 && is_pae(g->a))
		return PTE_P;                /* PDPT entries: P only */
	return PTE_P | PTE_RW | PTE_A | (r == REGION_USER ? PTE_US : 0);
}

static uint64_t leaf_flags(struct gen *g, enum region r)
{
	uint64_t f = PTE_P | PTE_A;

	if (rng_chance(g, r == REGION_USER ? 2 : 4) == false)
		f |= PTE_RW;
	if ((f & PTE_RW) && rng_chance(g, 2))
		f |= PTE_D;
	if (r == REGION_USER)
		f |= PTE_US;
	else if (rng_chance(g, 2))
		f |= PTE_G;
	if (g->a->entry_size == 8 && rng_chance(g, 4))
		f |= PTE_NX;
	return f;
}

/* Build one region's chain of tables under root and fill its pte page. */
static int region_build(struct gen *g, uint64_t root, enum region r)
{
	unsigned split = kernel_split(g->a), ptrs = g->a->level[LEVEL_PGD].ptrs;
	uint64_t table = root;

	for (int i = 0; i < g->nreal; i++) {
		enum level lv = g->real[i];
		unsigned n = g->a->level[lv].ptrs, idx;

		if (i == 0)
			idx = r == REGION_USER ? rng_range(g, 0, split) : rng_range(g, split, ptrs);
		else
			idx = rng_range(g, 0, n);
		g->path_table[r][i] = table;
		g->path_index[r][i] = idx;
		if (lv == LEVEL_PTE)
			break;
		uint64_t next = table_new(g, g->real[i + 1]);
		if (entry_put(g, table, idx, next | table_flags(g, i, r)) < 0)
			return -1;
		table = next;
	}
	for (int k = 0; k < PTE_FILL; k++) {
		unsigned idx;
		bool dup;
		do {
			idx = rng_range(g, 0, g->a->level[LEVEL_PTE].ptrs);
			dup = false;
			for (int j = 0; j < k; j++)
				dup |= g->leaf[r][j] == idx;
		} while (dup);
		g->leaf[r][k] = idx;
		if (entry_put(g, table, idx, frame_take(g) | leaf_flags(g, r)) < 0)
			return -1;
	}
	return 0;
}

/* One large page in the kernel region: at the pgd on x86-32 (PSE, 4 MiB),
 * at the pmd elsewhere (2 MiB), in a slot the region's chain does not use. */
static int large_build(struct gen *g)
{
	int i = g->a->id == ARCH_X86_32 ? 0 : g->nreal - 2;
	enum level lv = g->real[i];
	uint64_t size = arch_level_size(g->a, lv), table = g->path_table[REGION_KERNEL][i];
	unsigned lo = i == 0 ? kernel_split(g->a) : 0, idx;

	do
		idx = rng_range(g, lo, g->a->level[lv].ptrs);
	while (idx == g->path_index[REGION_KERNEL][i]);
	g->large_level = i;
	g->large_index = idx;
	uint64_t frame = LARGE_BASE + (uint64_t)rng_range(g, 0, 16) * size;
	return entry_put(g, table, idx, frame | PTE_P | PTE_RW | PTE_A | PTE_D | PTE_PS | PTE_G);
}

static bool slot_empty(const struct gen *g, uint64_t table, unsigned idx)
{
	return physmem_read(g->pm, table + (uint64_t)idx * g->a->entry_size,
			    g->a->entry_size) == 0;
}

/* A free slot of the kernel chain's table at real position i, not used by
 * the chain or the large page. */
static unsigned kernel_slot(struct gen *g, int i)
{
	uint64_t table = g->path_table[REGION_KERNEL][i];
	unsigned lo = i == 0 ? kernel_split(g->a) : 0, idx;

	do
		idx = rng_range(g, lo, g->a->level[g->real[i]].ptrs);
	while (!slot_empty(g, table, idx));
	return idx;
}

/* Beside the large page, a large-page entry whose address field sets a
 * bit the large page's alignment reserves (bits 21..13 of a 4 MiB PDE with
 * a 32-bit physical width, 20..13 of a 2 MiB PDE): a walk through it
 * faults with RSVD set. */
static int rsvd_build(struct gen *g)
{
	int i = g->large_level;
	uint64_t size = arch_level_size(g->a, g->real[i]);
	unsigned bits = g->a->id == ARCH_X86_32 ? 9 : 8;
	uint64_t frame = LARGE_BASE + (uint64_t)rng_range(g, 0, 16) * size;

	g->rsvd_index = kernel_slot(g, i);
	frame |= 1ULL << (13 + rng_range(g, 0, bits));
	return entry_put(g, g->path_table[REGION_KERNEL][i], g->rsvd_index,
			 frame | PTE_P | PTE_RW | PTE_A | PTE_D | PTE_PS);
}

/* x86-64: a 1 GiB page in the kernel chain's pud table. */
static int huge_build(struct gen *g)
{
	int i = 0;
	uint64_t frame;

	while (g->real[i] != LEVEL_PUD)
		i++;
	g->huge_level = i;
	g->huge_index = kernel_slot(g, i);
	frame = (uint64_t)rng_range(g, 1, 9) << 30;
	return entry_put(g, g->path_table[REGION_KERNEL][i], g->huge_index,
			 frame | PTE_P | PTE_RW | PTE_A | PTE_D | PTE_PS | PTE_G);
}

/* The linear address with index idx[i] at real level i and offset off,
 * sign-extended on x86-64 so it is canonical. */
static uint64_t addr_make(const struct gen *g, const unsigned *idx, int depth, uint64_t off)
{
	uint64_t addr = off;

	for (int i = 0; i < depth; i++)
		addr |= (uint64_t)idx[i] << g->a->level[g->real[i]].shift;
	if (g->a->word_bits == 64 && (addr >> (g->a->va_bits - 1)) & 1)
		addr |= ~0ULL << g->a->va_bits;
	return addr;
}

/* An index at real level position i of region r's chain whose entry is 0:
 * in the region's half of the root when that half has one (a PAE kernel
 * half is the single PDPT slot 3), anywhere in the table otherwise. */
static unsigned hole_index(struct gen *g, enum region r, int i)
{
	uint64_t table = g->path_table[r][i];
	unsigned lo = 0, hi = g->a->level[g->real[i]].ptrs, idx, empty = 0;

	if (i == 0) {
		unsigned l2 = r == REGION_USER ? 0 : kernel_split(g->a);
		unsigned h2 = r == REGION_USER ? kernel_split(g->a) : hi;
		for (unsigned k = l2; k < h2; k++)
			empty += slot_empty(g, table, k);
		if (empty)
			lo = l2, hi = h2;
	}
	do
		idx = rng_range(g, lo, hi);
	while (!slot_empty(g, table, idx));
	return idx;
}

/* An address whose walk is the large entry at real position i, index. */
static uint64_t addr_large(struct gen *g, int i, unsigned index)
{
	unsigned idx[LEVEL_COUNT];

	memcpy(idx, g->path_index[REGION_KERNEL], sizeof idx);
	idx[i] = index;
	return addr_make(g, idx, i + 1, rng_next(g) & (arch_level_size(g->a, g->real[i]) - 1));
}

/* The address of one question of kind k (region r). */
static uint64_t question_addr(struct gen *g, enum qkind k, enum region r)
{
	unsigned idx[LEVEL_COUNT];
	int pte = g->nreal - 1, depth = g->nreal, at;
	uint64_t addr, top;

	memcpy(idx, g->path_index[r], sizeof idx);
	switch (k) {
	case Q_MAPPED:
		idx[pte] = g->leaf[r][rng_range(g, 0, PTE_FILL)];
		break;
	case Q_PTE_HOLE:
		idx[pte] = hole_index(g, r, pte);
		break;
	case Q_LARGE:
		return addr_large(g, g->large_level, g->large_index);
	case Q_RSVD:
		return addr_large(g, g->large_level, g->rsvd_index);
	case Q_HUGE:
		return addr_large(g, g->huge_level, g->huge_index);
	case Q_UPPER_HOLE:
		at = (int)rng_range(g, 0, (unsigned)pte);
		idx[at] = hole_index(g, r, at);
		for (int i = at + 1; i < g->nreal; i++)
			idx[i] = rng_range(g, 0, g->a->level[g->real[i]].ptrs);
		break;
	case Q_NONCANON:
		/* a mapped address whose bits above the top one are not its copies */
		idx[pte] = g->leaf[r][rng_range(g, 0, PTE_FILL)];
		addr = addr_make(g, idx, depth, rng_next(g) & 0xfff);
		top = ~0ULL << g->a->va_bits;
		return (addr >> (g->a->va_bits - 1)) & 1 ? addr & ~top
							 : addr | (top & (rng_next(g) | 1ULL << 63));
	}
	return addr_make(g, idx, depth, rng_next(g) & 0xfff);
}

static void question_make(struct gen *g, const struct walk_cpu *cpu,
			  struct exercise_question *q, unsigned n)
{
	/* every kind in the default eight; the 64-bit ones in 64-bit sheets */
	static const enum qkind cycle32[] = { Q_MAPPED, Q_PTE_HOLE, Q_LARGE, Q_RSVD, Q_MAPPED,
					      Q_UPPER_HOLE, Q_MAPPED, Q_PTE_HOLE };
	static const enum qkind cycle64[] = { Q_MAPPED, Q_PTE_HOLE, Q_HUGE, Q_RSVD, Q_LARGE,
					      Q_NONCANON, Q_UPPER_HOLE, Q_MAPPED };
	const enum qkind *cycle = g->a->word_bits == 64 ? cycle64 : cycle32;
	enum qkind k = cycle[n % 8];
	enum region r = k == Q_LARGE || k == Q_HUGE || k == Q_RSVD ? REGION_KERNEL :
		rng_chance(g, 2) ? REGION_USER : REGION_KERNEL;
	unsigned pick = rng_range(g, 0, 6);

	q->addr = question_addr(g, k, r);
	q->access.kind = pick < 3 ? ACCESS_READ : pick < 5 ? ACCESS_WRITE : ACCESS_EXEC;
	q->access.user = r == REGION_USER ? !rng_chance(g, 4) : rng_chance(g, 4);
	walk_run_cpu(g->a, g->pm, g->cr3, q->addr, q->access, *cpu, &q->walk);
}

static int cmp_table(const void *x, const void *y)
{
	const struct exercise_table *p = x, *q = y;

	if (p->level != q->level)
		return p->level < q->level ? -1 : 1;
	return p->base < q->base ? -1 : p->base > q->base;
}

/* Copy the tables' non-zero entries into the model, sorted. */
static int tables_collect(const struct gen *g, struct exercise *ex)
{
	ex->tables = calloc((size_t)g->ntables, sizeof *ex->tables);
	if (!ex->tables)
		return -1;
	for (int t = 0; t < g->ntables; t++) {
		struct exercise_table *tb = &ex->tables[ex->ntables++];
		unsigned n = g->a->level[g->tlevel[t]].ptrs;
		tb->level = g->tlevel[t];
		tb->base = g->tbase[t];
		tb->entries = calloc(n, sizeof *tb->entries);
		if (!tb->entries)
			return -1;
		for (unsigned i = 0; i < n; i++) {
			uint64_t pa = tb->base + (uint64_t)i * g->a->entry_size;
			uint64_t v = physmem_read(g->pm, pa, g->a->entry_size);
			if (v)
				tb->entries[tb->nentries++] = (struct exercise_entry){ i, pa, v };
		}
	}
	qsort(ex->tables, ex->ntables, sizeof *ex->tables, cmp_table);
	return 0;
}

struct exercise *exercise_new(const struct arch *a, uint64_t seed, unsigned count,
			      struct walk_cpu cpu, struct diag *d)
{
	struct exercise *ex = NULL;
	struct gen *g = NULL;

	if (count < 1 || count > EXERCISE_COUNT_MAX) {
		diag_set(d, "", 0, 0, "exercise: the count must be 1 to %d, not %u",
			 EXERCISE_COUNT_MAX, count);
		return NULL;
	}
	if (a->family == FAMILY_ARM64)
		return exercise_arm64_new(a, seed, count, d);
	ex = calloc(1, sizeof *ex);
	g = calloc(1, sizeof *g);
	if (!ex || !g)
		goto fail;
	g->a = ex->arch = a;
	ex->seed = seed;
	ex->cpu = cpu;
	g->rng = seed ^ ((uint64_t)a->id << 56);
	g->pm = ex->mem = physmem_new();
	if (!g->pm)
		goto fail;
	for (int lv = LEVEL_PGD; lv < LEVEL_COUNT; lv++)
		if (!a->level[lv].folded)
			g->real[g->nreal++] = (enum level)lv;
	ex->cr3 = g->cr3 = table_new(g, LEVEL_PGD);
	if (region_build(g, ex->cr3, REGION_USER) < 0 ||
	    region_build(g, ex->cr3, REGION_KERNEL) < 0 || large_build(g) < 0 ||
	    rsvd_build(g) < 0 || (a->word_bits == 64 && huge_build(g) < 0))
		goto fail;
	ex->questions = calloc(count, sizeof *ex->questions);
	if (!ex->questions)
		goto fail;
	for (unsigned i = 0; i < count; i++)
		question_make(g, &cpu, &ex->questions[i], i);
	ex->nquestions = count;
	if (tables_collect(g, ex) < 0)
		goto fail;
	free(g);
	return ex;
fail:
	diag_set(d, "", 0, 0, "exercise: out of memory");
	free(g);
	exercise_free(ex);
	return NULL;
}

void exercise_free(struct exercise *ex)
{
	if (!ex)
		return;
	for (size_t i = 0; i < ex->ntables; i++)
		free(ex->tables[i].entries);
	free(ex->tables);
	free(ex->questions);
	physmem_free(ex->mem);
	free(ex);
}

const char *exercise_access_name(enum access_kind k)
{
	switch (k) {
	case ACCESS_WRITE: return "write";
	case ACCESS_EXEC: return "fetch";
	default: return "read";
	}
}
