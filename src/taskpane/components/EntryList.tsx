import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: { display: 'flex', flexDirection: 'column', gap: '2px', overflowWrap: 'anywhere' },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

export interface Entry {
  key: string;
  /** The first line: badges and a name. */
  head: ReactNode;
  /** The line below, in small print. */
  detail: ReactNode;
}

/** A compact list of entries (files, responses), each a head line over a line of detail. */
export function EntryList({ label, entries }: { label: string; entries: Entry[] }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label}>
      {entries.map((e) => (
        <li key={e.key} className={styles.item}>
          <span className={styles.head}>{e.head}</span>
          <Caption1>{e.detail}</Caption1>
        </li>
      ))}
    </ul>
  );
}
