/**
 * Check boxes drawn with symbol fonts. Word's Insert > Symbol stores a Wingdings character as
 * `<w:sym w:font="Wingdings" w:char="F0FE"/>` (the font's code 0xFE in the private-use range
 * U+F000–U+F0FF), or as text in a run set in that font. The glyph shown is the font's, so the same
 * code means a box in one font and a letter in another.
 */

export const CHECKED = '\u2612';
export const UNCHECKED = '\u2610';

/** Font → code (0x00–0xFF) → checked (true) or empty (false). Only codes that draw a box or a radio button. */
const BOXES: Record<string, Record<number, boolean>> = {
  wingdings: {
    0xfe: true, // ☑ box with a check
    0xfd: true, // ☒ box with an X
    0x78: true, // ⌧ X in a box
    0xa4: true, // ◉ filled radio button
    0xa8: false, // ◻ empty box
    0x6f: false, // □ empty box
    0x70: false, // ◻ empty box, heavier
    0x71: false, // ❑ shadowed empty box
    0x72: false, // ❒ shadowed empty box
    0xa1: false, // ○ empty radio button
  },
  'wingdings 2': {
    0x51: true, // ☒ box with an X
    0x52: true, // ☑ box with a check
    0x53: true, // ☒ box with a bold X
    0x54: true, // ☒ box with a script X
    0x2a: false, // ☐ empty box
    0xa2: false, // □ empty box, light
    0xa3: false, // □ empty box
    0xa4: false, // □ empty box, heavy
  },
};

/** Fonts whose characters are pictures, not letters. */
const SYMBOL_FONTS = new Set(['wingdings', 'wingdings 2', 'wingdings 3', 'webdings', 'symbol']);

export const isSymbolFont = (font: string | undefined): boolean =>
  font !== undefined && SYMBOL_FONTS.has(font.trim().toLowerCase());

/** The font's code of a character: U+F0xx and U+00xx both stand for xx. */
function codeOf(char: number): number | undefined {
  if (char >= 0xf000 && char <= 0xf0ff) return char - 0xf000;
  if (char <= 0xff) return char;
  return undefined;
}

/** ☒ or ☐ for a check box drawn with a symbol font; undefined for any other symbol. */
export function boxOf(font: string | undefined, char: number): string | undefined {
  const table = font === undefined ? undefined : BOXES[font.trim().toLowerCase()];
  const code = codeOf(char);
  if (!table || code === undefined || !(code in table)) return undefined;
  return table[code] ? CHECKED : UNCHECKED;
}

/** `w:sym`'s `w:char`, hexadecimal ("F0FE"). */
export const symbolCode = (hex: string | undefined): number => (hex ? parseInt(hex, 16) : NaN);

/**
 * Text of a run in a symbol font as it shows: check boxes as ☒ / ☐, other private-use pictures
 * left out (they are no letters), anything else as typed.
 */
export function symbolText(font: string, text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const box = boxOf(font, code);
    if (box) out += box;
    else if (code < 0xe000 || code > 0xf8ff) out += ch;
  }
  return out;
}

/** Ballot boxes outside the ☐☑☒ block, as the ☒ / ☐ the questionnaire reader knows. */
export function unifyBallotBoxes(text: string): string {
  return /[\u{1f5f5}-\u{1f5f9}]/u.test(text) ? text.replace(/[\u{1f5f5}-\u{1f5f9}]/gu, CHECKED) : text;
}
