/** Limits Excel puts on cell text, sheet names, table names and links. */

export const maxCellText = 32767;
export const maxSheetName = 31;

/** Fits text into one cell; longer text is cut and ends with a visible marker. */
export function fitCellText(text: string): { text: string; truncated: boolean } {
  if (text.length <= maxCellText) return { text, truncated: false };
  const marker = ` … [truncated: ${text.length} characters]`;
  let cut = maxCellText - marker.length;
  // Never split a surrogate pair.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return { text: text.slice(0, cut) + marker, truncated: true };
}

/** A sheet name Excel accepts, unique (case-insensitively) among `used`, which it joins. */
export function safeSheetName(wanted: string, used: Set<string>): string {
  let base = wanted
    // eslint-disable-next-line no-control-regex -- control characters are what is being removed
    .replace(/[[\]:*?/\\\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
  if (!base || base.toLowerCase() === 'history') base = 'Sheet';
  base = base.slice(0, maxSheetName);
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = base.slice(0, maxSheetName - suffix.length) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

/** A table (or PivotTable) name Excel accepts, unique (case-insensitively) among `used`, which it joins. */
export function safeTableName(wanted: string, used: Set<string>): string {
  let base = wanted.replace(/[^A-Za-z0-9_.]/g, '_').replace(/_+/g, '_');
  if (!/^[A-Za-z_]/.test(base)) base = `T_${base}`;
  // Names that read as cell references (A1, R1C1) or the R/C shorthands are refused by Excel.
  if (/^[A-Za-z]{1,3}\d+$/.test(base) || /^[RrCc]$/.test(base) || /^[Rr]\d*[Cc]\d*$/.test(base))
    base = `T_${base}`;
  base = base.slice(0, 250);
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}_${n}`;
  used.add(name.toLowerCase());
  return name;
}

/** Keeps a link only when it points inside the workbook (`#...`) or to an http(s) address. */
export function safeLinkTarget(target: string): string | undefined {
  const t = target.trim();
  if (/^#'[^']*(?:''[^']*)*'![A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?$/.test(t)) return t;
  if (/^#[A-Za-z_][A-Za-z0-9_.]*![A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?$/.test(t)) return t;
  if (/^https?:\/\/[^\s"<>\\^`{|}]+$/i.test(t) && t.length <= 2000) {
    try {
      const url = new URL(t);
      if (url.protocol === 'http:' || url.protocol === 'https:') return t;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
