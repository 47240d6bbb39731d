import { decodeText } from './decode';
import { ReadError } from './errors';

const utf8 = (s: string) => new TextEncoder().encode(s);

function utf16(s: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const units = bom ? [0xfeff] : [];
  for (let i = 0; i < s.length; i++) units.push(s.charCodeAt(i));
  const bytes = new Uint8Array(units.length * 2);
  units.forEach((u, i) => {
    const [hi, lo] = [u >> 8, u & 0xff];
    bytes[2 * i] = order === 'le' ? lo : hi;
    bytes[2 * i + 1] = order === 'le' ? hi : lo;
  });
  return bytes;
}

/** Code page bytes from a table of the letters used, values from the published code charts. */
function codePage(s: string, table: Record<string, number>): Uint8Array {
  return Uint8Array.from(s, (ch) => {
    if (ch.charCodeAt(0) < 0x80) return ch.charCodeAt(0);
    const b = table[ch];
    if (b === undefined) throw new Error(`no byte for ${ch}`);
    return b;
  });
}

// windows-1251: А..я run from 0xC0 to 0xFF; Ё 0xA8, ё 0xB8, «» 0xAB 0xBB, — 0x97.
const cp1251: Record<string, number> = { Ё: 0xa8, ё: 0xb8, '«': 0xab, '»': 0xbb, '—': 0x97 };
for (let i = 0; i < 64; i++) cp1251[String.fromCharCode(0x410 + i)] = 0xc0 + i;

// windows-1252: Latin-1 above 0xA0, plus the typographic characters at 0x80–0x9F.
const cp1252: Record<string, number> = { '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '€': 0x80, œ: 0x9c };
for (let b = 0xa0; b <= 0xff; b++) cp1252[String.fromCharCode(b)] = b;

const russian =
  '1. Country name *\nБеларусь\n\n4. Organization *\nМинистерство связи и информатизации Республики Беларусь\n' +
  '«Электронное правительство» — ёмкий проект\n';
const western =
  "1. Country name *\nSão Tomé and Príncipe\n\n4. Organization *\nMinistère de l’Économie, Côte d'Ivoire\n" +
  'Coração “digital” – 5 € cœur\n';

describe('decodeText', () => {
  it.each([
    ['UTF-8', utf8(western), 'utf-8'],
    ['UTF-8 with BOM', Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(western)]), 'utf-8'],
    ['UTF-16LE with BOM', utf16(western, 'le', true), 'utf-16le'],
    ['UTF-16BE with BOM', utf16(western, 'be', true), 'utf-16be'],
    ['UTF-16LE without BOM', utf16(western, 'le', false), 'utf-16le'],
    ['UTF-16BE without BOM', utf16(western, 'be', false), 'utf-16be'],
    ['windows-1252', codePage(western, cp1252), 'windows-1252'],
    ['windows-1252 with CRLF', codePage(western.replace(/\n/g, '\r\n'), cp1252), 'windows-1252'],
  ])('reads accented Latin text in %s', (_, bytes, encoding) => {
    expect(decodeText(bytes)).toMatchObject({ text: western, encoding });
  });

  it.each([
    ['UTF-8', utf8(russian), 'utf-8'],
    ['UTF-8 with BOM and CRLF', utf8(`\ufeff${russian.replace(/\n/g, '\r\n')}`), 'utf-8'],
    ['UTF-16LE without BOM', utf16(russian, 'le', false), 'utf-16le'],
    ['UTF-16BE with BOM', utf16(russian, 'be', true), 'utf-16be'],
    ['windows-1251', codePage(russian, cp1251), 'windows-1251'],
    ['windows-1251 with CR line ends', codePage(russian.replace(/\n/g, '\r'), cp1251), 'windows-1251'],
  ])('reads Cyrillic text in %s', (_, bytes, encoding) => {
    expect(decodeText(bytes)).toMatchObject({ text: russian, encoding });
  });

  it('reads the single code-page bytes the code charts give', () => {
    expect(decodeText(Uint8Array.from([...utf8('Country: '), 0xe0, 0x20, 0x6c, 0x61])).text).toBe(
      'Country: à la',
    );
    expect(decodeText(codePage('Страна: Россия, город Москва', cp1251)).text).toBe(
      'Страна: Россия, город Москва',
    );
  });

  it('keeps plain ASCII and empty input as they are', () => {
    expect(decodeText(utf8('a\r\nb\rc\n'))).toMatchObject({ text: 'a\nb\nc\n', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array())).toMatchObject({ text: '', encoding: 'utf-8' });
  });

  it('rejects binary data', () => {
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    const controls = Uint8Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 8) : 0x41));
    for (const bytes of [png, noise, controls]) {
      expect(() => decodeText(bytes)).toThrow(ReadError);
      try {
        decodeText(bytes);
      } catch (e) {
        expect((e as ReadError).code).toBe('binary');
      }
    }
  });

  it('tolerates a stray control character in otherwise plain text', () => {
    expect(decodeText(utf8('Country name\u0007\nChile\n')).text).toBe('Country name\u0007\nChile\n');
  });
});
