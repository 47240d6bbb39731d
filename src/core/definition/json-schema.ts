import { z } from 'zod';
import { definitionSchema } from './schema';

/**
 * The definition format as JSON Schema, generated from the zod schema the code validates with, so
 * the two cannot drift: a definition file written against it (defaults left out) is accepted.
 * `npm run schema` writes it to docs/definition.schema.json.
 */
export function definitionJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(definitionSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'Survey Atlas questionnaire definition',
    description:
      'A questionnaire: sections, questions (id, number, text, type, options, skip logic, constraints) and the check rules that apply. See docs/questionnaires.md.',
  };
}
