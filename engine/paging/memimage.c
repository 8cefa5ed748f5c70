/* SPDX-License-Identifier: GPL-2.0-only */
/* memimage.c - load a memory image file (see memimage.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "paging/memimage.h"
#include "paging/arm64.h"
#include "paging/walk.h"
#include "util/yamlnode.h"

static const struct ynode_limits memimage_limits = {
	.max_bytes = MEMIMAGE_MAX_FILE,
	.max_depth = 4,
	.max_string = 64,
	.max_nodes = 2 * MEMIMAGE_MAX_ENTRIES + 16,
};

static int fail_at(struct diag *d, const char *path, const struct ynode *n,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int fail_at(struct diag *d, const char *path, const struct ynode *n,
		   const char *fmt, ...)
{
	char msg[sizeof d->msg];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_set(d, path, n->line, n->col, "%s", msg);
	return -1;
}

/* An entry address and the position of its key, for the twice-given check. */
struct seen {
	uint64_t pa;
	size_t at;
};

static int cmp_seen(const void *x, const void *y)
{
	const struct seen *p = x, *q = y;

	if (p->pa != q->pa)
		return p->pa < q->pa ? -1 : 1;
	return p->at < q->at ? -1 : p->at > q->at;
}

/* Read entries: into img->mem, refusing an address given twice (reported
 * at its second key). */
static int entries_load(struct memimage *img, const struct ynode *ents,
			const char *path, struct diag *d)
{
	const struct arch *a = img->arch;
	uint64_t pa_max = (1ULL << a->pa_bits) - 1;
	uint64_t val_max = a->entry_size == 4 ? 0xffffffffULL : UINT64_MAX;
	struct seen *seen = NULL;
	int rc = -1;

	if (ynode_want(ents, YNODE_MAP, "entries", path, d) < 0)
		return -1;
	if (ents->n > MEMIMAGE_MAX_ENTRIES)
		return fail_at(d, path, ents, "too many entries (at most %d)",
			       MEMIMAGE_MAX_ENTRIES);
	seen = malloc((ents->n + 1) * sizeof *seen);
	if (!seen)
		return fail_at(d, path, ents, "out of memory");
	for (size_t i = 0; i < ents->n; i++) {
		const struct ynode *k = ents->items[2 * i], *v = ents->items[2 * i + 1];
		uint64_t pa, value;
		if (ynode_u64(k, pa_max, "entry address", path, d, &pa) < 0)
			goto fail;
		if (pa % a->entry_size) {
			fail_at(d, path, k, "entry address 0x%llx is not a multiple of the "
				"entry size %u", (unsigned long long)pa, a->entry_size);
			goto fail;
		}
		if (ynode_u64(v, val_max, "entry value", path, d, &value) < 0)
			goto fail;
		seen[i] = (struct seen){ pa, i };
		if (physmem_write(img->mem, pa, value, a->entry_size) < 0) {
			fail_at(d, path, v, "out of memory");
			goto fail;
		}
	}
	qsort(seen, ents->n, sizeof *seen, cmp_seen);
	for (size_t j = 0; j + 1 < ents->n; j++)
		if (seen[j].pa == seen[j + 1].pa) {
			fail_at(d, path, ents->items[2 * seen[j + 1].at],
				"entry address 0x%llx is given twice",
				(unsigned long long)seen[j].pa);
			goto fail;
		}
	rc = 0;
fail:
	free(seen);
	return rc;
}

/* arm64: ttbr0: and ttbr1:, each aligned for the top table (the ASID in
 * bits 63..48 allowed). */
static int ttbrs_load(struct memimage *img, const struct ynode *root, const char *path,
		      struct diag *d)
{
	static const char *const names[2] = { "ttbr0", "ttbr1" };
	uint64_t *out[2] = { &img->cr3, &img->ttbr1 };

	if (ynode_get(root, "cr3"))
		return fail_at(d, path, ynode_get(root, "cr3"), "%s has no cr3: give ttbr0: "
			       "(TTBR0_EL1) and ttbr1: (TTBR1_EL1)", img->arch->name);
	for (int i = 0; i < 2; i++) {
		const struct ynode *n;
		if (ynode_require(root, names[i], "an arm64 memory image", path, d) < 0)
			return -1;
		n = ynode_get(root, names[i]);
		if (ynode_u64(n, UINT64_MAX, names[i], path, d, out[i]) < 0)
			return -1;
		if ((*out[i] & 0x0000ffffffffffffULL) != walk_cr3_base(img->arch, *out[i]))
			return fail_at(d, path, n, "%s 0x%llx is not aligned for %s's top table "
				       "(%llu bytes)", names[i], (unsigned long long)*out[i],
				       img->arch->name, (unsigned long long)
				       (arm64_top_table_size(img->arch) < 64 ? 64 :
					arm64_top_table_size(img->arch)));
	}
	return 0;
}

/* cpu: {wp: BOOL, smep: BOOL, smap: BOOL}, each optional. */
static int cpu_load(struct memimage *img, const struct ynode *m, const char *path,
		    struct diag *d)
{
	static const char *const keys[] = { "wp", "smep", "smap", NULL };
	const struct ynode *n;

	if (ynode_want(m, YNODE_MAP, "cpu", path, d) < 0 ||
	    ynode_known_keys(m, keys, "cpu", path, d) < 0)
		return -1;
	img->cpu_given = true;
	if ((n = ynode_get(m, "wp")) && ynode_bool(n, "wp", path, d, &img->cpu.wp) < 0)
		return -1;
	if ((n = ynode_get(m, "smep")) && ynode_bool(n, "smep", path, d, &img->cpu.smep) < 0)
		return -1;
	if ((n = ynode_get(m, "smap")) && ynode_bool(n, "smap", path, d, &img->cpu.smap) < 0)
		return -1;
	return 0;
}

static int image_fill(struct memimage *img, const struct ynode *root,
		      const char *path, struct diag *d)
{
	static const char *const keys[] = { "arch", "cr3", "ttbr0", "ttbr1", "entries", "cpu",
					    NULL };
	const struct ynode *n;
	char q[64], why[400];

	if (ynode_want(root, YNODE_MAP, "a memory image", path, d) < 0 ||
	    ynode_known_keys(root, keys, "a memory image", path, d) < 0 ||
	    ynode_require(root, "arch", "a memory image", path, d) < 0)
		return -1;
	n = ynode_get(root, "arch");
	if (ynode_want(n, YNODE_SCALAR, "arch", path, d) < 0)
		return -1;
	img->arch = arch_by_name(n->str);
	if (!img->arch) {
		ynode_quote(n, q, sizeof q);
		if (arm64_refusal(n->str, why, sizeof why))
			return fail_at(d, path, n, "%s", why);
		return fail_at(d, path, n, "unknown arch %s; valid archs: %s", q, arch_names());
	}
	if (img->arch->family == FAMILY_ARM64) {
		if ((n = ynode_get(root, "cpu")))
			return fail_at(d, path, n, "%s has no cpu: (CR0.WP, CR4.SMEP and CR4.SMAP "
				       "are x86's)", img->arch->name);
		if (ttbrs_load(img, root, path, d) < 0)
			return -1;
		n = ynode_get(root, "entries");
		return n ? entries_load(img, n, path, d) : 0;
	}
	for (int i = 0; i < 2; i++)
		if ((n = ynode_get(root, i ? "ttbr1" : "ttbr0")))
			return fail_at(d, path, n, "%s has no %s: give cr3:", img->arch->name,
				       i ? "ttbr1" : "ttbr0");
	if (ynode_require(root, "cr3", "a memory image", path, d) < 0)
		return -1;
	n = ynode_get(root, "cr3");
	if (ynode_u64(n, (1ULL << img->arch->pa_bits) - 1, "cr3", path, d, &img->cr3) < 0)
		return -1;
	if (walk_cr3_base(img->arch, img->cr3) != img->cr3)
		return fail_at(d, path, n, "cr3 0x%llx is not aligned for %s's top table",
			       (unsigned long long)img->cr3, img->arch->name);
	if ((n = ynode_get(root, "cpu")) && cpu_load(img, n, path, d) < 0)
		return -1;
	n = ynode_get(root, "entries");
	return n ? entries_load(img, n, path, d) : 0;
}

struct memimage *memimage_load(const char *path, struct diag *d)
{
	struct ynode *root = NULL;
	struct memimage *img = calloc(1, sizeof *img);

	if (!img || !(img->mem = physmem_new())) {
		diag_set(d, path, 0, 0, "out of memory");
		goto fail;
	}
	img->cpu = WALK_CPU_DEFAULT;
	root = ynode_load(path, &memimage_limits, d);
	if (!root || image_fill(img, root, path, d) < 0)
		goto fail;
	ynode_free(root);
	return img;
fail:
	ynode_free(root);
	memimage_free(img);
	return NULL;
}

void memimage_free(struct memimage *img)
{
	if (!img)
		return;
	physmem_free(img->mem);
	free(img);
}
