import { conditionOf, simpleCondition } from './conditions';
import { references } from './expression';
import { definitionSchema, isChoiceType, type Definition } from './schema';
import msq2022 from './questionnaires/msq-2022.json';
import odm2023 from './questionnaires/odm-2023.json';

export * from './schema';
export * from './conditions';

/** Validates a definition, cross-checking references the schema alone cannot see. */
export function parseDefinition(input: unknown): Definition {
  const def = definitionSchema.parse(input);
  const ids = new Set(def.questions.map((q) => q.id));
  const sections = new Set(def.sections.map((s) => s.id));
  for (const q of def.questions) {
    if (!sections.has(q.section)) throw new Error(`${def.id}: ${q.id} names unknown section ${q.section}`);
    for (const field of ['relevant', 'constraint'] as const) {
      let expr;
      try {
        expr = conditionOf(q, field);
      } catch (e) {
        throw new Error(`${def.id}: ${(e as Error).message}`);
      }
      const unknown = expr && references(expr).find((id) => !ids.has(id));
      if (unknown)
        throw new Error(`${def.id}: ${q.id} depends on unknown question ${unknown} (in its ${field})`);
    }
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

/**
 * The Yes/No question a follow-up answers "If yes…" to: the follow-up is a text answer whose
 * `relevant` is that question's "Yes" option (`${Q14} = 'Yes'`, or `${has_law} = 'yes'` by name).
 */
export function yesNoParent(def: Definition, q: Definition['questions'][number]) {
  const condition = isChoiceType(q.type) ? undefined : simpleCondition(def, q);
  if (condition?.label !== 'Yes') return undefined;
  const parent = def.questions.find((p) => p.id === condition.question);
  if (!parent || parent.type !== 'single' || !parent.options?.includes('Yes')) return undefined;
  return parent;
}
