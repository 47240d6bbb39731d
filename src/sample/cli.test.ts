import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { main, makeSample, parseArgs } from './cli';

describe('make-sample command', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'survey-atlas-sample-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads its options, the truth file defaulting to beside the batch', () => {
    const opts = parseArgs([path.join(dir, 'batch'), '--count', '12', '--seed', '3']);
    expect(opts).toMatchObject({
      outDir: path.join(dir, 'batch'),
      count: 12,
      seed: 3,
      questionnaire: 'msq-2022',
    });
    expect(opts.truthFile).toBe(path.join(dir, 'truth.json'));
    expect(() => parseArgs(['--count', 'x'])).toThrow(/whole number/);
    expect(() => parseArgs(['--bogus'])).toThrow(/unknown option/);
  });

  it('writes the batch and its truth, replacing only files it generated', async () => {
    const out = path.join(dir, 'batch');
    await makeSample(parseArgs([out, '--count', '30', '--seed', '1']));
    writeFileSync(path.join(out, 'notes.txt'), 'kept');
    const { files, responses } = await makeSample(parseArgs([out, '--count', '12', '--seed', '2']));
    const names = readdirSync(out);
    expect(names).toHaveLength(files + 1);
    expect(names).toContain('notes.txt');
    const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8'));
    expect(truth.responses).toHaveLength(responses);
    expect(responses).toBe(12);
    for (const file of Object.values(truth.fileOf) as string[]) expect(names).toContain(file);
  });

  it('answers a bad option with usage and exit code 2', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});
    expect(await main(['--count'])).toBe(2);
    expect(error.mock.calls[0][0]).toMatch(/usage: make-sample/);
    error.mockRestore();
  });
});
