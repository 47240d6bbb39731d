/**
 * Streaming reads of WordprocessingML parts: element names reduced to a fixed prefix per namespace
 * ("w:p" whatever prefix the file declares), so the readers compare plain strings.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ReadError } from './errors';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
/** The prefix each namespace the readers look at is known by. */
const PREFIXES: Record<string, string> = {
  [W]: 'w',
  // Strict Open XML (ISO/IEC 29500 strict) names the main namespace otherwise.
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.microsoft.com/office/word/2010/wordml': 'w14',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'rel',
};

export interface XmlElement {
  /** The element's name with its namespace's fixed prefix ("w:p", "w14:checked"). */
  name: string;
  /** Attribute values by name, with the same fixed prefixes ("w:val"). */
  attr(name: string): string | undefined;
  selfClosing: boolean;
}

export interface XmlHandler {
  open(el: XmlElement): void;
  close(name: string): void;
  text(text: string): void;
}

/**
 * Parses `xml` and calls the handler per element and text. Prefixes are resolved from the
 * declarations on the root element and on any element that declares one (rare in Word's output).
 */
export function walkXml(xml: string, part: string, handler: XmlHandler): void {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  // Prefixes declared in the file → fixed prefixes, and the names already translated in that scope.
  interface Scope {
    prefixes: Map<string, string>;
    names: Map<string, string>;
  }
  const scopes: Scope[] = [{ prefixes: new Map(), names: new Map() }];
  const rename = (raw: string, scope: Scope): string => {
    let name = scope.names.get(raw);
    if (name !== undefined) return name;
    const colon = raw.indexOf(':');
    const fixed = scope.prefixes.get(colon < 0 ? '' : raw.slice(0, colon));
    name = fixed === undefined ? raw : `${fixed}:${raw.slice(colon + 1)}`;
    scope.names.set(raw, name);
    return name;
  };
  parser.on('opentag', (tag: SaxesTagPlain) => {
    let scope = scopes[scopes.length - 1];
    const attrs = tag.attributes as Record<string, string>;
    for (const key in attrs) {
      if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
      if (scope === scopes[scopes.length - 1])
        scope = { prefixes: new Map(scope.prefixes), names: new Map() };
      const fixed = PREFIXES[attrs[key]];
      const prefix = key === 'xmlns' ? '' : key.slice(6);
      if (fixed !== undefined) scope.prefixes.set(prefix, fixed);
      else scope.prefixes.delete(prefix);
    }
    scopes.push(scope);
    const current = scope;
    handler.open({
      name: rename(tag.name, current),
      selfClosing: tag.isSelfClosing,
      attr(wanted: string): string | undefined {
        // Unprefixed attributes belong to no namespace; prefixed ones are compared by namespace.
        if (!wanted.includes(':')) return attrs[wanted];
        if (wanted in attrs && rename(wanted, current) === wanted) return attrs[wanted];
        for (const key in attrs) if (key.includes(':') && rename(key, current) === wanted) return attrs[key];
        return undefined;
      },
    });
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    const scope = scopes.pop() ?? scopes[0];
    handler.close(rename(tag.name, scope));
  });
  parser.on('text', (text: string) => handler.text(text));
  parser.on('cdata', (text: string) => handler.text(text));
  try {
    parser.write(xml).close();
  } catch (err) {
    throw new ReadError(
      'malformed',
      `the Word document's ${part} is not well-formed XML: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** The "on" value of a toggle property: absent value or 1/true/on. */
export const isOn = (value: string | undefined): boolean =>
  value === undefined || /^(1|true|on)$/i.test(value);
