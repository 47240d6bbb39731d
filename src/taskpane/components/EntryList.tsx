import { Caption1, makeStyles, shorthands, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

const useStyles = makeStyles({
  scroll: {
    maxHeight: '420px',
    overflow: 'auto',
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorNeutralStroke2),
    borderRadius: tokens.borderRadiusMedium,
  },
  list: { listStyle: 'none', margin: 0, padding: 0, position: 'relative', width: '100%' },
  item: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    overflowWrap: 'anywhere',
  },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

export interface EntryListProps<T> {
  label: string;
  items: readonly T[];
  itemKey: (item: T) => string;
  /** The first line: badges and a name. */
  head: (item: T) => ReactNode;
  /** The line below, in small print. */
  detail: (item: T) => ReactNode;
}

/**
 * A compact list of entries (files, responses), each a head line over a line of detail. The list is
 * virtual (`@tanstack/react-virtual`, as the worklist of issues): only the entries in view are in the
 * page, so 1,153 responses cost what a dozen do.
 */
export function EntryList<T>({ label, items, itemKey, head, detail }: EntryListProps<T>) {
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 44,
    overscan: 6,
    getItemKey: (i) => itemKey(items[i]),
  });
  return (
    <div className={styles.scroll} ref={scroller}>
      <ul className={styles.list} aria-label={label} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const item = items[v.index];
          return (
            <li
              key={v.key}
              data-index={v.index}
              ref={virtualizer.measureElement}
              className={styles.item}
              style={{ transform: `translateY(${v.start}px)` }}
              aria-setsize={items.length}
              aria-posinset={v.index + 1}
            >
              <span className={styles.head}>{head(item)}</span>
              <Caption1>{detail(item)}</Caption1>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
