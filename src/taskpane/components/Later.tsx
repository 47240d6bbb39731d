import { startTransition, useEffect, useState, type ReactNode } from 'react';
import { nextTask } from '../slices';

/**
 * Renders its children in a task of their own, once what came before them has been committed: a large
 * first render (the results of a thousand responses) is split in steps the page can paint between.
 * `after` is how many such steps to wait: parts given 1, 2, 3 are drawn one after another.
 */
export function Later({ children, after = 1 }: { children: ReactNode; after?: number }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    void nextTask().then(() => live && startTransition(() => setReady(true)));
    return () => {
      live = false;
    };
  }, []);
  if (!ready) return null;
  return after > 1 ? <Later after={after - 1}>{children}</Later> : children;
}
