import { Button, Field, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  field: { flexGrow: 1, minWidth: 0 },
});

export interface ProgressProps {
  label: string;
  /** 0–1, or undefined while the amount of work is unknown. */
  value?: number;
  detail: string;
  onCancel?: () => void;
}

export function ImportProgress({ label, value, detail, onCancel }: ProgressProps) {
  const styles = useStyles();
  return (
    <div className={styles.row}>
      <Field className={styles.field} label={label} validationMessage={detail} validationState="none">
        <ProgressBar value={value} max={1} thickness="large" />
      </Field>
      {onCancel && <Button onClick={onCancel}>Cancel</Button>}
    </div>
  );
}
