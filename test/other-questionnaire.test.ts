import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadQuestionnaire } from '../src/core/definition';
import { readFile } from '../src/core/read';
import { loadFile, SHARED } from './support/corpus';

/** Real per-country answer workbooks of another questionnaire (EU Open Data Maturity 2023, CC-BY 4.0). */
const ODM = join(SHARED, 'real/odm-2023');

describe('workbooks of another questionnaire', () => {
  const def = loadQuestionnaire('msq-2022');
  const names = readdirSync(ODM)
    .filter((n) => n.endsWith('.xlsx'))
    .sort()
    .slice(0, 6);

  it.each(names)('%s is rejected as not a response to the MSQ, with a sentence saying so', async (name) => {
    const outcome = await readFile(loadFile(join(ODM, name)), def);
    expect(outcome).toMatchObject({ ok: false, code: 'not-a-response' });
    if (!outcome.ok) expect(outcome.message).toMatch(/not an export of its responses|not a response/);
  });
});
