import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { countBatch } from '../../core/counts';
import type { FileReport, Response } from '../../core/model';
import { count } from '../plural';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: '2px',
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold, textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  detail: { margin: 0 },
});

export interface BatchCountsProps {
  reports: FileReport[];
  responses: Response[];
  /** Responses held before this import (earlier waves), which the batch's responses include. */
  earlier: number;
}

export interface Counts {
  files: number;
  read: number;
  rejected: number;
  definitions: number;
  /** Responses the files held. */
  found: number;
  /** Submissions found more than once (in two files, or already imported) and kept once. */
  merged: number;
  superseded: number;
  /** Current responses: those compared. */
  kept: number;
}

/** The import's headline numbers: the core's counts, the same as the command line's and the About sheet's. */
export function batchCounts({ reports, responses }: BatchCountsProps): Counts {
  const c = countBatch(reports, responses);
  return {
    files: reports.length,
    read: c.filesRead,
    rejected: c.filesRejected,
    definitions: c.definitionFiles,
    found: c.found,
    merged: c.merged.length,
    superseded: c.superseded,
    kept: c.current,
  };
}

/** Files read, responses found, copies merged, superseded and kept: each number with what it means. */
export function BatchCounts(props: BatchCountsProps) {
  const styles = useStyles();
  const c = batchCounts(props);
  const lines: [string, string][] = [
    [
      `${c.read.toLocaleString('en')} of ${count(c.files, 'file')}`,
      'read' +
        (c.rejected
          ? `; ${count(c.rejected, 'file was', 'files were')} rejected (see the import report)`
          : '') +
        (c.definitions ? `; ${count(c.definitions, 'file')} the questionnaire's definition` : ''),
    ],
    [count(c.found, 'response'), 'found in the files read'],
  ];
  if (props.earlier) lines.push([count(props.earlier, 'response'), 'from earlier imports']);
  lines.push(
    [
      count(c.merged, 'copy', 'copies'),
      'merged: the same submission found in more than one file' +
        (props.earlier ? ' or imported before' : '') +
        ' is kept once',
    ],
    [
      count(c.superseded, 'response'),
      'superseded: a later submission of the same country replaces it in the comparison',
    ],
    [count(c.kept, 'response'), 'kept and compared'],
  );
  return (
    <dl className={styles.list} aria-label="Import counts">
      {lines.map(([term, text], i) => [
        <dt key={`${i}t`} className={styles.term}>
          <Caption1>{term}</Caption1>
        </dt>,
        <dd key={`${i}d`} className={styles.detail}>
          <Caption1>{text}</Caption1>
        </dd>,
      ])}
    </dl>
  );
}
