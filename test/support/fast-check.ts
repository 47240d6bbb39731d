/**
 * Every property test runs from one fixed seed, so a run is reproducible on any machine; the seed and
 * path of a failure are printed with it. `FUZZ_SEED=<n>` replays or varies it, `FUZZ_SEED=random` draws
 * a new one (printed when a property fails).
 */
import fc from 'fast-check';

export const DEFAULT_FUZZ_SEED = 20221;

export function fuzzSeed(env: string | undefined = process.env.FUZZ_SEED): number {
  if (env === 'random') return Date.now() ^ (Math.random() * 0x7fffffff);
  const seed = env === undefined || env === '' ? DEFAULT_FUZZ_SEED : Number(env);
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer or "random", not "${env}"`);
  return seed;
}

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: fuzzSeed(), verbose: fc.VerbosityLevel.Verbose });
