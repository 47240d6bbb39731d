import { Badge, Body1 } from '@fluentui/react-components';
import type { FileReport, SourceFormat } from '../../core/model';
import { EntryList } from './EntryList';

export const formatNames: Record<SourceFormat, string> = {
  'forms-text': 'Forms page',
  word: 'Word questionnaire',
  export: 'Survey export',
  workbook: 'Workbook per respondent',
};

export function ImportReport({ reports }: { reports: FileReport[] }) {
  const rejected = reports.filter((r) => r.status === 'rejected');
  // Rejected files first: they need attention.
  const ordered = [...rejected, ...reports.filter((r) => r.status !== 'rejected')];
  return (
    <div>
      <Body1>
        {reports.length - rejected.length} of {reports.length} file{reports.length === 1 ? '' : 's'} read
        {rejected.length ? `, ${rejected.length} rejected` : ''}.
      </Body1>
      <EntryList
        label="Files"
        entries={ordered.map((r) => ({
          key: r.sourceFile,
          head: (
            <>
              <Badge appearance="tint" color={r.status === 'rejected' ? 'danger' : 'success'}>
                {r.status === 'rejected' ? 'Rejected' : 'Read'}
              </Badge>
              <Body1>{r.sourceFile}</Body1>
            </>
          ),
          detail: (
            <>
              {r.format ? `${formatNames[r.format]}: ` : ''}
              {r.message}
            </>
          ),
        }))}
      />
    </div>
  );
}
