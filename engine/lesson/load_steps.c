/* SPDX-License-Identifier: GPL-2.0-only */
/* load_steps.c - split, walk, compare and fault steps: schema, engine run,
 * expect: checks and text. */
#include "load_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ld_split(struct ld *ld, const struct ynode *m, struct step *s)
{
	static const char *const keys[] = { "arch", "addr", "expect", NULL };
	struct step_split *sp = &s->u.split;
	const struct ynode *e;
	struct ph_ctx c = { 0 };

	if (ld_step_keys(ld, m, keys, "split") < 0 || ld_need(ld, m, "addr", "split") < 0 ||
	    ld_step_arch(ld, m, &sp->arch) < 0 ||
	    ld_addr(ld, ynode_get(m, "addr"), sp->arch, "addr", &sp->addr) < 0)
		return -1;
	addr_split(sp->arch, sp->addr, &sp->fields, NULL);
	if ((e = ynode_get(m, "expect")) && ld_expect_fields(ld, e, &sp->fields) < 0)
		return -1;
	c.a = sp->arch;
	c.addr = sp->addr;
	c.f = &sp->fields;
	return ld_expand_text(ld, m, s, sp->arch->family == FAMILY_ARM64 ? ld_ph_resolve_arm64 :
			      ld_ph_resolve, &c);
}

static const char *const walk_expect_keys[] = {
	"pgd", "p4d", "pud", "pmd", "pte", "offset", "entry", "value", "table", "status",
	"phys", "frame", "page_size", "error_code", "levels", NULL
};

int ld_walk(struct ld *ld, const struct ynode *m, struct step *s)
{
	static const char *const keys[] = { "arch", "tables_at", "cr3", "ttbr0", "ttbr1",
					    "mappings", "entries", "addr", "access", "user",
					    "expect", NULL };
	struct step_walk *w = &s->u.walk;
	const struct arch *a;
	const struct ynode *e;
	struct addr_fields f;
	struct ph_ctx c = { 0 };

	if (ld_step_keys(ld, m, keys, "walk") < 0 || ld_need(ld, m, "addr", "walk") < 0 ||
	    ld_step_arch(ld, m, &a) < 0)
		return -1;
	if (a->family == FAMILY_ARM64)
		return ld_walk_arm64(ld, m, s, a);
	if (ld_tables(ld, m, a, &w->setup, false, NULL, NULL) < 0 ||
	    ld_addr(ld, ynode_get(m, "addr"), a, "addr", &w->addr) < 0 ||
	    ld_access(ld, m, &w->access) < 0)
		return -1;
	walk_run(a, w->setup.mem, w->setup.cr3, w->addr, w->access, &w->walk);
	addr_split(a, w->addr, &f, NULL);
	if ((e = ynode_get(m, "expect"))) {
		if (ynode_want(e, YNODE_MAP, "expect", ld->path, ld->d) < 0 ||
		    ynode_known_keys(e, walk_expect_keys, "expect", ld->path, ld->d) < 0)
			return -1;
		for (size_t i = 0; i < e->n; i++) {
			bool h;
			if (ld_expect_walk_key(ld, e->items[2 * i], e->items[2 * i + 1], &f, &w->walk,
					    &w->walk, w->walk.error_code, &h) < 0)
				return -1;
		}
	}
	c.a = a;
	c.addr = w->addr;
	c.f = &f;
	c.w = &w->walk;
	c.cr3 = w->setup.cr3;
	return ld_expand_text(ld, m, s, ld_ph_resolve, &c);
}

int ld_compare(struct ld *ld, const struct ynode *m, struct step *s)
{
	static const char *const keys[] = { "addr", "archs", "expect", NULL };
	struct step_compare *cp = &s->u.compare;
	const struct ynode *archs, *e, *n;
	struct ph_ctx c = { 0 };
	struct diag ad = { 0 };

	if (ld_step_keys(ld, m, keys, "compare") < 0 || ld_need(ld, m, "addr", "compare") < 0 ||
	    ld_need(ld, m, "archs", "compare") < 0)
		return -1;
	n = ynode_get(m, "addr");
	if (ld_u64(ld, n, UINT64_MAX, "addr", &cp->addr) < 0)
		return -1;
	archs = ynode_get(m, "archs");
	if (ynode_want(archs, YNODE_SEQ, "archs", ld->path, ld->d) < 0)
		return -1;
	if (archs->n < 2 || archs->n > COMPARE_MAX)
		return FAILN(ld, archs, "compare needs 2 to %d archs, not %zu", COMPARE_MAX,
			     archs->n);
	for (size_t i = 0; i < archs->n; i++) {
		if (ld_arch(ld, archs->items[i], &cp->arch[i]) < 0)
			return -1;
		for (size_t j = 0; j < i; j++)
			if (cp->arch[j] == cp->arch[i])
				return FAILN(ld, archs->items[i], "arch %s is listed twice",
					     cp->arch[i]->name);
		cp->fits[i] = addr_split(cp->arch[i], cp->addr, &cp->fields[i], &ad) == 0;
		/* the model keeps the explanation: the compare step shows it */
		snprintf(cp->why[i], sizeof cp->why[i], "%.*s", (int)sizeof cp->why[i] - 1,
			 cp->fits[i] ? "" : ad.msg);
		cp->narch++;
	}
	if (!cp->fits[0] && !cp->fits[1] && (cp->narch < 3 || !cp->fits[2]) &&
	    (cp->narch < 4 || !cp->fits[3]))
		return FAILN(ld, n, "addr 0x%llx fits none of the archs",
			     (unsigned long long)cp->addr);
	if ((e = ynode_get(m, "expect"))) {
		if (ynode_want(e, YNODE_MAP, "expect", ld->path, ld->d) < 0)
			return -1;
		for (size_t i = 0; i < e->n; i++) {
			const struct ynode *k = e->items[2 * i];
			const struct arch *a;
			size_t j;
			if (ld_arch(ld, k, &a) < 0)
				return -1;
			for (j = 0; j < cp->narch && cp->arch[j] != a; j++)
				;
			if (j == cp->narch)
				return FAILN(ld, k, "expect: %s is not one of the compared archs",
					     a->name);
			if (!cp->fits[j])
				return FAILN(ld, k, "expect %s: %s", a->name, cp->why[j]);
			if (ld_expect_fields(ld, e->items[2 * i + 1], &cp->fields[j]) < 0)
				return -1;
		}
	}
	/* only {addr} and {arch} (the first) make sense for several archs */
	c.a = cp->arch[0];
	c.addr = cp->addr;
	struct addr_fields none = { 0 };
	c.f = &none;
	return ld_expand_text(ld, m, s, ld_ph_resolve, &c);
}

int ld_vmas(struct ld *ld, const struct ynode *n, struct vma **out, size_t *nout,
		    const struct arch *a)
{
	static const char *const keys[] = { "start", "end", "perm", NULL };

	if (ynode_want(n, YNODE_SEQ, "vmas", ld->path, ld->d) < 0)
		return -1;
	if (n->n > 256)
		return FAILN(ld, n, "too many vmas (at most 256)");
	*out = calloc(n->n ? n->n : 1, sizeof **out);
	if (!*out)
		return FAILN(ld, n, "out of memory");
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *v = n->items[i], *p;
		struct vma *vm = &(*out)[i];
		if (ynode_want(v, YNODE_MAP, "a vma", ld->path, ld->d) < 0 ||
		    ynode_known_keys(v, keys, "a vma", ld->path, ld->d) < 0 ||
		    ynode_require(v, "start", "a vma", ld->path, ld->d) < 0 ||
		    ynode_require(v, "end", "a vma", ld->path, ld->d) < 0 ||
		    ld_addr(ld, ynode_get(v, "start"), a, "start", &vm->start) < 0 ||
		    ld_u64(ld, ynode_get(v, "end"), UINT64_MAX, "end", &vm->end) < 0)
			return -1;
		if (vm->end <= vm->start || ((vm->start | vm->end) & 4095))
			return FAILN(ld, v, "a vma needs page-aligned start < end");
		if (i > 0 && vm->start < (*out)[i - 1].end)
			return FAILN(ld, v, "vmas must be sorted and must not overlap");
		vm->read = true;
		if ((p = ynode_get(v, "perm"))) {
			if (p->kind != YNODE_SCALAR || p->len != 3 ||
			    (p->str[0] != 'r' && p->str[0] != '-') ||
			    (p->str[1] != 'w' && p->str[1] != '-') ||
			    (p->str[2] != 'x' && p->str[2] != '-'))
				return FAILN(ld, p, "perm must look like \"rw-\" or \"r-x\"");
			vm->read = p->str[0] == 'r';
			vm->write = p->str[1] == 'w';
			vm->exec = p->str[2] == 'x';
		}
		*nout = i + 1;
	}
	return 0;
}

static const char *const sync_words[] = { "copied", "already", "no-master", "no-master-pte",
					  "bug", NULL };

/* Run the fault: the walk, do_page_fault's route and, for a vmalloc fault,
 * vmalloc_sync_one on a copy of memory and the walk again. */
static int fault_run(struct ld *ld, const struct ynode *m, struct step_fault *f,
		     const struct arch *a)
{
	walk_run(a, f->setup.mem, f->setup.cr3, f->addr, f->access, &f->before);
	f->mem_after = f->setup.mem;
	f->faulted = f->before.status != WALK_OK;
	if (f->faulted) {
		struct fault_in in = { .addr = f->addr, .error_code = f->before.error_code,
				       .task_size = f->task_size, .vmas = f->vmas,
				       .nvmas = f->nvmas };
		f->error_code = f->before.error_code;
		f->path = fault_route(&in);
		if (f->path == FAULT_VMALLOC_SYNC) {
			f->mem_after = physmem_clone(f->setup.mem);
			if (!f->mem_after) {
				f->mem_after = f->setup.mem;
				return FAILN(ld, m, "out of memory");
			}
			f->synced = true;
			f->retried = fault_vmalloc_sync(a, f->mem_after, f->setup.cr3,
							f->setup.master_cr3, f->addr, &f->sync) == 0;
			f->copied = f->sync.old_value != f->sync.new_value;
			walk_run(a, f->mem_after, f->setup.cr3, f->addr, f->access, &f->after);
		}
	}
	return 0;
}

/* expect: of a fault step: the walk keys, path: and sync:. */
static int fault_expect(struct ld *ld, const struct ynode *e, const struct step_fault *f,
			const struct addr_fields *fl)
{
	static const char *const fault_expect_keys[] = {
		"pgd", "p4d", "pud", "pmd", "pte", "offset", "entry", "value", "table",
		"status", "phys", "frame", "page_size", "error_code", "levels", "path",
		"sync", NULL
	};

	if (ynode_want(e, YNODE_MAP, "expect", ld->path, ld->d) < 0 ||
	    ynode_known_keys(e, fault_expect_keys, "expect", ld->path, ld->d) < 0)
		return -1;
	for (size_t i = 0; i < e->n; i++) {
		const struct ynode *k = e->items[2 * i], *v = e->items[2 * i + 1];
		bool h;
		if (ld_key_eq(k, "path")) {
			if (ld_expect_word(ld, v, "path", f->faulted ?
					   fault_path_name(f->path) : "none") < 0)
				return -1;
			continue;
		}
		if (ld_key_eq(k, "sync")) {
			if (ld_expect_word(ld, v, "sync", f->synced ?
					   sync_words[f->sync.result] : "none") < 0)
				return -1;
			continue;
		}
		if (ld_expect_walk_key(ld, k, v, fl, &f->before,
				       f->synced ? &f->after : &f->before, f->error_code,
				       &h) < 0)
			return -1;
	}
	return 0;
}

int ld_fault(struct ld *ld, const struct ynode *m, struct step *s)
{
	static const char *const keys[] = { "arch", "tables_at", "cr3", "mappings", "entries",
					    "addr", "access", "user", "task_size", "vmas",
					    "expect", NULL };
	struct step_fault *f = &s->u.fault;
	const struct arch *a;
	const struct ynode *e, *n;
	struct addr_fields fl;
	struct ph_ctx c = { 0 };

	if (ld_step_keys(ld, m, keys, "fault") < 0 || ld_need(ld, m, "addr", "fault") < 0 ||
	    ld_step_arch(ld, m, &a) < 0)
		return -1;
	if (a->word_bits != 32)
		return FAILN(ld, ynode_get(m, "arch") ? ynode_get(m, "arch") : m,
			     "fault steps model the i386 fault path: x86-32 or x86-32-pae, not %s",
			     a->name);
	if (ld_tables(ld, m, a, &f->setup, true, NULL, NULL) < 0 ||
	    ld_addr(ld, ynode_get(m, "addr"), a, "addr", &f->addr) < 0 ||
	    ld_access(ld, m, &f->access) < 0)
		return -1;
	f->task_size = DEFAULT_TASK_SIZE;
	if ((n = ynode_get(m, "task_size")) &&
	    ld_u64(ld, n, arch_word_mask(a), "task_size", &f->task_size) < 0)
		return -1;
	if ((n = ynode_get(m, "vmas")) && ld_vmas(ld, n, &f->vmas, &f->nvmas, a) < 0)
		return -1;
	if (fault_run(ld, m, f, a) < 0)
		return -1;
	addr_split(a, f->addr, &fl, NULL);
	if ((e = ynode_get(m, "expect")) && fault_expect(ld, e, f, &fl) < 0)
		return -1;
	c.a = a;
	c.addr = f->addr;
	c.f = &fl;
	c.w = &f->before;
	c.cr3 = f->setup.cr3;
	c.fault = f;
	return ld_expand_text(ld, m, s, ld_ph_resolve, &c);
}

