/**
 * The XLSForm expression language, as far as questionnaires use it in `relevant` and `constraint`:
 * `${q}` references, `.` (the answer being checked), strings and numbers, `= != < <= > >=`,
 * `+ - * div mod`, `and`/`or`, parentheses and a few functions (`selected`, `count-selected`,
 * `string-length`, `regex`, `not`, …). Expressions are parsed once and evaluated over answers with
 * three-valued logic: a choice the file does not record makes a condition unknown, not false.
 */

export class ExpressionError extends Error {}

export type Expr =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'ref'; question: string }
  | { kind: 'current' }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'negate'; operand: Expr };

export type BinaryOp = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | 'div' | 'mod';

/** The options chosen for a choice question: their stored names and their labels, in the same order. */
export interface Selection {
  names: string[];
  labels: string[];
}

/** An answer as expressions see it: text, a selection, or unknown (the file does not record it). */
export type AnswerValue = string | Selection | undefined;

/** Where an expression takes its values from. */
export interface Scope {
  /** The answer to the question with this id (undefined: unknown). */
  value(questionId: string): AnswerValue;
  /** The answer `.` stands for. */
  current?: AnswerValue;
}

/** undefined is "unknown" all the way through evaluation. */
type Value = string | number | boolean | Selection | undefined;

const FUNCTIONS: Record<string, { min: number; max: number }> = {
  selected: { min: 2, max: 2 },
  'count-selected': { min: 1, max: 1 },
  'string-length': { min: 0, max: 1 },
  regex: { min: 2, max: 2 },
  not: { min: 1, max: 1 },
  true: { min: 0, max: 0 },
  false: { min: 0, max: 0 },
  contains: { min: 2, max: 2 },
  'starts-with': { min: 2, max: 2 },
  'ends-with': { min: 2, max: 2 },
  number: { min: 1, max: 1 },
  string: { min: 1, max: 1 },
  boolean: { min: 1, max: 1 },
  if: { min: 3, max: 3 },
  coalesce: { min: 2, max: 2 },
  concat: { min: 1, max: 99 },
  substr: { min: 2, max: 3 },
  'normalize-space': { min: 0, max: 1 },
  int: { min: 1, max: 1 },
  round: { min: 1, max: 2 },
  // The moment the form was filled in is not known afterwards: conditions on it are unknown.
  today: { min: 0, max: 0 },
  now: { min: 0, max: 0 },
};

// ---------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { type: 'string'; value: string; at: number }
  | { type: 'number'; value: number; at: number }
  | { type: 'ref'; value: string; at: number }
  | { type: 'name'; value: string; at: number }
  | { type: 'op'; value: string; at: number }
  | { type: 'end'; at: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw new ExpressionError(`${what} at position ${i + 1}`);
  };
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (c === '$') {
      const m = /^\$\{([^{}\s]+)\}/.exec(text.slice(i));
      if (!m) fail('a reference must look like ${name}');
      tokens.push({ type: 'ref', value: m![1], at });
      i += m![0].length;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) fail('a string is not closed');
      tokens.push({ type: 'string', value: text.slice(i + 1, end), at });
      i = end + 1;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)/.exec(text.slice(i))!;
      tokens.push({ type: 'number', value: Number(m[0]), at });
      i += m[0].length;
    } else if (c === '.') {
      if (text[i + 1] === '.') fail('".." (the parent node) is not supported');
      tokens.push({ type: 'op', value: '.', at });
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][\w.:-]*/.exec(text.slice(i))!;
      // "a-b" reads as a name in XPath too; a trailing "-" or "." is not part of it.
      const name = m[0].replace(/[-.:]+$/, '');
      tokens.push({ type: 'name', value: name, at });
      i += name.length;
    } else {
      const two = text.slice(i, i + 2);
      if (two === '!=' || two === '<=' || two === '>=') {
        tokens.push({ type: 'op', value: two, at });
        i += 2;
      } else if ('=<>()+-*,'.includes(c)) {
        tokens.push({ type: 'op', value: c, at });
        i++;
      } else fail(`unexpected "${c}"`);
    }
  }
  tokens.push({ type: 'end', at: text.length });
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Parser (XPath precedence: or < and < equality < relational < additive < multiplicative < unary)

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Expr {
    const expr = this.or();
    const next = this.peek();
    if (next.type !== 'end') this.fail(next, `unexpected ${describe(next)}`);
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private fail(token: Token, message: string): never {
    throw new ExpressionError(`${message} at position ${token.at + 1}`);
  }

  private isOp(...values: string[]): boolean {
    const t = this.peek();
    return (t.type === 'op' || t.type === 'name') && values.includes(t.value);
  }

  private expect(value: string): void {
    const t = this.peek();
    if (t.type !== 'op' || t.value !== value) this.fail(t, `expected "${value}" but found ${describe(t)}`);
    this.pos++;
  }

  private binary(next: () => Expr, ops: BinaryOp[]): Expr {
    let left = next();
    while (this.isOp(...ops)) {
      const op = (this.tokens[this.pos++] as { value: string }).value as BinaryOp;
      left = { kind: 'binary', op, left, right: next() };
    }
    return left;
  }

  private or = (): Expr => this.binary(this.and, ['or']);
  private and = (): Expr => this.binary(this.equality, ['and']);
  private equality = (): Expr => this.binary(this.relational, ['=', '!=']);
  private relational = (): Expr => this.binary(this.additive, ['<', '<=', '>', '>=']);
  private additive = (): Expr => this.binary(this.multiplicative, ['+', '-']);
  private multiplicative = (): Expr => this.binary(this.unary, ['*', 'div', 'mod']);

  private unary = (): Expr => {
    if (this.isOp('-') && this.peek().type === 'op') {
      this.pos++;
      return { kind: 'negate', operand: this.unary() };
    }
    return this.primary();
  };

  private primary(): Expr {
    const t = this.peek();
    this.pos++;
    switch (t.type) {
      case 'string':
        return { kind: 'string', value: t.value };
      case 'number':
        return { kind: 'number', value: t.value };
      case 'ref':
        return { kind: 'ref', question: t.value };
      case 'op':
        if (t.value === '.') return { kind: 'current' };
        if (t.value === '(') {
          const inner = this.or();
          this.expect(')');
          return inner;
        }
        return this.fail(t, `unexpected ${describe(t)}`);
      case 'name':
        return this.call(t);
      case 'end':
        return this.fail(t, 'the expression ends too early');
    }
  }

  private call(t: Token & { type: 'name' }): Expr {
    if (!this.isOp('(')) this.fail(t, `unexpected ${describe(t)}`);
    const name = t.value;
    const arity = FUNCTIONS[name];
    if (!arity) this.fail(t, `unknown function ${name}()`);
    this.pos++;
    const args: Expr[] = [];
    if (!this.isOp(')')) {
      args.push(this.or());
      while (this.isOp(',')) {
        this.pos++;
        args.push(this.or());
      }
    }
    this.expect(')');
    if (args.length < arity.min || args.length > arity.max) {
      const wanted = arity.min === arity.max ? `${arity.min}` : `${arity.min} or ${arity.max}`;
      this.fail(t, `${name}() takes ${wanted} argument${arity.max === 1 ? '' : 's'}, not ${args.length}`);
    }
    if (name === 'regex' && args[1].kind === 'string') compileRegex(args[1].value);
    return { kind: 'call', name, args };
  }
}

function describe(t: Token): string {
  if (t.type === 'end') return 'the end';
  if (t.type === 'string') return `'${t.value}'`;
  if (t.type === 'ref') return `\${${t.value}}`;
  return `"${t.value}"`;
}

const parsed = new Map<string, Expr>();

/** Parses an expression; throws an ExpressionError saying what is wrong and where. */
export function parseExpression(text: string): Expr {
  const known = parsed.get(text);
  if (known) return known;
  if (!text.trim()) throw new ExpressionError('the expression is empty');
  const expr = new Parser(tokenize(text)).parse();
  parsed.set(text, expr);
  return expr;
}

/** The question ids an expression refers to with `${…}`, each once. */
export function references(expr: Expr): string[] {
  const ids = new Set<string>();
  const walk = (e: Expr): void => {
    if (e.kind === 'ref') ids.add(e.question);
    else if (e.kind === 'call') e.args.forEach(walk);
    else if (e.kind === 'binary') {
      walk(e.left);
      walk(e.right);
    } else if (e.kind === 'negate') walk(e.operand);
  };
  walk(expr);
  return [...ids];
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** True, false, or undefined when the answers the expression reads are not known. */
export function evaluate(expr: Expr, scope: Scope): boolean | undefined {
  const v = value(expr, scope);
  return v === undefined ? undefined : toBoolean(v);
}

function isSelection(v: Value): v is Selection {
  return typeof v === 'object';
}

function toText(v: Exclude<Value, undefined>): string {
  if (isSelection(v)) return v.names.join(' ');
  return String(v);
}

function toNumber(v: Exclude<Value, undefined>): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const s = toText(v).trim();
  return s === '' ? NaN : Number(s);
}

function toBoolean(v: Exclude<Value, undefined>): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (isSelection(v)) return v.names.length > 0;
  return v.length > 0;
}

function value(e: Expr, scope: Scope): Value {
  switch (e.kind) {
    case 'string':
    case 'number':
      return e.value;
    case 'ref':
      return scope.value(e.question);
    case 'current':
      return scope.current;
    case 'negate': {
      const v = value(e.operand, scope);
      return v === undefined ? undefined : -toNumber(v);
    }
    case 'binary':
      return binary(e.op, e.left, e.right, scope);
    case 'call':
      return call(e.name, e.args, scope);
  }
}

function binary(op: BinaryOp, l: Expr, r: Expr, scope: Scope): Value {
  if (op === 'and' || op === 'or') {
    // Kleene logic: one false settles "and", one true settles "or", whatever else is unknown.
    const a = evaluate(l, scope);
    if (op === 'and' && a === false) return false;
    if (op === 'or' && a === true) return true;
    const b = evaluate(r, scope);
    if (op === 'and') return b === false ? false : a === undefined || b === undefined ? undefined : true;
    return b === true ? true : a === undefined || b === undefined ? undefined : false;
  }
  const a = value(l, scope);
  const b = value(r, scope);
  if (a === undefined || b === undefined) return undefined;
  switch (op) {
    case '=':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return relate(op, a, b);
    case '+':
      return toNumber(a) + toNumber(b);
    case '-':
      return toNumber(a) - toNumber(b);
    case '*':
      return toNumber(a) * toNumber(b);
    case 'div':
      return toNumber(a) / toNumber(b);
    case 'mod':
      return toNumber(a) % toNumber(b);
  }
}

/** XPath equality; a selection also equals its option's label, so a definition may compare either. */
function equal(a: Exclude<Value, undefined>, b: Exclude<Value, undefined>): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return toBoolean(a) === toBoolean(b);
  if (typeof a === 'number' || typeof b === 'number') return toNumber(a) === toNumber(b);
  if (isSelection(a) && isSelection(b)) return toText(a) === toText(b);
  if (isSelection(a)) return a.names.join(' ') === b || a.labels.join(' ') === b;
  if (isSelection(b)) return equal(b, a);
  return a === b;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+)?$/;

/** Numbers compare as numbers; two ISO dates (or date-times) compare in time order. */
function relate(
  op: '<' | '<=' | '>' | '>=',
  a: Exclude<Value, undefined>,
  b: Exclude<Value, undefined>,
): boolean {
  let x: number | string = toNumber(a);
  let y: number | string = toNumber(b);
  if (Number.isNaN(x) || Number.isNaN(y)) {
    const [s, t] = [toText(a).trim(), toText(b).trim()];
    if (!ISO_DATE.test(s) || !ISO_DATE.test(t)) return false;
    [x, y] = [s, t];
  }
  if (op === '<') return x < y;
  if (op === '<=') return x <= y;
  if (op === '>') return x > y;
  return x >= y;
}

const regexes = new Map<string, RegExp>();

function compileRegex(pattern: string): RegExp {
  let re = regexes.get(pattern);
  if (re) return re;
  try {
    re = new RegExp(pattern, 'u');
  } catch {
    try {
      re = new RegExp(pattern);
    } catch (e) {
      throw new ExpressionError(`the regular expression '${pattern}' is invalid (${(e as Error).message})`);
    }
  }
  regexes.set(pattern, re);
  return re;
}

function call(name: string, args: Expr[], scope: Scope): Value {
  if (name === 'true') return true;
  if (name === 'false') return false;
  if (name === 'today' || name === 'now') return undefined;
  if (name === 'if') {
    const c = evaluate(args[0], scope);
    return c === undefined ? undefined : value(args[c ? 1 : 2], scope);
  }
  if (name === 'coalesce') {
    const a = value(args[0], scope);
    if (a === undefined) return undefined;
    return toText(a) !== '' ? a : value(args[1], scope);
  }
  const values = args.length ? args.map((a) => value(a, scope)) : [scope.current];
  if (values.some((v) => v === undefined)) return undefined;
  const known = values as Exclude<Value, undefined>[];
  const [a, b] = known;
  switch (name) {
    case 'not':
      return !toBoolean(a);
    case 'selected': {
      const wanted = toText(b).trim();
      if (isSelection(a)) return a.names.includes(wanted) || a.labels.includes(wanted);
      return toText(a).split(/\s+/).includes(wanted);
    }
    case 'count-selected':
      return isSelection(a) ? a.names.length : toText(a).split(/\s+/).filter(Boolean).length;
    case 'string-length':
      return [...toText(a)].length;
    case 'regex':
      return compileRegex(toText(b)).test(toText(a));
    case 'contains':
      return toText(a).includes(toText(b));
    case 'starts-with':
      return toText(a).startsWith(toText(b));
    case 'ends-with':
      return toText(a).endsWith(toText(b));
    case 'number':
      return toNumber(a);
    case 'string':
      return toText(a);
    case 'boolean':
      return toBoolean(a);
    case 'concat':
      return known.map(toText).join('');
    case 'substr': {
      // ODK's substr(s, start, end): positions from 0, the end excluded (not XPath's substring()).
      const chars = [...toText(a)];
      const end = known.length > 2 ? toNumber(known[2]) : chars.length;
      return chars.slice(toNumber(b), end).join('');
    }
    case 'normalize-space':
      return toText(a).replace(/\s+/g, ' ').trim();
    case 'int':
      return Math.trunc(toNumber(a));
    case 'round': {
      const digits = known.length > 1 ? toNumber(b) : 0;
      const scale = 10 ** digits;
      return Math.round(toNumber(a) * scale) / scale;
    }
    default:
      throw new ExpressionError(`unknown function ${name}()`);
  }
}
