/**
 * Which host opened the pane. taskpane.html references Office.js in its <head>, as Microsoft
 * documents (https://appsforoffice.microsoft.com/lib/1/hosted/office.js); the host is then what
 * `Office.onReady` reports: Excel inside Excel, null in a plain browser (the preview). Without a
 * network the script fails to load (its onerror marks it), and the pane is the preview, offline.
 * A detection that fails inside Office is said on the pane, never passed over.
 */

export interface OfficeHostInfo {
  host: Office.HostType | null;
  platform: Office.PlatformType | null;
}

export interface OfficeStart {
  info: OfficeHostInfo | null;
  /** Why the pane is not connected to Excel, where something went wrong (shown on the pane). */
  problem?: string;
}

/** Set by the script tag's onerror in taskpane.html. */
declare global {
  interface Window {
    officeJsFailed?: boolean;
  }
}

/** Waits for Office.js to be there: loaded, failed (onerror), or not there in time. */
async function officeLoaded(timeoutMs: number): Promise<boolean> {
  const start = Date.now();
  while (typeof Office === 'undefined' && !window.officeJsFailed && Date.now() - start < timeoutMs) {
    await new Promise((resolve) => window.setTimeout(resolve, 50));
  }
  return typeof Office !== 'undefined';
}

/** Resolves with the Office host (null: the browser preview) and what went wrong, if anything; never rejects. */
export async function startOffice(timeoutMs = 10000): Promise<OfficeStart> {
  try {
    if (!(await officeLoaded(timeoutMs))) {
      return {
        info: null,
        problem: window.officeJsFailed
          ? 'Office.js could not be loaded (no network?). Outside Excel this is the browser preview; inside Excel, check the connection and reopen the add-in.'
          : undefined,
      };
    }
    const timeout = new Promise<'timeout'>((resolve) =>
      window.setTimeout(() => resolve('timeout'), timeoutMs),
    );
    const info = await Promise.race([Office.onReady(), timeout]);
    if (info === 'timeout') {
      return {
        info: null,
        problem: `Office did not answer within ${Math.round(timeoutMs / 1000)} seconds, so the pane runs as the browser preview. Close the add-in and open it again.`,
      };
    }
    if (!info.host) return { info: null };
    if (String(info.host) !== 'Excel') {
      return {
        info: { host: info.host, platform: info.platform },
        problem: `Survey Atlas works in Excel; this is ${String(info.host)}. The pane runs as the browser preview.`,
      };
    }
    return { info: { host: info.host, platform: info.platform } };
  } catch (error) {
    return {
      info: null,
      problem: `Office could not start the add-in (${error instanceof Error ? error.message : String(error)}); the pane runs as the browser preview.`,
    };
  }
}
