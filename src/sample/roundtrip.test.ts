/**
 * Round trip: render generated responses in every layout, encoding and line ending, read them back with
 * the product's readers, and compare with what was generated.
 */
import { loadQuestionnaire } from '../core/definition';
import type { RawResponse } from '../core/model';
import { readFile } from '../core/read';
import { generateSampleBatch } from './batch';
import { canEncode, encodeText, hasCyrillic, type LineEnding, type TextEncodingName } from './encode';
import { durationSeconds } from './layout';
import { renderExportCsv, renderExportXlsx } from './render-export';
import { renderFormsText } from './render-forms-text';
import { renderDocx, renderWordText } from './render-word';
import { generateResponses, type SampleResponse } from './responses';

const def = loadQuestionnaire('msq-2022');

// 40 responses, among them every Cyrillic one of a larger pool so that windows-1251 is exercised.
const pool = generateResponses({ count: 400, seed: 20220, def });
const cyrillic = pool.filter((r) => hasCyrillic(JSON.stringify(r.answers))).slice(0, 10);
const sample = [...cyrillic, ...pool.filter((r) => !cyrillic.includes(r)).slice(0, 40 - cyrillic.length)];

const unicode: TextEncodingName[] = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'];

/** Cycles through the encodings the text can be saved in, so every one is used across the sample. */
function encodingFor(text: string, i: number): TextEncodingName {
  const usable: TextEncodingName[] = [...unicode];
  if (hasCyrillic(text) ? canEncode(text, 'windows-1251') : canEncode(text, 'windows-1252'))
    usable.push(
      hasCyrillic(text) ? 'windows-1251' : 'windows-1252',
      hasCyrillic(text) ? 'windows-1251' : 'windows-1252',
    );
  return usable[i % usable.length];
}

const lineEnding = (i: number): LineEnding => (i % 3 === 1 ? 'crlf' : 'lf');

const norm = (s: string | undefined) => (s ?? '').replace(/[ \t]+$/gm, '').trimEnd();
const sorted = (xs: string[] | undefined) => [...(xs ?? [])].sort();

/** Every difference between what was generated and what was read, as readable lines. */
function differences(truth: SampleResponse, raw: RawResponse, recorded: boolean): string[] {
  const out: string[] = [];
  const at = (q: string) => `response ${truth.responseId} ${q}`;
  if (raw.choicesRecorded !== recorded) out.push(`${at('')}: choicesRecorded ${raw.choicesRecorded}`);
  for (const q of def.questions) {
    const want = truth.answers[q.id];
    const got = raw.answers[q.id];
    if (q.type === 'text') {
      if (norm(got?.text) !== norm(want.text))
        out.push(`${at(q.id)}: ${JSON.stringify(got?.text)} ≠ ${JSON.stringify(want.text)}`);
      continue;
    }
    if (!recorded) {
      // A Forms page marks no choice; only a typed "Other" answer, printed in the list, shows one.
      const typedOther =
        want.other !== undefined && JSON.stringify(got?.selected) === JSON.stringify([q.otherOption]);
      if (got?.selected !== undefined && !typedOther)
        out.push(`${at(q.id)}: a Forms page reported choices ${got.selected}`);
      if (got?.other !== undefined && got.other !== want.other)
        out.push(`${at(q.id)}: other ${got.other} ≠ ${want.other}`);
      continue;
    }
    if (JSON.stringify(sorted(got?.selected)) !== JSON.stringify(sorted(want.selected)))
      out.push(`${at(q.id)}: selected ${JSON.stringify(got?.selected)} ≠ ${JSON.stringify(want.selected)}`);
    if ((got?.other || undefined) !== want.other)
      out.push(`${at(q.id)}: other ${got?.other} ≠ ${want.other}`);
  }
  return out;
}

async function readOne(name: string, bytes: Uint8Array): Promise<RawResponse[]> {
  const outcome = await readFile({ name, bytes }, def);
  if (!outcome.ok) throw new Error(`${name}: ${outcome.code} ${outcome.message}`);
  return outcome.responses;
}

describe('sample round trip through the readers', () => {
  it('reads back Forms pages in every encoding and line ending, with no choice reported', async () => {
    const problems: string[] = [];
    const used = new Set<string>();
    for (const [i, r] of sample.entries()) {
      const text = renderFormsText(r, def);
      const encoding = encodingFor(text, i);
      used.add(`${encoding}/${lineEnding(i)}`);
      const [raw] = await readOne(
        `${r.responseId}_response.${i % 2 ? 'md' : 'txt'}`,
        encodeText(text, encoding, lineEnding(i)),
      );
      problems.push(...differences(r, raw, false));
      if (raw.responseId !== r.responseId)
        problems.push(`response ${r.responseId}: id read as ${raw.responseId}`);
      if (r.respondent && raw.respondent !== r.respondent)
        problems.push(`response ${r.responseId}: respondent ${raw.respondent}`);
      if (!r.respondent && raw.respondent !== undefined && !/^anonymous$/i.test(raw.respondent))
        problems.push(`response ${r.responseId}: respondent ${raw.respondent} on an anonymous page`);
      if (raw.durationSeconds !== undefined && raw.durationSeconds !== durationSeconds(r))
        problems.push(`response ${r.responseId}: duration ${raw.durationSeconds} ≠ ${durationSeconds(r)}`);
    }
    expect(problems).toEqual([]);
    expect([...used].some((u) => u.startsWith('windows-1251'))).toBe(true);
    expect([...used].some((u) => u.startsWith('windows-1252'))).toBe(true);
  });

  it('reads back Word questionnaires saved as text, choices inline and one per line', async () => {
    const problems: string[] = [];
    for (const [i, r] of sample.entries()) {
      const text = renderWordText(r, def, i % 2 ? 'per-line' : 'inline');
      const [raw] = await readOne(
        `MSQ2022_${r.countryIso3}.txt`,
        encodeText(text, encodingFor(text, i), lineEnding(i)),
      );
      problems.push(...differences(r, raw, true));
    }
    expect(problems).toEqual([]);
  });

  it('reads back Word documents', async () => {
    const problems: string[] = [];
    for (const r of sample) {
      const [raw] = await readOne(`MSQ2022_${r.countryIso3}.docx`, await renderDocx(r, def));
      problems.push(...differences(r, raw, true));
    }
    expect(problems).toEqual([]);
  });

  it.each(['xlsx', 'csv'])('reads back every row of a Forms export (.%s)', async (kind) => {
    const bytes =
      kind === 'xlsx'
        ? await renderExportXlsx(sample, def)
        : encodeText(renderExportCsv(sample, def), 'utf-8-bom');
    const rows = await readOne(`forms-export.${kind}`, bytes);
    expect(rows.map((r) => r.responseId)).toEqual(sample.map((r) => r.responseId));
    const problems: string[] = [];
    for (const r of sample) {
      const raw = rows.find((row) => row.responseId === r.responseId)!;
      problems.push(...differences(r, raw, true));
      if (raw.startTime?.slice(0, 19) !== r.startTime)
        problems.push(`response ${r.responseId}: start ${raw.startTime}`);
      if (raw.completionTime?.slice(0, 19) !== r.completionTime)
        problems.push(`response ${r.responseId}: completion ${raw.completionTime}`);
      if ((raw.respondent ?? undefined) !== r.respondent)
        problems.push(`response ${r.responseId}: respondent ${raw.respondent}`);
    }
    expect(problems).toEqual([]);
  });

  it('reads back a whole generated batch, file by file', async () => {
    const { files, truth, fileOf } = await generateSampleBatch({ count: 80, seed: 7, def });
    const problems: string[] = [];
    let read = 0;
    for (const file of files) {
      const outcome = await readFile(file, def);
      if (!outcome.ok) {
        problems.push(`${file.name}: ${outcome.code} ${outcome.message}`);
        continue;
      }
      const expected = truth.filter((r) => fileOf[r.responseId] === file.name);
      expect(outcome.responses).toHaveLength(expected.length);
      for (const [k, r] of expected.entries()) {
        const raw =
          outcome.format === 'export'
            ? outcome.responses.find((x) => x.responseId === r.responseId)
            : outcome.responses[k];
        if (!raw) problems.push(`${file.name}: response ${r.responseId} missing`);
        else problems.push(...differences(r, raw, outcome.format !== 'forms-text'));
        read++;
      }
    }
    expect(problems).toEqual([]);
    expect(read).toBe(truth.length);
  });
});
