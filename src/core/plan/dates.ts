const isoPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?/;

/**
 * An Excel date serial for the wall-clock time written in an ISO 8601 string (any offset is
 * ignored: Excel dates carry no time zone); null when the text is not such a date.
 */
export function excelSerial(iso: string | undefined): number | null {
  if (!iso) return null;
  const m = isoPattern.exec(iso.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = m;
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Math.round(Number(`0.${frac}`) * 1000));
  if (Number.isNaN(ms)) return null;
  return ms / 86400000 + 25569;
}
