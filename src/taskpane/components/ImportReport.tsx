import { Badge, Body1, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { FileReport, SourceFormat } from '../../core/model';

export const formatNames: Record<SourceFormat, string> = {
  'forms-text': 'Forms page',
  word: 'Word questionnaire',
  export: 'Forms export',
};

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

export function ImportReport({ reports }: { reports: FileReport[] }) {
  const styles = useStyles();
  const rejected = reports.filter((r) => r.status === 'rejected');
  // Rejected files first: they need attention.
  const ordered = [...rejected, ...reports.filter((r) => r.status !== 'rejected')];
  return (
    <div>
      <Body1>
        {reports.length - rejected.length} of {reports.length} file{reports.length === 1 ? '' : 's'} read
        {rejected.length ? `, ${rejected.length} rejected` : ''}.
      </Body1>
      <ul className={styles.list} aria-label="Files">
        {ordered.map((r) => (
          <li key={r.sourceFile} className={styles.item}>
            <span className={styles.head}>
              <Badge appearance="tint" color={r.status === 'rejected' ? 'danger' : 'success'}>
                {r.status === 'rejected' ? 'Rejected' : 'Read'}
              </Badge>
              <Body1>{r.sourceFile}</Body1>
            </span>
            <Caption1>
              {r.format ? `${formatNames[r.format]}: ` : ''}
              {r.message}
            </Caption1>
          </li>
        ))}
      </ul>
    </div>
  );
}
