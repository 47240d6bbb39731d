import fc from 'fast-check';
import { loadQuestionnaire } from '../definition';
import { corpusFile, readText, SEED_FILE } from '../../../test/support/corpus';
import { answerMismatches, loadTruth } from '../../../test/support/truth';
import { ReadError } from './errors';
import { looksLikeFormsText, parseDuration, readFormsText } from './forms-text';
import { looksLikeWordText } from './word';

const truth = loadTruth();
const def = loadQuestionnaire('msq-2022');
const seed = readText(SEED_FILE);
const formsTruth = truth.filter((t) => t.format === 'forms-text');

describe('readFormsText on the corpus', () => {
  it('has the Forms pages the truth lists', () => {
    expect(formsTruth.length).toBeGreaterThanOrEqual(30);
  });

  it.each(formsTruth.map((t) => [t.file, t] as const))('%s matches the truth', (file, t) => {
    const text = readText(corpusFile(file));
    expect(looksLikeFormsText(text, def)).toBe(true);
    expect(looksLikeWordText(text, def)).toBe(false);
    const r = readFormsText(text, def);
    expect(r.format).toBe('forms-text');
    expect(r.choicesRecorded).toBe(false);
    expect(r.responseId).toBe(t.response_id);
    expect(Object.keys(r.answers).sort()).toEqual(Object.keys(t.answers).sort());
    // The page shows only the typed text of an "Other" option, never which option was chosen.
    const mismatches = answerMismatches(r, t, def, (q, got, want) =>
      q.otherOption && want.other
        ? JSON.stringify(got) === JSON.stringify({ selected: [q.otherOption], other: want.other })
        : got.selected === undefined && got.other === undefined && got.text === undefined,
    );
    expect(mismatches).toEqual([]);
  });
});

describe('readFormsText on the seed page', () => {
  const r = readFormsText(seed, def);
  const text = (id: string) => r.answers[id].text;

  it('reads the page header', () => {
    expect(r.responseId).toBe('102');
    expect(r.respondent).toBe('Anonymous');
    expect(r.durationSeconds).toBe(173 * 60 + 55);
  });

  it('finds all 112 questions', () => {
    expect(Object.keys(r.answers)).toEqual(def.questions.map((q) => q.id));
  });

  it('leaves the blank contact answers empty and keeps a placeholder answer', () => {
    for (const id of ['Q1', 'Q2', 'Q3', 'Q4', 'Q5']) expect(r.answers[id]).toEqual({ text: '' });
    expect(r.answers.Q35).toEqual({ text: '-' });
  });

  it('keeps numbered lines inside the answers that contain them', () => {
    expect(text('Q37')).toMatch(/^The main:\n\n1\. The Law On information/);
    expect(text('Q37')).toMatch(/\n\n3\. The Law On Personal data protection - https:\S+\.pdf$/);
    expect(text('Q39')?.split('\n')).toHaveLength(5);
    expect(text('Q41')).toMatch(/\n4\. The list of acts: <https:\/\/oac\.gov\.by\/law\/orders-of-the-oac>$/);
    expect(text('Q53')).toMatch(/^1\. The Law On information.*\n2\. Resolution of the Government/);
    expect(text('Q9')).toMatch(/^1\. <https:\/\/115\.xn--90ais\/portal\/f\?p=10901:1> 2\. /);
  });

  it('keeps the respondent line breaks of a multi-line answer', () => {
    const lines = seed.split('\n');
    const at = lines.indexOf('portal.gov.by');
    expect(text('Q7')).toBe(lines.slice(at, at + 3).join('\n'));
    expect(text('Q13')?.split('\n')).toHaveLength(3);
  });

  it('drops the sub-labels of Q8 to Q12', () => {
    expect(text('Q8')).toBe('portal.gov.by');
    expect(text('Q12')).toMatch(/^1\. <http:\/\/portal\.nalog\.gov\.by\/>/);
  });

  it('puts no heading, note, interface line or footer into any answer', () => {
    const fillers = [
      ...def.interstitials,
      ...def.footer,
      'View results',
      'More options for Responses',
      'Thank you for',
    ];
    for (const [id, a] of Object.entries(r.answers)) {
      for (const f of fillers) {
        if ((a.text ?? '').includes(f) || (a.other ?? '').includes(f)) throw new Error(`${id} holds "${f}"`);
      }
    }
    expect(text('Q111')).toMatch(/<https:\/\/www\.belarus\.by\/ru>$/);
  });

  it('reports no selection for choices, except the typed "Other" text', () => {
    for (const q of def.questions.filter((q) => q.type !== 'text' && q.id !== 'Q57'))
      expect(r.answers[q.id]).toEqual({});
    expect(r.answers.Q57).toEqual({
      selected: ['Other'],
      other: '7 - for Informatization development strategy for',
    });
  });
});

describe('readFormsText robustness', () => {
  const base = readFormsText(seed, def);

  it('reads CRLF, CR, tabs and non-breaking spaces alike', () => {
    const variants = [
      seed.replace(/\n/g, '\r\n'),
      seed.replace(/\n/g, '\r'),
      seed.replace(/^(\d+)\. (.*\*)$/gm, '$1.\t$2').replace(/^Respondent$/m, 'Respondent\u00a0'),
      seed.replace(/^(\d+)\. (.*) \*$/gm, '$1.  $2\u00a0 *'),
    ];
    for (const v of variants) expect(readFormsText(v, def)).toEqual(base);
  });

  it('reads a Markdown rendering that escapes numbering, stars, bullets and links', () => {
    const escaped = seed
      .replace(/^(\d+)\. (.*) \*$/gm, '$1\\. $2 \\*')
      .replace(/^- (Yes|Other)$/gm, '\\- $1')
      .replace(/^\[(View results|More options for Responses)\]\(#\)$/gm, '\\[$1\\](#)');
    expect(escaped).toContain('112\\. I/We authorize');
    expect(readFormsText(escaped, def)).toEqual(base);
  });

  it('leaves a question missing from the middle absent, its neighbours intact', () => {
    const lines = seed.split('\n');
    const from = lines.findIndex((l) => l.startsWith('40. '));
    const to = lines.findIndex((l) => l.startsWith('41. '));
    const r = readFormsText([...lines.slice(0, from), ...lines.slice(to)].join('\n'), def);
    expect(r.answers.Q40).toBeUndefined();
    expect(Object.keys(r.answers)).toHaveLength(111);
    expect(r.answers.Q39).toEqual(base.answers.Q39);
    expect(r.answers.Q41).toEqual(base.answers.Q41);
  });

  it('keeps an answer made only of numbered lines, even ones that echo question texts', () => {
    const answer = ['1. Title', '2. Organization', '14. Ministry of Communication', '3) Email'];
    const lines = seed.split('\n');
    const at = lines.findIndex((l) => l.startsWith('13. ')) + 2;
    lines.splice(at, 3, ...answer);
    const r = readFormsText(lines.join('\n'), def);
    expect(r.answers.Q13).toEqual({ text: answer.join('\n') });
    expect(r.answers.Q14).toEqual({});
    expect(Object.keys(r.answers)).toHaveLength(112);
  });

  it('returns what a truncated page holds', () => {
    const r = readFormsText(seed.slice(0, seed.indexOf('belstatfront')), def);
    expect(Object.keys(r.answers)).toEqual(def.questions.slice(0, 61).map((q) => q.id));
    expect(r.answers.Q60).toEqual({});
    expect(r.answers.Q61).toEqual({ text: '<http://sdgplatform.belstat.gov.by/sites/' });
  });

  it('rejects a text that is not a response to the questionnaire', () => {
    const notes = '1. Introduction\n\nSome words.\n\n2. Method\n\n3. Title\n\nMore text.\n';
    expect(() => readFormsText(notes, def)).toThrow(ReadError);
    expect(() => readFormsText(notes, def)).toThrow(expect.objectContaining({ code: 'not-a-response' }));
    expect(() => readFormsText('', def)).toThrow(expect.objectContaining({ code: 'not-a-response' }));
    expect(looksLikeFormsText(notes, def)).toBe(false);
    const fewQuestions = seed.split('\n').slice(0, 60).join('\n');
    expect(() => readFormsText(fewQuestions, def)).toThrow(
      expect.objectContaining({ code: 'not-a-response' }),
    );
  });

  it('throws nothing but ReadError on arbitrary text', () => {
    const seedLines = seed.split('\n');
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...seedLines), fc.string()), { maxLength: 300 }),
        (lines) => {
          try {
            readFormsText(lines.join('\n'), def);
          } catch (err) {
            if (!(err instanceof ReadError)) throw err;
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('parseDuration', () => {
  it('reads minutes:seconds and hours:minutes:seconds', () => {
    expect(parseDuration('173:55')).toBe(10435);
    expect(parseDuration('8:59')).toBe(539);
    expect(parseDuration('1:02:03')).toBe(3723);
    expect(parseDuration('12:75')).toBeUndefined();
    expect(parseDuration('soon')).toBeUndefined();
  });
});
