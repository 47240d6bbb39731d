import { Button, Caption1, makeStyles, mergeClasses, shorthands, tokens } from '@fluentui/react-components';
import { useId, useState, type ChangeEvent, type DragEvent } from 'react';
import { formatSize, fromDataTransfer, fromFile, type PendingFile } from '../pending-files';

const useStyles = makeStyles({
  zone: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    ...shorthands.border(tokens.strokeWidthThick, 'dashed', tokens.colorNeutralStroke1),
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  over: {
    ...shorthands.borderColor(tokens.colorBrandStroke1),
    backgroundColor: tokens.colorBrandBackground2,
  },
  choosers: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  // The real inputs stay focusable for the keyboard; their labels look like buttons.
  input: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    opacity: 0,
    overflow: 'hidden',
    '&:focus-visible + label': {
      ...shorthands.outline(tokens.strokeWidthThick, 'solid', tokens.colorStrokeFocus2),
      outlineOffset: '2px',
    },
  },
  chooser: {
    display: 'inline-flex',
    alignItems: 'center',
    minHeight: '32px',
    padding: `0 ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorNeutralStroke1),
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  disabled: { cursor: 'not-allowed', color: tokens.colorNeutralForegroundDisabled },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxWidth: '100%', overflowWrap: 'anywhere' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

const SHOWN = 8;

export interface FilePickerProps {
  files: PendingFile[];
  busy: boolean;
  /** True when a batch is loaded: importing again adds to it. */
  merging: boolean;
  onAdd: (files: PendingFile[]) => void;
  onClear: () => void;
  onImport: () => void;
}

export function FilePicker({ files, busy, merging, onAdd, onClear, onImport }: FilePickerProps) {
  const styles = useStyles();
  const [over, setOver] = useState(false);
  const filesId = useId();
  const folderId = useId();

  const setFolderAttributes = (el: HTMLInputElement | null) => {
    // React does not know these attributes; set them on the element.
    el?.setAttribute('webkitdirectory', '');
    el?.setAttribute('directory', '');
  };

  const take = (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = Array.from(e.target.files ?? []).map(fromFile);
    e.target.value = '';
    if (chosen.length) onAdd(chosen);
  };

  const drop = async (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    if (busy) return;
    const dropped = await fromDataTransfer(e.dataTransfer);
    if (dropped.length) onAdd(dropped);
  };

  const total = files.reduce((n, f) => n + f.size, 0);
  return (
    <div
      className={mergeClasses(styles.zone, over && styles.over)}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <div className={styles.choosers}>
        <input id={filesId} className={styles.input} type="file" multiple disabled={busy} onChange={take} />
        <label htmlFor={filesId} className={mergeClasses(styles.chooser, busy && styles.disabled)}>
          Choose files…
        </label>
        <input
          id={folderId}
          ref={setFolderAttributes}
          className={styles.input}
          type="file"
          multiple
          disabled={busy}
          onChange={take}
        />
        <label htmlFor={folderId} className={mergeClasses(styles.chooser, busy && styles.disabled)}>
          Choose a folder…
        </label>
      </div>
      <Caption1>
        Forms pages (.txt, .md), Word questionnaires (.docx, .txt) and Forms exports (.xlsx, .csv). You can
        also drop files or a folder here.
      </Caption1>
      {files.length > 0 && (
        <>
          <Caption1 aria-live="polite">
            {files.length} file{files.length === 1 ? '' : 's'} chosen ({formatSize(total)})
          </Caption1>
          <ul className={styles.list}>
            {files.slice(0, SHOWN).map((f) => (
              <li key={f.name}>
                <Caption1>{f.name}</Caption1>
              </li>
            ))}
            {files.length > SHOWN && (
              <li>
                <Caption1>and {files.length - SHOWN} more</Caption1>
              </li>
            )}
          </ul>
        </>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy || files.length === 0} onClick={onImport}>
          {merging ? 'Import and merge' : 'Import'}
        </Button>
        <Button disabled={busy || files.length === 0} onClick={onClear}>
          Clear choice
        </Button>
      </div>
    </div>
  );
}
