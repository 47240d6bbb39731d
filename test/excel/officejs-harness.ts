/**
 * The real Excel JavaScript library (`@microsoft/office-js`, the build Excel on the web loads) in
 * jsdom, with a request executor in place of Excel: every `context.sync()` the add-in makes is
 * serialised by the library itself, measured as it would go to Excel (the UTF-8 bytes of the JSON
 * body), refused over the 5 MB limit as Excel on the web refuses it, and otherwise carried out on
 * the in-memory fake (`fake-excel.ts`), whose results go back to the library as Excel's would.
 *
 * So request counts and sizes are the library's, not an estimate, and the add-in's code runs
 * against the library's own proxy objects, load rules and error objects.
 */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { FakeContext, FakeOfficeError, type FakeExcel } from './fake-excel';

const LIBRARY = require.resolve('@microsoft/office-js/dist/excel-web-16.00.debug.js');
/** Excel on the web refuses a request over 5 MB. */
export const WEB_REQUEST_LIMIT = 5 * 1024 * 1024;

export interface RecordedRequest {
  /** UTF-8 bytes of the request body as the library serialised it. */
  bytes: number;
  actions: number;
  ok: boolean;
  error?: string;
}

interface ExcelWindow {
  Excel: { RequestContext: new () => LibraryContext } & Record<string, unknown>;
}

interface LibraryContext {
  _requestExecutor: unknown;
  sync(): Promise<void>;
}

interface Message {
  Body: { Actions: Action[]; ObjectPaths: Record<string, ObjectPath> };
}
interface Action {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: ArgumentInfo;
  QueryInfo?: { Select?: string[] };
}
interface ObjectPath {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: ArgumentInfo;
}
interface ArgumentInfo {
  Arguments?: unknown[];
  ReferencedObjectPathIds?: number[];
}

let loaded: ExcelWindow | undefined;

/** The library, evaluated once per test file (about 0.3 s). */
function library(): ExcelWindow {
  if (loaded) return loaded;
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    runScripts: 'outside-only',
    url: 'https://localhost/',
  });
  dom.window.eval(readFileSync(LIBRARY, 'utf8'));
  loaded = dom.window as unknown as ExcelWindow;
  return loaded;
}

const lower = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const upper = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export class OfficeJsHarness {
  readonly requests: RecordedRequest[] = [];
  /**
   * Objects a load returned, by reference id, as Excel hands them out so that the library can use a
   * range again after its sync: the object paths that found them, replayed in a later request.
   */
  private readonly references = new Map<string, { paths: Record<string, ObjectPath>; id: number }>();

  constructor(
    readonly fake: FakeExcel,
    readonly limit = WEB_REQUEST_LIMIT,
  ) {
    // The harness counts the library's bytes; the fake's own estimate is not applied.
    fake.payloadLimit = Number.POSITIVE_INFINITY;
  }

  get largest(): number {
    return Math.max(0, ...this.requests.filter((r) => r.ok).map((r) => r.bytes));
  }

  /** Sets `Excel` (the library's, with `run` going through this harness) and `Office`; returns the undo. */
  install(): () => void {
    const undoFake = this.fake.install();
    const g = globalThis as Record<string, unknown>;
    const before = g.Excel;
    const lib = library();
    const executor = { executeAsync: (_c: unknown, _f: number, m: Message) => this.execute(m) };
    g.Excel = Object.assign(Object.create(lib.Excel as object) as object, {
      run: async <T>(batch: (context: LibraryContext) => Promise<T>): Promise<T> => {
        const context = new lib.Excel.RequestContext();
        context._requestExecutor = executor;
        const result = await batch(context);
        await context.sync();
        return result;
      },
    });
    return () => {
      g.Excel = before;
      undoFake();
    };
  }

  private async execute(message: Message): Promise<unknown> {
    const body = message.Body;
    const bytes = Buffer.byteLength(JSON.stringify(body), 'utf8');
    // The library turns a loaded object's path into a reference afterwards: keep the paths as sent.
    let sentPaths: Record<string, ObjectPath> | undefined;
    const pathsAsSent = () =>
      (sentPaths ??= JSON.parse(JSON.stringify(body.ObjectPaths)) as Record<string, ObjectPath>);
    const record: RecordedRequest = { bytes, actions: body.Actions.length, ok: false };
    this.requests.push(record);
    if (bytes > this.limit) {
      record.error = 'RequestPayloadSizeLimitExceeded';
      return {
        HttpStatusCode: 413,
        ErrorCode: 'RequestPayloadSizeLimitExceeded',
        ErrorMessage: 'The request payload size has exceeded the limit.',
        Headers: {},
        Body: null,
      };
    }
    const context = new FakeContext(this.fake);
    const objects = new Map<string, unknown>();
    const resolve = (id: number, paths = body.ObjectPaths, scope = ''): Record<string, unknown> => {
      const key = `${scope}${id}`;
      if (objects.has(key)) return objects.get(key) as Record<string, unknown>;
      const path = paths[String(id)];
      if (!path) throw new FakeOfficeError('InvalidObjectPath', `No object path ${id}.`);
      let value: unknown;
      if (path.ObjectPathType === 1) value = context;
      else if (path.ObjectPathType === 6) {
        const ref = this.references.get(path.Name);
        if (!ref) throw new FakeOfficeError('InvalidObjectPath', `No object ${path.Name}.`);
        value = resolve(ref.id, ref.paths, `${path.Name}:`);
      } else {
        const parent = resolve(path.ParentObjectPathId!, paths, scope);
        const args = argumentsOf(path.ArgumentInfo, paths, scope);
        if (path.ObjectPathType === 4) value = parent[lower(path.Name)];
        else if (path.ObjectPathType === 5) value = call(parent, 'getItem', args);
        else if (path.ObjectPathType === 3) value = call(parent, lower(path.Name), args);
        else throw new FakeOfficeError('NotImplemented', `Object path type ${path.ObjectPathType}.`);
      }
      // The root object is the workbook (Excel.RequestContext's "workbook").
      if (path.ObjectPathType === 1) value = (value as FakeContext).workbook;
      objects.set(key, value);
      return value as Record<string, unknown>;
    };
    const argumentsOf = (info: ArgumentInfo | undefined, paths = body.ObjectPaths, scope = ''): unknown[] =>
      (info?.Arguments ?? []).map((arg, i) =>
        info?.ReferencedObjectPathIds?.[i] ? resolve(info.ReferencedObjectPathIds[i], paths, scope) : arg,
      );
    const results: (() => { ActionId: number; Value: unknown })[] = [];
    try {
      for (const action of body.Actions) {
        // Application (calculation) hangs off the context in the fake, off the workbook in Excel.
        const target =
          body.ObjectPaths[String(action.ObjectPathId)]?.Name === 'Application'
            ? (context.application as unknown as Record<string, unknown>)
            : resolve(action.ObjectPathId);
        if (action.ActionType === 1) {
          // Excel gives a sheet or table its id, through which the library finds it in later requests.
          results.push(() => ({ ActionId: action.Id, Value: isNull(target) ? null : identity(target) }));
        } else if (action.ActionType === 2) {
          const select = action.QueryInfo?.Select ?? [];
          (target.load as (w?: string) => void).call(target, select.join(',') || undefined);
          const referenceId = `ref${this.references.size + 1}`;
          this.references.set(referenceId, { paths: pathsAsSent(), id: action.ObjectPathId });
          results.push(() => {
            const value = queryValue(target, select) as Record<string, unknown>;
            return {
              ActionId: action.Id,
              Value: '_Items' in value ? value : { ...value, _ReferenceId: referenceId },
            };
          });
        } else if (action.ActionType === 3) {
          // The library's own checks (`_ValidateArraySize`): the fake checks shapes itself.
          if (!action.Name.startsWith('_'))
            call(target, lower(action.Name), argumentsOf(action.ArgumentInfo));
        } else if (action.ActionType === 4) {
          target[lower(action.Name)] = argumentsOf(action.ArgumentInfo)[0];
        }
      }
      await context.sync();
    } catch (error) {
      const e = error as { code?: string; message?: string; debugInfo?: { errorLocation?: string } };
      record.error = e.code ?? 'GeneralException';
      return {
        HttpStatusCode: 200,
        ErrorCode: null,
        ErrorMessage: null,
        Headers: {},
        Body: {
          Error: {
            Code: record.error,
            Message: e.message ?? String(error),
            Location: e.debugInfo?.errorLocation ?? '',
            ActionIndex: -1,
          },
        },
      };
    }
    record.ok = true;
    return {
      HttpStatusCode: 200,
      ErrorCode: null,
      ErrorMessage: null,
      Headers: {},
      Body: { Results: results.map((r) => r()) },
    };
  }
}

function call(target: Record<string, unknown>, name: string, args: unknown[]): unknown {
  const fn = target[name];
  if (typeof fn !== 'function') {
    throw new FakeOfficeError('ApiNotFound', `The fake has no ${name}.`, name);
  }
  return (fn as (...a: unknown[]) => unknown).apply(target, args);
}

/** A sheet's or table's id (the fake goes by name); other objects have none. */
function identity(target: Record<string, unknown>): Record<string, unknown> {
  const ref = (target as { ref?: { get: () => { name?: unknown } } }).ref;
  try {
    const name = ref?.get().name;
    return typeof name === 'string' ? { Id: name } : {};
  } catch {
    return {};
  }
}

function isNull(target: Record<string, unknown>): boolean {
  try {
    return (target as { isNullObject?: boolean }).isNullObject === true;
  } catch {
    return false;
  }
}

/** What a load returns, with Excel's property names (PascalCase); a collection's items under `_Items`. */
function queryValue(target: Record<string, unknown>, select: string[]): unknown {
  const props = select.length ? select : ['values', 'address', 'rowCount', 'columnCount', 'name'];
  const one = (obj: Record<string, unknown>, withId: boolean) => {
    const out: Record<string, unknown> = {};
    for (const p of props) {
      try {
        const v = obj[p];
        if (v !== undefined) out[upper(p)] = v;
      } catch {
        // not loaded: not asked for, or not a property of this object
      }
    }
    if (withId && out.Name !== undefined) out.Id = out.Name;
    return out;
  };
  let items: unknown;
  try {
    items = (target as { items?: unknown }).items;
  } catch {
    items = undefined;
  }
  if (Array.isArray(items)) return { _Items: items.map((i) => one(i as Record<string, unknown>, true)) };
  return one(target, false);
}
