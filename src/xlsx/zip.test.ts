import JSZip from 'jszip';
import { zipEntries } from './zip';

const entries = [
  { path: '[Content_Types].xml', data: '<Types/>' },
  { path: 'xl/worksheets/sheet1.xml', data: '<row>Côte d’Ivoire</row>'.repeat(2000) },
  { path: 'xl/media/empty.bin', data: new Uint8Array(0) },
  { path: 'docs/résumé.txt', data: 'named beyond ASCII' },
];

async function readBack(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(
    Object.values(zip.files).map(async (f) => [f.name, await f.async('string'), f.date] as const),
  );
  return parts;
}

describe('zipEntries', () => {
  const modified = new Date(Date.UTC(2023, 4, 17, 13, 45, 30));

  it.each([
    ['native deflate', false],
    ['fflate where the platform has no CompressionStream', true],
  ])('writes every part, in order, with its UTC date (%s)', async (_, withoutNative) => {
    const native = globalThis.CompressionStream;
    if (withoutNative) (globalThis as { CompressionStream?: unknown }).CompressionStream = undefined;
    try {
      const parts = await readBack(await zipEntries(entries, modified));
      expect(parts.map(([name, text]) => [name, text])).toEqual(
        entries.map((e) => [e.path, typeof e.data === 'string' ? e.data : '']),
      );
      for (const [, , date] of parts) expect(date.toISOString()).toBe('2023-05-17T13:45:30.000Z');
    } finally {
      globalThis.CompressionStream = native;
    }
  });

  it('deflates: a repetitive part takes a fraction of its size', async () => {
    const bytes = await zipEntries(entries, modified);
    expect(bytes.length).toBeLessThan(entries[1].data.length / 10);
  });
});
