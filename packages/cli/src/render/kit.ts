/** Building blocks of the HTML report's sections: escaping, tables, the unavailable note, charts as figures. */
import type { TopLevelSpec } from 'vega-lite';
import type { Book } from '../book.js';
import { renderChart } from '../charts.js';
import type { ReportResults, Section } from '../results.js';

/** What every section renderer draws from. */
export interface RenderContext {
  r: ReportResults;
  book: Book;
  /** Quote currency, the unit of every money column. */
  q: string;
}

/** One section of the report: its anchor id and its HTML (a `<section>` element, or '' to leave it out). */
export interface SectionRenderer {
  id: string;
  html(ctx: RenderContext): Promise<string> | string;
  /** The section's lines in the terminal summary (absent: HTML only). */
  text?(r: ReportResults): string[];
}

/** The terminal line saying why a section has no results, or null. */
export function unavailable<T>(s: Section<T>): string | null {
  return s.available ? null : `  unavailable: ${(s as { reason: string }).reason}`;
}

/** Shorten text to n characters with an ellipsis. */
export const clip = (x: string, n: number): string => (x.length > n ? `${x.slice(0, n - 1)}…` : x);

/** Escape text for HTML. */
export function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** A table; headers starting with '>' are right-aligned numeric columns. Cells are escaped. */
export function table(headers: string[], rows: string[][], opts: { foot?: string[][] } = {}): string {
  if (rows.length === 0) return '<p class="none">None.</p>';
  const cls = (i: number) => (headers[i].startsWith('>') ? ' class="num"' : '');
  const th = headers.map((h, i) => `<th${cls(i)}>${esc(h.replace(/^>/, ''))}</th>`).join('');
  const line = (r: string[]) => `<tr>${r.map((c, i) => `<td${cls(i)}>${esc(c)}</td>`).join('')}</tr>`;
  const foot = opts.foot?.length ? `<tfoot>${opts.foot.map(line).join('\n')}</tfoot>` : '';
  return `<table><thead><tr>${th}</tr></thead><tbody>${rows.map(line).join('\n')}</tbody>${foot}</table>`;
}

/** The reason a section has no results, or ''. */
export function note<T>(s: Section<T>): string {
  return s.available ? '' : `<p class="unavailable">Unavailable: ${esc((s as { reason: string }).reason)}</p>`;
}

/** A chart rendered to inline SVG inside a captioned figure. */
export async function figure(id: string, spec: TopLevelSpec, caption: string): Promise<string> {
  const svg = await renderChart(spec);
  return `<figure class="chart" id="chart-${id}" data-chart="${id}">${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}

/** A `<section>` with its id and heading. */
export function section(id: string, title: string, body: string): string {
  return `<section id="${id}"><h2>${title}</h2>${body}</section>`;
}
