import { startTransition, useEffect, useState, type ReactNode } from 'react';
import { nextTask } from '../slices';

/**
 * Renders its children in a task of their own, once what came before them has been committed: a large
 * first render (the results of a thousand responses) is split in steps the page can paint between.
 */
export function Later({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    void nextTask().then(() => live && startTransition(() => setReady(true)));
    return () => {
      live = false;
    };
  }, []);
  return ready ? children : null;
}
