import { matchCountry } from '../countries';
import type { SheetCells } from '../read/xlsx-sheets';
import { foldText } from '../text';
import { parseDefinition } from '.';
import { ExpressionError, parseExpression, references } from './expression';
import { defaultChecks, defaultPlaceholders } from './defaults';
import type { Definition, Question, QuestionType } from './schema';

/**
 * A questionnaire from an XLSForm (the form format of ODK and KoboToolbox): the `survey` sheet's
 * questions with their `required`, `relevant` and `constraint`, the `choices` lists and the
 * `settings`. Question ids are the XLSForm names; the outermost groups are the sections.
 *
 * Undefined when the workbook is not an XLSForm (no `survey` sheet with `type` and `name` columns);
 * throws an Error saying what is wrong when it is one that cannot be used (a choice list missing).
 */
export function definitionFromXlsForm(sheets: SheetCells[], fileName: string): Definition | undefined {
  const survey = readTable(sheets, 'survey', ['type', 'name']);
  if (!survey) return undefined;
  const choices =
    readTable(sheets, 'choices', ['list_name', 'name']) ??
    readTable(sheets, 'choices', ['list name', 'name']);
  const settings = readTable(sheets, 'settings', [])?.rows[0] ?? {};
  const language = labelLanguage([...survey.columns, ...(choices?.columns ?? [])], settings.default_language);
  const lists = choiceLists(choices, language, fileName);
  return new FormReader(fileName, language, lists, settings).read(survey.rows);
}

// ---------------------------------------------------------------------------------------------
// Sheets as tables

type Row = Record<string, string>;

interface Table {
  columns: string[];
  rows: Row[];
}

/** A cell as XLSForm reads it: text, trimmed. */
function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/** Column names compare without case and with `label::English (en)` kept apart from `label`. */
function columnName(cell: unknown): string {
  return cellText(cell).replace(/\s+/g, ' ').toLowerCase();
}

/** The named sheet (any case) as rows keyed by its header, the first row holding every `needed` column. */
function readTable(sheets: SheetCells[], name: string, needed: string[]): Table | undefined {
  const sheet = sheets.find((s) => s.name.trim().toLowerCase() === name);
  if (!sheet) return undefined;
  const headerAt = sheet.rows.findIndex((r) => {
    const names = r.map(columnName);
    return names.some(Boolean) && needed.every((n) => names.includes(n));
  });
  if (headerAt < 0) return undefined;
  const columns = sheet.rows[headerAt].map(columnName);
  const rows = sheet.rows
    .slice(headerAt + 1)
    .map((cells) => {
      const row: Row = {};
      columns.forEach((c, i) => {
        const text = cellText(cells[i]);
        if (c && text && row[c] === undefined) row[c] = text;
      });
      return row;
    })
    .filter((row) => Object.keys(row).length > 0);
  return { columns: columns.filter(Boolean), rows };
}

// ---------------------------------------------------------------------------------------------
// Languages: `label` is the default language's; `label::French (fr)` another one's.

interface Language {
  /** The column suffix of the default language ("" for plain `label`). */
  main: string;
  /** Every language suffix seen, the default first. */
  all: string[];
}

const TRANSLATED = /^(label|hint|constraint_message|constraint message)::?(.+)$/;

function labelLanguage(columns: string[], defaultLanguage: string | undefined): Language {
  const suffixes = new Set<string>();
  for (const c of columns) {
    const m = TRANSLATED.exec(c);
    if (m) suffixes.add(m[2].trim());
  }
  const wanted = defaultLanguage?.trim().toLowerCase();
  const code = (s: string) => /\(([^()]+)\)\s*$/.exec(s)?.[1] ?? s;
  let main = '';
  if (wanted) {
    main =
      [...suffixes].find((s) => s === wanted || code(s) === code(wanted) || s.startsWith(`${wanted} (`)) ??
      '';
  }
  if (!main && !columns.includes('label') && suffixes.size) main = [...suffixes][0];
  return { main, all: [main, ...[...suffixes].filter((s) => s !== main)] };
}

/** A translatable column of a row in the default language, else in any language that has it. */
function translated(row: Row, column: string, language: Language): string {
  const texts = translations(row, column, language);
  return texts[0] ?? '';
}

/** Every language's text of a translatable column, the default language's first, each once. */
function translations(row: Row, column: string, language: Language): string[] {
  const texts = language.all.map((s) =>
    s ? (row[`${column}::${s}`] ?? row[`${column}:${s}`]) : row[column],
  );
  if (language.main) texts.push(row[column]);
  return [...new Set(texts.filter((t): t is string => !!t))];
}

// ---------------------------------------------------------------------------------------------
// Choices

interface Choice {
  name: string;
  label: string;
}

function choiceLists(table: Table | undefined, language: Language, fileName: string): Map<string, Choice[]> {
  const lists = new Map<string, Choice[]>();
  for (const row of table?.rows ?? []) {
    const list = row.list_name ?? row['list name'];
    const name = row.name;
    if (!list || !name) continue;
    const label = translated(row, 'label', language) || name;
    const choices = lists.get(list) ?? [];
    if (choices.some((c) => c.name === name))
      throw new Error(`XLSForm ${fileName}: choice list "${list}" names "${name}" twice.`);
    choices.push({ name, label });
    lists.set(list, choices);
  }
  return lists;
}

// ---------------------------------------------------------------------------------------------
// Survey

/** Rows that hold no answer a respondent gives: notes, calculations, and metadata the tool records. */
const NOT_QUESTIONS = new Set([
  'note',
  'calculate',
  'hidden',
  'start',
  'end',
  'today',
  'deviceid',
  'subscriberid',
  'simserial',
  'phonenumber',
  'username',
  'email',
  'audit',
  'start-geopoint',
  'background-audio',
  'xml-external',
  'csv-external',
]);

const TYPES: Record<string, QuestionType> = {
  text: 'text',
  string: 'text',
  integer: 'integer',
  int: 'integer',
  decimal: 'decimal',
  range: 'decimal',
  date: 'date',
};

interface Group {
  kind: 'group' | 'repeat';
  name: string;
  label: string;
  relevant?: string;
}

interface Pending {
  question: Question;
  /** The name of the choice whose typed text the question keeps ("other"). */
  otherChoice?: string;
  /** The choice list, for a choice question. */
  choices?: Choice[];
  hint: string;
}

class FormReader {
  private readonly stack: Group[] = [];
  private readonly pending: Pending[] = [];
  private readonly sections: { id: string; title: string }[] = [];
  private readonly interstitials: string[] = [];
  private readonly leftOut: string[] = [];
  private ungrouped?: string;

  constructor(
    private readonly fileName: string,
    private readonly language: Language,
    private readonly lists: Map<string, Choice[]>,
    private readonly settings: Row,
  ) {}

  read(rows: Row[]): Definition | undefined {
    for (const row of rows) this.readRow(row);
    const kept = this.foldOtherTexts();
    for (const p of kept) this.keepConditions(p.question, kept);
    if (kept.length === 0) return undefined;
    kept.forEach((p, i) => (p.question.number = i + 1));
    detectFormats(kept);
    const questions = kept.map((p) => p.question);
    const sections = this.sections.filter((s) => questions.some((q) => q.section === s.id));
    const id = slug(this.settings.form_id ?? '') || slug(baseName(this.fileName)) || 'xlsform';
    const extra = this.leftOut.length ? `; left out: ${this.leftOut.join('; ')}` : '';
    return parseDefinition({
      id,
      title: this.settings.form_title || baseName(this.fileName),
      source: {
        kind: 'xlsform',
        description:
          `XLSForm ${this.fileName}: ${plural(questions.length, 'question')} in ` +
          `${plural(sections.length, 'section')}${extra}`,
      },
      sections,
      questions,
      interstitials: [...new Set(this.interstitials)],
      checks: defaultChecks(),
      placeholders: [...defaultPlaceholders],
    });
  }

  private readRow(cells: Row): void {
    // KoboToolbox leaves `name` blank where it generated one, in `$autoname`.
    const row = cells.name || !cells.$autoname ? cells : { ...cells, name: cells.$autoname };
    const [kind, list, ...more] = (row.type ?? '').split(/\s+/);
    const type = kind.toLowerCase();
    const label = translated(row, 'label', this.language);
    // begin_group, begin group, begin_repeat, and tools' own containers (begin_score, begin_rank…).
    if (/^begin_/.test(type) || type === 'begin') {
      const repeat = type.includes('repeat') || list?.toLowerCase() === 'repeat';
      this.stack.push({
        kind: repeat ? 'repeat' : 'group',
        name: row.name ?? '',
        label,
        relevant: row.relevant,
      });
      if (!repeat && this.stack.length === 1)
        this.sections.push({ id: this.sectionId(row.name), title: label || row.name || 'Section' });
      if (label) this.interstitials.push(label);
      return;
    }
    if (/^end_/.test(type) || (type === 'end' && list)) {
      this.stack.pop();
      return;
    }
    if (!type || !row.name || NOT_QUESTIONS.has(type)) {
      if (type === 'note' && label) this.interstitials.push(label);
      return;
    }
    const repeat = this.stack.find((g) => g.kind === 'repeat');
    if (repeat) {
      this.noteLeftOut(
        `questions of repeat group ${repeat.name || '(unnamed)'}, which hold several answers per response`,
      );
      return;
    }
    const question: Question = {
      id: row.name,
      number: 1,
      section: this.currentSection(),
      text: label || row.name,
      required: /^(yes|true|true\(\)|1)$/i.test(row.required ?? ''),
      type: 'text',
    };
    const aliases = translations(row, 'label', this.language).filter((t) => t !== question.text);
    if (aliases.length) question.aliases = aliases;
    const relevant = this.combinedRelevant(row.relevant);
    if (relevant) question.relevant = relevant;
    if (row.constraint) question.constraint = row.constraint;
    const message =
      translated(row, 'constraint_message', this.language) ||
      translated(row, 'constraint message', this.language);
    if (message && row.constraint) question.constraintMessage = message;

    let choices: Choice[] | undefined;
    let otherChoice: string | undefined;
    if (type === 'select_one' || type === 'select_multiple') {
      choices = this.lists.get(list ?? '');
      if (!choices?.length)
        throw new Error(
          `XLSForm ${this.fileName}: question ${row.name} uses choice list "${list ?? ''}", which the choices sheet does not have.`,
        );
      question.type = type === 'select_one' ? 'single' : 'multiple';
      // `or_other` adds an "Other" choice whose text XLSForm keeps in `<name>_other`.
      if (more.some((m) => m.toLowerCase() === 'or_other')) {
        if (!choices.some((c) => isOtherName(c.name)))
          choices = [...choices, { name: 'other', label: 'Other' }];
        otherChoice = choices.find((c) => isOtherName(c.name))!.name;
        question.otherOption = choices.find((c) => c.name === otherChoice)!.label;
      }
      setOptions(question, choices, otherChoice);
    } else question.type = TYPES[type] ?? 'text';
    this.pending.push({ question, choices, otherChoice, hint: translated(row, 'hint', this.language) });
  }

  private noteLeftOut(what: string): void {
    if (!this.leftOut.includes(what)) this.leftOut.push(what);
  }

  private sectionId(name: string | undefined): string {
    const base = name || `section-${this.sections.length + 1}`;
    let id = base;
    for (let n = 2; this.sections.some((s) => s.id === id); n++) id = `${base}-${n}`;
    return id;
  }

  /** The outermost group; questions outside any group share one section named for the form. */
  private currentSection(): string {
    const outer = this.stack.find((g) => g.kind === 'group');
    if (outer) return this.sections.at(-1)!.id;
    if (!this.ungrouped || this.sections.at(-1)?.id !== this.ungrouped) {
      this.ungrouped = this.sectionId('general');
      this.sections.push({ id: this.ungrouped, title: this.settings.form_title || 'General' });
    }
    return this.ungrouped;
  }

  /** A group's `relevant` applies to every question in it, with the question's own. */
  private combinedRelevant(own: string | undefined): string | undefined {
    const parts = [...this.stack.map((g) => g.relevant), own].filter((p): p is string => !!p?.trim());
    if (parts.length <= 1) return parts[0];
    return parts.map((p) => `(${p})`).join(' and ');
  }

  /**
   * A text question asked only when a choice's "other" option is chosen (`${status} = 'other'`,
   * `selected(${modes}, 'other')`) is that option's typed text: it becomes the choice's "Other".
   */
  private foldOtherTexts(): Pending[] {
    const byId = new Map(this.pending.map((p) => [p.question.id, p]));
    const folded = new Set<string>();
    for (const p of this.pending) {
      const target = otherTextOf(p.question);
      const parent = target ? byId.get(target.question) : undefined;
      if (!parent?.choices || p.question.type !== 'text' || parent.otherChoice) continue;
      const other = parent.choices.find((c) => c.name === target!.value && isOtherChoice(c));
      if (!other) continue;
      parent.question.otherOption = other.label;
      parent.otherChoice = other.name;
      folded.add(p.question.id);
    }
    for (const p of this.pending) if (p.choices) setOptions(p.question, p.choices, p.otherChoice);
    return this.pending.filter((p) => !folded.has(p.question.id));
  }

  /** Leaves out a condition the definition cannot hold (it reads a calculation, or uses an unsupported function). */
  private keepConditions(q: Question, kept: Pending[]): void {
    const known = new Set(kept.map((p) => p.question.id));
    for (const field of ['relevant', 'constraint'] as const) {
      const text = q[field];
      if (!text) continue;
      try {
        const missing = references(parseExpression(text)).find((id) => !known.has(id));
        if (missing) {
          delete q[field];
          this.noteLeftOut(`the ${field} of ${q.id}, which reads ${missing} (not a question)`);
        }
      } catch (e) {
        if (!(e instanceof ExpressionError)) throw e;
        delete q[field];
        if (field === 'constraint') delete q.constraintMessage;
        this.noteLeftOut(`the ${field} of ${q.id} (${e.message})`);
      }
    }
  }
}

function isOtherName(name: string): boolean {
  return name.toLowerCase() === 'other';
}

/** The choice question whose "other" a condition asks for, if that is all it asks. */
function otherTextOf(q: Question): { question: string; value: string } | undefined {
  if (!q.relevant) return undefined;
  const m =
    /^\s*\$\{([^{}\s]+)\}\s*=\s*(['"])([^'"]+)\2\s*$/.exec(q.relevant) ??
    /^\s*selected\(\s*\$\{([^{}\s]+)\}\s*,\s*(['"])([^'"]+)\2\s*\)\s*$/.exec(q.relevant);
  return m ? { question: m[1], value: m[3] } : undefined;
}

/** An "Other" choice: named `other…`, or labelled "Other" in a common language. */
function isOtherChoice(c: Choice): boolean {
  return (
    /^other/i.test(c.name) ||
    /^(others?|autres?|otr[oa]s?|outr[oa]s?|andere|altr[oi]|другое|другой|أخرى|其他)(\b|\s|[:(,.]|$)/iu.test(
      foldText(c.label),
    )
  );
}

/** Options and their names; the "Other" option that has typed text is the question's otherOption instead. */
function setOptions(q: Question, choices: Choice[], otherChoice?: string): void {
  const listed = choices.filter((c) => c.name !== otherChoice);
  q.options = listed.map((c) => c.label);
  q.optionNames = listed.map((c) => c.name);
}

// ---------------------------------------------------------------------------------------------
// Formats: the country question, email addresses, links

/** "country" and its word in the languages forms are written in. */
const COUNTRY_WORDS = [
  'country',
  'countries',
  'pays',
  'pais',
  'paises',
  'land',
  'staat',
  'paese',
  'nazione',
  'strana',
  'страна',
  'країна',
  'الدولة',
  'البلد',
  'دولة',
  'بلد',
  '国家',
  '国',
  'ülke',
  'ulke',
  'negara',
  'quoc gia',
  'kraj',
  'país',
];

const COUNTRY_NAME =
  /^(?:[a-z0-9]+_){0,2}(?:country|pays|pais|land|paese|strana|kraj|negara)(?:_(?:name|code|iso\d?|of_[a-z]+))?$/i;

function hasCountryWord(text: string): boolean {
  const folded = foldText(text).replace(/[^\p{L}\p{N}\s]/gu, ' ');
  const words = folded.split(/\s+/).filter(Boolean);
  return COUNTRY_WORDS.some((w) => {
    const f = foldText(w);
    return f.includes(' ')
      ? folded.includes(f)
      : words.includes(f) || (/[\u4e00-\u9fff]/.test(f) && folded.includes(f));
  });
}

/** A short label about the country ("Name of your country", "Pays", "Country (in full)"), not a question about it. */
function isCountryLabel(text: string): boolean {
  const bare = text.replace(/\([^)]*\)/g, ' ').trim();
  if (/[?？؟]\s*$/.test(bare)) return false;
  return bare.split(/\s+/).length <= 6 && hasCountryWord(bare);
}

function choicesAreCountries(p: Pending): boolean {
  const labels = p.choices?.map((c) => c.label) ?? [];
  if (labels.length < 5) return false;
  const known = labels.filter((l) => matchCountry(l) || matchCountry(l.replace(/_/g, ' '))).length;
  return known / labels.length >= 0.8;
}

const EMAIL_NAME = /(^|_)(e_?mail|courriel|correo|email_address)(_|$)/i;
const EMAIL_LABEL =
  /\b(e-?mail|courriel|correo electr[oó]nico|adresse [eé]lectronique|электронн\S* почт\S*)\b/i;
const URL_NAME = /(^|_)(url|link|links|website|web_?site|site|portal_url)(_|$)/i;

function detectFormats(kept: Pending[]): void {
  const singleOrText = (p: Pending) => p.question.type === 'text' || p.question.type === 'single';
  const country =
    kept.find((p) => singleOrText(p) && COUNTRY_NAME.test(p.question.id)) ??
    kept.find((p) => p.question.type === 'single' && choicesAreCountries(p)) ??
    kept.find((p) => singleOrText(p) && !p.question.relevant && isCountryLabel(p.question.text));
  if (country) country.question.format = 'country';
  for (const p of kept) {
    const q = p.question;
    if (q.format || q.type !== 'text') continue;
    const constraint = q.constraint ?? '';
    if (/regex\s*\(.*@/.test(constraint) || EMAIL_NAME.test(q.id) || EMAIL_LABEL.test(q.text))
      q.format = 'email';
    else if (/https?:|www\./i.test(p.hint) || /regex\s*\(.*https?/.test(constraint) || URL_NAME.test(q.id))
      q.format = 'url';
  }
}

// ---------------------------------------------------------------------------------------------

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function baseName(fileName: string): string {
  return (fileName.split(/[\\/]/).pop() ?? fileName).replace(/\.[^.]+$/, '');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
