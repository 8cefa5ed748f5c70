/* SPDX-License-Identifier: GPL-2.0-only */
/* datadir.h - where lessons and traces are looked for, in one order.
 *
 * For each kind of data the search order is: the directory named by the
 * environment ($PAGEWALK_LESSONS, $PAGEWALK_TRACES) when set and not empty,
 * then ./lessons or ./traces (a clone's own, when run beside it), then the
 * installed data directory's lessons/ or traces/. The installed directory is
 * compiled into datadir.c alone (-DPAGEWALK_DATADIR); the Makefile rebuilds
 * that object whenever DATADIR (PREFIX) changes.
 *
 * Nothing here allocates or fails; the strings returned point into the
 * environment or static storage and stay valid until the environment
 * changes.
 */
#ifndef PAGEWALK_DATADIR_H
#define PAGEWALK_DATADIR_H

enum data_kind { DATA_LESSONS, DATA_TRACES, DATA_KINDS };

#define DATADIR_SEARCH_MAX 3

/* Fill dirs with kind k's search order, first first; returns the count
 * (2 without the environment variable, else 3). */
int datadir_search(enum data_kind k, const char *dirs[DATADIR_SEARCH_MAX]);

/* The installed data directory, e.g. "/usr/local/share/pagewalk". */
const char *datadir_installed(void);

#endif
