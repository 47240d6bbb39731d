/** Starts the pane's worker; webpack bundles it from this exact `new Worker(new URL(...))` form. */
export function spawnPaneWorker(): Worker {
  // @ts-expect-error -- import.meta needs ES modules: webpack builds them, the project typecheck uses CommonJS.
  return new Worker(new URL('./pane.worker.ts', import.meta.url));
}
