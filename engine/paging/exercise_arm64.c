/* SPDX-License-Identifier: GPL-2.0-only */
/* exercise_arm64.c - a seeded paper exercise for an arm64 profile.
 *
 * Two trees, as Linux 6.1 keeps them: the user one (a process's pgd, in
 * TTBR0_EL1) and the kernel one (swapper_pg_dir, in TTBR1_EL1). Each is
 * one table per real level down to one pte table with FILL pages, the
 * table descriptors carrying what arch/arm64/include/asm/pgalloc.h gives
 * them (PXNTable under TTBR0: the kernel never runs user code; UXNTable
 * under TTBR1). Pages get the permissions of arch/arm64/include/asm/
 * pgtable-prot.h's PAGE_* (user text r-x, data rw- dirty or clean, i.e.
 * AP[2] set with PTE_WRITE until the first write; kernel data, rodata,
 * text), one user page is old (AF clear, as copy_present_pte() leaves a
 * child's pages after fork) and the kernel tree has one block (a level 2
 * block of the linear map). Frames are granule-aligned between 1 MiB and
 * 64 MiB, blocks from 1 GiB up. Every answer is arm64_walk_run()'s.
 */
#include <stdlib.h>
#include <string.h>

#include "paging/arm64.h"
#include "paging/exercise.h"

#define FILL 6
#define MAX_FRAMES 64
#define MAX_TABLES 16
#define POOL_LO (1ULL << 20)
#define POOL_HI (64ULL << 20)
#define BLOCK_BASE (1ULL << 30)

enum tree { USER, KERNEL, TREES };
enum qkind { Q_MAPPED, Q_PTE_HOLE, Q_OLD, Q_BLOCK, Q_UPPER_HOLE, Q_RANGE };

struct gen {
	const struct arch *a;
	uint64_t rng;
	struct physmem *pm;
	uint64_t root[TREES];
	enum level real[LEVEL_COUNT];        /* the real levels, pgd first */
	int nreal;
	uint64_t frames[MAX_FRAMES];
	int nframes;
	uint64_t tbase[MAX_TABLES];
	enum level tlevel[MAX_TABLES];
	enum tree ttree[MAX_TABLES];
	int ntables;
	uint64_t path_table[TREES][LEVEL_COUNT];  /* per real position */
	unsigned path_index[TREES][LEVEL_COUNT];
	unsigned leaf[TREES][FILL];               /* pte indices filled */
	unsigned old;                             /* leaf[USER][old] has AF clear */
	int block_pos;                            /* real position of the block */
	unsigned block_index;
};

/* splitmix64, as exercise.c: the same sheet on every machine. */
static uint64_t rng_next(struct gen *g)
{
	uint64_t z = (g->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [lo, hi). */
static uint64_t rng_below(struct gen *g, uint64_t lo, uint64_t hi)
{
	return lo + rng_next(g) % (hi - lo);
}

/* A granule-aligned frame of the pool, not handed out before. */
static uint64_t frame_take(struct gen *g)
{
	unsigned ps = g->a->page_shift;

	for (;;) {
		uint64_t f = rng_below(g, POOL_LO >> ps, POOL_HI >> ps) << ps;
		bool seen = false;
		for (int i = 0; i < g->nframes; i++)
			seen |= g->frames[i] == f;
		if (!seen && g->nframes < MAX_FRAMES) {
			g->frames[g->nframes++] = f;
			return f;
		}
	}
}

static uint64_t table_new(struct gen *g, enum level lv, enum tree t)
{
	uint64_t base = frame_take(g);

	g->tbase[g->ntables] = base;
	g->tlevel[g->ntables] = lv;
	g->ttree[g->ntables++] = t;
	return base;
}

static int put(struct gen *g, uint64_t table, unsigned index, uint64_t value)
{
	return physmem_write(g->pm, table + (uint64_t)index * 8, value, 8);
}

/* A page's descriptor bits (without the address) for tree t. */
static uint64_t page_bits(struct gen *g, enum tree t)
{
	uint64_t e = A64_VALID | A64_TABLE | A64_AF | A64_SH_INNER;   /* _PROT_DEFAULT */

	if (t == USER) {
		e |= A64_AP1 | A64_NG | A64_PXN;
		switch (rng_below(g, 0, 4)) {
		case 0: return e | A64_AP2;                                /* r-x: text */
		case 1: return e | A64_AP2 | A64_UXN;                      /* r--: rodata */
		case 2: return e | A64_AP2 | A64_UXN | A64_DBM;            /* rw- clean */
		default: return e | A64_UXN | A64_DBM | A64_SW_DIRTY;      /* rw- dirty */
		}
	}
	e |= A64_UXN | A64_SW_DIRTY;
	switch (rng_below(g, 0, 3)) {
	case 0: return e | A64_AP2;                                        /* kernel text */
	case 1: return e | A64_AP2 | A64_PXN;                              /* rodata */
	default: return e | A64_PXN | A64_DBM;                             /* data */
	}
}

/* Build tree t's chain of tables and fill its pte table. */
static int tree_build(struct gen *g, enum tree t)
{
	uint64_t table = g->root[t];
	uint64_t tflags = A64_VALID | A64_TABLE | (t == USER ? A64_PXNTABLE : A64_UXNTABLE);

	for (int i = 0; i < g->nreal; i++) {
		enum level lv = g->real[i];
		unsigned idx = (unsigned)rng_below(g, 0, g->a->level[lv].ptrs);

		g->path_table[t][i] = table;
		g->path_index[t][i] = idx;
		if (lv == LEVEL_PTE)
			break;
		uint64_t next = table_new(g, g->real[i + 1], t);
		if (put(g, table, idx, next | tflags) < 0)
			return -1;
		table = next;
	}
	for (int k = 0; k < FILL; k++) {
		unsigned idx;
		bool dup;
		do {
			idx = (unsigned)rng_below(g, 0, g->a->level[LEVEL_PTE].ptrs);
			dup = false;
			for (int j = 0; j < k; j++)
				dup |= g->leaf[t][j] == idx;
		} while (dup);
		g->leaf[t][k] = idx;
		uint64_t e = frame_take(g) | page_bits(g, t);
		if (t == USER && (unsigned)k == g->old)
			e &= ~A64_AF;
		if (put(g, table, idx, e) < 0)
			return -1;
	}
	return 0;
}

/* The kernel tree's block: at the level-2 table (the pmd, or the pgd with
 * two levels), in a slot its chain does not use. */
static int block_build(struct gen *g)
{
	int i = g->nreal - 2;
	enum level lv = g->real[i];
	uint64_t size = arch_level_size(g->a, lv), table = g->path_table[KERNEL][i];
	unsigned idx;

	do
		idx = (unsigned)rng_below(g, 0, g->a->level[lv].ptrs);
	while (idx == g->path_index[KERNEL][i]);
	g->block_pos = i;
	g->block_index = idx;
	return put(g, table, idx, (BLOCK_BASE + rng_below(g, 0, 8) * size) | A64_VALID | A64_AF |
		   A64_SH_INNER | A64_PXN | A64_UXN | A64_DBM | A64_SW_DIRTY);
}

/* The address with idx[i] at real position i, offset off, in tree t
 * (TTBR1 addresses have bits 63..VA_BITS set). */
static uint64_t addr_make(const struct gen *g, enum tree t, const unsigned *idx, int depth,
			  uint64_t off)
{
	uint64_t addr = off;

	for (int i = 0; i < depth; i++)
		addr |= (uint64_t)idx[i] << g->a->level[g->real[i]].shift;
	if (t == KERNEL)
		addr |= ~0ULL << g->a->va_bits;
	return addr;
}

/* An empty slot at real position i of tree t's chain. */
static unsigned hole_index(struct gen *g, enum tree t, int i)
{
	uint64_t table = g->path_table[t][i];
	unsigned idx;

	do
		idx = (unsigned)rng_below(g, 0, g->a->level[g->real[i]].ptrs);
	while (physmem_read(g->pm, table + (uint64_t)idx * 8, 8) != 0);
	return idx;
}

static uint64_t question_addr(struct gen *g, enum qkind k, enum tree t)
{
	unsigned idx[LEVEL_COUNT];
	int pte = g->nreal - 1, at;
	uint64_t off = rng_next(g) & ((1ULL << g->a->page_shift) - 1) & ~7ULL;

	memcpy(idx, g->path_index[t], sizeof idx);
	switch (k) {
	case Q_MAPPED:
		do
			idx[pte] = g->leaf[t][rng_below(g, 0, FILL)];
		while (t == USER && idx[pte] == g->leaf[USER][g->old]);
		break;
	case Q_OLD:
		idx[pte] = g->leaf[USER][g->old];
		break;
	case Q_PTE_HOLE:
		idx[pte] = hole_index(g, t, pte);
		break;
	case Q_BLOCK:
		idx[g->block_pos] = g->block_index;
		return addr_make(g, KERNEL, idx, g->block_pos + 1,
				 rng_next(g) & (arch_level_size(g->a, g->real[g->block_pos]) - 1));
	case Q_UPPER_HOLE:
		at = (int)rng_below(g, 0, (uint64_t)pte);
		idx[at] = hole_index(g, t, at);
		for (int i = at + 1; i < g->nreal; i++)
			idx[i] = (unsigned)rng_below(g, 0, g->a->level[g->real[i]].ptrs);
		break;
	case Q_RANGE:
		/* a user address with one bit between VA_BITS and 55 set */
		return addr_make(g, USER, idx, g->nreal, off) |
		       1ULL << rng_below(g, g->a->va_bits, 55);
	}
	return addr_make(g, t, idx, g->nreal, off);
}

static void question_make(struct gen *g, struct exercise_question *q, unsigned n)
{
	static const enum qkind cycle[] = { Q_MAPPED, Q_PTE_HOLE, Q_OLD, Q_BLOCK, Q_UPPER_HOLE,
					    Q_RANGE, Q_MAPPED, Q_MAPPED };
	enum qkind k = cycle[n % (sizeof cycle / sizeof cycle[0])];
	enum tree t = k == Q_BLOCK ? KERNEL : k == Q_OLD || k == Q_RANGE ? USER :
		rng_below(g, 0, 2) ? USER : KERNEL;
	unsigned pick = (unsigned)rng_below(g, 0, 6);

	q->addr = question_addr(g, k, t);
	q->access.kind = pick < 3 ? ACCESS_READ : pick < 5 ? ACCESS_WRITE : ACCESS_EXEC;
	q->access.user = t == USER ? rng_below(g, 0, 4) != 0 : rng_below(g, 0, 4) == 0;
	arm64_walk_run(g->a, g->pm, g->root[USER], g->root[KERNEL], q->addr, q->access, &q->walk);
}

static int cmp_table(const void *x, const void *y)
{
	const struct exercise_table *p = x, *q = y;

	if (p->ttbr != q->ttbr)
		return p->ttbr < q->ttbr ? -1 : 1;
	if (p->level != q->level)
		return p->level < q->level ? -1 : 1;
	return p->base < q->base ? -1 : p->base > q->base;
}

/* The tables' non-zero descriptors into the model, TTBR0's tree first. */
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
		tb->ttbr = g->ttree[t] == KERNEL;
		tb->entries = calloc(n, sizeof *tb->entries);
		if (!tb->entries)
			return -1;
		for (unsigned i = 0; i < n; i++) {
			uint64_t pa = tb->base + (uint64_t)i * 8, v = physmem_read(g->pm, pa, 8);
			if (v)
				tb->entries[tb->nentries++] = (struct exercise_entry){ i, pa, v };
		}
	}
	qsort(ex->tables, ex->ntables, sizeof *ex->tables, cmp_table);
	return 0;
}

struct exercise *exercise_arm64_new(const struct arch *a, uint64_t seed, unsigned count,
				    struct diag *d)
{
	struct exercise *ex = calloc(1, sizeof *ex);
	struct gen *g = calloc(1, sizeof *g);

	if (!ex || !g)
		goto fail;
	g->a = ex->arch = a;
	ex->seed = seed;
	g->rng = seed ^ ((uint64_t)a->id << 56);
	g->pm = ex->mem = physmem_new();
	if (!g->pm)
		goto fail;
	for (int lv = LEVEL_PGD; lv < LEVEL_COUNT; lv++)
		if (!a->level[lv].folded)
			g->real[g->nreal++] = (enum level)lv;
	g->old = (unsigned)rng_below(g, 0, FILL);
	ex->cr3 = g->root[USER] = table_new(g, LEVEL_PGD, USER);
	ex->ttbr1 = g->root[KERNEL] = table_new(g, LEVEL_PGD, KERNEL);
	if (tree_build(g, USER) < 0 || tree_build(g, KERNEL) < 0 || block_build(g) < 0)
		goto fail;
	ex->questions = calloc(count, sizeof *ex->questions);
	if (!ex->questions)
		goto fail;
	for (unsigned i = 0; i < count; i++)
		question_make(g, &ex->questions[i], i);
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
