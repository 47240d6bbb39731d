import { unparse } from 'papaparse';

/**
 * RFC 4180 CSV (CRLF, quotes doubled), UTF-8 with a header row. Values are written exactly as read,
 * unless `guardFormulas` is set: then a value that a spreadsheet would run as a formula (starting
 * with = + - @, tab or carriage return) is prefixed with an apostrophe, as OWASP recommends.
 */
export function toCsv(rows: Record<string, string>[], columns: string[], guardFormulas = false): string {
  const data = rows.map((r) => columns.map((c) => r[c] ?? ''));
  return unparse({ fields: columns, data }, { newline: '\r\n', escapeFormulae: guardFormulas }) + '\r\n';
}
