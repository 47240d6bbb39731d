import { definitionSchema, isChoiceType, type Definition } from './schema';
import msq2022 from './questionnaires/msq-2022.json';
import odm2023 from './questionnaires/odm-2023.json';

export * from './schema';

/** Validates a definition, cross-checking references the schema alone cannot see. */
export function parseDefinition(input: unknown): Definition {
  const def = definitionSchema.parse(input);
  const ids = new Set(def.questions.map((q) => q.id));
  const sections = new Set(def.sections.map((s) => s.id));
  for (const q of def.questions) {
    if (!sections.has(q.section)) throw new Error(`${def.id}: ${q.id} names unknown section ${q.section}`);
    if (q.relevant && !ids.has(q.relevant.question))
      throw new Error(`${def.id}: ${q.id} depends on unknown question ${q.relevant.question}`);
  }
  if (ids.size !== def.questions.length) throw new Error(`${def.id}: question ids repeat`);
  return def;
}

const builtIn: Record<string, unknown> = { 'msq-2022': msq2022, 'odm-2023': odm2023 };

export const builtInQuestionnaires = Object.keys(builtIn);

export function loadQuestionnaire(id: string): Definition {
  const raw = builtIn[id];
  if (!raw) throw new Error(`unknown questionnaire "${id}" (known: ${builtInQuestionnaires.join(', ')})`);
  return parseDefinition(raw);
}

/** The question that asks for the respondent's country, if the questionnaire has one. */
export function countryQuestion(def: Definition): Definition['questions'][number] | undefined {
  return def.questions.find((q) => q.format === 'country');
}

/** The question a follow-up depends on, when the follow-up is a text answer to a Yes/No question. */
export function yesNoParent(def: Definition, q: Definition['questions'][number]) {
  if (!q.relevant || isChoiceType(q.type)) return undefined;
  const parent = def.questions.find((p) => p.id === q.relevant!.question);
  if (!parent || parent.type !== 'single' || !parent.options?.includes('Yes')) return undefined;
  return parent;
}
