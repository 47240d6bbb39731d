import { readFileSync } from 'fs';
import { join } from 'path';
import { loadQuestionnaire } from '../src/core/definition';
import { importBatch } from '../src/core/pipeline';
import { readFile } from '../src/core/read';

const def = loadQuestionnaire('msq-2022');
const corpus = join(__dirname, '../../shared/corpus/msq-2022/files');

/** Writes bits least significant first, as DEFLATE packs them. */
class BitWriter {
  private readonly out: Uint8Array;
  private at = 0;
  private bit = 0;
  constructor(capacity: number) {
    this.out = new Uint8Array(capacity);
  }
  bits(value: number, n: number): void {
    for (let i = 0; i < n; i++) {
      if ((value >> i) & 1) this.out[this.at] |= 1 << this.bit;
      if (++this.bit === 8) [this.bit, this.at] = [0, this.at + 1];
    }
  }
  /** A Huffman code, written most significant bit first. */
  code(value: number, n: number): void {
    for (let i = n - 1; i >= 0; i--) this.bits((value >> i) & 1, 1);
  }
  bytes(): Uint8Array {
    return this.out.slice(0, this.at + 1);
  }
}

/** Raw DEFLATE of one space then `repeats` copies of 258 more: a fixed-Huffman block, 13 bits per 258 bytes. */
function deflatedSpaces(repeats: number): { data: Uint8Array; size: number } {
  const w = new BitWriter(Math.ceil((repeats * 13 + 32) / 8) + 2);
  w.bits(1, 1); // final block
  w.bits(1, 2); // fixed Huffman codes
  w.code(0x30 + 0x20, 8); // literal ' '
  for (let i = 0; i < repeats; i++) {
    w.code(0b11000101, 8); // length 258 (symbol 285)
    w.code(0, 5); // distance 1
  }
  w.code(0, 7); // end of block
  return { data: w.bytes(), size: 1 + 258 * repeats };
}

/** A .docx-shaped ZIP of one deflated word/document.xml, declaring `declared` as its size. */
function zipOf(data: Uint8Array, declared: number): Uint8Array {
  const name = new TextEncoder().encode('word/document.xml');
  const local = new Uint8Array(30 + name.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(8, 8, true);
  lv.setUint32(18, data.length, true);
  lv.setUint32(22, declared, true);
  lv.setUint16(26, name.length, true);
  local.set(name, 30);
  const central = new Uint8Array(46 + name.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(10, 8, true);
  cv.setUint32(20, data.length, true);
  cv.setUint32(24, declared, true);
  cv.setUint16(28, name.length, true);
  central.set(name, 46);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, central.length, true);
  ev.setUint32(16, local.length + data.length, true);
  const out = new Uint8Array(local.length + data.length + central.length + end.length);
  out.set(local, 0);
  out.set(data, local.length);
  out.set(central, local.length + data.length);
  out.set(end, local.length + data.length + central.length);
  return out;
}

describe('a .docx whose document inflates to a gigabyte of spaces', () => {
  const { data, size } = deflatedSpaces(4_000_000);
  const honest = zipOf(data, size);
  const lying = zipOf(data, 1000);

  it('is about 1 GB inflated from a few megabytes', () => {
    expect(size).toBeGreaterThan(1_000_000_000);
    expect(honest.length).toBeLessThan(8 * 1024 * 1024);
  });

  it.each([
    ['declaring its size', honest, /would inflate to 984 MB/],
    ['declaring 1000 bytes', lying, /inflates to more than .*declared size is wrong/],
  ])('is refused fast with a plain reason, %s, in little memory', async (_, bytes, reason) => {
    const rss = process.memoryUsage().rss;
    const started = Date.now();
    const outcome = await readFile({ name: 'bomb.docx', bytes }, def);
    expect(outcome).toMatchObject({ ok: false, code: 'too-large' });
    expect(!outcome.ok && outcome.message).toMatch(reason);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(400 * 1024 * 1024);
  });

  it('leaves the rest of a batch imported', async () => {
    const page = { name: '031_cog.txt', bytes: new Uint8Array(readFileSync(join(corpus, '031_cog.txt'))) };
    const result = await importBatch(
      [{ name: 'bomb.docx', bytes: honest }, { name: 'liar.docx', bytes: lying }, page],
      def,
    );
    expect(result.reports.map((r) => r.status)).toEqual(['rejected', 'rejected', 'imported']);
    expect(result.responses.map((r) => r.country.iso3)).toEqual(['COG']);
  });
});
