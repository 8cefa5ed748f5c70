/* SPDX-License-Identifier: GPL-2.0-only */
/* load_tables.c - the page-table builder: a step's mappings:, entries:,
 * tables_at: and cr3: become physical memory holding real tables. An arm64
 * step is built by load_arm64.c with the page helpers and entries: reader
 * here (ld_tb_*). */
#include "load_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/array.h"

bool ld_tb_taken(const struct tb *t, uint64_t pa)
{
	for (size_t i = 0; i < t->s->npages; i++)
		if (t->s->pages[i].pa == pa)
			return true;
	return false;
}

int ld_tb_add(struct tb *t, const struct ynode *at, uint64_t pa, enum level lv, bool master)
{
	struct table_page *p = array_grow(t->s->pages, &t->cap, t->s->npages + 1, sizeof *p, 8);

	if (!p)
		return FAILN(t->ld, at, "out of memory");
	t->s->pages = p;
	t->s->pages[t->s->npages++] = (struct table_page){ pa, lv, master };
	return 0;
}

int ld_tb_alloc(struct tb *t, const struct ynode *at, enum level lv, bool master, uint64_t *pa)
{
	while (ld_tb_taken(t, t->next))
		t->next += t->page;
	if (t->next > ld_pa_max(t->a) - (t->page - 1) || t->s->npages >= LESSON_MAX_ENTRIES)
		return FAILN(t->ld, at, "no room for another table page above tables_at");
	*pa = t->next;
	t->next += t->page;
	return ld_tb_add(t, at, *pa, lv, master);
}

enum level ld_next_real(const struct arch *a, enum level lv)
{
	for (int i = (int)lv + 1; i < LEVEL_COUNT; i++)
		if (!a->level[i].folded)
			return (enum level)i;
	return LEVEL_COUNT;
}

static uint64_t table_entry_flags(const struct arch *a, enum level lv)
{
	/* PAE PDPT entries may set only P (and PWT/PCD) */
	if (a->entry_size == 8 && a->word_bits == 32 && lv == LEVEL_PGD)
		return PTE_P;
	return PTE_P | PTE_RW | PTE_US;
}

/* Map va -> pa with a leaf at level leaf under the pgd at pgd_pa. */
static int map_one(struct tb *t, const struct ynode *at, uint64_t pgd_pa, uint64_t va,
		   uint64_t pa, enum level leaf, uint64_t flags, bool master)
{
	const struct arch *a = t->a;
	struct addr_fields f;
	struct diag ad = { 0 };
	uint64_t table = pgd_pa;

	if (addr_split(a, va, &f, &ad) < 0)
		return FAILN(t->ld, at, "va: %s", ad.msg);
	for (enum level lv = LEVEL_PGD; lv < LEVEL_COUNT; lv = ld_next_real(a, lv)) {
		uint64_t epa = table + (uint64_t)f.index[lv] * a->entry_size;
		uint64_t e = physmem_read(t->s->mem, epa, a->entry_size);

		if (lv == leaf) {
			uint64_t v = pa | flags | PTE_P | (lv == LEVEL_PTE ? 0 : PTE_PS);
			if (e != 0)
				return FAILN(t->ld, at, "mapping 0x%llx overlaps another mapping "
					     "(the %s entry at 0x%llx is taken)",
					     (unsigned long long)va, level_name(lv),
					     (unsigned long long)epa);
			if (physmem_write(t->s->mem, epa, v, a->entry_size) < 0)
				return FAILN(t->ld, at, "out of memory");
			return 0;
		}
		if (e == 0) {
			uint64_t np;
			if (ld_tb_alloc(t, at, ld_next_real(a, lv), master, &np) < 0)
				return -1;
			e = np | table_entry_flags(a, lv);
			if (physmem_write(t->s->mem, epa, e, a->entry_size) < 0)
				return FAILN(t->ld, at, "out of memory");
		} else if (e & PTE_PS) {
			return FAILN(t->ld, at, "mapping 0x%llx overlaps a large page",
				     (unsigned long long)va);
		}
		table = walk_entry_addr(a, e);
	}
	return FAILN(t->ld, at, "internal: no leaf level");
}

static const char *const ld_size_words[] = { "4k", "2m", "4m", "1g", NULL };

/* The leaf level and size for a size word on a. */
static int size_level(struct tb *t, const struct ynode *n, int w, enum level *leaf,
		      uint64_t *size)
{
	const struct arch *a = t->a;
	static const unsigned shifts[] = { 12, 21, 22, 30 };
	unsigned sh = shifts[w];

	if (sh == 12) {
		*leaf = LEVEL_PTE;
		*size = 4096;
		return 0;
	}
	for (int lv = LEVEL_PGD; lv < LEVEL_PTE; lv++) {
		if (a->level[lv].folded || a->level[lv].shift != sh)
			continue;
		if (arch_large_page(a, (enum level)lv)) {
			*leaf = (enum level)lv;
			*size = 1ULL << sh;
			return 0;
		}
	}
	return FAILN(t->ld, n, "size %s pages do not exist on %s", ld_size_words[w], a->name);
}

static int get_flags(struct tb *t, const struct ynode *n, uint64_t *out)
{
	static const struct { const char *w; uint64_t bit; } words[] = {
		{ "rw", PTE_RW }, { "us", PTE_US }, { "nx", PTE_NX }, { "g", PTE_G },
		{ "a", PTE_A }, { "d", PTE_D }, { "pwt", PTE_PWT }, { "pcd", PTE_PCD },
	};
	const char *p = n->str, *end = n->str + n->len;

	*out = 0;
	if (n->kind != YNODE_SCALAR)
		return FAILN(t->ld, n, "flags must be a string like \"rw us\", not %s",
			     ynode_kind_name(n->kind));
	while (p < end) {
		size_t len, i;
		while (p < end && (*p == ' ' || *p == ','))
			p++;
		if (p >= end)
			break;
		for (len = 0; p + len < end && p[len] != ' ' && p[len] != ','; len++)
			;
		for (i = 0; i < sizeof words / sizeof words[0]; i++)
			if (strlen(words[i].w) == len && memcmp(words[i].w, p, len) == 0)
				break;
		if (i == sizeof words / sizeof words[0]) {
			char *e = text_escape(p, len > 20 ? 20 : len, false);
			FAILN(t->ld, n, "unknown flag \"%s\" (rw us nx g a d pwt pcd)", e ? e : "?");
			free(e);
			return -1;
		}
		if (words[i].bit == PTE_NX && t->a->entry_size != 8)
			return FAILN(t->ld, n, "nx needs 64-bit entries (not on %s)", t->a->name);
		*out |= words[i].bit;
		p += len;
	}
	return 0;
}

enum map_in { IN_PROCESS, IN_MASTER, IN_BOTH };

/* pgd_alloc: the process's pgd entry for va copies the master's. */
static int share_master(struct tb *t, const struct ynode *mp, uint64_t va)
{
	const struct arch *a = t->a;
	struct table_setup *s = t->s;
	struct addr_fields f;
	uint64_t off, me, pe;

	addr_split(a, va, &f, NULL);
	off = (uint64_t)f.index[LEVEL_PGD] * a->entry_size;
	me = physmem_read(s->mem, s->master_cr3 + off, a->entry_size);
	pe = physmem_read(s->mem, s->cr3 + off, a->entry_size);
	if (pe && pe != me)
		return FAILN(t->ld, mp, "the process's pgd entry for 0x%llx is already used: it "
			     "cannot share the master's", (unsigned long long)va);
	if (physmem_write(s->mem, s->cr3 + off, me, a->entry_size) < 0)
		return FAILN(t->ld, mp, "out of memory");
	return 0;
}

/* A number of mapping mp at key, aligned to size. */
static int map_num(struct tb *t, const struct ynode *mp, const char *key, uint64_t size,
		   uint64_t *out)
{
	struct ld *ld = t->ld;
	const struct ynode *n = ynode_get(mp, key);

	if (key[0] == 'v' ? ld_addr(ld, n, t->a, "va", out) < 0 :
	    ld_u64(ld, n, ld_pa_max(t->a), "pa", out) < 0)
		return -1;
	if (*out & (size - 1))
		return FAILN(ld, n, "%s 0x%llx is not aligned to the page size 0x%llx", key,
			     (unsigned long long)*out, (unsigned long long)size);
	return 0;
}

/* One item of mappings: into the process's tables, the master's or both;
 * range gets [va, va+size). */
static int map_item(struct tb *t, const struct ynode *mp, bool fault, uint64_t range[2])
{
	static const char *const map_keys[] = { "va", "pa", "size", "flags", "in", NULL };
	static const char *const map_keys_nf[] = { "va", "pa", "size", "flags", NULL };
	static const char *const in_words[] = { "process", "master", "both", NULL };
	struct ld *ld = t->ld;
	const struct ynode *n;
	uint64_t va, pa, size = 4096, flags = PTE_RW | PTE_US;
	enum level leaf = LEVEL_PTE;
	int w = 0, in = IN_PROCESS;

	if (ynode_want(mp, YNODE_MAP, "a mapping", ld->path, ld->d) < 0 ||
	    ynode_known_keys(mp, fault ? map_keys : map_keys_nf, "a mapping",
			     ld->path, ld->d) < 0 ||
	    ynode_require(mp, "va", "a mapping", ld->path, ld->d) < 0 ||
	    ynode_require(mp, "pa", "a mapping", ld->path, ld->d) < 0)
		return -1;
	if ((n = ynode_get(mp, "size")) &&
	    (ynode_enum(n, ld_size_words, "size", ld->path, ld->d, &w) < 0 ||
	     size_level(t, n, w, &leaf, &size) < 0))
		return -1;
	if ((n = ynode_get(mp, "flags")) && get_flags(t, n, &flags) < 0)
		return -1;
	if ((n = ynode_get(mp, "in")) && ynode_enum(n, in_words, "in", ld->path, ld->d, &in) < 0)
		return -1;
	if (map_num(t, mp, "va", size, &va) < 0 || map_num(t, mp, "pa", size, &pa) < 0)
		return -1;
	if (in != IN_PROCESS &&
	    map_one(t, mp, t->s->master_cr3, va, pa, leaf, flags, true) < 0)
		return -1;
	if (in == IN_PROCESS && map_one(t, mp, t->s->cr3, va, pa, leaf, flags, false) < 0)
		return -1;
	if (in == IN_BOTH && share_master(t, mp, va) < 0)
		return -1;
	range[0] = va;
	range[1] = va + size;
	return 0;
}

static int map_all(struct tb *t, const struct ynode *maps, bool fault, uint64_t (**ranges)[2],
		   size_t *nranges)
{
	struct ld *ld = t->ld;
	uint64_t scratch[2];

	if (ynode_want(maps, YNODE_SEQ, "mappings", ld->path, ld->d) < 0)
		return -1;
	if (maps->n > LESSON_MAX_ENTRIES)
		return FAILN(ld, maps, "too many mappings (at most %d)", LESSON_MAX_ENTRIES);
	if (ranges) {
		*ranges = calloc(maps->n ? maps->n : 1, sizeof **ranges);
		if (!*ranges)
			return FAILN(ld, maps, "out of memory");
	}
	for (size_t i = 0; i < maps->n; i++) {
		if (map_item(t, maps->items[i], fault, ranges ? (*ranges)[i] : scratch) < 0)
			return -1;
		if (ranges)
			*nranges = i + 1;
	}
	return 0;
}

struct ent_key {
	uint64_t pa;
	size_t i;                /* index in entries: */
};

static int ent_cmp(const void *x, const void *y)
{
	const struct ent_key *a = x, *b = y;

	if (a->pa != b->pa)
		return a->pa < b->pa ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* Reject an address given twice in entries: however it is spelt (0x100000,
 * 0x0100000, 1048576): at the second of the earliest repeated pair. k holds
 * each entry's address and index. */
static int entries_unique(struct ld *ld, const struct ynode *ents, struct ent_key *k)
{
	size_t second = SIZE_MAX, first = 0;
	uint64_t pa = 0;

	qsort(k, ents->n, sizeof *k, ent_cmp);
	for (size_t i = 1; i < ents->n; i++)
		if (k[i].pa == k[i - 1].pa && k[i].i < second) {
			second = k[i].i;
			first = k[i - 1].i;
			pa = k[i].pa;
		}
	if (second == SIZE_MAX)
		return 0;
	return FAILN(ld, ents->items[2 * second], "entry address 0x%llx is listed twice "
		     "(first at line %d)", (unsigned long long)pa, ents->items[2 * first]->line);
}

int ld_tb_entries(struct tb *t, const struct ynode *ents)
{
	struct ld *ld = t->ld;
	const struct arch *a = t->a;
	struct ent_key *keys;
	int rc = -1;

	if (ynode_want(ents, YNODE_MAP, "entries", ld->path, ld->d) < 0)
		return -1;
	if (ents->n > LESSON_MAX_ENTRIES)
		return FAILN(ld, ents, "too many entries (at most %d)", LESSON_MAX_ENTRIES);
	if (!(keys = calloc(ents->n ? ents->n : 1, sizeof *keys)))
		return FAILN(ld, ents, "out of memory");
	for (size_t i = 0; i < ents->n; i++) {
		const struct ynode *k = ents->items[2 * i], *v = ents->items[2 * i + 1];
		uint64_t pa, val;
		if (ld_u64(ld, k, ld_pa_max(a), "entry address", &pa) < 0)
			goto out;
		if (pa % a->entry_size) {
			FAILN(ld, k, "entry address 0x%llx is not a multiple of the entry size %u",
			      (unsigned long long)pa, a->entry_size);
			goto out;
		}
		if (ld_u64(ld, v, ld_entry_max(a), "entry value", &val) < 0)
			goto out;
		if (physmem_write(t->s->mem, pa, val, a->entry_size) < 0) {
			FAILN(ld, v, "out of memory");
			goto out;
		}
		keys[i] = (struct ent_key){ pa, i };
	}
	rc = entries_unique(ld, ents, keys);
out:
	free(keys);
	return rc;
}

/* The top tables: tables_at:, the master pgd (faults), cr3: or a fresh pgd. */
static int tables_roots(struct tb *t, const struct ynode *m, bool fault)
{
	struct ld *ld = t->ld;
	const struct arch *a = t->a;
	struct table_setup *s = t->s;
	const struct ynode *n;
	uint64_t tables_at = DEFAULT_TABLES_AT, pgd = 0;

	if ((n = ynode_get(m, "tables_at"))) {
		if (ld_u64(ld, n, ld_pa_max(a), "tables_at", &tables_at) < 0)
			return -1;
		if (tables_at & 4095)
			return FAILN(ld, n, "tables_at must be 4 KiB aligned");
	}
	t->next = tables_at;
	if (fault && ld_tb_alloc(t, m, LEVEL_PGD, true, &s->master_cr3) < 0)
		return -1;
	if ((n = ynode_get(m, "cr3"))) {
		uint64_t cr3;
		if (ld_u64(ld, n, ld_pa_max(a), "cr3", &cr3) < 0)
			return -1;
		pgd = walk_cr3_base(a, cr3);
		if (pgd != cr3)
			return FAILN(ld, n, "cr3 0x%llx is not aligned for %s's top table",
				     (unsigned long long)cr3, a->name);
		if (!ld_tb_taken(t, pgd & ~4095ULL) && ld_tb_add(t, n, pgd, LEVEL_PGD, false) < 0)
			return -1;
		if (fault && pgd == s->master_cr3)
			return FAILN(ld, n, "cr3 is the master table's page");
	} else if (ynode_get(m, "mappings") || fault) {
		if (ld_tb_alloc(t, m, LEVEL_PGD, false, &pgd) < 0)
			return -1;
	} else if (!ynode_get(m, "entries")) {
		return FAILN(ld, m, "tables need mappings:, entries: or cr3:");
	} else {
		return FAILN(ld, m, "with only entries:, give cr3: too");
	}
	s->cr3 = pgd;
	return 0;
}

int ld_tables(struct ld *ld, const struct ynode *m, const struct arch *a,
	      struct table_setup *s, bool fault, uint64_t (**ranges)[2], size_t *nranges)
{
	struct tb t = { .ld = ld, .a = a, .s = s, .page = 4096 };
	const struct ynode *maps = ynode_get(m, "mappings"), *ents = ynode_get(m, "entries");
	const struct ynode *n;

	if (a->family == FAMILY_ARM64)
		return ld_tables_arm64(ld, m, a, s, ranges, nranges);
	for (int i = 0; i < 2; i++)
		if ((n = ynode_get(m, i ? "ttbr1" : "ttbr0")))
			return FAILN(ld, n, "%s has no %s (arm64's base registers): give cr3:",
				     a->name, i ? "ttbr1" : "ttbr0");
	s->arch = a;
	s->mem = physmem_new();
	if (!s->mem)
		return FAILN(ld, m, "out of memory");
	if (tables_roots(&t, m, fault) < 0)
		return -1;
	if (maps && map_all(&t, maps, fault, ranges, nranges) < 0)
		return -1;
	if (ents && ld_tb_entries(&t, ents) < 0)
		return -1;
	return 0;
}
