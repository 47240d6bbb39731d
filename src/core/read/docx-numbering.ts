/**
 * Automatic list numbers as Word shows them. A numbered paragraph stores no number, only a list
 * (`w:numId`) and a level (`w:ilvl`), directly or through its paragraph style; `word/numbering.xml`
 * says how each level counts and prints, and the number is the paragraph's place in its list.
 */
import { isOn, walkXml, type XmlElement } from './docx-xml';

interface Level {
  start: number;
  format: string;
  /** `w:lvlText`, "%1." or "%1.%2)"; a bullet's character. */
  text: string;
  /** What follows the number: a tab, a space or nothing. */
  suffix: string;
  /** `w:isLgl`: the numbers of higher levels printed as decimals. */
  legal: boolean;
  /** `w:lvlRestart`: the level (1-based) after which this one restarts; 0 never. */
  restartAfter?: number;
  /** The font of the number, which decides what a bullet character shows. */
  font?: string;
}

interface AbstractNum {
  levels: Map<number, Level>;
  /** `w:numStyleLink`: the levels are those of the list a numbering style names. */
  styleLink?: string;
}

interface ListInstance {
  abstractId: string;
  /** `w:lvlOverride`: a level replaced, or started again at `w:startOverride`. */
  overrides: Map<number, { start?: number; level?: Level }>;
}

interface StyleNumbering {
  basedOn?: string;
  numId?: string;
  ilvl?: number;
}

/** One paragraph's list and level, as its properties give them. */
export interface NumberingRef {
  numId?: string;
  ilvl?: number;
  style?: string;
}

const MAX_LEVEL = 8;

const toInt = (value: string | undefined, fallback: number): number => {
  const n = value === undefined ? NaN : parseInt(value, 10);
  return Number.isFinite(n) ? n : fallback;
};

/** Letters count A…Z, then AA…ZZ, AAA…: Word repeats the letter. */
function letters(n: number): string {
  if (n <= 0) return '';
  const letter = String.fromCharCode(65 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [value, digits] of table) {
    while (n >= value) {
      out += digits;
      n -= value;
    }
  }
  return out;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${n % 10 > 3 ? 'th' : suffix}`;
}

/** A number in one of `w:numFmt`'s formats; formats not listed print as decimals. */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'upperLetter':
      return letters(n);
    case 'lowerLetter':
      return letters(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'ordinal':
      return ordinal(n);
    case 'decimalEnclosedCircle':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : String(n);
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** Bullets drawn from the Symbol and Wingdings fonts' private-use characters, as they show. */
const SYMBOL_BULLETS: Record<string, string> = {
  '\uf0b7': '\u2022', // Symbol: •
  '\uf0a7': '\u25aa', // Wingdings: ▪
  '\uf0d8': '\u27a2', // Wingdings: ➢
  '\uf076': '\u2756', // Wingdings: ❖
  '\uf0fc': '\u2714', // Wingdings: ✔
  '\uf06e': '\u25a0', // Wingdings: ■
  '\uf06c': '\u25cf', // Wingdings: ●
  '\uf0a8': '\u25a1', // Wingdings: □
  '\uf06f': '\u25a1', // Wingdings: □
  '\uf071': '\u2751', // Wingdings: ❑
};

function bulletOf(level: Level): string {
  const char = level.text;
  if (char === '') return '';
  return SYMBOL_BULLETS[char] ?? (/^[\ue000-\uf8ff]$/.test(char) ? '\u2022' : char);
}

/** The lists of a document, counting as the paragraphs come. */
export class Numbering {
  private readonly abstracts = new Map<string, AbstractNum>();
  private readonly lists = new Map<string, ListInstance>();
  private readonly styles = new Map<string, StyleNumbering>();
  /** Paragraph styles a list level names (`w:lvl/w:pStyle`): the style's level. */
  private readonly styleLevels = new Map<string, number>();
  /** Counters per list: a list started again (`w:startOverride`) counts on its own, others per abstract list. */
  private readonly counters = new Map<string, (number | undefined)[]>();

  constructor(numberingXml: string | undefined, stylesXml: string | undefined) {
    if (stylesXml) this.readStyles(stylesXml);
    if (numberingXml) this.readNumbering(numberingXml);
  }

  private readStyles(xml: string): void {
    let style: StyleNumbering | undefined;
    let depth = 0;
    let inPPr = false;
    walkXml(xml, 'styles', {
      open: (el) => {
        if (el.name === 'w:style') {
          style = undefined;
          depth = 0;
          const id = el.attr('w:styleId');
          if (id !== undefined && (el.attr('w:type') ?? 'paragraph') === 'paragraph') {
            style = {};
            this.styles.set(id, style);
          }
          return;
        }
        if (!style) return;
        depth++;
        if (el.name === 'w:basedOn' && depth === 1) style.basedOn = el.attr('w:val');
        else if (el.name === 'w:pPr' && depth === 1) inPPr = true;
        else if (inPPr && el.name === 'w:numId') style.numId = el.attr('w:val');
        else if (inPPr && el.name === 'w:ilvl') style.ilvl = toInt(el.attr('w:val'), 0);
        if (el.selfClosing) depth--;
      },
      close: (name) => {
        if (name === 'w:style') {
          style = undefined;
          return;
        }
        if (!style || depth === 0) return;
        if (name === 'w:pPr' && depth === 1) inPPr = false;
        depth--;
      },
      text: () => {},
    });
  }

  private readNumbering(xml: string): void {
    let abstract: AbstractNum | undefined;
    let list: ListInstance | undefined;
    let level: Level | undefined;
    let levelIndex = 0;
    let override: { start?: number; level?: Level } | undefined;
    const setLevel = (el: XmlElement) => {
      if (!level) return;
      const val = el.attr('w:val');
      switch (el.name) {
        case 'w:start':
          level.start = toInt(val, 0);
          break;
        case 'w:numFmt':
          level.format = val ?? 'decimal';
          break;
        case 'w:lvlText':
          level.text = val ?? '';
          break;
        case 'w:suff':
          level.suffix = val ?? 'tab';
          break;
        case 'w:isLgl':
          level.legal = isOn(val);
          break;
        case 'w:lvlRestart':
          level.restartAfter = toInt(val, levelIndex);
          break;
        case 'w:rFonts':
          level.font = el.attr('w:ascii') ?? el.attr('w:hAnsi');
          break;
        case 'w:pStyle':
          if (val !== undefined) this.styleLevels.set(val, levelIndex);
          break;
      }
    };
    walkXml(xml, 'numbering', {
      open: (el) => {
        switch (el.name) {
          case 'w:abstractNum':
            abstract = { levels: new Map() };
            this.abstracts.set(el.attr('w:abstractNumId') ?? '', abstract);
            return;
          case 'w:num':
            list = { abstractId: '', overrides: new Map() };
            this.lists.set(el.attr('w:numId') ?? '', list);
            return;
          case 'w:lvl':
            levelIndex = toInt(el.attr('w:ilvl'), 0);
            level = { start: 1, format: 'decimal', text: '', suffix: 'tab', legal: false };
            if (override) override.level = level;
            else abstract?.levels.set(levelIndex, level);
            return;
          case 'w:lvlOverride':
            levelIndex = toInt(el.attr('w:ilvl'), 0);
            override = {};
            list?.overrides.set(levelIndex, override);
            return;
          case 'w:startOverride':
            if (override) override.start = toInt(el.attr('w:val'), 1);
            return;
          case 'w:abstractNumId':
            if (list) list.abstractId = el.attr('w:val') ?? '';
            return;
          case 'w:numStyleLink':
            if (abstract && !level) abstract.styleLink = el.attr('w:val');
            return;
          default:
            setLevel(el);
        }
      },
      close: (name) => {
        if (name === 'w:lvl') level = undefined;
        else if (name === 'w:lvlOverride') override = undefined;
        else if (name === 'w:abstractNum') abstract = undefined;
        else if (name === 'w:num') list = undefined;
      },
      text: () => {},
    });
  }

  /** The list and level a paragraph is in: its own `w:numPr`, else its style's (and the styles it is based on). */
  private resolve(ref: NumberingRef): { numId: string; ilvl: number } | undefined {
    let numId = ref.numId;
    let ilvl = ref.ilvl;
    const seen = new Set<string>();
    for (let id = ref.style; id !== undefined && !seen.has(id); id = this.styles.get(id)?.basedOn) {
      seen.add(id);
      const style = this.styles.get(id);
      if (!style) break;
      if (numId === undefined && style.numId !== undefined) {
        numId = style.numId;
        ilvl ??= style.ilvl ?? this.styleLevels.get(id);
      }
    }
    if (numId === undefined || numId === '0' || !this.lists.has(numId)) return undefined;
    return { numId, ilvl: Math.min(Math.max(ilvl ?? 0, 0), MAX_LEVEL) };
  }

  /** The abstract list of a list, following a numbering style's link once. */
  private abstractOf(list: ListInstance): { id: string; abstract?: AbstractNum } {
    let id = list.abstractId;
    let abstract = this.abstracts.get(id);
    if (abstract?.styleLink !== undefined) {
      const linked = this.styles.get(abstract.styleLink)?.numId;
      const target = linked !== undefined ? this.lists.get(linked) : undefined;
      if (target && this.abstracts.get(target.abstractId)?.styleLink === undefined) {
        id = target.abstractId;
        abstract = this.abstracts.get(id);
      }
    }
    return { id, abstract };
  }

  /**
   * The number Word shows before the paragraph ("3. ", "B. ", "• "), counting it; undefined for a
   * paragraph in no list. Call once per paragraph, in document order.
   */
  next(ref: NumberingRef): string | undefined {
    const where = this.resolve(ref);
    if (!where) return undefined;
    const list = this.lists.get(where.numId)!;
    const { id, abstract } = this.abstractOf(list);
    const levelOf = (i: number): Level | undefined => list.overrides.get(i)?.level ?? abstract?.levels.get(i);
    const level = levelOf(where.ilvl);
    if (!level) return undefined;
    const restarted = [...list.overrides.values()].some((o) => o.start !== undefined || o.level);
    const key = restarted ? `num:${where.numId}` : `abstract:${id}`;
    let counts = this.counters.get(key);
    if (!counts) {
      counts = new Array<number | undefined>(MAX_LEVEL + 1).fill(undefined);
      this.counters.set(key, counts);
    }
    const startOf = (i: number) => list.overrides.get(i)?.start ?? levelOf(i)?.start ?? 1;
    const current = counts[where.ilvl];
    counts[where.ilvl] = current === undefined ? startOf(where.ilvl) : current + 1;
    for (let deeper = where.ilvl + 1; deeper <= MAX_LEVEL; deeper++) {
      const restartAfter = levelOf(deeper)?.restartAfter;
      if (restartAfter === 0) continue;
      if (restartAfter === undefined || restartAfter > where.ilvl) counts[deeper] = undefined;
    }
    if (level.format === 'bullet') return withSuffix(bulletOf(level), level);
    const text = level.text.replace(/%([1-9])/g, (_all, digit: string) => {
      const i = Number(digit) - 1;
      const n = counts![i] ?? startOf(i);
      const format =
        i === where.ilvl ? level.format : level.legal ? 'decimal' : (levelOf(i)?.format ?? 'decimal');
      return formatNumber(n, format);
    });
    return withSuffix(text, level);
  }
}

/**
 * The number with what follows it. A tab reads as a space after a stop or bracket ("1. "), so answers
 * typed as lists read as typed; after a bare number ("1") it stays a tab, which sets it apart.
 */
function withSuffix(text: string, level: Level): string {
  if (text === '' || level.suffix === 'nothing') return text;
  return level.suffix === 'tab' && /[\p{L}\p{N}]$/u.test(text) ? `${text}\t` : `${text} `;
}
