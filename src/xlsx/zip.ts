import JSZip from 'jszip';

/** The .xlsx container: the parts, deflated and zipped by JSZip. */

export interface ZipEntry {
  path: string;
  data: string | Uint8Array;
}

export async function zipEntries(entries: ZipEntry[], modified: Date): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const e of entries) zip.file(e.path, e.data, { date: modified, createFolders: false });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
