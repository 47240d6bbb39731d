import {
  conditionReferences,
  isChoiceType,
  rawRelevance,
  simpleCondition,
  type Definition,
  type Question,
} from '../core/definition';
import { AnswerWriter } from './content';
import { sampleCountries, writtenNames, type SampleCountry } from './countries';
import { otherPeriods, sectorBodies } from './phrases';
import { Random } from './random';

export interface SampleAnswer {
  text?: string;
  selected?: string[];
  other?: string;
}

/** One generated response: the truth every rendering of it must read back to. */
export interface SampleResponse {
  responseId: string;
  countryIso3: string;
  /** What the respondent typed as the country; empty when left blank. */
  countryWritten: string;
  /** Every question: `text` for text questions, `selected` (and `other`) for choice questions. */
  answers: Record<string, SampleAnswer>;
  /** Local time, ISO 8601 without zone ("2021-03-04T10:25:22"). */
  startTime: string;
  completionTime: string;
  /** The name a Forms page or export shows; undefined for an anonymous response. */
  respondent?: string;
  /** On a resubmission: the id of the earlier response of the same country it replaces. */
  supersedes?: string;
}

/** How careless a respondent is: chances that a question is left blank or given a placeholder. */
interface Care {
  missing: number;
  placeholder: number;
}

const surveyStart = Date.UTC(2021, 2, 1, 8, 0, 0);
const surveyDays = 45;

/** `count` responses from UN Member States, deterministic for a seed. */
export function generateResponses(opts: { count: number; seed: number; def: Definition }): SampleResponse[] {
  const { count, seed, def } = opts;
  const root = new Random(seed);
  const planner = root.fork(-1);
  const resubmissions = count >= 10 ? Math.max(1, Math.round(count * 0.025)) : 0;
  const firstCount = count - resubmissions;

  const order: SampleCountry[] = [];
  while (order.length < firstCount) order.push(...planner.shuffle([...sampleCountries]));

  interface Draft {
    response: SampleResponse;
    completion: number;
    original?: Draft;
  }
  const drafts: Draft[] = order.slice(0, firstCount).map((country, i) => {
    const rnd = root.fork(i);
    const completion = surveyStart + rnd.int(0, surveyDays * 24 * 3600) * 1000;
    return { response: writeResponse(rnd, def, country, completion), completion };
  });

  for (const [j, original] of planner.sample(drafts, resubmissions).entries()) {
    const rnd = root.fork(firstCount + j);
    const completion = original.completion + rnd.int(2 * 24 * 3600, 20 * 24 * 3600) * 1000;
    drafts.push({ response: resubmit(rnd, def, original.response, completion), completion, original });
  }

  // Forms numbers responses in the order they are submitted, with gaps where some were deleted.
  drafts.sort((a, b) => a.completion - b.completion);
  let id = planner.int(20, 120);
  for (const d of drafts) {
    d.response.responseId = String(id);
    id += planner.chance(0.3) ? planner.int(2, 4) : 1;
  }
  for (const d of drafts) if (d.original) d.response.supersedes = d.original.response.responseId;
  return drafts.map((d) => d.response);
}

function writeResponse(
  rnd: Random,
  def: Definition,
  country: SampleCountry,
  completion: number,
): SampleResponse {
  const writer = new AnswerWriter(rnd, country);
  const care: Care = rnd.weighted([
    [{ missing: 0.003, placeholder: 0.003 }, 5],
    [{ missing: 0.02, placeholder: 0.02 }, 4],
    [{ missing: 0.06, placeholder: 0.05 }, 1],
  ] as const);
  const blankCountry = rnd.chance(0.1);
  const countryWritten = blankCountry ? '' : rnd.weighted(writtenNames(country));

  const answers: Record<string, SampleAnswer> = {};
  const state: AnswerState = { writer, rnd, care, blankCountry, countryWritten, answers, lastDetail: '' };
  for (const q of def.questions) answers[q.id] = answerQuestion(q, def, state);

  const duration = rnd.chance(0.03) ? rnd.int(120, 540) : rnd.int(40 * 60, 14 * 3600);
  const named = rnd.chance(0.35);
  const person = answers[def.questions.find((q) => q.text === 'Your name')?.id ?? '']?.text ?? '';
  return {
    responseId: '',
    countryIso3: country.iso3,
    countryWritten,
    answers,
    startTime: isoLocal(completion - duration * 1000),
    completionTime: isoLocal(completion),
    respondent: named ? (/\p{L}{2,}\s+\p{L}/u.test(person) ? person : writer.personName(false)) : undefined,
  };
}

interface AnswerState {
  writer: AnswerWriter;
  rnd: Random;
  care: Care;
  blankCountry: boolean;
  countryWritten: string;
  answers: Record<string, SampleAnswer>;
  /** The last follow-up written, which respondents sometimes paste again. */
  lastDetail: string;
}

function answerQuestion(q: Question, def: Definition, s: AnswerState): SampleAnswer {
  const { rnd, answers } = s;
  const applies = rawRelevance(def, q, answers) === true;
  // Required follow-ups are branches of the form: a respondent who answered otherwise never sees them.
  const branch = q.required && q.relevant !== undefined;

  if (isChoiceType(q.type)) {
    if (!applies && (branch || !rnd.chance(0.03))) return { selected: [] };
    if (q.required && rnd.chance(s.care.missing)) return { selected: [] };
    return choose(q, rnd);
  }

  if (!applies) {
    if (branch || !rnd.chance(0.05)) return { text: '' };
  } else if (q.relevant && !branch && rnd.chance(0.05)) return { text: '' };
  if (q.format === 'country') return { text: s.countryWritten };
  if (rnd.chance(s.care.missing) || (!q.required && !q.relevant && rnd.chance(0.35))) return { text: '' };
  if (rnd.chance(s.care.placeholder) && q.format !== 'email') return { text: placeholder(def, rnd) };
  return { text: writeText(q, def, s) };
}

function choose(q: Question, rnd: Random): SampleAnswer {
  const options = q.options ?? [];
  if (q.type === 'multiple') {
    const n = rnd.weighted([
      [1, 75],
      [2, 22],
      [3, 3],
    ] as const);
    return { selected: rnd.sample(options, n) };
  }
  if (q.otherOption && rnd.chance(0.12)) return { selected: [q.otherOption], other: rnd.pick(otherPeriods) };
  if (options.includes('Yes') && options.includes('No')) {
    const consent = /authorize/i.test(q.text);
    const choice = rnd.weighted([
      ['Yes', consent ? 90 : 70],
      ['No', consent ? 10 : 26],
      ...options.filter((o) => o !== 'Yes' && o !== 'No').map((o) => [o, 6] as const),
    ]);
    return { selected: [choice] };
  }
  return { selected: [rnd.weighted(options.map((o, i) => [o, i === 2 ? 4 : 2] as const))] };
}

function placeholder(def: Definition, rnd: Random): string {
  const word = rnd.pick(def.placeholders.length ? def.placeholders : ['-']);
  return /^[a-z/.]+$/.test(word) && rnd.chance(0.5) ? word.toUpperCase() : word;
}

function writeText(q: Question, def: Definition, s: AnswerState): string {
  const { writer, rnd, answers } = s;
  if (q.type === 'integer') return String(rnd.int(1, 5000));
  if (q.type === 'decimal') return (rnd.int(0, 100000) / 100).toFixed(2);
  if (q.type === 'date') return `20${rnd.int(10, 24)}-0${rnd.int(1, 9)}-${rnd.int(10, 28)}`;
  if (q.format === 'email') return writer.email(nameBefore(q, def, answers), !rnd.chance(0.12));
  if (q.text === 'Your name' || q.text === 'Name') return writer.personName();
  if (q.text === 'Title') return writer.title();
  if (q.text === 'Organization') return writer.organization(s.blankCountry);
  if (/official e-government portal/i.test(q.text)) return writer.portal();
  if (q.subLabel || /link\(s\) for portal/i.test(q.text)) return writer.linkList();
  if (/name and link of the government agency/i.test(q.text)) return writer.agencies();
  if (sectorBodies[q.text]) return writer.sector(q.text);
  if (/partnership|cooperation/i.test(q.text)) return writer.cooperation();
  if (/any other information/i.test(q.text)) return writer.otherInformation();
  if (/guidelines/i.test(q.text)) return writer.guidelines();
  if (q.relevant && s.lastDetail && rnd.chance(0.08)) return s.lastDetail;
  // A follow-up is about its Yes/No question ("… legislation on digital signature?").
  const condition = simpleCondition(def, q);
  const parent = condition && def.questions.find((p) => p.id === condition.question);
  const text = writer.detail(parent ? parent.text : q.text);
  if (q.relevant) s.lastDetail = text;
  return text;
}

/** The name answered just before an email question, which the address is usually made from. */
function nameBefore(q: Question, def: Definition, answers: Record<string, SampleAnswer>): string {
  const before = def.questions.slice(0, def.questions.indexOf(q)).reverse();
  const name = before.find((p) => p.text === 'Your name' || p.text === 'Name');
  return (name && answers[name.id]?.text) ?? '';
}

/** A resubmission: the same respondent, a later date, and a few answers changed. */
function resubmit(
  rnd: Random,
  def: Definition,
  original: SampleResponse,
  completion: number,
): SampleResponse {
  const country = sampleCountries.find((c) => c.iso3 === original.countryIso3)!;
  const fresh = writeResponse(rnd, def, country, completion);
  const answers: Record<string, SampleAnswer> = structuredClone(original.answers);
  const changeable = def.questions.filter((q) => !q.relevant && q.format !== 'country');
  for (const q of rnd.sample(changeable, rnd.int(3, 8))) {
    answers[q.id] = fresh.answers[q.id];
    for (const f of def.questions.filter((d) => conditionReferences(d, 'relevant').includes(q.id)))
      answers[f.id] = fresh.answers[f.id];
  }
  return { ...fresh, countryWritten: original.countryWritten, answers, respondent: original.respondent };
}

function isoLocal(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}
