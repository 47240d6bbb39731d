import { unparse } from 'papaparse';

/** RFC 4180 CSV (CRLF, quotes doubled), UTF-8 with a header row. Values are written exactly as read. */
export function toCsv(rows: Record<string, string>[], columns: string[]): string {
  return (
    unparse({ fields: columns, data: rows.map((r) => columns.map((c) => r[c] ?? '')) }, { newline: '\r\n' }) +
    '\r\n'
  );
}
