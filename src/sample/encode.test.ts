import { canEncode, encodeText, hasCyrillic } from './encode';

const mixed = 'São Tomé — “Закон” ☒ 5G 🌐\nline two';

describe('encodeText', () => {
  it('writes UTF-8 with and without a byte order mark', () => {
    const plain = encodeText(mixed, 'utf-8');
    const bom = encodeText(mixed, 'utf-8-bom');
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect([...bom.subarray(3)]).toEqual([...plain]);
    expect(new TextDecoder('utf-8').decode(plain)).toBe(mixed);
  });

  it('writes UTF-16 in both byte orders with a byte order mark, surrogate pairs included', () => {
    const le = encodeText(mixed, 'utf-16le');
    const be = encodeText(mixed, 'utf-16be');
    expect([...le.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect([...be.subarray(0, 2)]).toEqual([0xfe, 0xff]);
    expect(new TextDecoder('utf-16le').decode(le.subarray(2))).toBe(mixed);
    expect(new TextDecoder('utf-16be').decode(be.subarray(2))).toBe(mixed);
  });

  it('writes windows-1251 byte for byte as the platform decoder reads it', () => {
    const decoder = new TextDecoder('windows-1251');
    for (let byte = 0x80; byte <= 0xff; byte++) {
      if (byte === 0x98) continue; // unassigned in windows-1251
      const ch = decoder.decode(new Uint8Array([byte]));
      expect([...encodeText(ch, 'windows-1251')]).toEqual([byte]);
    }
    const text = 'Министерство связи — «Цифровое развитие» № 8, Україна, Ђорђевић';
    expect(decoder.decode(encodeText(text, 'windows-1251'))).toBe(text);
  });

  it('writes windows-1252 with its own characters at 0x80–0x9F', () => {
    expect([...encodeText('€‚„…‘’“”–—™', 'windows-1252')]).toEqual([
      0x80, 0x82, 0x84, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99,
    ]);
    const latin = 'Côte d’Ivoire, São Tomé, Müller, Ñandú';
    const bytes = encodeText(latin, 'windows-1252');
    expect(bytes.length).toBe([...latin].length);
    expect([...encodeText('é', 'windows-1252')]).toEqual([0xe9]);
  });

  it('refuses characters a code page lacks', () => {
    expect(canEncode('Cyrillic Закон', 'windows-1252')).toBe(false);
    expect(canEncode('România: Ștefan', 'windows-1252')).toBe(false);
    expect(canEncode('Café', 'windows-1251')).toBe(false);
    expect(canEncode('☒ Yes', 'windows-1251')).toBe(false);
    expect(canEncode('Закон «О связи» — № 8', 'windows-1251')).toBe(true);
    expect(canEncode('anything ☒ 🌐', 'utf-16be')).toBe(true);
    expect(() => encodeText('☒ Yes', 'windows-1252')).toThrow(/U\+2612/);
  });

  it('turns LF into CRLF on request and leaves text alone otherwise', () => {
    expect(new TextDecoder().decode(encodeText('a\nb\r\nc\n', 'utf-8', 'crlf'))).toBe('a\r\nb\r\nc\r\n');
    expect(new TextDecoder().decode(encodeText('a\nb\r\nc', 'utf-8', 'lf'))).toBe('a\nb\r\nc');
    const le = encodeText('a\nb', 'utf-16le', 'crlf');
    expect(new TextDecoder('utf-16le').decode(le.subarray(2))).toBe('a\r\nb');
  });

  it('tells Cyrillic text apart', () => {
    expect(hasCyrillic('Беларусь')).toBe(true);
    expect(hasCyrillic('Belarus')).toBe(false);
  });
});
