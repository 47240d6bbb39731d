import type { Definition } from '../core/definition';
import type { InputFile } from '../core/model';
import { canEncode, encodeText, hasCyrillic, type LineEnding, type TextEncodingName } from './encode';
import { Random } from './random';
import { renderExportCsv, renderExportXlsx } from './render-export';
import { renderFormsText } from './render-forms-text';
import { renderDocx, renderWordText } from './render-word';
import { generateResponses, type SampleResponse } from './responses';

export const exportXlsxName = 'forms-export.xlsx';
export const exportCsvName = 'forms-export.csv';

type Layout = 'forms' | 'word' | 'xlsx' | 'csv';

/**
 * A batch as analysts receive it: Forms pages (~30%, .txt/.md), Word questionnaires (~15%, .docx/.txt),
 * and the rest in one Forms export .xlsx, plus a .csv export of other rows. Text files vary in encoding
 * and line endings. `fileOf` maps each response id to its file.
 */
export async function generateSampleBatch(opts: {
  count: number;
  seed: number;
  def: Definition;
}): Promise<{ files: InputFile[]; truth: SampleResponse[]; fileOf: Record<string, string> }> {
  const truth = generateResponses(opts);
  const { def } = opts;
  const rnd = new Random(opts.seed).fork(0xba7c);
  const layouts = assignLayouts(truth, rnd);

  const files: InputFile[] = [];
  const fileOf: Record<string, string> = {};
  const taken = new Set<string>();
  const xlsxRows: SampleResponse[] = [];
  const csvRows: SampleResponse[] = [];

  for (const r of truth) {
    const layout = layouts.get(r.responseId)!;
    if (layout === 'xlsx' || layout === 'csv') {
      (layout === 'xlsx' ? xlsxRows : csvRows).push(r);
      fileOf[r.responseId] = layout === 'xlsx' ? exportXlsxName : exportCsvName;
      continue;
    }
    let name: string;
    let bytes: Uint8Array;
    if (layout === 'forms') {
      const id = r.responseId.padStart(3, '0');
      const stem = rnd.chance(0.6) && r.countryWritten ? r.countryIso3.toLowerCase() : 'response';
      name = `${id}_${stem}.${rnd.chance(0.3) ? 'md' : 'txt'}`;
      const text = renderFormsText(r, def);
      bytes = encodeText(text, chooseEncoding(rnd, text), chooseLineEnding(rnd));
    } else {
      const stem = r.countryWritten && rnd.chance(0.85) ? r.countryIso3 : `reply${r.responseId}`;
      const docx = rnd.chance(0.55);
      name = `MSQ2022_${taken.has(`MSQ2022_${stem}`) ? `reply${r.responseId}` : stem}`;
      taken.add(name);
      if (docx) {
        name += '.docx';
        bytes = await renderDocx(r, def);
      } else {
        name += '.txt';
        const text = renderWordText(r, def, rnd.chance(0.5) ? 'inline' : 'per-line');
        bytes = encodeText(text, chooseEncoding(rnd, text), chooseLineEnding(rnd));
      }
    }
    files.push({ name, bytes });
    fileOf[r.responseId] = name;
  }

  if (xlsxRows.length) files.push({ name: exportXlsxName, bytes: await renderExportXlsx(xlsxRows, def) });
  if (csvRows.length)
    files.push({ name: exportCsvName, bytes: encodeText(renderExportCsv(csvRows, def), 'utf-8-bom') });
  return { files, truth, fileOf };
}

/** Which layout each response arrives in; a country's resubmission and its original share the export. */
function assignLayouts(truth: SampleResponse[], rnd: Random): Map<string, Layout> {
  const layouts = new Map<string, Layout>();
  const paired = new Set<string>();
  for (const r of truth) if (r.supersedes) paired.add(r.supersedes).add(r.responseId);
  for (const r of truth) {
    layouts.set(
      r.responseId,
      paired.has(r.responseId)
        ? 'xlsx'
        : rnd.weighted([
            ['forms', 30],
            ['word', 15],
            ['csv', 10],
            ['xlsx', 45],
          ] as const),
    );
  }
  // Small batches still show every layout.
  const free = truth.filter((r) => !paired.has(r.responseId));
  if (free.length >= 8) {
    const wanted: Layout[] = ['forms', 'word', 'csv', 'xlsx'];
    wanted.forEach((layout, i) => {
      if (![...layouts.values()].includes(layout)) layouts.set(free[i * 2].responseId, layout);
    });
  }
  return layouts;
}

export function chooseEncoding(rnd: Random, text: string): TextEncodingName {
  const options: [TextEncodingName, number][] = [
    ['utf-8', 50],
    ['utf-8-bom', 15],
    ['utf-16le', 8],
    ['utf-16be', 4],
  ];
  if (hasCyrillic(text)) {
    if (canEncode(text, 'windows-1251')) options.push(['windows-1251', 60]);
  } else if (canEncode(text, 'windows-1252')) options.push(['windows-1252', 15]);
  return rnd.weighted(options);
}

function chooseLineEnding(rnd: Random): LineEnding {
  return rnd.chance(0.35) ? 'crlf' : 'lf';
}
