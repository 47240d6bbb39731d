import {
  Badge,
  Body1,
  Button,
  Caption1,
  Dropdown,
  Field,
  makeStyles,
  mergeClasses,
  Option,
  Select,
  shorthands,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { Definition } from '../../core/definition';
import type { Review, Severity } from '../../core/model';
import type { ReviewEntry } from '../../core/plan/build';
import {
  ALL,
  applyFilter,
  filterChoices,
  noFilter,
  severityCounts,
  type IssueFilter,
  type IssueRow,
} from '../issue-rows';

const REVIEWS: Review[] = ['Open', 'Confirmed', 'Dismissed', 'Fixed'];
const PAGE = 50;

const severityColor: Record<Severity, 'danger' | 'warning' | 'informative'> = {
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};

const useStyles = makeStyles({
  filters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalS,
  },
  filter: { minWidth: 0 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  row: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'stretch',
    width: '100%',
    textAlign: 'left',
    gap: '2px',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    ...shorthands.border(tokens.strokeWidthThin, 'solid', 'transparent'),
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground1,
    fontFamily: 'inherit',
    fontSize: 'inherit',
    lineHeight: 'inherit',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { ...shorthands.outline(tokens.strokeWidthThick, 'solid', tokens.colorStrokeFocus2) },
  },
  current: {
    ...shorthands.borderColor(tokens.colorBrandStroke1),
    backgroundColor: tokens.colorBrandBackground2,
  },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  text: { overflowWrap: 'anywhere' },
  detail: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    marginBottom: tokens.spacingVerticalS,
    ...shorthands.borderLeft(tokens.strokeWidthThicker, 'solid', tokens.colorBrandStroke1),
    overflowWrap: 'anywhere',
  },
});

export interface IssuesReviewProps {
  def: Definition;
  rows: IssueRow[];
  reviews: Map<string, ReviewEntry>;
  selectedKey?: string;
  /** Where the selected issue points, e.g. "Answers!J14". */
  location?: string;
  /** What selecting an issue does in the workbook, shown under the issue. */
  locationHint: string;
  onSelect: (key: string | undefined) => void;
  onReview: (key: string, entry: ReviewEntry) => void;
  /** While an import or a build runs, reviews are shown but not edited, so none is overwritten. */
  readOnly?: boolean;
}

export function IssuesReview({
  def,
  rows,
  reviews,
  selectedKey,
  location,
  locationHint,
  onSelect,
  onReview,
  readOnly = false,
}: IssuesReviewProps) {
  const styles = useStyles();
  const [filter, setFilter] = useState<IssueFilter>(noFilter);
  const [shown, setShown] = useState(PAGE);
  const choices = useMemo(() => filterChoices(rows, def), [rows, def]);
  const visible = useMemo(() => applyFilter(rows, filter), [rows, filter]);
  const counts = severityCounts(rows);

  const setOne = (name: keyof IssueFilter, value: string) => {
    setFilter((f) => ({ ...f, [name]: value }));
    setShown(PAGE);
  };

  const filterSelect = (name: keyof IssueFilter, label: string, values: string[]) => (
    <Field label={label} size="small" className={styles.filter}>
      <Select
        size="small"
        className={styles.filter}
        value={filter[name]}
        onChange={(_, d) => setOne(name, d.value)}
      >
        <option value={ALL}>All</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </Select>
    </Field>
  );

  return (
    <div>
      <Body1>
        {rows.length} issue{rows.length === 1 ? '' : 's'}: {counts.error} error{counts.error === 1 ? '' : 's'}
        , {counts.warning} warning{counts.warning === 1 ? '' : 's'}, {counts.info} info.
      </Body1>
      <div className={styles.filters} role="group" aria-label="Filter issues">
        {filterSelect('severity', 'Severity', choices.severity)}
        {filterSelect('rule', 'Rule', choices.rule)}
        {filterSelect('section', 'Section', choices.section)}
        {filterSelect('country', 'Country', choices.country)}
      </div>
      <Caption1 aria-live="polite">
        Showing {Math.min(shown, visible.length)} of {visible.length}
        {visible.length !== rows.length ? ` (filtered from ${rows.length})` : ''}.
      </Caption1>
      <ul className={styles.list} aria-label="Issues">
        {visible.slice(0, shown).map((row) => {
          const { issue } = row;
          const selected = issue.key === selectedKey;
          const review = reviews.get(issue.key) ?? { review: 'Open', note: '' };
          return (
            <li key={issue.key}>
              <button
                type="button"
                className={mergeClasses(styles.row, selected && styles.current)}
                aria-expanded={selected}
                onClick={() => onSelect(selected ? undefined : issue.key)}
              >
                <span className={styles.head}>
                  <Badge appearance="tint" color={severityColor[issue.severity]}>
                    {issue.severity}
                  </Badge>
                  <Body1>
                    {row.country}
                    {row.question ? ` · ${row.question}` : ''}
                  </Body1>
                  <Caption1>{issue.rule}</Caption1>
                  {review.review !== 'Open' && (
                    <Badge appearance="outline" color="brand">
                      {review.review}
                    </Badge>
                  )}
                </span>
                <Caption1 className={styles.text}>{issue.message}</Caption1>
              </button>
              {selected && (
                <IssueDetail
                  row={row}
                  review={review}
                  location={location}
                  locationHint={locationHint}
                  onReview={(entry) => onReview(issue.key, entry)}
                  readOnly={readOnly}
                />
              )}
            </li>
          );
        })}
      </ul>
      {visible.length > shown && <Button onClick={() => setShown((n) => n + PAGE)}>Show {PAGE} more</Button>}
    </div>
  );
}

interface DetailProps {
  row: IssueRow;
  review: ReviewEntry;
  location?: string;
  locationHint: string;
  onReview: (entry: ReviewEntry) => void;
  readOnly: boolean;
}

function IssueDetail({ row, review, location, locationHint, onReview, readOnly }: DetailProps) {
  const styles = useStyles();
  const { issue } = row;
  return (
    <div className={styles.detail}>
      <Caption1>
        {row.section} · {issue.sourceFile} · response {issue.responseId}
      </Caption1>
      {issue.evidence && <Caption1>Evidence: {issue.evidence}</Caption1>}
      <Caption1>{location ? `In the workbook: ${location}` : locationHint}</Caption1>
      <Field label="Review">
        <Dropdown
          disabled={readOnly}
          value={review.review}
          selectedOptions={[review.review]}
          onOptionSelect={(_, d) => d.optionValue && onReview({ ...review, review: d.optionValue as Review })}
        >
          {REVIEWS.map((r) => (
            <Option key={r} value={r}>
              {r}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Note">
        <Textarea
          readOnly={readOnly}
          value={review.note}
          resize="vertical"
          onChange={(_, d) => onReview({ ...review, note: d.value })}
        />
      </Field>
    </div>
  );
}
