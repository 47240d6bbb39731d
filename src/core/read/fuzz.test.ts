/* eslint-disable no-restricted-imports, no-restricted-globals -- the tests read the shared corpus from disk and the environment */
import fs from 'fs';
import path from 'path';
import fc from 'fast-check';
import { loadQuestionnaire } from '../definition';
import { readFile, type ReadOutcome } from '.';
import { DEFAULT_FUZZ_SEED, fuzzSeed } from '../../../test/support/fast-check';

const shared = path.resolve(__dirname, '../../../../shared');
const dir = path.join(shared, 'corpus/msq-2022/files');
const def = loadQuestionnaire('msq-2022');
const corpus = (name: string) => new Uint8Array(fs.readFileSync(path.join(dir, name)));

const CODES = ['empty', 'binary', 'truncated', 'too-large', 'not-a-response', 'unsupported', 'malformed'];

it('runs every property from a fixed seed that FUZZ_SEED overrides, printed when one fails', () => {
  const seed = fc.readConfigureGlobal().seed;
  if (process.env.FUZZ_SEED !== 'random') expect(seed).toBe(fuzzSeed());
  expect(fuzzSeed('')).toBe(DEFAULT_FUZZ_SEED);
  expect(fuzzSeed('42')).toBe(42);
  expect(Number.isInteger(fuzzSeed('random'))).toBe(true);
  expect(() => fuzzSeed('often')).toThrow(/FUZZ_SEED/);
  let message = '';
  try {
    fc.assert(fc.property(fc.nat(), (n) => n < 0));
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toContain(`seed: ${seed}`);
});

/** Whatever the bytes, an outcome of the documented shape comes back. */
async function expectOutcome(name: string, bytes: Uint8Array): Promise<ReadOutcome> {
  const outcome = await readFile({ name, bytes }, def);
  expect(outcome.sourceFile).toBe(name);
  if (outcome.ok) {
    expect(Array.isArray(outcome.responses)).toBe(true);
    for (const r of outcome.responses) expect(typeof r.answers).toBe('object');
  } else {
    expect(CODES).toContain(outcome.code);
    expect(outcome.message.length).toBeGreaterThan(0);
  }
  return outcome;
}

type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array };

// A position as a fraction of the length; fc.double would crowd them near 0.
const position = fc.noBias(fc.nat(1_000_000)).map((n) => n / 1_000_000);

const flip = fc.record({ kind: fc.constant('flip' as const), at: position, value: fc.nat(255) });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  flip,
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
  }),
);

function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = bytes.slice();
  for (const m of mutations) {
    const at = Math.min(out.length, Math.floor(m.at * out.length));
    if (m.kind === 'flip' && at < out.length) out[at] = m.value;
    if (m.kind === 'truncate') out = out.slice(0, at);
    if (m.kind === 'insert') out = Uint8Array.from([...out.subarray(0, at), ...m.bytes, ...out.subarray(at)]);
  }
  return out;
}

describe('readFile never throws', () => {
  it('for arbitrary bytes under any name', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4096 }),
        fc.constantFrom('a.txt', 'a.md', 'a.csv', 'a.docx', 'a.xlsx', 'noname'),
        async (bytes, name) => {
          await expectOutcome(name, bytes);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('for arbitrary strings encoded as UTF-8', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 2000 }), async (s) => {
        await expectOutcome('s.txt', new TextEncoder().encode(s));
      }),
      { numRuns: 100 },
    );
  });

  it('for texts pieced together from the lines of real responses', async () => {
    const lines = ['031_cog.txt', 'MSQ2022_CHL.txt', 'forms-export.csv']
      .flatMap((n) => new TextDecoder().decode(corpus(n)).split('\n'))
      .filter((l) => l.length < 2000);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...lines), { maxLength: 300 }), async (picked) => {
        await expectOutcome('pieces.txt', new TextEncoder().encode(picked.join('\n')));
      }),
      { numRuns: 60 },
    );
  });

  // Cuts and insertions break a ZIP's directory at once; flips alone reach the Word and Excel readers.
  it.each([
    ['031_cog.txt', 60, mutation],
    ['MSQ2022_HND.txt', 40, mutation],
    ['forms-export.csv', 15, mutation],
    ['forms-export.xlsx', 20, mutation],
    ['forms-export.xlsx', 10, flip],
    ['MSQ2022_EST.docx', 20, mutation],
    ['MSQ2022_EST.docx', 6, flip],
  ])('for %s with bytes changed, cut or inserted (%i runs)', async (name, numRuns, change) => {
    const original = corpus(name);
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 4 }), async (mutations) => {
        await expectOutcome(name, mutate(original, mutations));
      }),
      { numRuns },
    );
  });
});
