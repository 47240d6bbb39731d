import type { Definition, Question } from '../definition';
import { TOOL_METADATA, type MetaField } from './export-layout';

export type { MetaField } from './export-layout';

export type ColumnRole =
  | { kind: 'meta'; field: MetaField }
  | { kind: 'question'; question: Question }
  | { kind: 'extra'; header: string };

export interface ColumnMap {
  /** One role per header, in header order. */
  roles: ColumnRole[];
  /** Questions that have a column. */
  matched: number;
  /** Ids of the questions without a column. */
  missing: string[];
  /** Headers that are neither metadata nor a question. */
  extra: string[];
  /** Whether the leading ID / Start time / Completion time columns are there. */
  hasFormsMetadata: boolean;
}

/** The columns Microsoft Forms puts before the questions, in order, in every language it writes. */
const META_HEADERS: [MetaField, string[]][] = TOOL_METADATA.forms.map(([field, names]) => [
  field,
  names.map((n) => headerKey(n)),
]);

/** Above Excel's 16,384 columns nothing is a questionnaire export; the rest count as extra. */
const MAX_COLUMNS = 16384;

/** Forms cuts long headers; a shorter prefix than this is too vague to name a question. */
const MIN_TRUNCATED_HEADER = 24;

/** Headers compare on letters and digits only: case, punctuation, quotes and `*` marks do not matter. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(\.\.\.|…)\s*$/, '')
    .replace(/^\s*(q\s*)?\d{1,3}[.)]\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface HeaderKeys {
  key: string;
  /** The key without a trailing number, which Excel adds to make repeated headers unique. */
  unnumbered: string;
}

interface QuestionKeys {
  /** Text and sub-label together, or the text alone. */
  full: string;
  /** The question's id, where it is a name a tool may head its column with (`has_law`, `Q12`). */
  id?: string;
  /** Other wordings of the question. */
  aliases?: string[];
  /** The text alone, when the question has a sub-label. */
  text?: string;
  sub?: string;
}

const keysByDefinition = new WeakMap<Definition, QuestionKeys[]>();

function definitionKeys(def: Definition): QuestionKeys[] {
  let keys = keysByDefinition.get(def);
  if (!keys) keysByDefinition.set(def, (keys = def.questions.map(questionKeys)));
  return keys;
}

function questionKeys(q: Question): QuestionKeys {
  const id = headerKey(q.id);
  const extra = {
    ...(id.length >= 2 ? { id } : {}),
    ...(q.aliases?.length ? { aliases: q.aliases.map(headerKey) } : {}),
  };
  if (!q.subLabel) return { full: headerKey(q.text), ...extra };
  return {
    full: headerKey(`${q.text} ${q.subLabel}`),
    text: headerKey(q.text),
    sub: headerKey(q.subLabel),
    ...extra,
  };
}

/**
 * How well a header names a question: 4 exactly, 3 when Forms cut it short or numbered a repeat
 * ("Email2"), 2 for the text without the sub-label, 1 for the sub-label alone, 0 not at all.
 */
function questionScore({ key: h, unnumbered }: HeaderKeys, k: QuestionKeys): number {
  if (h === k.full) return 4;
  // A name, alone or under its group path (Kobo's `sec_b/has_law`).
  if (k.id !== undefined && (h === k.id || h.endsWith(` ${k.id}`))) return 4;
  if (k.aliases?.includes(h)) return 4;
  if (h.length >= MIN_TRUNCATED_HEADER && k.full.startsWith(h)) return 3;
  if (unnumbered !== h && unnumbered === k.full) return 3;
  if (k.text !== undefined && (h === k.text || unnumbered === k.text)) return 2;
  if (k.sub !== undefined && h === k.sub) return 1;
  return 0;
}

/**
 * Assigns each header a role. Headers repeat ("Please provide link and detail.", and "Email" as
 * metadata and as questions), so the assignment is an alignment of the headers with the metadata
 * fields followed by the questions, in order, that maximises the match score: a missing column
 * skips a question, an extra column skips a header.
 */
export function matchExportColumns(
  headers: string[],
  def: Definition,
  { metadata = true }: { metadata?: boolean } = {},
): ColumnMap {
  // Array.from, not map: a sheet row can be a sparse array, and map would keep its holes.
  const keys = Array.from(headers.slice(0, MAX_COLUMNS), (header = ''): HeaderKeys => {
    const key = headerKey(header);
    return { key, unnumbered: key.replace(/\s?\d+$/, '') };
  });
  const questions = def.questions;
  const qKeys = definitionKeys(def);
  const n = keys.length;
  // Without metadata (a layout that set its metadata columns aside), the targets are the questions only.
  const metaCount = metadata ? META_HEADERS.length : 0;
  const m = metaCount + questions.length;
  // Targets are the metadata fields, then the questions; scores[i * m + j] rates header i as target j.
  const scores = new Uint8Array(n * m);
  for (let i = 0; i < n; i++) {
    const h = keys[i];
    if (!h.key) continue;
    for (let j = 0; j < metaCount; j++) if (META_HEADERS[j][1].includes(h.key)) scores[i * m + j] = 4;
    for (let q = 0; q < questions.length; q++) scores[i * m + metaCount + q] = questionScore(h, qKeys[q]);
  }

  // best[i * (m + 1) + j]: the best total for headers i.. against targets j..
  const w = m + 1;
  const best = new Float64Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) {
      const s = scores[i * m + j];
      const skip = Math.max(best[(i + 1) * w + j], best[i * w + j + 1]);
      best[i * w + j] = s > 0 ? Math.max(skip, s + best[(i + 1) * w + j + 1]) : skip;
    }

  const roles: ColumnRole[] = Array.from(headers, (header = '') => ({ kind: 'extra', header }));
  const found = new Set<string>();
  const metaFields = new Set<MetaField>();
  for (let i = 0, j = 0; i < n && j < m;) {
    const s = scores[i * m + j];
    if (s > 0 && best[i * w + j] === s + best[(i + 1) * w + j + 1]) {
      if (j < metaCount) {
        const field = META_HEADERS[j][0];
        roles[i] = { kind: 'meta', field };
        metaFields.add(field);
      } else {
        const question = questions[j - metaCount];
        roles[i] = { kind: 'question', question };
        found.add(question.id);
      }
      i++;
      j++;
    } else if (best[i * w + j] === best[i * w + j + 1]) j++;
    else i++;
  }

  return {
    roles,
    matched: found.size,
    missing: def.questions.filter((q) => !found.has(q.id)).map((q) => q.id),
    extra: roles.flatMap((r) => (r.kind === 'extra' && r.header.trim() ? [r.header] : [])),
    hasFormsMetadata: metaFields.has('id') && (metaFields.has('start') || metaFields.has('completion')),
  };
}

/** Fewer matching question columns than this and the table is not a response export of `def`. */
export function minMatchedQuestions(def: Definition): number {
  // A questionnaire of one or two questions is matched by all of them.
  return Math.min(def.questions.length, Math.max(3, Math.ceil(def.questions.length / 5)));
}

/** A header row of a Forms export: the Forms metadata columns, or many question texts. */
export function looksLikeExportHeader(headers: string[], def: Definition): boolean {
  const map = matchExportColumns(headers, def);
  return map.hasFormsMetadata || map.matched >= minMatchedQuestions(def);
}
