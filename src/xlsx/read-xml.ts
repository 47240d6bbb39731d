import { decodeXstring } from './xml';

/** Just enough XML reading for SpreadsheetML parts: attributes, text, entities. */

const entity = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(entity, (_, dec?: string, hex?: string, name?: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : named[name!],
  );
}

/** Element text or attribute value as the data it holds: entities, then Excel's `_xHHHH_` escapes. */
export function textValue(raw: string): string {
  return decodeXstring(decodeEntities(raw));
}

const attribute = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Attributes of a start tag's inside, keyed by local name (prefixes dropped), values decoded. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(attribute)) {
    const local = m[1].includes(':') ? m[1].slice(m[1].indexOf(':') + 1) : m[1];
    // xmlns declarations are no data.
    if (m[1] === 'xmlns' || m[1].startsWith('xmlns:')) continue;
    out[local] = textValue(m[2] ?? m[3] ?? '');
  }
  return out;
}

/** Start tags of elements with a local name (any prefix), with their attributes. */
export function* elements(xml: string, localName: string): Generator<Record<string, string>> {
  const re = new RegExp(`<(?:[\\w.-]+:)?${localName}\\b([^>]*?)/?>`, 'g');
  for (const m of xml.matchAll(re)) yield attributes(m[1]);
}

/**
 * The text of a string item (`<si>` or `<is>`): its `<t>` runs joined, phonetic runs (`<rPh>`)
 * left out.
 */
export function stringItemText(inner: string): string {
  const body = inner.includes('<rPh') ? inner.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : inner;
  let text = '';
  for (const m of body.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) text += m[1] ?? '';
  return textValue(text);
}
