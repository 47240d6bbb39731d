/**
 * Loads Office.js only when an Office host opened the pane, so the pane opened as a plain page
 * (the browser preview) fetches nothing from outside its own origin and works offline.
 */

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

export interface OfficeHostInfo {
  host: Office.HostType | null;
  platform: Office.PlatformType | null;
}

/** Office adds `_host_Info` to the add-in's URL; Office.js keeps it in window.name or session storage. */
export function openedByOffice(): boolean {
  if (/[?&#]_host_info=/i.test(window.location.search + window.location.hash)) return true;
  if (/_host_info/i.test(window.name)) return true;
  try {
    return Boolean(window.sessionStorage.getItem('hostInfoValue'));
  } catch {
    return false;
  }
}

function loadScript(src: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    const timer = window.setTimeout(() => reject(new Error('Office.js did not load in time')), timeoutMs);
    script.src = src;
    script.async = true;
    script.onload = () => {
      window.clearTimeout(timer);
      resolve();
    };
    script.onerror = () => {
      window.clearTimeout(timer);
      reject(new Error('Office.js could not be loaded'));
    };
    document.head.appendChild(script);
  });
}

/** Resolves with the Office host, or null for the browser preview; never rejects. */
export async function startOffice(timeoutMs = 15000): Promise<OfficeHostInfo | null> {
  try {
    if (typeof Office === 'undefined') {
      if (!openedByOffice()) return null;
      await loadScript(OFFICE_JS, timeoutMs);
    }
    if (typeof Office === 'undefined') return null;
    const ready = Office.onReady();
    const timeout = new Promise<null>((resolve) => window.setTimeout(() => resolve(null), timeoutMs));
    const info = await Promise.race([ready, timeout]);
    return info && info.host ? { host: info.host, platform: info.platform } : null;
  } catch {
    return null;
  }
}
