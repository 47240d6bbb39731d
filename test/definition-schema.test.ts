import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { definitionJsonSchema } from '../src/core/definition/json-schema';

describe('docs/definition.schema.json', () => {
  const committed = JSON.parse(readFileSync(join(__dirname, '../docs/definition.schema.json'), 'utf8'));

  it('is the schema generated from the zod schema (npm run schema writes it)', () => {
    expect(committed).toEqual(definitionJsonSchema());
  });

  it('asks what a definition file must give, and leaves defaults optional', () => {
    expect([...committed.required].sort()).toEqual(['id', 'questions', 'sections', 'title']);
    const question = committed.properties.questions.items;
    expect([...question.required].sort()).toEqual(['id', 'number', 'required', 'section', 'text', 'type']);
    expect(question.properties.type.enum).toEqual([
      'text',
      'single',
      'multiple',
      'integer',
      'decimal',
      'date',
    ]);
  });
});
