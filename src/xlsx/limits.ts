import { fitCellText } from '../core/plan/text-safety';

/**
 * Excel's limits (Microsoft's "Excel specifications and limits" and the ECMA-376 schema), held by the
 * writer whatever plan it is given: a file past one of them opens only after Excel's repair.
 */
export const limits = {
  /** Characters in a cell (and so in a table header). */
  cellText: 32767,
  /** Rows and columns of a worksheet. */
  rows: 1048576,
  columns: 16384,
  /** Characters of a sheet name. */
  sheetName: 31,
  /** Characters of a table or PivotTable name. */
  tableName: 255,
  /** Characters of one string literal in a formula (conditional formats, list validations). */
  formulaLiteral: 255,
  /** Characters of a formula. */
  formula: 8192,
  /** Hyperlinks on one worksheet. */
  hyperlinksPerSheet: 65530,
  /** Characters of a hyperlink's address. */
  url: 2079,
  /** Column width, in characters. */
  columnWidth: 255,
} as const;

/** Text as a cell can hold it: longer text is cut and ends with a visible marker. */
export function cellText(text: string): string {
  return text.length > limits.cellText ? fitCellText(text).text : text;
}

/** A hex RGB colour (`1F4E78`, `#1F4E78`) as ARGB, or undefined when it is not one. */
export function argbColour(rgb: string | undefined): string | undefined {
  const hex = rgb?.trim().replace(/^#/, '');
  return hex && /^[0-9A-Fa-f]{6}$/.test(hex) ? `FF${hex.toUpperCase()}` : undefined;
}

/**
 * A text literal for a formula: Excel refuses a literal over 255 characters, so longer text is
 * written as literals of at most 255 characters joined by `&`. Undefined when even that exceeds
 * the formula length limit.
 */
export function textLiteral(text: string): string | undefined {
  const parts: string[] = [];
  for (let at = 0; at < text.length || !parts.length;) {
    let end = Math.min(at + limits.formulaLiteral, text.length);
    // Never split a surrogate pair between two literals.
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end--;
    parts.push(`"${text.slice(at, end).replace(/"/g, '""')}"`);
    at = end;
  }
  const formula = parts.join('&');
  return formula.length <= limits.formula ? formula : undefined;
}

/**
 * The inline list of a drop-down validation: items joined by commas, at most 255 characters (quotes
 * doubled), no item holding a comma (Excel would split it). Items that do not fit are left out, and
 * `complete` says whether all were kept.
 */
export function validationList(items: readonly string[]): { formula: string; complete: boolean } {
  const kept: string[] = [];
  let length = 0;
  let complete = true;
  for (const item of items) {
    const quoted = item.replace(/"/g, '""');
    const extra = quoted.length + (kept.length ? 1 : 0);
    if (!item || item.includes(',') || length + extra > limits.formulaLiteral) {
      complete = false;
      continue;
    }
    kept.push(quoted);
    length += extra;
  }
  return { formula: `"${kept.join(',')}"`, complete };
}

/** Zip entries date from 1980 to 2107 (MS-DOS time); others wrap around, so they are held in range. */
export function zipDate(date: Date | undefined): Date {
  const min = Date.UTC(1980, 0, 1);
  const max = Date.UTC(2107, 11, 31, 23, 59, 58);
  const t = date?.getTime();
  return new Date(t === undefined || Number.isNaN(t) ? min : Math.min(max, Math.max(min, t)));
}

const isoDate = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** The document's creation time when `created` is an ISO 8601 date (years 1900 to 9999), else undefined. */
export function documentDate(created: string | undefined): Date | undefined {
  const text = created?.trim() ?? '';
  if (!isoDate.test(text)) return undefined;
  // A day the month does not have (2024-02-31) is refused, not rolled over.
  const [y, m, d] = text.slice(0, 10).split('-').map(Number);
  if (new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d || m < 1 || m > 12) return undefined;
  // A time without an offset is read as UTC, so the file does not depend on the machine's zone.
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/.test(text.slice(10))
    ? text
    : `${text}${text.length === 10 ? 'T00:00' : ''}Z`;
  const date = new Date(zoned.replace(' ', 'T'));
  const year = date.getUTCFullYear();
  return Number.isNaN(date.getTime()) || year < 1900 || year > 9999 ? undefined : date;
}
