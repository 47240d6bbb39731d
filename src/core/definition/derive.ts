import { matchCountry } from '../countries';
import type { InputFile } from '../model';
import { decodeText } from '../read/decode';
import { cellText, type ExportCell } from '../read/export';
import { headerKey } from '../read/export-columns';
import { csvRows } from '../read/export-csv';
import { recogniseLayout, type ExportLayout, type LayoutQuestion } from '../read/export-layout';
import { holdsWordDocument, signatureOf } from '../read/sniff';
import { readWorkbookSheets } from '../read/xlsx-sheets';
import { parseDefinition } from './index';
import { defaultChecks, defaultPlaceholders } from './defaults';
import { equalsCondition, isChoiceType, type Definition, type Question } from './schema';

/** One export of the batch, as read once. */
interface ExportTable {
  file: string;
  rows: ExportCell[][];
  layout: ExportLayout;
}

/** A question as the batch shows it: its header, name, group, and every value seen in any file. */
interface Observed {
  header: string;
  name?: string;
  group?: string;
  /** Option columns' labels, in order (LimeSurvey, SurveyMonkey, Kobo). */
  optionColumns: string[];
  hasOtherColumn: boolean;
  /** Value cells that are not blank, with the separator of the layout they come from. */
  values: { cell: ExportCell; separator: string; besideOther: boolean }[];
  /** Value cells of Kobo's "XML values" export, and the option names among them, each apart. */
  namedCells: ExportCell[];
  names: string[];
  /** Values written where the "Other" text was given: the "Other" option's own label. */
  otherLabels: Map<string, number>;
}

/**
 * A definition derived from a batch of exports of one questionnaire, whatever tools wrote them: the
 * questions from the header (metadata columns set aside, one question however many columns it
 * spreads over), their types and options from the values seen, sections where the header shows them,
 * and the question that asks for the country. Undefined when no file of the batch is an export.
 */
export async function deriveDefinition(files: InputFile[]): Promise<Definition | undefined> {
  const tables: ExportTable[] = [];
  for (const file of files) tables.push(...(await exportTables(file)));
  if (!tables.length) return undefined;
  const observed = mergeQuestions(tables);
  if (observed.length < 2) return undefined;
  return buildDefinition(observed, tables);
}

/** The tables a file holds that read as exports; none for anything else (a Word file, a form). */
async function exportTables(file: InputFile): Promise<ExportTable[]> {
  const candidates: ExportCell[][][] = [];
  try {
    const signature = signatureOf(file.bytes);
    if (signature === 'zip') {
      // A Word document is read as one (the reader tells packages apart so), never as an export.
      if (holdsWordDocument(file.bytes)) return [];
      for (const sheet of await readWorkbookSheets(file.bytes)) candidates.push(sheet.rows);
    } else if (signature === 'other') {
      candidates.push(csvRows(decodeText(file.bytes).text));
    }
  } catch {
    return []; // not a table: the reader says why when it reads the file
  }
  // An XLSForm (a `survey` sheet with type and name) defines a questionnaire; none of its sheets is an export.
  if (candidates.some((rows) => isXlsFormSheet(rows.find((r) => r.some((c) => !isBlank(c))) ?? [])))
    return [];
  const tables: ExportTable[] = [];
  for (const rows of candidates) {
    const layout = recogniseLayout(rows);
    if (!layout || layout.questions.length < 2) continue;
    // An export has a response under its header; a plain table without metadata needs a few columns.
    if (rows.length - layout.headerAt < 2) continue;
    // A table no tool's metadata marks needs more columns than a vertical questionnaire's ID,
    // Question, Answer, Comment.
    if (!layout.meta.length && layout.tool === 'table' && layout.questions.length < MIN_PLAIN_COLUMNS)
      continue;
    tables.push({ file: file.name, rows, layout });
  }
  // One table per file: the one with the most questions (a workbook's Notes sheet is not one).
  tables.sort((a, b) => b.layout.questions.length - a.layout.questions.length);
  return tables.slice(0, 1);
}

/** Question columns a table without metadata columns needs to be taken for an export. */
const MIN_PLAIN_COLUMNS = 5;

function isXlsFormSheet(header: ExportCell[]): boolean {
  const names = new Set(header.map((c) => cellText(c).trim().toLowerCase()));
  return (names.has('type') && names.has('name')) || (names.has('list_name') && names.has('name'));
}

// ---------------------------------------------------------------------------------------------
// Questions across the batch

const isBlank = (cell: ExportCell) => cellText(cell).trim() === '';

function mergeQuestions(tables: ExportTable[]): Observed[] {
  const all: Observed[] = [];
  const byKey = new Map<string, Observed>();
  const pairs = pairNamedKobo(tables);
  let budget = MAX_OBSERVED_ROWS;
  for (const table of tables) {
    const { layout, rows } = table;
    // Every file gives its questions; values are looked at up to a budget of rows over the batch.
    const data = rows
      .slice(layout.headerAt + 1, layout.headerAt + 1 + budget)
      .filter((r) => r.some((c) => !isBlank(c)));
    budget = Math.max(MIN_ROWS_PER_FILE, budget - data.length);
    let last = -1;
    // A header may repeat ("Please provide a link."): its n-th column is the n-th such question.
    const seen = new Map<string, number>();
    layout.questions.forEach((lq) => {
      const partner = pairs.get(lq);
      const text = questionKey(partner?.labelled ?? lq);
      const nth = (seen.get(text) ?? 0) + 1;
      seen.set(text, nth);
      const key = nth > 1 ? `${text}#${nth}` : text;
      let q = byKey.get(key) ?? (partner ? byKey.get(questionKey(partner.named)) : undefined);
      if (!q) {
        q = {
          // Without its labels export, a question of Kobo's "XML" export goes by its name.
          header: partner ? partner.labelled.header : layout.namedValues && lq.name ? lq.name : lq.header,
          optionColumns: [],
          hasOtherColumn: false,
          values: [],
          namedCells: [],
          names: [],
          otherLabels: new Map(),
        };
        all.splice(last + 1, 0, q);
        byKey.set(key, q);
      }
      const named = partner?.named ?? (layout.namedValues ? lq : undefined);
      if (named?.name && !q.name) [q.name, q.group] = [named.name, named.group];
      if (lq.name && !q.name && layout.tool === 'qualtrics') q.name = lq.name;
      last = all.indexOf(q);
      observeValues(q, lq, data, layout);
    });
  }
  return all;
}

/**
 * Rows whose values are looked at: enough to type questions and see their options, few enough that
 * deriving stays a small part of reading a large batch. Each later file still adds a few rows.
 */
const MAX_OBSERVED_ROWS = 200;
const MIN_ROWS_PER_FILE = 5;

const keys = new Map<string, string>();

function questionKey(lq: LayoutQuestion): string {
  let key = keys.get(lq.header);
  if (key === undefined) {
    key = headerKey(lq.header) || lq.header;
    if (keys.size > 5000) keys.clear();
    keys.set(lq.header, key);
  }
  return key;
}

/**
 * Kobo's "XML values and headers" export names its questions (`sec_b/has_law`) where its labels export
 * heads them with their labels: in one batch both list the same questions in the same order, so
 * they are paired by position and the question gets its label and its name.
 */
function pairNamedKobo(
  tables: ExportTable[],
): Map<LayoutQuestion, { named: LayoutQuestion; labelled: LayoutQuestion }> {
  const pairs = new Map<LayoutQuestion, { named: LayoutQuestion; labelled: LayoutQuestion }>();
  const kobo = tables.filter((t) => t.layout.tool === 'kobo');
  const named = kobo.find((t) => t.layout.namedValues);
  const labelled = kobo.find((t) => !t.layout.namedValues);
  if (!named || !labelled || named.layout.questions.length !== labelled.layout.questions.length) return pairs;
  named.layout.questions.forEach((n, i) => {
    const l = labelled.layout.questions[i];
    pairs.set(n, { named: n, labelled: l });
    pairs.set(l, { named: n, labelled: l });
  });
  return pairs;
}

function observeValues(q: Observed, lq: LayoutQuestion, data: ExportCell[][], layout: ExportLayout): void {
  const valueCols = lq.columns.filter((c) => c.part.kind === 'value').map((c) => c.index);
  const otherCols = lq.columns.filter((c) => c.part.kind === 'other').map((c) => c.index);
  for (const c of lq.columns)
    if (c.part.kind === 'option' && !q.optionColumns.includes(c.part.option))
      q.optionColumns.push(c.part.option);
  if (otherCols.length) q.hasOtherColumn = true;
  for (const row of data) {
    const values = valueCols.map((c) => row[c]).filter((c) => !isBlank(c));
    for (const cell of values)
      if (layout.namedValues) {
        q.namedCells.push(cell);
        const text = cellText(cell).trim();
        if (NAMES.test(text)) q.names.push(...text.split(/\s+/));
      } else q.values.push({ cell, separator: layout.separator, besideOther: otherCols.length > 0 });
    // Where an "Other" text was typed, the choice column holds the "Other" option's own label.
    if (otherCols.some((c) => !isBlank(row[c])))
      for (const cell of values) {
        const label = cellText(cell).trim();
        if (label.length <= 40) q.otherLabels.set(label, (q.otherLabels.get(label) ?? 0) + 1);
      }
  }
}

// ---------------------------------------------------------------------------------------------
// Types and options from the values

/** Words that stand in for an answer; never options, and not counted when typing a question. */
const PLACEHOLDERS = [...defaultPlaceholders, '0', 'not applicable', 'not applicable.'];
const PLACEHOLDER_SET = new Set(PLACEHOLDERS);
const isPlaceholder = (v: string) => v.length <= 16 && PLACEHOLDER_SET.has(v.trim().toLowerCase());

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const URL = /^(https?:\/\/|www\.)\S+$|^[a-z0-9-]+(\.[a-z0-9-]+)+\.[a-z]{2,}(\/\S*)?$/i;
const INTEGER = /^-?\d+$/;
/** Digits in groups of three ("1 200", "12,500"); a phone number's groups are not. */
const GROUPED = /^-?\d{1,3}([ \u00a0,.']\d{3})+$/;
const DECIMAL = /^[-+]?\d+([.,]\d+)?$/;
const DATE_LIKE =
  /^(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}[/.-]\d{1,2}[/.-]\d{1,2})([ T]00:00(:00)?(\.0+)?Z?)?$/;
const YES_NO = new Set([
  'yes',
  'no',
  'oui',
  'non',
  'sí',
  'si',
  'ja',
  'nein',
  'sim',
  'não',
  'nao',
  'да',
  'нет',
]);

/** The share of values a pattern must fit to type a question. */
const TYPE_SHARE = 0.8;

/** Values looked at to tell a choice from text. */
const CHOICE_SAMPLE = 400;

/** A single choice's options are few, short, and recur. */
const MAX_SINGLE_OPTIONS = 12;
const MAX_MULTIPLE_OPTIONS = 24;
const MAX_OPTION_LENGTH = 120;

interface Typed {
  type: Question['type'];
  options?: string[];
  optionNames?: string[];
  otherOption?: string;
  format?: Question['format'];
}

function share<T>(items: T[], test: (item: T) => boolean): number {
  return items.length ? items.filter(test).length / items.length : 0;
}

function inferType(q: Observed): Typed {
  if (q.optionColumns.length) {
    // One column per option: a multiple choice (SurveyMonkey, LimeSurvey, Kobo).
    const otherOption = q.hasOtherColumn ? 'Other' : undefined;
    const options = q.optionColumns.filter((o) => !otherOption || headerKey(o) !== headerKey(otherOption));
    return { type: 'multiple', options: otherOption ? [...options, otherOption] : options, otherOption };
  }
  if (!q.values.length && q.namedCells.length) {
    // Only Kobo's "XML values" export shows the question: option names, or text as typed.
    const named = namesOnly(q);
    if (named) return named;
    return inferType({
      ...q,
      values: q.namedCells.map((cell) => ({ cell, separator: ';', besideOther: false })),
    });
  }
  const cells = q.values.map((v) => v.cell);
  const texts = cells.map((c) => cellText(c).trim()).filter((t) => !isPlaceholder(t));
  if (!texts.length) return { type: 'text' };
  const real = cells.filter((c) => !isPlaceholder(cellText(c)));

  const choice = inferChoice(q, texts);
  if (choice) return choice;
  if (share(real, (c) => c instanceof Date || DATE_LIKE.test(cellText(c).trim())) >= TYPE_SHARE)
    return { type: 'date' };
  if (share(texts, (t) => INTEGER.test(t) || GROUPED.test(t)) >= TYPE_SHARE && texts.length >= 2)
    return { type: 'integer' };
  if (share(texts, (t) => DECIMAL.test(t) || GROUPED.test(t)) >= TYPE_SHARE && texts.length >= 2)
    return { type: 'decimal' };
  if (share(texts, (t) => EMAIL.test(t)) >= TYPE_SHARE) return { type: 'text', format: 'email' };
  if (share(texts, (t) => URL.test(t)) >= TYPE_SHARE) return { type: 'text', format: 'url' };
  return { type: 'text' };
}

/** Splits a value by its layout's separator (Forms' trailing `;` dropped). */
function fragments(text: string, separator: string): string[] {
  const sep = separator.trim() || ' ';
  const parts = text
    .split(sep === ' ' ? /\s+/ : sep)
    .map((s) => s.trim())
    .filter(Boolean);
  if (sep !== ',') return parts;
  // An option label may hold a comma ("Web, mobile or tablet"): a part that goes on in lower case
  // continues the one before it.
  const joined: string[] = [];
  for (const part of parts)
    if (joined.length && /^\p{Ll}/u.test(part)) joined[joined.length - 1] += `${separator}${part}`;
    else joined.push(part);
  return joined;
}

/**
 * Parts that always come together, one right after the other, are one option whose label holds the
 * separator ("Surveys, Censuses"); joined until no pair is left.
 */
function joinAdjacent(split: string[][], separator: string): string[][] {
  for (let round = 0; round < 8; round++) {
    const seen = counts(split.flat());
    const pairs = counts(split.flatMap((f) => f.slice(1).map((b, i) => `${f[i]}\u0000${b}`)));
    const pair = [...pairs].find(([key, n]) => {
      const [a, b] = key.split('\u0000');
      return n >= 2 && seen.get(a) === n && seen.get(b) === n;
    });
    if (!pair) return split;
    const [a, b] = pair[0].split('\u0000');
    split = split.map((f) => {
      const out: string[] = [];
      for (const part of f)
        if (part === b && out[out.length - 1] === a) out[out.length - 1] = `${a}${separator}${b}`;
        else out.push(part);
      return out;
    });
  }
  return split;
}

function counts(items: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(i, (m.get(i) ?? 0) + 1);
  return m;
}

/**
 * A choice, when the values are a small recurring set: a single choice when each value is one of
 * them, a multiple choice when values join several with the layout's separator. Values outside the
 * set (few, and only where the set covers most answers) are an "Other" answer's typed text.
 */
function inferChoice(q: Observed, all: string[]): Typed | undefined {
  // Enough values to see which recur; a large batch is not read to its end for that.
  const texts = all.length > CHOICE_SAMPLE ? all.slice(0, CHOICE_SAMPLE) : all;
  const separator = q.values[0]?.separator ?? ';';
  const otherLabel = [...q.otherLabels].sort((a, b) => b[1] - a[1])[0]?.[0];
  const otherOption = q.hasOtherColumn ? (otherLabel ?? 'Other') : undefined;

  // Multiple: Forms ends every multiple-choice value with ";"; others join with their separator.
  // Every part is an option, except a part seen once that reads as typed text unlike the recurring
  // ones: Forms writes an "Other" answer's text among the chosen options.
  const multiple = joinedChoice(texts, separator);
  if (multiple) {
    const recurring = [...multiple].filter(([, n]) => n >= 2).map(([o]) => o);
    const typed = otherOption
      ? []
      : [...multiple].filter(([o, n]) => n === 1 && readsAsTyped(o, recurring)).map(([o]) => o);
    const other = otherOption ?? (typed.length ? 'Other' : undefined);
    const options = [...multiple.keys()].filter((o) => o !== other && !typed.includes(o));
    return {
      type: 'multiple',
      options: other ? [...options, other] : options,
      ...(other ? { otherOption: other } : {}),
    };
  }

  // A choice column beside an "Other" text column holds only options (and the "Other" label); values
  // of the same question from layouts without that column may be typed "Other" texts.
  if (otherOption) {
    const beside = q.values.filter((v) => v.besideOther).map((v) => cellText(v.cell).trim());
    const options = [...counts(beside).keys()].filter(
      (v) => v && v !== otherOption && !isPlaceholder(v) && v.length <= MAX_OPTION_LENGTH,
    );
    return { type: 'single', options: [...options, otherOption], otherOption };
  }
  const whole = counts(texts);
  const set = [...whole].filter(
    ([v, n]) => (n >= 2 || YES_NO.has(v.toLowerCase())) && v.length <= MAX_OPTION_LENGTH,
  );
  const inSet = set.reduce((sum, [, n]) => sum + n, 0);
  const covered = inSet / texts.length;
  const options = set.map(([v]) => v);
  if (set.length > 0 && set.every(([v]) => YES_NO.has(v.toLowerCase()))) {
    // Only "Yes" seen: its pair's "No" is an option too (and the other way round).
    const pair = options.length === 1 ? YES_NO_PAIRS.find((p) => p.includes(options[0])) : undefined;
    if (pair) options.push(pair[0] === options[0] ? pair[1] : pair[0]);
    return { type: 'single', options };
  }
  // Worded as a choice ("Which of the following…"): a value seen once is an option chosen once unless
  // it reads unlike the recurring options, as a typed "Other" text does; those make the "Other" option.
  if (
    CHOICE_WORDING.test(q.header) &&
    set.length >= 2 &&
    covered >= 0.5 &&
    set.length <= MAX_SINGLE_OPTIONS
  ) {
    const once = [...whole.keys()].filter((v) => !options.includes(v));
    const chosenOnce = once.filter((v) => v.length <= MAX_OPTION_LENGTH && !readsAsTyped(v, options));
    const listed = [...options, ...chosenOnce];
    return chosenOnce.length < once.length
      ? { type: 'single', options: [...listed, 'Other'], otherOption: 'Other' }
      : { type: 'single', options: listed };
  }
  // Otherwise a small recurring set covering most answers is a choice whose every value is an option.
  const few =
    set.length >= 2 && whole.size <= MAX_SINGLE_OPTIONS && set.length <= Math.max(2, texts.length / 2);
  if (few && covered >= 0.75) return { type: 'single', options: [...whole.keys()] };
  return undefined;
}

/**
 * Marks of a respondent's own words that option lists rarely carry: digits, brackets, clause
 * punctuation, a final full stop, a lower-case start, more letters than the longest option. Each
 * counts only where no recurring option carries it, so a list whose options hold years or brackets
 * does not make every option chosen once look typed.
 */
const TYPED_MARKS: ((text: string, longest: number) => boolean)[] = [
  (t) => /\p{Nd}/u.test(t),
  (t) => /[()[\]{}]/.test(t),
  (t) => /[,;:]/.test(t),
  (t) => /[.!?]$/.test(t),
  (t) => /^\p{Ll}/u.test(t),
  (t, longest) => t.length > longest,
];

/** Whether a value seen once reads as a typed "Other" text rather than as one of the options. */
function readsAsTyped(value: string, options: string[]): boolean {
  const longest = Math.max(...options.map((o) => o.length));
  return TYPED_MARKS.some((mark) => mark(value, longest) && !options.some((o) => mark(o, Infinity)));
}

/** The parts of a multiple choice whose values join them with the separator, with their counts, if they do. */
function joinedChoice(texts: string[], separator: string): Map<string, number> | undefined {
  const sep = separator.trim() || ' ';
  const trailing = separator === ';' && share(texts, (t) => t.endsWith(';')) >= TYPE_SHARE;
  if (separator === ';' ? !trailing : !texts.some((t) => t.includes(sep))) return undefined;
  const parts = texts.map((t) => fragments(t, separator));
  const split = separator.includes(',') ? joinAdjacent(parts, separator) : parts;
  const all = split.flat();
  const pieces = counts(all);
  const recurring = new Set(
    [...pieces].filter(([p, n]) => n >= 2 && p.length <= MAX_OPTION_LENGTH).map(([p]) => p),
  );
  if (recurring.size < 2 || pieces.size > MAX_MULTIPLE_OPTIONS) return undefined;
  if (separator !== ';') {
    const inRecurring = all.filter((p) => recurring.has(p)).length / all.length;
    const severalPerValue = split.some((f) => f.filter((p) => recurring.has(p)).length >= 2);
    if (inRecurring < 0.8 || !severalPerValue) return undefined;
  }
  return pieces;
}

/** How questionnaires word a choice, in the languages they are sent in. */
const CHOICE_WORDING =
  /which of the following|which one|\b(select|choose|tick|check all|check one)\b|\bquel(le)?s? .*suivant|sélectionne|choisisse|cochez|cuál(es)? de l|seleccione|elija|marque|welche[rs]? der folgenden|wählen sie|qua(l|is) d[oa]s seguintes|selecione|escolha|quale .*seguenti|selezion|scegli|какой из|какие из|выберите|أي من|اختر|以下哪|请选择/i;

const YES_NO_PAIRS = [
  ['Yes', 'No'],
  ['yes', 'no'],
  ['Oui', 'Non'],
  ['Sí', 'No'],
  ['Ja', 'Nein'],
  ['Sim', 'Não'],
  ['Да', 'Нет'],
];

/** XLSForm choice names as Kobo's "XML values" export writes them: lower-case words, space-joined. */
const NAMES = /^[a-z0-9_]+( [a-z0-9_]+)*$/;

/**
 * A question seen only in an export of option names (Kobo "XML values"): a choice when every value is
 * names and they recur (a multiple choice where a value joins several); undefined for typed text.
 */
function namesOnly(q: Observed): Typed | undefined {
  if (q.names.length === 0 || share(q.namedCells, (c) => NAMES.test(cellText(c).trim())) < 1)
    return undefined;
  const seen = counts(q.names);
  const recurs = [...seen.values()].some((n) => n >= 2) || [...seen.keys()].every((n) => YES_NO.has(n));
  if (!recurs || seen.size > MAX_MULTIPLE_OPTIONS) return undefined;
  const several = q.namedCells.some((c) => cellText(c).trim().includes(' '));
  return { type: several ? 'multiple' : 'single', options: [...seen.keys()], optionNames: [...seen.keys()] };
}

/**
 * The stored name of each option label, from the names another export of the batch wrote: equal
 * but for case, the label's words or abbreviation in brackets, or the one name and label left.
 * Names no label claims become options of their own.
 */
function nameOptions(labels: string[], names: string[]): { options: string[]; optionNames: string[] } {
  const free = [...new Set(names)];
  const assigned: (string | undefined)[] = labels.map(() => undefined);
  const words = (s: string) => headerKey(s).split(' ');
  const tests: ((name: string, label: string) => boolean)[] = [
    (n, l) => headerKey(n) === headerKey(l),
    (n, l) => /\(([^)]+)\)/.exec(l)?.[1].toLowerCase() === n.toLowerCase(),
    (n, l) =>
      headerKey(n.replace(/_/g, ' '))
        .split(' ')
        .every((w) => words(l).includes(w)),
    (n, l) => n.length >= 4 && words(l).some((w) => w.startsWith(n.toLowerCase())),
  ];
  for (const test of tests)
    labels.forEach((label, i) => {
      if (assigned[i]) return;
      const hits = free.filter((n) => test(n, label));
      if (hits.length === 1) {
        assigned[i] = hits[0];
        free.splice(free.indexOf(hits[0]), 1);
      }
    });
  const open = labels.flatMap((_, i) => (assigned[i] ? [] : [i]));
  if (open.length === 1 && free.length === 1) assigned[open[0]] = free.shift();
  return {
    options: [...labels, ...free],
    optionNames: [...labels.map((l, i) => assigned[i] ?? l), ...free],
  };
}

// ---------------------------------------------------------------------------------------------
// The country question

/** "Country" in the languages questionnaires are sent in. */
const COUNTRY_WORDS =
  /\b(country|countries|nation|pays|país|pais|land|landes|paese|país|kraj|ülke|страна|країна|البلد|الدولة|国家|国|국가|quốc gia|negara)\b/iu;

/** Values tried as country names per question: enough to tell, few enough to stay cheap. */
const COUNTRY_SAMPLE = 8;

/**
 * The question that asks for the country: the one worded so whose values are country names, else
 * the one whose values are most often country names. A question whose first values are not is
 * passed over after three of them (name lookups are the costly part of deriving).
 */
function countryQuestion(questions: Observed[], typed: Typed[]): number {
  const shareOfCountries = (q: Observed): number => {
    const cells = q.values.length ? q.values.map((v) => v.cell) : q.namedCells;
    const texts = [...new Set(cells.map((c) => cellText(c).trim()).filter(Boolean))];
    // Country names are short: a question of long texts is not the country question.
    if (!texts.length || share(texts, (t) => t.length <= 60) < 0.8) return 0;
    const sample = texts.slice(0, COUNTRY_SAMPLE);
    let hits = 0;
    for (const [k, t] of sample.entries()) {
      if (matchCountry(t)) hits++;
      else if (k >= 2 && hits === 0) return 0;
    }
    return hits / sample.length;
  };
  const candidates = questions.flatMap((q, i) => (typed[i].type === 'text' && !typed[i].format ? [i] : []));
  const worded = candidates.filter(
    (i) => COUNTRY_WORDS.test(questions[i].header) && questions[i].header.length <= 80,
  );
  for (const i of worded) if (shareOfCountries(questions[i]) >= 0.5) return i;
  let best = -1;
  let bestShare = 0.5;
  for (const i of candidates) {
    if (worded.includes(i)) continue;
    const found = shareOfCountries(questions[i]);
    if (found >= bestShare) [best, bestShare] = [i, found + 1e-9];
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// The definition

/** `A. Respondent information` / `B3. …`: a section letter opening the header. */
const SECTION_PREFIX = /^([A-Z])(\d{0,2})[.)]\s+/;

function buildDefinition(observed: Observed[], tables: ExportTable[]): Definition {
  const typed = observed.map((q) => {
    const t = inferType(q);
    if (!t.options || !q.names.length || t.optionNames) return t;
    const named = nameOptions(t.options, q.names);
    return { ...t, ...named };
  });
  const country = countryQuestion(observed, typed);
  if (country >= 0) typed[country] = { type: 'text', format: 'country' };

  const sections: { id: string; title: string }[] = [];
  // Sections: the tool's groups (a group label "A. Respondent information" gives its letter as id),
  // else a letter opening the question ("B3. …"), else one section.
  const sectionOf = (q: Observed): string => {
    const title = q.group ?? SECTION_PREFIX.exec(q.header)?.[1];
    const id = q.group ? (SECTION_PREFIX.exec(q.group)?.[1] ?? q.group) : (title ?? 'main');
    if (!sections.some((s) => s.id === id))
      sections.push({ id, title: id === 'main' ? 'Questions' : q.group ? q.group : `Section ${id}` });
    return id;
  };

  const ids = new Set<string>();
  const questions = observed.map((q, i): Question => {
    const own = q.name && /^[^\s|]+$/.test(q.name) && !ids.has(q.name) ? q.name : undefined;
    let id = own ?? `Q${i + 1}`;
    while (ids.has(id)) id = `${id}_`;
    ids.add(id);
    const t = typed[i];
    return {
      id,
      number: i + 1,
      section: sectionOf(q),
      text: q.header,
      required: false,
      type: t.type,
      ...(t.options ? { options: t.options } : {}),
      ...(t.optionNames ? { optionNames: t.optionNames } : {}),
      ...(t.otherOption ? { otherOption: t.otherOption } : {}),
      ...(t.format ? { format: t.format } : {}),
    };
  });

  followUps(questions);

  const first = tables[0];
  const title = titleOf(first.file);
  const description =
    `derived from the header of ${baseName(first.file)}` +
    (tables.length > 1 ? ` and ${tables.length - 1} other export(s)` : '') +
    `: ${questions.length} questions in ${sections.length} section${sections.length === 1 ? '' : 's'}`;
  return parseDefinition({
    id: slug(title),
    title,
    source: { kind: 'derived', description },
    sections,
    questions,
    checks: defaultChecks(),
    placeholders: [...defaultPlaceholders],
  });
}

/** "If yes, …" in the languages questionnaires are sent in. */
const IF_YES =
  /^(if yes|if so|in case of yes|si oui|si c'est le cas|en caso afirmativo|si (la respuesta es )?s[ií]\b|falls ja|wenn ja|se sim|em caso afirmativo|se s[iì]\b|in caso affermativo|indien ja|zo ja|если да|jeśli tak|evet ise|إذا كان(ت)? (الإجابة )?نعم|如果是|如是)/i;

/** The label of a Yes option in any language. */
const YES = new Set(['yes', 'oui', 'sí', 'si', 'ja', 'sim', 'да', 'tak', 'evet', 'نعم', '是']);

/**
 * An "If yes, …" question right after a Yes/No question applies when that question is answered
 * Yes (`relevant`): the questionnaire's logic, as XLSForm writes it, for the checks to use.
 */
function followUps(questions: Question[]): void {
  let parent: Question | undefined;
  for (const q of questions) {
    if (q.type === 'single' && q.options?.some((o) => YES.has(o.toLowerCase()))) {
      parent = q;
      continue;
    }
    if (parent && !isChoiceType(q.type) && IF_YES.test(q.text.trim())) {
      const i = parent.options!.findIndex((o) => YES.has(o.toLowerCase()));
      q.relevant = equalsCondition(parent.id, parent.optionNames?.[i] ?? parent.options![i]);
      continue; // several follow-ups may depend on one question
    }
    parent = undefined;
  }
}

const baseName = (path: string) => path.split(/[/\\]/).pop() ?? path;

/** A title from an export's file name, without the tool's decorations (counts, dates, ids). */
function titleOf(file: string): string {
  const title = baseName(file)
    .replace(/\.[^.]+$/, '')
    .replace(/\(\d+-\d+\)/g, '')
    .replace(/_-_.*$/, '')
    .replace(/_[A-Z][a-z]+ \d{1,2}, \d{4}_[\d.]+$/, '')
    .replace(/_/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return title || 'Derived questionnaire';
}

function slug(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'derived';
}
