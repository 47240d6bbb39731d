import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { HostKind } from '../host';

const useStyles = makeStyles({
  actions: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
  },
});

export interface WorkbookActionsProps {
  kind: HostKind;
  disabled: boolean;
  onBuild?: () => void;
  onOpenNew?: () => void;
  onDownload?: () => void;
}

export function WorkbookActions({ kind, disabled, onBuild, onOpenNew, onDownload }: WorkbookActionsProps) {
  const styles = useStyles();
  return (
    <div className={styles.actions}>
      {onBuild && (
        <Button appearance="primary" disabled={disabled} onClick={onBuild}>
          Build comparison in this workbook
        </Button>
      )}
      {onOpenNew && (
        <Button disabled={disabled} onClick={onOpenNew}>
          Open as new workbook
        </Button>
      )}
      {onDownload && (
        <Button appearance="primary" disabled={disabled} onClick={onDownload}>
          Download workbook (.xlsx)
        </Button>
      )}
      <Caption1>
        {kind === 'excel'
          ? 'Building replaces the Survey Atlas sheets of this workbook and keeps your other sheets. Reviews and notes are read back from the Issues sheet when you import again.'
          : 'Preview: the comparison workbook is built in memory and saved as an .xlsx file. Open the add-in in Excel to build it in a workbook.'}
      </Caption1>
    </div>
  );
}
