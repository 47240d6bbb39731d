import { loadQuestionnaire } from '../core/definition';
import { exportCsvName, exportXlsxName, generateSampleBatch } from './batch';

const def = loadQuestionnaire('msq-2022');
const isPackage = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;

/** How a text file was saved, from its bytes. */
function savedAs(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'single-byte';
  }
}

describe('generateSampleBatch', () => {
  it('gives byte-identical files for the same seed', async () => {
    const a = await generateSampleBatch({ count: 60, seed: 42, def });
    const b = await generateSampleBatch({ count: 60, seed: 42, def });
    expect(b.files.map((f) => f.name)).toEqual(a.files.map((f) => f.name));
    expect(b.fileOf).toEqual(a.fileOf);
    const texts = a.files.filter((f) => !isPackage(f.bytes));
    expect(texts.length).toBeGreaterThan(20);
    // Text files and Word documents alike; the workbook carries its write time.
    const same = a.files.filter((f) => !f.name.endsWith('.xlsx'));
    expect(same.some((f) => f.name.endsWith('.docx'))).toBe(true);
    for (const f of same)
      expect(Buffer.from(b.files.find((x) => x.name === f.name)!.bytes).equals(Buffer.from(f.bytes))).toBe(
        true,
      );
    const other = await generateSampleBatch({ count: 60, seed: 43, def });
    expect(other.files.map((f) => f.name)).not.toEqual(a.files.map((f) => f.name));
  });

  it('mixes the layouts, encodings and line endings of a real batch', async () => {
    const { files, truth, fileOf } = await generateSampleBatch({ count: 300, seed: 8, def });
    expect(Object.keys(fileOf).sort()).toEqual(truth.map((r) => r.responseId).sort());
    const share = (test: (name: string) => boolean) =>
      truth.filter((r) => test(fileOf[r.responseId])).length / truth.length;
    expect(share((n) => /^\d{3,}_[a-z]+\.(txt|md)$/.test(n))).toBeGreaterThan(0.2);
    expect(share((n) => /^\d{3,}_[a-z]+\.(txt|md)$/.test(n))).toBeLessThan(0.4);
    expect(share((n) => /^MSQ2022_\w+\.(docx|txt)$/.test(n))).toBeGreaterThan(0.08);
    expect(share((n) => /^MSQ2022_\w+\.(docx|txt)$/.test(n))).toBeLessThan(0.22);
    expect(share((n) => n === exportXlsxName)).toBeGreaterThan(0.3);
    expect(share((n) => n === exportCsvName)).toBeGreaterThan(0.03);
    for (const ext of ['.md', '.docx', '.xlsx', '.csv'])
      expect(files.some((f) => f.name.endsWith(ext))).toBe(true);
    expect(new Set(files.map((f) => f.name)).size).toBe(files.length);

    // A resubmission arrives in the same export as the response it replaces.
    for (const r of truth.filter((x) => x.supersedes)) {
      expect(fileOf[r.responseId]).toBe(exportXlsxName);
      expect(fileOf[r.supersedes!]).toBe(exportXlsxName);
    }

    const texts = files.filter((f) => /\.(txt|md)$/.test(f.name));
    const encodings = new Set(texts.map((f) => savedAs(f.bytes)));
    expect([...encodings].sort()).toEqual(['single-byte', 'utf-16be', 'utf-16le', 'utf-8', 'utf-8-bom']);
    const decoded = texts.map((f) => {
      const kind = savedAs(f.bytes);
      return kind.startsWith('utf-16')
        ? new TextDecoder(kind).decode(f.bytes)
        : new TextDecoder('latin1').decode(f.bytes);
    });
    expect(decoded.some((t) => t.includes('\r\n'))).toBe(true);
    expect(decoded.some((t) => t.includes('\n') && !t.includes('\r'))).toBe(true);
    const csv = files.find((f) => f.name === exportCsvName)!;
    expect(savedAs(csv.bytes)).toBe('utf-8-bom');
  });

  it('builds the benchmark batch of 1,130 responses', async () => {
    const { files, truth, fileOf } = await generateSampleBatch({ count: 1130, seed: 2022, def });
    expect(truth).toHaveLength(1130);
    expect(new Set(Object.values(fileOf)).size).toBe(files.length);
    expect(new Set(truth.map((r) => r.countryIso3)).size).toBe(193);
  }, 180000);
});
