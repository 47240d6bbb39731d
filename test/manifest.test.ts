/**
 * @jest-environment jsdom
 */
// jsdom's DOMParser is a strict, namespace-aware XML parser (saxes): malformed XML yields <parsererror>.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const manifestXml = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');
const DEV_ORIGIN = 'https://localhost:3000/';

function parse(xml: string) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const problems = Array.from(doc.getElementsByTagName('parsererror'), (e) => e.textContent ?? 'parse error');
  return { doc, problems };
}

const { doc, problems } = parse(manifestXml);
const officeApp = doc.documentElement;

function children(el: Element, name: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).localName === name) out.push(n as Element);
  }
  return out;
}

function only(el: Element, name: string): Element {
  const found = children(el, name);
  if (found.length !== 1)
    throw new Error(`expected one <${name}> in <${el.localName}>, found ${found.length}`);
  return found[0];
}

function all(name: string): Element[] {
  return Array.from(doc.getElementsByTagNameNS('*', name));
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = '89504e470d0a1a0a';
  if (bytes.subarray(0, 8).toString('hex') !== signature) throw new Error('not a PNG');
  if (bytes.subarray(12, 16).toString('ascii') !== 'IHDR') throw new Error('PNG without IHDR first');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function localFile(url: string): string {
  expect(url.startsWith(DEV_ORIGIN)).toBe(true);
  return path.join(root, url.slice(DEV_ORIGIN.length));
}

describe('manifest.xml', () => {
  it('is well-formed XML with an OfficeApp task pane root', () => {
    expect(problems).toEqual([]);
    expect(officeApp.localName).toBe('OfficeApp');
    expect(officeApp.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'type')).toBe('TaskPaneApp');
  });

  it('rejects a broken copy, so the parse check above can fail', () => {
    expect(parse(manifestXml.replace('</Hosts>', '')).problems.length).toBeGreaterThan(0);
  });

  it('has the required identity elements', () => {
    expect(only(officeApp, 'Id').textContent).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    );
    expect(only(officeApp, 'Version').textContent).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(only(officeApp, 'ProviderName').textContent?.trim()).not.toBe('');
    expect(only(officeApp, 'DefaultLocale').textContent).toMatch(/^[a-z]{2}-[A-Z]{2}$/);
    for (const name of ['DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl']) {
      expect(only(officeApp, name).getAttribute('DefaultValue')?.trim()).toBeTruthy();
    }
    expect(only(officeApp, 'SupportUrl').getAttribute('DefaultValue')).toMatch(/^https:\/\//);
  });

  it('targets Excel workbooks with an ExcelApi requirement and write permission', () => {
    const hosts = children(only(officeApp, 'Hosts'), 'Host').map((h) => h.getAttribute('Name'));
    expect(hosts).toEqual(['Workbook']);
    const sets = only(only(officeApp, 'Requirements'), 'Sets');
    const excelApi = children(sets, 'Set').find((s) => s.getAttribute('Name') === 'ExcelApi');
    // 1.1: Excel 2016 without updates runs the add-in; everything newer is checked at run time.
    expect(excelApi?.getAttribute('MinVersion')).toBe('1.1');
    expect(only(officeApp, 'Permissions').textContent).toBe('ReadWriteDocument');
    const source = only(only(officeApp, 'DefaultSettings'), 'SourceLocation').getAttribute('DefaultValue');
    expect(source).toBe(`${DEV_ORIGIN}taskpane.html`);
  });

  it('adds a ribbon button that shows the task pane', () => {
    const overrides = only(officeApp, 'VersionOverrides');
    expect(overrides.namespaceURI).toBe('http://schemas.microsoft.com/office/taskpaneappversionoverrides');
    const actions = all('Action');
    expect(actions.map((a) => a.getAttribute('xsi:type'))).toContain('ShowTaskpane');
    // Every resid the commands use is declared once among the resources.
    const declared = new Set(
      ['Image', 'Url', 'String'].flatMap((n) => all(n).map((e) => e.getAttribute('id'))).filter(Boolean),
    );
    const used = Array.from(manifestXml.matchAll(/resid="([^"]+)"/g), (m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const id of used) expect(declared).toContain(id);
  });

  it('points every icon at a PNG in assets/ of the declared size', () => {
    const icons: { url: string; size: number }[] = [
      { url: only(officeApp, 'IconUrl').getAttribute('DefaultValue')!, size: 32 },
      { url: only(officeApp, 'HighResolutionIconUrl').getAttribute('DefaultValue')!, size: 64 },
    ];
    const resources = new Map(
      all('Image')
        .filter((e) => e.getAttribute('id'))
        .map((e) => [e.getAttribute('id')!, e.getAttribute('DefaultValue')!]),
    );
    for (const img of all('Image').filter((e) => e.getAttribute('size'))) {
      const url = resources.get(img.getAttribute('resid')!);
      expect(url).toBeDefined();
      icons.push({ url: url!, size: Number(img.getAttribute('size')) });
    }
    expect(new Set(icons.map((i) => i.size))).toEqual(new Set([16, 32, 64, 80]));
    for (const icon of icons) {
      const file = localFile(icon.url);
      expect(fs.existsSync(file)).toBe(true);
      expect(pngSize(fs.readFileSync(file))).toEqual({ width: icon.size, height: icon.size });
    }
  });

  it('serves everything from the dev origin, which the production build rewrites', () => {
    const urls = Array.from(manifestXml.matchAll(/DefaultValue="(https?:[^"]+)"/g), (m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith(DEV_ORIGIN)).toBe(true);
  });

  describe("against Microsoft's manifest schemas (../shared/office-manifest-schemas)", () => {
    const schema = path.resolve(root, '../shared/office-manifest-schemas/OfficeAppManifestV1_1.xsd');
    const xmllint = spawnSync('xmllint', ['--version']).status === 0;
    const validate = (xml: string) => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-')), 'manifest.xml');
      fs.writeFileSync(file, xml);
      try {
        execFileSync('xmllint', ['--noout', '--schema', schema, file], { stdio: 'pipe' });
        return '';
      } catch (error) {
        return String((error as { stderr?: Buffer }).stderr ?? error);
      }
    };
    const check = xmllint ? it : it.skip;
    if (!xmllint) console.warn('xmllint (libxml2-utils) is not installed: the schema check is skipped.');

    check('validates', () => {
      expect(validate(manifestXml)).toBe('');
    });

    check('refuses a manifest that breaks the schema, so the check can fail', () => {
      expect(
        validate(manifestXml.replace('<Permissions>ReadWriteDocument', '<Permissions>Everything')),
      ).toMatch(/Permissions/);
    });
  });
});
