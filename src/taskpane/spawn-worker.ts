/** Starts the import worker; webpack bundles it from this exact `new Worker(new URL(...))` form. */
export function spawnImportWorker(): Worker {
  // @ts-expect-error -- import.meta needs ES modules: webpack builds them, the project typecheck uses CommonJS.
  return new Worker(new URL('./import.worker.ts', import.meta.url));
}
