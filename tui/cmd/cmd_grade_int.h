/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_grade_int.h - `pagewalk grade`'s parts: cmd_grade.c reads the
 * options and grades the class with the engine; cmd_grade_out.c lays the
 * graded class out (table, flags and notes, statistics, summary) and
 * writes the CSV; cmd_csv.c makes CSV cells a spreadsheet keeps as text.
 */
#ifndef PAGEWALK_CMD_GRADE_INT_H
#define PAGEWALK_CMD_GRADE_INT_H

#include <stdio.h>

#include "lesson/lab.h"

/* Print each file that could not be read as FILE:LINE:COL: message on
 * stderr (a journal's problem too), and the students skipped. */
void cmd_grade_bad_files(const struct lab_class *cl);
/* Table, flags and notes, statistics, CSV and summary of a graded class;
 * the exit status (0 all good, 1 a bad file or a flagged result, or the
 * CSV could not be written). */
int cmd_grade_report(const struct lab_class *cl, const struct lesson *l, const char *csv);

/* One CSV cell (RFC 4180 quoting), kept text by a spreadsheet: a cell it
 * would read as a formula (= + - @, a tab or CR first) gets a ' in front;
 * one it would read as a number, a date, a time, a truth or error value
 * (00123, 1-12, 1e5, 3:04, 3 pm, (42), 5 €, TRUE, #N/A, Jan-12, １２３,
 * 1月2日, 2026-01-05T09:00:00Z, a seed) is written ="..." so it stays the
 * text it is. */
void cmd_csv_cell(FILE *f, const char *s);
/* Whether a spreadsheet would read s as a number, date, time or boolean. */
bool cmd_csv_looks_numeric(const char *s);

#endif
