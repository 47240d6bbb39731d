/**
 * @jest-environment jsdom
 */
// Which host the pane runs in, as Office.onReady reports it, and what the pane says when that fails.
import { chooseHost } from './host';
import { startOffice } from './office';

const g = globalThis as Record<string, unknown>;

afterEach(() => {
  delete g.Office;
  delete window.officeJsFailed;
});

function office(onReady: () => Promise<unknown>) {
  g.Office = {
    onReady,
    context: { requirements: { isSetSupported: () => true } },
  };
}

describe('starting the pane', () => {
  it('is the preview, saying why, when Office.js failed to load (offline)', async () => {
    window.officeJsFailed = true;
    const start = await startOffice(200);
    expect(start.info).toBeNull();
    expect(start.problem).toMatch(/Office\.js could not be loaded/);
    const host = chooseHost(start);
    expect(host.kind).toBe('preview');
    expect(host.problem).toBe(start.problem);
  });

  it('is the preview, quietly, in a plain browser (onReady reports no host)', async () => {
    office(async () => ({ host: null, platform: null }));
    const start = await startOffice(200);
    expect(start).toEqual({ info: null });
    expect(chooseHost(start).kind).toBe('preview');
  });

  it('is Excel when onReady says so, with what this Excel leaves out', async () => {
    office(async () => ({ host: 'Excel', platform: 'OfficeOnline' }));
    const start = await startOffice(200);
    expect(start.info?.host).toBe('Excel');
    const host = chooseHost(start);
    expect(host.kind).toBe('excel');
    expect(host.problem).toBeUndefined();
    expect(host.buildInWorkbook).toBeDefined();
  });

  it('says so when Office does not answer, or is not Excel', async () => {
    office(() => new Promise(() => undefined));
    const silent = await startOffice(100);
    expect(silent.problem).toMatch(/did not answer/);
    expect(chooseHost(silent).kind).toBe('preview');
    office(async () => ({ host: 'Word', platform: 'PC' }));
    const word = await startOffice(100);
    expect(word.problem).toMatch(/works in Excel; this is Word/);
    expect(chooseHost(word).kind).toBe('preview');
  });

  it('waits for a script still loading rather than deciding at once', async () => {
    setTimeout(() => office(async () => ({ host: 'Excel', platform: 'PC' })), 120);
    const start = await startOffice(2000);
    expect(start.info?.host).toBe('Excel');
  });
});
