/**
 * The text Word shows for `word/document.xml`, one paragraph per line: list numbers written out,
 * check boxes as ☒ / ☐, tracked changes accepted, comments, field codes and hidden text left out,
 * and table rows that only caption their columns dropped. docs/word.md shows each case's XML.
 */
import {
  boxOf,
  CHECKED,
  isSymbolFont,
  symbolCode,
  symbolText,
  UNCHECKED,
  unifyBallotBoxes,
} from './docx-marks';
import type { Numbering } from './docx-numbering';
import { isOn, walkXml, type XmlElement } from './docx-xml';

/** Elements whose content Word does not show: deletions, moved-away text, old properties, fallbacks. */
const HIDDEN = new Set([
  'w:del',
  'w:moveFrom',
  'w:delText',
  'w:delInstrText',
  'w:pPrChange',
  'w:rPrChange',
  'w:sectPrChange',
  'w:tblPrChange',
  'w:tblPrExChange',
  'w:trPrChange',
  'w:tcPrChange',
  'w:numberingChange',
  'mc:Fallback',
  'w:sectPr',
  'w:footnoteReference',
  'w:endnoteReference',
  'w:commentReference',
  'w:annotationRef',
]);

interface Paragraph {
  parts: string[];
  style?: string;
  numId?: string;
  ilvl?: number;
  /** The paragraph mark is a tracked deletion: the text runs on into the next paragraph. */
  markDeleted: boolean;
}

interface Field {
  inCode: boolean;
  code: string;
  /** A legacy check-box form field's state from `w:ffData/w:checkBox`. */
  box?: { checked?: boolean; byDefault?: boolean };
  /** A legacy drop-down form field (`w:ddList`): its entries and the one chosen, shown by Word. */
  list?: { entries: string[]; result?: number; byDefault?: number };
}

interface ContentControl {
  /** A check-box content control's state (`w14:checkbox`). */
  checked?: boolean;
  /** The control shows its placeholder ("Click or tap here to enter text."), not an answer. */
  placeholder: boolean;
  /** Its content is not read: a check box (printed from its state) or a placeholder. */
  skipContent: boolean;
}

interface Row {
  cells: string[][];
  /** `w:tblHeader`: the row repeats at the top of every page. */
  repeats: boolean;
  deleted: boolean;
  numbered: boolean;
}

/** Words a column caption is made of ("Question", "Answer", "No.", "Your response"). */
const CAPTION =
  /^(?:(?:your|the)\s+)?(?:questions?|answers?|responses?|replies|reply|items?|no\.?|n[°º]|#|q\.?\s*no\.?|question\s+(?:no\.?|number)|comments?|remarks?|details?)\s*[:*]?$/i;

const rowLines = (row: Row): string[] => row.cells.flat();

/**
 * A row that captions its columns rather than holding a question: every cell is a caption word, or
 * it repeats on each page and holds no numbered paragraph and only short cells.
 */
function isCaptionRow(row: Row): boolean {
  const cells = row.cells.map((c) => c.join(' ').trim()).filter((c) => c !== '');
  if (cells.length === 0 || row.numbered) return false;
  if (cells.every((c) => CAPTION.test(c))) return true;
  return row.repeats && row.cells.length > 1 && cells.every((c) => c.split(/\s+/).length <= 4);
}

/** A cell holding only a question number ("12", "12.", "Q12"), printed before the next cell's text. */
const NUMBER_CELL = /^\s*(?:Q\s*)?(\d{1,3})\s*[.)]?\s*$/i;

function joinNumberCell(row: Row): string[] {
  const [first, second, ...rest] = row.cells;
  const number = first?.length === 1 ? NUMBER_CELL.exec(first[0]) : null;
  if (!number || !second || second.length === 0) return rowLines(row);
  return [`${number[1]}. ${second[0].trimStart()}`, ...second.slice(1), ...rest.flat()];
}

export function documentLines(xml: string, numbering: Numbering): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  /** Depth of the element whose content is hidden; -1 when nothing is hidden. */
  let hiddenFrom = -1;
  const paragraphs: Paragraph[] = [];
  const fields: Field[] = [];
  const controls: ContentControl[] = [];
  const rows: Row[] = [];
  const cells: string[][] = [];
  /** Per open table, the texts of caption rows already dropped: a repeat of one is dropped too. */
  const captions: Set<string>[] = [];
  let carry = '';
  let inRun = false;
  let inText = false;
  let runFont: string | undefined;
  let runHidden = false;
  let inPPr = false;
  let inRPr = false;
  let inNumPr = false;
  let inSdtPr = false;
  let inCheckBoxField = false;
  let inDropDownField = false;

  const sink = (): string[] => (cells.length > 0 ? cells[cells.length - 1] : out);
  const paragraph = (): Paragraph | undefined => paragraphs[paragraphs.length - 1];
  const inFieldCode = () => fields.some((f) => f.inCode);
  const inSkippedControl = () => controls.some((c) => c.skipContent);
  const write = (text: string) => {
    if (hiddenFrom >= 0 || runHidden || inFieldCode() || inSkippedControl()) return;
    const p = paragraph();
    if (p) p.parts.push(text);
    else carry += text;
  };
  const writeBox = (checked: boolean) => {
    const p = paragraph();
    const glyph = checked ? CHECKED : UNCHECKED;
    if (p) p.parts.push(glyph);
    else carry += glyph;
  };

  const openParagraphProperty = (el: XmlElement) => {
    const p = paragraph();
    if (!p) return;
    switch (el.name) {
      case 'w:pStyle':
        p.style = el.attr('w:val');
        break;
      case 'w:numPr':
        inNumPr = true;
        break;
      case 'w:numId':
        if (inNumPr) p.numId = el.attr('w:val');
        break;
      case 'w:ilvl':
        if (inNumPr) p.ilvl = parseInt(el.attr('w:val') ?? '0', 10) || 0;
        break;
      case 'w:rPr':
        inRPr = true;
        break;
      case 'w:del':
      case 'w:moveFrom':
        if (inRPr) p.markDeleted = true;
        break;
    }
  };

  const openRunProperty = (el: XmlElement) => {
    if (el.name === 'w:rFonts') {
      runFont = el.attr('w:ascii') ?? el.attr('w:hAnsi') ?? el.attr('w:cs') ?? el.attr('w:eastAsia');
    } else if (el.name === 'w:vanish' || el.name === 'w:specVanish') {
      runHidden = isOn(el.attr('w:val'));
    }
  };

  /** Text whose paragraph mark was deleted, where no paragraph follows to take it: a line of its own. */
  const flushCarry = () => {
    if (carry !== '') sink().push(...carry.split('\n'));
    carry = '';
  };

  const closeParagraph = () => {
    const p = paragraphs.pop();
    if (!p) return;
    const text = p.parts.join('');
    if (p.markDeleted) {
      carry += text;
      return;
    }
    const label = numbering.next({ numId: p.numId, ilvl: p.ilvl, style: p.style }) ?? '';
    if (label !== '' && rows.length > 0) rows[rows.length - 1].numbered = true;
    const line = unifyBallotBoxes(label + carry + text);
    carry = '';
    // Manual line breaks and carriage returns start new lines of their own.
    sink().push(...line.split('\n'));
  };

  const closeRow = () => {
    const row = rows.pop();
    if (!row || row.deleted) return;
    const seen = captions[captions.length - 1];
    const key = rowLines(row).join('\n').trim().toLowerCase();
    if (isCaptionRow(row) || (seen?.has(key) && key !== '')) {
      seen?.add(key);
      return;
    }
    sink().push(...joinNumberCell(row));
  };

  walkXml(xml, 'document', {
    open(el) {
      const { name } = el;
      stack.push(name);
      if (hiddenFrom >= 0) return;
      if (name === 'w:del' || name === 'w:moveFrom') {
        // In properties, the mark of a deleted paragraph or table row; elsewhere, deleted content.
        if (inPPr) {
          openParagraphProperty(el);
          return;
        }
        if (stack[stack.length - 2] === 'w:trPr') {
          const row = rows[rows.length - 1];
          if (row) row.deleted = true;
          return;
        }
      }
      if (HIDDEN.has(name)) {
        hiddenFrom = stack.length;
        return;
      }
      if (inPPr) {
        openParagraphProperty(el);
        return;
      }
      if (inRPr) {
        openRunProperty(el);
        return;
      }
      if (inSdtPr) {
        const control = controls[controls.length - 1];
        if (name === 'w14:checkbox' && control.checked === undefined) control.checked = false;
        else if (name === 'w14:checked') control.checked = isOn(el.attr('w14:val'));
        else if (name === 'w:showingPlcHdr') control.placeholder = isOn(el.attr('w:val'));
        return;
      }
      if (inDropDownField) {
        const list = fields[fields.length - 1]?.list;
        const value = el.attr('w:val');
        if (list && name === 'w:listEntry' && value !== undefined) list.entries.push(value);
        else if (list && name === 'w:result') list.result = parseInt(value ?? '', 10);
        else if (list && name === 'w:default') list.byDefault = parseInt(value ?? '', 10);
        return;
      }
      if (inCheckBoxField) {
        const box = fields[fields.length - 1]?.box;
        if (box && name === 'w:default') box.byDefault = isOn(el.attr('w:val'));
        else if (box && name === 'w:checked') box.checked = isOn(el.attr('w:val'));
        return;
      }
      switch (name) {
        case 'w:p':
          paragraphs.push({ parts: [], markDeleted: false });
          return;
        case 'w:pPr':
          inPPr = true;
          return;
        case 'w:r':
          inRun = true;
          runFont = undefined;
          runHidden = false;
          return;
        case 'w:rPr':
          if (inRun) inRPr = true;
          return;
        case 'w:t':
          if (inRun) inText = true;
          return;
        case 'w:instrText':
          inText = true;
          return;
        case 'w:tab':
        case 'w:ptab':
          if (inRun) write('\t');
          return;
        case 'w:br':
        case 'w:cr':
          if (inRun) write('\n');
          return;
        case 'w:noBreakHyphen':
          write('-');
          return;
        case 'w:sym': {
          const font = el.attr('w:font');
          const code = symbolCode(el.attr('w:char'));
          const box = boxOf(font, code);
          if (box) write(box);
          else if (Number.isFinite(code) && !isSymbolFont(font) && (code < 0xe000 || code > 0xf8ff))
            write(String.fromCodePoint(code));
          return;
        }
        case 'w:fldChar': {
          const type = el.attr('w:fldCharType');
          if (type === 'begin') fields.push({ inCode: true, code: '' });
          else if (type === 'separate') {
            const field = fields[fields.length - 1];
            if (field) field.inCode = false;
          } else if (type === 'end') {
            const field = fields.pop();
            if (!field || inFieldCode()) return;
            if (field.box || /^\s*FORMCHECKBOX\b/i.test(field.code))
              writeBox(field.box?.checked ?? field.box?.byDefault ?? false);
            else if (field.list) {
              const chosen = [field.list.result, field.list.byDefault, 0].find((i) => Number.isInteger(i));
              write(field.list.entries[chosen ?? 0] ?? '');
            }
          }
          return;
        }
        case 'w:checkBox': {
          const field = fields[fields.length - 1];
          if (field && stack.includes('w:ffData')) {
            field.box = {};
            inCheckBoxField = true;
          }
          return;
        }
        case 'w:ddList': {
          const field = fields[fields.length - 1];
          if (field && stack.includes('w:ffData')) {
            field.list = { entries: [] };
            inDropDownField = true;
          }
          return;
        }
        case 'w:sdt':
          controls.push({ placeholder: false, skipContent: false });
          return;
        case 'w:sdtPr':
          inSdtPr = true;
          return;
        case 'w:sdtContent': {
          const control = controls[controls.length - 1];
          if (!control) return;
          if (control.checked !== undefined) {
            if (!inSkippedControl() && !inFieldCode()) writeBox(control.checked);
            control.skipContent = true;
          } else if (control.placeholder) control.skipContent = true;
          return;
        }
        case 'w:tbl':
          flushCarry();
          captions.push(new Set());
          return;
        case 'w:tr':
          rows.push({ cells: [], repeats: false, deleted: false, numbered: false });
          return;
        case 'w:tblHeader': {
          const row = rows[rows.length - 1];
          if (row && stack.includes('w:trPr')) row.repeats = isOn(el.attr('w:val'));
          return;
        }
        case 'w:tc': {
          flushCarry();
          const cell: string[] = [];
          rows[rows.length - 1]?.cells.push(cell);
          cells.push(cell);
          return;
        }
      }
    },
    close(name) {
      const depth = stack.length;
      stack.pop();
      if (hiddenFrom >= 0) {
        if (depth === hiddenFrom) hiddenFrom = -1;
        return;
      }
      switch (name) {
        case 'w:p':
          closeParagraph();
          return;
        case 'w:pPr':
          inPPr = false;
          inRPr = false;
          return;
        case 'w:numPr':
          inNumPr = false;
          return;
        case 'w:rPr':
          inRPr = false;
          return;
        case 'w:r':
          inRun = false;
          runHidden = false;
          runFont = undefined;
          return;
        case 'w:t':
        case 'w:instrText':
          inText = false;
          return;
        case 'w:sdtPr':
          inSdtPr = false;
          return;
        case 'w:sdt':
          controls.pop();
          return;
        case 'w:checkBox':
          inCheckBoxField = false;
          return;
        case 'w:ddList':
          inDropDownField = false;
          return;
        case 'w:tc':
          // A paragraph mark deleted at the end of a cell cannot join the next cell.
          flushCarry();
          cells.pop();
          return;
        case 'w:tr':
          closeRow();
          return;
        case 'w:tbl':
          captions.pop();
          return;
      }
    },
    text(text) {
      if (!inText) return;
      if (stack[stack.length - 1] === 'w:instrText') {
        const field = fields[fields.length - 1];
        if (field?.inCode) field.code += text;
        return;
      }
      write(runFont !== undefined && isSymbolFont(runFont) ? symbolText(runFont, text) : text);
    },
  });
  flushCarry();
  return out;
}
