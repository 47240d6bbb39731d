import { Button, Field, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { stageLine, type ProgressStore } from '../progress';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  field: { flexGrow: 1, minWidth: 0 },
});

export interface ProgressProps {
  /** The task, in words ("Importing 99 files"). */
  label: string;
  /** Where the task is: its stage, named, and the bar's value (0–1). */
  store: ProgressStore;
  onCancel?: () => void;
}

/** The running task's bar and stage; it alone re-renders as the task reports. */
export function ImportProgress({ label, store, onCancel }: ProgressProps) {
  const styles = useStyles();
  // A plain subscription: a report re-renders this bar only, and never turns the rendering of the
  // results (a transition) into one long synchronous render, as an external store read in render would.
  const [progress, setProgress] = useState(store.get);
  useEffect(() => {
    setProgress(store.get());
    return store.subscribe(() => setProgress(store.get()));
  }, [store]);
  return (
    <div className={styles.row} data-task={progress?.task} data-stage={progress?.stage}>
      <Field
        className={styles.field}
        label={label}
        validationMessage={progress ? stageLine(progress.task, progress) : ''}
        validationState="none"
      >
        <ProgressBar value={progress?.value ?? 0} max={1} thickness="large" />
      </Field>
      {onCancel && <Button onClick={onCancel}>Cancel</Button>}
    </div>
  );
}
