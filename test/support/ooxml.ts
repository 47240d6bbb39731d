import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED } from './corpus';

/**
 * Judges a written .xlsx the way Excel would, offline: every XML part against the ECMA-376
 * Transitional schemas (`../shared/ooxml/validate.py`, xmllint) and the cross-part rules no schema
 * holds (`semantic.py`: content types, relationships, counts, tables, PivotTable caches, limits).
 * Missing tools fail the test with what to install; nothing is skipped.
 */

const OOXML = join(SHARED, 'ooxml');
const INSTALL = 'install them with `apt-get install -y libxml2-utils python3-lxml` (Debian/Ubuntu)';

let python: string | undefined;

/** A Python 3 that imports lxml (the Debian one first: a version manager's python may lack it). */
function pythonWithLxml(): string {
  if (python) return python;
  const candidates = [process.env.OOXML_PYTHON, '/usr/bin/python3', 'python3'].filter(
    (c): c is string => !!c,
  );
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['-c', 'import lxml.etree'], { encoding: 'utf8' });
    if (probe.status === 0) return (python = candidate);
  }
  throw new Error(
    `Checking .xlsx files against the OOXML schemas needs Python 3 with lxml, found in none of ${candidates.join(', ')}: ${INSTALL}.`,
  );
}

function requireXmllint(): void {
  const probe = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    throw new Error(`Checking .xlsx files against the OOXML schemas needs xmllint: ${INSTALL}.`);
}

export interface OoxmlReport {
  /** Every part valid, and no cross-part error or warning. */
  valid: boolean;
  /** What validate.py and semantic.py printed. */
  output: string;
}

/** Runs both checkers on the workbook's bytes. */
export function checkOoxml(bytes: Uint8Array): OoxmlReport {
  const py = pythonWithLxml();
  requireXmllint();
  const dir = mkdtempSync(join(tmpdir(), 'atlas-ooxml-'));
  try {
    const file = join(dir, 'book.xlsx');
    writeFileSync(file, bytes);
    const run = (script: string) => {
      const r = spawnSync(py, [join(OOXML, script), file], {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
        timeout: 300_000,
      });
      if (r.error) throw r.error;
      return { status: r.status, text: `${r.stdout}${r.stderr}` };
    };
    const schema = run('validate.py');
    const semantic = run('semantic.py');
    // semantic.py prints a line per finding: ERROR fails it, and a WARN is a defect here too.
    const findings = semantic.text.split('\n').filter((l) => /^\s+(ERROR|WARN)\s/.test(l));
    return {
      valid: schema.status === 0 && semantic.status === 0 && findings.length === 0,
      output: `${schema.text.replace(/^ {2}ok.*\n/gm, '')}${semantic.text}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Fails with both checkers' findings unless the workbook is valid. */
export function expectValidOoxml(bytes: Uint8Array, what = 'workbook'): void {
  const report = checkOoxml(bytes);
  if (!report.valid) throw new Error(`${what} is not a valid .xlsx:\n${report.output}`);
}
