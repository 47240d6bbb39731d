import { Badge, Body1, makeStyles, Select, tokens } from '@fluentui/react-components';
import type { Definition } from '../../core/definition';
import { CONFIDENT_READING, type FileReport, type SourceFormat, type TextReading } from '../../core/model';
import { ENCODING_CHOICES } from '../../core/read/code-pages';
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

const useStyles = makeStyles({
  readAs: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  select: { minWidth: '14rem' },
});

export interface ImportReportProps {
  reports: FileReport[];
  /** The questionnaire the files were read against. */
  definition?: Definition;
  /** Reads a text file of the batch again in the encoding chosen; absent where it cannot. */
  onReadAs?: (sourceFile: string, encoding: string) => void;
  /** While an import or a build runs, the files cannot be read again. */
  disabled?: boolean;
}

const uncertain = (reading: TextReading | undefined) =>
  reading?.basis === 'detected' && reading.confidence < CONFIDENT_READING;

export function ImportReport({ reports, definition, onReadAs, disabled }: ImportReportProps) {
  const styles = useStyles();
  const rejected = reports.filter((r) => r.status === 'rejected');
  const definitions = reports.filter((r) => r.status === 'definition').length;
  // Rejected files first, then those whose text may be misread: they need attention.
  const doubtful = reports.filter((r) => r.status !== 'rejected' && uncertain(r.reading));
  const ordered = [
    ...rejected,
    ...doubtful,
    ...reports.filter((r) => r.status !== 'rejected' && !doubtful.includes(r)),
  ];
  return (
    <div>
      <Body1>
        {reports.length - rejected.length} of {reports.length} file{reports.length === 1 ? '' : 's'} read
        {rejected.length ? `, ${rejected.length} rejected` : ''}
        {definitions ? `, ${definitions} the questionnaire's definition` : ''}
        {doubtful.length ? `, ${doubtful.length} in an uncertain encoding` : ''}.
      </Body1>
      {definition && <Body1 as="p">Read as {describeQuestionnaire(definition)}.</Body1>}
      <EntryList
        label="Files"
        items={ordered}
        itemKey={(r) => r.sourceFile}
        head={(r) => (
          <>
            <Badge appearance="tint" color={badges[r.status].color}>
              {badges[r.status].label}
            </Badge>
            {uncertain(r.reading) && (
              <Badge appearance="tint" color="warning">
                Encoding uncertain
              </Badge>
            )}
            <Body1>{r.sourceFile}</Body1>
            {r.reading && onReadAs && (
              <ReadAs
                file={r.sourceFile}
                reading={r.reading}
                onReadAs={onReadAs}
                disabled={disabled}
                className={styles.readAs}
                selectClassName={styles.select}
              />
            )}
          </>
        )}
        detail={(r) => (
          <>
            {r.format ? `${formatNames[r.format]}: ` : ''}
            {r.message}
          </>
        )}
      />
    </div>
  );
}

/** "Read as…": the encoding the file was read in, the readings that came close first, then the rest. */
function ReadAs(props: {
  file: string;
  reading: TextReading;
  onReadAs: (sourceFile: string, encoding: string) => void;
  disabled?: boolean;
  className: string;
  selectClassName: string;
}) {
  const { file, reading, onReadAs, disabled } = props;
  const close = reading.alternatives.map((a) => a.encoding);
  const names = new Map(ENCODING_CHOICES.map((c) => [c.encoding, c.name]));
  const order = [
    reading.encoding,
    ...close,
    ...ENCODING_CHOICES.map((c) => c.encoding).filter((e) => e !== reading.encoding && !close.includes(e)),
  ];
  const label = (encoding: string) => {
    const name = names.get(encoding);
    const what = name ? `${encoding} (${name})` : encoding;
    if (encoding === reading.encoding)
      return reading.basis === 'chosen' ? `${what}, as chosen` : `${what}, as read`;
    const sample = reading.alternatives.find((a) => a.encoding === encoding)?.sample[0];
    return sample ? `${what}: ${sample}` : what;
  };
  return (
    <span className={props.className}>
      <Select
        className={props.selectClassName}
        size="small"
        aria-label={`Read ${file} as`}
        value={reading.encoding}
        disabled={disabled}
        onChange={(_, data) => {
          if (data.value !== reading.encoding) onReadAs(file, data.value);
        }}
      >
        {order.map((encoding) => (
          <option key={encoding} value={encoding}>
            {label(encoding)}
          </option>
        ))}
      </Select>
    </span>
  );
}
