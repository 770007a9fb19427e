/*
 * cli/svg.h - small charts as inline SVG for the HTML report: horizontal
 * bars, diverging bars, lines over periods, a heat map.
 *
 * Every chart is one <svg class="chart"> element with role="img", a
 * <title> and a <desc> (aria-labelledby both), axis labels and a unit.
 * Every drawn data mark (a bar, a point, a cell) carries class="mark" and
 * its own <title> with the exact number, so that tests can count marks
 * and a reader can hover for the value.  Numbers are printed in German
 * notation (html_num()).  Text is escaped; labels may be any UTF-8.
 *
 * The charts are deterministic: the same input gives the same bytes.
 */
#ifndef SW_CLI_SVG_H
#define SW_CLI_SVG_H

#include <stddef.h>
#include <stdio.h>

/** What every chart has: an id (unique in the page), texts, a unit. */
typedef struct svg_chart {
	const char *id;      /**< element id prefix, ASCII, unique in the page */
	const char *title;   /**< chart title */
	const char *desc;    /**< one sentence: what is shown (screen readers) */
	const char *xlabel;  /**< label of the value axis (with its unit) */
	const char *ylabel;  /**< label of the other axis (may be NULL) */
	int decimals;        /**< decimals of values in labels and titles */
	const char *unit;    /**< unit in the marks' tooltips; NULL: xlabel */
} svg_chart;

/** One bar: a label, a value, an optional link (href, e.g. "#kw-3"). */
typedef struct svg_bar {
	const char *label;
	double value;
	const char *href;    /**< NULL: no link */
	const char *note;    /**< extra text in the mark's tooltip, or NULL */
} svg_bar;

/** Horizontal bars from zero, one row per bar, in the order given. */
void svg_hbars(FILE *f, const svg_chart *c, const svg_bar *bars, size_t n);

/**
 * Diverging bars around zero: positive values to the right (labelled
 * right_label above the plot), negative to the left (left_label).
 */
void svg_diverging(FILE *f, const svg_chart *c, const svg_bar *bars, size_t n,
		   const char *left_label, const char *right_label);

/** One line of a line chart: values[i] belongs to period i (NaN: no point). */
typedef struct svg_series {
	const char *name;
	const double *values;
	const char *href;    /**< legend link, or NULL */
} svg_series;

/**
 * Lines over periods (x labels in order), one colour per series, a legend.
 * partial (NULL: none) marks periods covered only in part: segments to or
 * from them are dashed and their marks hollow.
 */
void svg_lines(FILE *f, const svg_chart *c, const char *const *periods, size_t nperiods,
	       const unsigned char *partial, const svg_series *series, size_t nseries);

/**
 * A small line chart of one series (for small multiples): values[i] for
 * period i (NaN: stepped over), on a value axis from 0 to ymax shared by
 * the multiples, the first and last period labelled.
 */
void svg_mini_lines(FILE *f, const svg_chart *c, const char *const *periods, size_t nperiods,
		    const double *values, double ymax, const char *colour);

/**
 * A heat map of nrows x ncols cells (values row-major; NaN: empty cell),
 * shaded from white (0) to the maximum, each cell with its number.
 */
void svg_heatmap(FILE *f, const svg_chart *c, const char *const *rows, size_t nrows,
		 const char *const *cols, size_t ncols, const double *values);

/** The colour of series i (cycles through a palette for colour-blind readers). */
const char *svg_colour(size_t i);

#endif
