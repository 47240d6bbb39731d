import { Badge, Body1 } from '@fluentui/react-components';
import type { Definition } from '../../core/definition';
import type { FileReport, SourceFormat } from '../../core/model';
import { describeQuestionnaire } from '../../core/tables';
import { EntryList } from './EntryList';

export const formatNames: Record<SourceFormat, string> = {
  'forms-text': 'Forms page',
  word: 'Word questionnaire',
  export: 'Survey export',
  workbook: 'Workbook per respondent',
};

const badges: Record<FileReport['status'], { label: string; color: 'danger' | 'success' | 'informative' }> = {
  rejected: { label: 'Rejected', color: 'danger' },
  imported: { label: 'Read', color: 'success' },
  definition: { label: 'Definition', color: 'informative' },
};

export function ImportReport({ reports, definition }: { reports: FileReport[]; definition?: Definition }) {
  const rejected = reports.filter((r) => r.status === 'rejected');
  const definitions = reports.filter((r) => r.status === 'definition').length;
  // Rejected files first: they need attention.
  const ordered = [...rejected, ...reports.filter((r) => r.status !== 'rejected')];
  return (
    <div>
      <Body1>
        {reports.length - rejected.length} of {reports.length} file{reports.length === 1 ? '' : 's'} read
        {rejected.length ? `, ${rejected.length} rejected` : ''}
        {definitions ? `, ${definitions} the questionnaire's definition` : ''}.
      </Body1>
      {definition && <Body1 as="p">Read as {describeQuestionnaire(definition)}.</Body1>}
      <EntryList
        label="Files"
        entries={ordered.map((r) => ({
          key: r.sourceFile,
          head: (
            <>
              <Badge appearance="tint" color={badges[r.status].color}>
                {badges[r.status].label}
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
