import { Button, Caption1, Field, makeStyles, Select, tokens } from '@fluentui/react-components';
import type { ChangeEvent } from 'react';
import type { Definition } from '../../core/definition';
import { fromFile, type PendingFile } from '../pending-files';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

/** Which questionnaire the analyst asks for: matched from the files, a built-in one, or a loaded file. */
export type QuestionnaireChoice =
  { kind: 'auto' } | { kind: 'built-in'; id: string } | { kind: 'file'; file: PendingFile };

const AUTO = '';
const LOADED = '#file';

export interface QuestionnaireChooserProps {
  builtIn: { id: string; title: string }[];
  value: QuestionnaireChoice;
  onChange: (choice: QuestionnaireChoice) => void;
  disabled: boolean;
  /** The definition of the batch at hand, with how it was chosen. */
  current?: Definition;
}

export function QuestionnaireChooser({
  builtIn,
  value,
  onChange,
  disabled,
  current,
}: QuestionnaireChooserProps) {
  const styles = useStyles();
  const selected = value.kind === 'auto' ? AUTO : value.kind === 'built-in' ? value.id : LOADED;
  const pick = (e: ChangeEvent<HTMLSelectElement>) => {
    const v = e.target.value;
    if (v === AUTO) onChange({ kind: 'auto' });
    else if (v !== LOADED) onChange({ kind: 'built-in', id: v });
  };
  // A file input made on demand, so the pane's only file inputs in the page stay those of the batch.
  const load = () => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,.xlsx,.xlsm';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) onChange({ kind: 'file', file: fromFile(file) });
    });
    input.click();
  };
  return (
    <div className={styles.root}>
      <Field label="Questionnaire">
        <Select value={selected} onChange={pick} disabled={disabled}>
          <option value={AUTO}>Match the files (or a definition among them)</option>
          {builtIn.map((q) => (
            <option key={q.id} value={q.id}>
              {q.title} (built in)
            </option>
          ))}
          {value.kind === 'file' && <option value={LOADED}>{value.file.name}</option>}
        </Select>
      </Field>
      <div className={styles.row}>
        <Button size="small" disabled={disabled} onClick={load}>
          Load a definition, XLSForm or template…
        </Button>
      </div>
      {current && (
        <Caption1 aria-label="Questionnaire in use">
          In use: {current.title} ({current.source?.description ?? 'named by the analyst'})
        </Caption1>
      )}
    </div>
  );
}
