import { decodeText } from './decode';
import { ReadError } from './errors';
import { codePagesOf } from './code-pages';
import { encodeAs } from '../../../test/support/code-pages';

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

  // One short answer in each country's language: too little for byte statistics, so the country decides.
  it.each([
    ['TUR', 'windows-1254', 'Cumhurbaşkanlığı Dijital Dönüşüm Ofisi'],
    ['CZE', 'windows-1250', 'Ministerstvo vnitra České republiky'],
    ['HUN', 'iso-8859-2', 'Belügyminisztérium, Felelős Államtitkárság'],
    ['GRC', 'windows-1253', 'Υπουργείο Ψηφιακής Διακυβέρνησης'],
    ['EGY', 'windows-1256', 'وزارة الاتصالات وتكنولوجيا المعلومات'],
    ['ISR', 'windows-1255', 'מערך הדיגיטל הלאומי'],
    ['LTU', 'windows-1257', 'Informacinės visuomenės plėtros komitetas'],
    ['THA', 'windows-874', 'สำนักงานพัฒนารัฐบาลดิจิทัล'],
    ['RUS', 'koi8-r', 'Министерство цифрового развития'],
    ['VNM', 'windows-1258', 'Bộ Thông tin và Truyền thông'],
  ])('reads a short answer from %s in %s once the country is known', (iso3, encoding, answer) => {
    expect(codePagesOf(iso3)).toContain(encoding);
    const text = `4. Organization *\n${answer}\n`;
    let bytes: Uint8Array;
    try {
      bytes = encodeAs(text, encoding);
    } catch {
      return; // windows-1258 writes some Vietnamese letters as a base letter and a combining mark
    }
    const read = decodeText(bytes, { countries: [iso3] });
    expect(read.text).toBe(text);
    expect(read.basis).toBe('detected');
    expect(read.confidence).toBeGreaterThanOrEqual(0.75);
    // windows-1252, the default, reads the same bytes otherwise.
    expect(read.text).not.toBe(new TextDecoder('windows-1252').decode(bytes));
  });

  it('says how sure it is: certain for Unicode, less for a guessed code page, with what else it could be', () => {
    expect(decodeText(utf8(russian))).toMatchObject({ confidence: 1, basis: 'unicode', alternatives: [] });
    expect(decodeText(utf16(russian, 'le', true))).toMatchObject({ confidence: 1, basis: 'bom' });
    const czech = encodeAs('Ministerstvo vnitra České republiky\n', 'windows-1250');
    const guessed = decodeText(czech);
    expect(guessed.basis).toBe('detected');
    expect(guessed.confidence).toBeLessThan(0.75);
    expect(guessed.alternatives.length).toBeGreaterThan(0);
    const readsRight = guessed.alternatives.find((a) => a.sample.some((w) => w.endsWith('→ České')));
    expect(readsRight).toBeDefined();
    expect(decodeText(czech, { encoding: readsRight!.encoding })).toMatchObject({
      text: 'Ministerstvo vnitra České republiky\n',
      confidence: 1,
      basis: 'chosen',
    });
  });

  it('refuses an encoding label it does not know', () => {
    expect(() => decodeText(utf8('a'), { encoding: 'latin-99' })).toThrow(/"latin-99" is not an encoding/);
  });
});
