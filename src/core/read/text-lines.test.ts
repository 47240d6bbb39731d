import { loadQuestionnaire } from '../definition';
import {
  countQuestionHeaders,
  detectTextLayout,
  normalizeLabel,
  QuestionIndex,
  splitLines,
  textAnswer,
} from './text-lines';

const def = loadQuestionnaire('msq-2022');
const index = new QuestionIndex(def);
const question = (n: number) => def.questions[n - 1];

describe('splitLines', () => {
  it('splits on every line ending and drops a byte-order mark', () => {
    expect(splitLines('\ufeffa\r\nb\rc\nd\u2028e\vf')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});

describe('normalizeLabel', () => {
  it('folds spacing, case, typographic quotes and dashes', () => {
    expect(normalizeLabel('  People\u2019s\u00a0 VOICES \u2013 e-Gov\t')).toBe("people's voices - e-gov");
  });
});

describe('QuestionIndex.matchHeader', () => {
  it('matches a header by number and text, star or not', () => {
    expect(index.matchHeader('5. Email *', 0)).toMatchObject({ question: question(5), quality: 2 });
    expect(index.matchHeader('5. Email', 0)).toMatchObject({ question: question(5), quality: 1 });
    expect(index.matchHeader('  18)\u00a0 Email  * ', 0)?.question).toBe(question(18));
  });

  it('reads the sub-label printed on the header line', () => {
    const hit = index.matchHeader(
      '10. Please provide link(s) for portal(s) providing following services/features: \u2014 Open government data',
      0,
    );
    expect(hit).toMatchObject({ question: question(10), inlineSubLabel: true, quality: 2 });
    const wrong =
      '10. Please provide link(s) for portal(s) providing following services/features: \u2014 Public procurement';
    expect(index.matchHeader(wrong, 0)).toMatchObject({
      question: question(10),
      inlineSubLabel: false,
      quality: 1,
    });
  });

  it('accepts typographic variants of a long question text', () => {
    const q102 = question(102).text.replace("people's", 'people\u2019s');
    expect(index.matchHeader(`102. ${q102} *`, 0)?.question).toBe(question(102));
    const q75 = question(75).text.replace(' - ', ' \u2013 ');
    expect(index.matchHeader(`75. ${q75}`, 0)?.question).toBe(question(75));
    expect(index.matchHeader('61. Please provide link and detail', 0)?.question).toBe(question(61));
    expect(index.matchHeader('37. If yes please provide the link and detail.', 0)?.question).toBe(
      question(37),
    );
  });

  it('rejects numbered answer lines', () => {
    expect(
      index.matchHeader('1. The Law On information, informatization and information protection', 0),
    ).toBeUndefined();
    expect(index.matchHeader('3. Titles of the laws', 0)).toBeUndefined();
    expect(index.matchHeader('200. Email', 0)).toBeUndefined();
  });
});

describe('QuestionIndex.findHeaders', () => {
  it('skips a numbered line that would jump over questions printed later', () => {
    const lines = ['1. Country name *', '15. Name', '2. Your name *', 'x', '3. Title *', '15. Name *'];
    expect(index.findHeaders(lines).map((h) => [h.line, h.question.number])).toEqual([
      [0, 1],
      [2, 2],
      [4, 3],
      [5, 15],
    ]);
  });
});

describe('textAnswer', () => {
  it('keeps inner line breaks and drops surrounding blank lines and trailing spaces', () => {
    expect(textAnswer(['', '  ', 'Special projects:  ', '', '- Mobile ID', ''])).toBe(
      'Special projects:\n\n- Mobile ID',
    );
    expect(textAnswer([])).toBe('');
  });
});

describe('detectTextLayout', () => {
  const headers = def.questions
    .map((q) => `${q.number}. ${q.text}${q.required ? ' *' : ''}\n\nanswer\n`)
    .join('\n');

  it('tells the Forms page from the Word questionnaire', () => {
    expect(
      detectTextLayout(`Respondent\n\n7\n\nAnonymous\n\n3:10\n\nTime to complete\n\n${headers}`, def),
    ).toBe('forms-text');
    expect(detectTextLayout(`${def.title}\n\n${headers}`, def)).toBe('word');
    expect(detectTextLayout(headers.replace(/answer/g, '\u2610 Yes   \u2612 No'), def)).toBe('word');
    expect(detectTextLayout('Minutes of the meeting\n1. Opening\n2. Email\n', def)).toBeUndefined();
    expect(countQuestionHeaders(headers, def)).toBe(112);
  });
});
