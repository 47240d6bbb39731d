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
  /** What this Excel leaves out of the workbook. */
  limitations?: string[];
}

export function WorkbookActions({
  kind,
  disabled,
  onBuild,
  onOpenNew,
  onDownload,
  limitations,
}: WorkbookActionsProps) {
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
        <Button
          appearance={kind === 'excel' ? 'secondary' : 'primary'}
          disabled={disabled}
          onClick={onDownload}
        >
          Download workbook (.xlsx)
        </Button>
      )}
      <Caption1>
        {kind === 'excel'
          ? 'Building updates the Survey Atlas sheets of this workbook in place: your formulas, PivotTables and charts on them keep working, your other sheets are left alone, and Review and Note typed in Excel are kept. If a build fails, the workbook stays as it was. A new workbook opens only up to about 3 MB (about 250 responses); larger ones, download.'
          : 'Preview: the comparison workbook is built in memory and saved as an .xlsx file. Open the add-in in Excel to build it in a workbook.'}
      </Caption1>
      {limitations && limitations.length > 0 && (
        <div role="note">
          <Caption1>This version of Excel leaves out (the About sheet says so too):</Caption1>
          <ul>
            {limitations.map((l) => (
              <li key={l}>
                <Caption1>{l}</Caption1>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
