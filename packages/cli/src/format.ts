import { Decimal } from 'decimal.js';
/** Number and table formatting shared by the terminal summary and the HTML report. */

/** Money-like figure with thousands separators and `digits` decimals (default 0); `-0` prints as `0`. */
/**
 * An exact decimal amount (a Money string such as `"411999.99999999994"` or `"12.5"`) rounded half-even to `digits`
 * decimals in decimal arithmetic, grouped: `"1,234.50"`. No binary float touches the value.
 */
export function fmtExact(x: string, digits = 2): string {
  const fixed = new Decimal(x).toDecimalPlaces(digits, Decimal.ROUND_HALF_EVEN).toFixed(digits);
  const [int, frac] = fixed.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const grouped = (sign ? int.slice(1) : int).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const out = `${sign}${grouped}${frac === undefined ? '' : `.${frac}`}`;
  return /^-0(\.0*)?$/.test(out) ? out.slice(1) : out;
}

export function fmtMoney(x: number | string, digits = 0): string {
  const n = typeof x === 'string' ? Number(x) : x;
  if (!Number.isFinite(n)) return String(x);
  const v = Math.abs(n) < 0.5 * 10 ** -digits ? 0 : n;
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A plain number to `sig` significant digits, grouped. */
export function fmtNum(x: number, sig = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-3) return x.toExponential(sig - 1);
  const digits = Math.max(0, sig - 1 - Math.floor(Math.log10(a)));
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A fraction as a percentage. */
export function fmtPct(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** Align rows into a text table; columns whose header starts with '>' are right-aligned. */
export function textTable(headers: string[], rows: string[][], indent = '  '): string {
  if (rows.length === 0) return `${indent}none`;
  const right = headers.map((h) => h.startsWith('>'));
  const hs = headers.map((h) => h.replace(/^>/, ''));
  const widths = hs.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    indent +
    cells
      .map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(hs), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
