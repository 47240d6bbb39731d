import { evaluate, ExpressionError, parseExpression, references, type AnswerValue } from './expression';

/** Evaluates over a small set of answers; `.` is `current`. */
function run(text: string, answers: Record<string, AnswerValue>, current?: AnswerValue) {
  return evaluate(parseExpression(text), { value: (id) => answers[id], current });
}

const yes = { names: ['yes'], labels: ['Yes'] };
const no = { names: ['no'], labels: ['No'] };
const noChoice = { names: [], labels: [] };
const modes = { names: ['capi', 'mobile'], labels: ['Face-to-face interviews (CAPI)', 'Mobile phone data'] };

describe('XLSForm expressions', () => {
  it('parses references, literals, comparisons and functions into a tree', () => {
    expect(parseExpression("${has_law} = 'yes'")).toEqual({
      kind: 'binary',
      op: '=',
      left: { kind: 'ref', question: 'has_law' },
      right: { kind: 'string', value: 'yes' },
    });
    expect(parseExpression('. > 0')).toEqual({
      kind: 'binary',
      op: '>',
      left: { kind: 'current' },
      right: { kind: 'number', value: 0 },
    });
    expect(parseExpression("selected(${modes}, 'mobile')")).toMatchObject({ kind: 'call', name: 'selected' });
    expect(references(parseExpression("${a} = 'x' and (selected(${b}, 'y') or ${a} != '')"))).toEqual([
      'a',
      'b',
    ]);
  });

  it('gives "and" precedence over "or", and comparisons over both', () => {
    const tree = parseExpression("${a} = 'x' or ${b} = 'y' and ${c} = 'z'");
    expect(tree).toMatchObject({ kind: 'binary', op: 'or', right: { kind: 'binary', op: 'and' } });
    expect(run("${a} = 'x' or ${b} = 'y' and ${c} = 'z'", { a: 'x', b: 'n', c: 'n' })).toBe(true);
    expect(run("(${a} = 'x' or ${b} = 'y') and ${c} = 'z'", { a: 'x', b: 'n', c: 'n' })).toBe(false);
  });

  it('compares choices by option name, or by label', () => {
    expect(run("${has_law} = 'yes'", { has_law: yes })).toBe(true);
    expect(run("${has_law} = 'yes'", { has_law: no })).toBe(false);
    expect(run("${has_law} = 'Yes'", { has_law: yes })).toBe(true);
    expect(run("${has_law} != 'yes'", { has_law: no })).toBe(true);
    expect(run("${has_law} = ''", { has_law: noChoice })).toBe(true);
    expect(run("${has_law} != ''", { has_law: yes })).toBe(true);
  });

  it('reads selected() and count-selected() on multiple choices and on space-joined names', () => {
    expect(run("selected(${modes}, 'mobile')", { modes })).toBe(true);
    expect(run("selected(${modes}, 'cati')", { modes })).toBe(false);
    expect(run("selected(${modes}, 'Mobile phone data')", { modes })).toBe(true);
    expect(run("selected(${modes}, 'mobile')", { modes: 'capi mobile' })).toBe(true);
    expect(run('count-selected(${modes}) >= 2', { modes })).toBe(true);
    expect(run('count-selected(${modes}) > 2', { modes })).toBe(false);
    expect(run('count-selected(${modes}) = 0', { modes: noChoice })).toBe(true);
  });

  it('checks constraints on the current answer: numbers, lengths, regular expressions', () => {
    expect(run('. > 0', {}, '905')).toBe(true);
    expect(run('. > 0', {}, '0')).toBe(false);
    expect(run('. >= 1 and . <= 100', {}, '100')).toBe(true);
    expect(run('. >= 1 and . <= 100', {}, '101')).toBe(false);
    expect(run('. > 0', {}, 'many')).toBe(false);
    expect(run('. < -1.5', {}, '-2')).toBe(true);
    expect(run('string-length(.) <= 5', {}, 'abcde')).toBe(true);
    expect(run('string-length(.) <= 5', {}, 'abcdef')).toBe(false);
    expect(run('string-length() = 3', {}, 'été')).toBe(true);
    const email = "regex(., '^[^@ ]+@[^@ ]+\\.[^@ ]+$')";
    expect(run(email, {}, 'dg.office@stat.gov.pa')).toBe(true);
    expect(run(email, {}, 'dg.office at stat.gov.pa')).toBe(false);
    expect(run(email, {}, 'a@b')).toBe(false);
    expect(run('. * 2 = 10 and 7 mod 3 = 1 and 9 div 3 = 3 and 2 + 2 - 1 = 3', {}, '5')).toBe(true);
  });

  it('reads the text functions constraints use', () => {
    expect(run("concat(${a}, '-', ${b}) = 'x-y'", { a: 'x', b: 'y' })).toBe(true);
    expect(run("substr(., 0, 3) = 'abc'", {}, 'abcdef')).toBe(true);
    expect(run("substr(., 3) = 'def'", {}, 'abcdef')).toBe(true);
    expect(run("normalize-space(.) = 'a b'", {}, '  a \n b ')).toBe(true);
    expect(run('int(.) = 3 and round(., 1) = 3.7', {}, '3.68')).toBe(true);
  });

  it('is unknown on the time of filling in, which an answer file does not keep', () => {
    expect(run('. <= today()', {}, '2030-01-01')).toBeUndefined();
    expect(run('. <= now() or . > 0', {}, '5')).toBe(true);
  });

  it('reads literals in either quote, numbers with or without a leading digit, and negative numbers', () => {
    expect(run('${a} = "x y"', { a: 'x y' })).toBe(true);
    expect(run('. = .5 and . = 0.5 and . != 5', {}, '0.5')).toBe(true);
    expect(run('. > -3 and -. = -2', {}, '2')).toBe(true);
    expect(run('. > -3', {}, '-4')).toBe(false);
    expect(run('. = 12.', {}, '12')).toBe(true);
  });

  it('takes a bare value as true when it is not empty, zero or an empty selection', () => {
    expect(run('${a}', { a: 'x' })).toBe(true);
    expect(run('${a}', { a: '' })).toBe(false);
    expect(run('${m}', { m: modes })).toBe(true);
    expect(run('${m}', { m: noChoice })).toBe(false);
    expect(run('count-selected(${m})', { m: noChoice })).toBe(false);
    expect(run('count-selected(${m})', { m: modes })).toBe(true);
    expect(run('number(.)', {}, 'abc')).toBe(false);
    expect(run('boolean(.)', {}, 'abc')).toBe(true);
    expect(run('${a} = true()', { a: 'x' })).toBe(true);
  });

  it('never takes an empty answer for zero', () => {
    expect(run('${a} = 0', { a: '' })).toBe(false);
    expect(run('${a} = 0', { a: ' 0 ' })).toBe(true);
    expect(run('${a} != 0', { a: '' })).toBe(true);
  });

  it('compares a multiple choice with = as its names joined by spaces', () => {
    expect(run("${m} = 'capi mobile'", { m: modes })).toBe(true);
    expect(run("${m} = 'capi'", { m: modes })).toBe(false);
    expect(run('${m} = ${n}', { m: modes, n: { names: ['capi', 'mobile'], labels: [] } })).toBe(true);
  });

  it('settles and/or on the known side, in either order', () => {
    expect(run("${r} = 'yes' and ${q} = 'yes'", { q: undefined, r: no })).toBe(false);
    expect(run("${r} = 'yes' and ${q} = 'yes'", { q: undefined, r: yes })).toBeUndefined();
    expect(run("${r} = 'yes' or ${q} = 'yes'", { q: undefined, r: yes })).toBe(true);
    expect(run("${r} = 'yes' or ${q} = 'yes'", { q: undefined, r: no })).toBeUndefined();
    expect(run("${r} = 'yes' or ${r} = 'maybe'", { r: no })).toBe(false);
    expect(run("${r} = 'no' and ${r} != ''", { r: no })).toBe(true);
    expect(run('-${q} < 0', { q: undefined })).toBeUndefined();
  });

  it('orders ISO dates', () => {
    expect(run(". <= '2025-04-07'", {}, '2017-09-14')).toBe(true);
    expect(run(". <= '2025-04-07'", {}, '2026-01-01')).toBe(false);
  });

  it('is unknown where an answer it reads is unknown, unless the rest settles it', () => {
    expect(run("${q} = 'yes'", { q: undefined })).toBeUndefined();
    expect(run("not(${q} = 'yes')", { q: undefined })).toBeUndefined();
    expect(run("selected(${q}, 'x')", { q: undefined })).toBeUndefined();
    expect(run("${q} = 'yes' and ${r} = 'yes'", { q: undefined, r: no })).toBe(false);
    expect(run("${q} = 'yes' and ${r} = 'yes'", { q: undefined, r: yes })).toBeUndefined();
    expect(run("${q} = 'yes' or ${r} = 'yes'", { q: undefined, r: yes })).toBe(true);
    expect(run("${q} = 'yes' or ${r} = 'yes'", { q: undefined, r: no })).toBeUndefined();
    expect(run("not(${r} = 'yes')", { r: no })).toBe(true);
    expect(run('true() and not(false())', {})).toBe(true);
  });

  it('says what is wrong with an expression and where', () => {
    const error = (text: string) => {
      try {
        parseExpression(text);
      } catch (e) {
        expect(e).toBeInstanceOf(ExpressionError);
        return (e as Error).message;
      }
      throw new Error(`${text} parsed`);
    };
    expect(error("${a} = 'yes")).toBe('a string is not closed at position 8');
    expect(error("${a} = = 'yes'")).toBe('unexpected "=" at position 8');
    expect(error("${a} = 'x')")).toBe('unexpected ")" at position 11');
    expect(error("(${a} = 'x'")).toBe('expected ")" but found the end at position 12');
    expect(error("$a = 'x'")).toBe('a reference must look like ${name} at position 1');
    expect(error("today_is(${a}) = 'x'")).toBe('unknown function today_is() at position 1');
    expect(error('selected(${a})')).toBe('selected() takes 2 arguments, not 1 at position 1');
    expect(error("regex(., '[a-')")).toMatch(/^the regular expression '\[a-' is invalid/);
    expect(error('${a} = ')).toBe('the expression ends too early at position 8');
    expect(error('  ')).toBe('the expression is empty');
    expect(error("${a} = 'x' # comment")).toBe('unexpected "#" at position 12');
    expect(error("x${a} = 'x'")).toBe('unexpected "x" at position 1');
    expect(error('../a = 1')).toBe('".." (the parent node) is not supported at position 1');
    expect(error("selected(${a}, 'x', 'y')")).toBe('selected() takes 2 arguments, not 3 at position 1');
    expect(error('string-length(., .)')).toBe('string-length() takes 0 or 1 argument, not 2 at position 1');
    expect(error('not(. = 1, 2)')).toBe('not() takes 1 argument, not 2 at position 1');
    expect(error('(. = 1, 2)')).toBe('expected ")" but found "," at position 7');
    expect(error("${a} = 'x' 'y'")).toBe("unexpected 'y' at position 12");
    expect(error('${a} = ${b} ${c}')).toBe('unexpected ${c} at position 13');
    expect(error('(${a} = )')).toBe('unexpected ")" at position 9');
    // A pattern computed from answers is checked when evaluated, a written one when parsed.
    expect(() => parseExpression('regex(., ${p})')).not.toThrow();
  });
});
