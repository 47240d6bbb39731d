import {
  Badge,
  Body1,
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Option,
  Select,
  shorthands,
  Textarea,
  Tooltip,
  tokens,
} from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Definition } from '../../core/definition';
import type { Review, Severity } from '../../core/model';
import type { ReviewEntry } from '../../core/plan/build';
import {
  ALL,
  applyFilter,
  filterChoices,
  groupRows,
  type Grouping,
  type IssueFilter,
  type IssueRow,
} from '../issue-rows';
import { count } from '../plural';
import { ruleDescription, ruleName } from '../rule-names';

const REVIEWS: Review[] = ['Open', 'Confirmed', 'Dismissed', 'Fixed'];
const OPEN: ReviewEntry = { review: 'Open', note: '' };
/** How long typing pauses before a note is passed on (it is passed on at once when the box is left). */
const NOTE_DELAY = 400;

const severityColor: Record<Severity, 'danger' | 'warning' | 'informative'> = {
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  filters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalS,
  },
  filter: { minWidth: 0 },
  bar: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  scroll: {
    height: '420px',
    overflow: 'auto',
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorNeutralStroke2),
    borderRadius: tokens.borderRadiusMedium,
  },
  list: { listStyle: 'none', margin: 0, padding: 0, position: 'relative', width: '100%' },
  item: { position: 'absolute', top: 0, left: 0, width: '100%', paddingBottom: '2px' },
  group: {
    display: 'block',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground3,
    fontWeight: tokens.fontWeightSemibold,
  },
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
  text: {
    overflowWrap: 'anywhere',
    display: '-webkit-box',
    WebkitLineClamp: '2',
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
  detail: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    ...shorthands.borderLeft(tokens.strokeWidthThicker, 'solid', tokens.colorBrandStroke1),
    overflowWrap: 'anywhere',
  },
  clues: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export interface IssuesReviewProps {
  def: Definition;
  /** Every issue, in worklist order. */
  rows: IssueRow[];
  reviews: Map<string, ReviewEntry>;
  filter: IssueFilter;
  onFilter: (change: Partial<IssueFilter>) => void;
  selectedKey?: string;
  /** Where the selected issue points, e.g. "Answers!J14". */
  location?: string;
  /** What selecting an issue does in the workbook, shown under the issue. */
  locationHint: string;
  onSelect: (key: string | undefined) => void;
  onReview: (key: string, entry: ReviewEntry) => void;
  /** Sets the review of many issues at once (notes kept). */
  onBulkReview: (keys: string[], review: Review) => void;
  /** While an import runs: edits are kept and applied to its result; said here. */
  busyNote?: string;
}

export function IssuesReview({
  def,
  rows,
  reviews,
  filter,
  onFilter,
  selectedKey,
  location,
  locationHint,
  onSelect,
  onReview,
  onBulkReview,
  busyNote,
}: IssuesReviewProps) {
  const styles = useStyles();
  const [grouping, setGrouping] = useState<Grouping>('none');
  const [bulk, setBulk] = useState<Review>('Confirmed');
  const [search, setSearch] = useState(filter.search);
  const choices = useMemo(() => filterChoices(rows, def), [rows, def]);
  const visible = useMemo(() => applyFilter(rows, filter), [rows, filter]);
  const items = useMemo(() => groupRows(visible, grouping), [visible, grouping]);
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);

  // The search box follows a filter set from outside (the overview clears it), and filters as one types.
  useEffect(() => setSearch(filter.search), [filter.search]);
  useEffect(() => {
    if (search === filter.search) return;
    const t = setTimeout(() => onFilter({ search }), 150);
    return () => clearTimeout(t);
  }, [search, filter.search, onFilter]);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (items[i].kind === 'group' ? 28 : 58),
    overscan: 6,
    getItemKey: (i) => {
      const item = items[i];
      return item.kind === 'group' ? `group\u0000${item.label}` : item.row.issue.key;
    },
  });

  // Stable handlers, so a memoised row re-renders only when its own data change.
  const latest = useRef({ onSelect, selectedKey });
  latest.current = { onSelect, selectedKey };
  const choose = useCallback((key: string) => {
    const { onSelect: select, selectedKey: current } = latest.current;
    select(current === key ? undefined : key);
  }, []);

  const itemOfRow = useMemo(() => {
    const at: number[] = [];
    items.forEach((item, i) => item.kind === 'row' && at.push(i));
    return at;
  }, [items]);

  /** Up and down arrows (Home, End) move between issues; Enter or Space opens one. */
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const from = Number((e.target as HTMLElement).dataset.row);
    if (Number.isNaN(from)) return;
    const last = visible.length - 1;
    const to = { ArrowDown: from + 1, ArrowUp: from - 1, Home: 0, End: last }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = Math.max(0, Math.min(last, to));
    virtualizer.scrollToIndex(itemOfRow[next], { align: 'auto' });
    const focus = (tries: number) => {
      const el = list.current?.querySelector<HTMLElement>(`[data-row="${next}"]`);
      if (el) el.focus();
      else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
    };
    focus(5);
  };

  const selected = useMemo(
    () => (selectedKey ? rows.find((r) => r.issue.key === selectedKey) : undefined),
    [rows, selectedKey],
  );

  const filterSelect = (
    name: Exclude<keyof IssueFilter, 'search'>,
    label: string,
    values: string[],
    name_?: (v: string) => string,
  ) => (
    <Field label={label} size="small" className={styles.filter}>
      <Select
        size="small"
        className={styles.filter}
        value={filter[name]}
        onChange={(_, d) => onFilter({ [name]: d.value })}
      >
        <option value={ALL}>All</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {name_ ? name_(v) : v}
          </option>
        ))}
      </Select>
    </Field>
  );

  const filtered = visible.length !== rows.length;
  return (
    <div className={styles.root}>
      <Field label="Search issues" size="small" hint="Country, question, message or evidence">
        <Input type="search" size="small" value={search} onChange={(_, d) => setSearch(d.value)} />
      </Field>
      <div className={styles.filters} role="group" aria-label="Filter issues">
        {filterSelect('severity', 'Severity', choices.severity)}
        {filterSelect('rule', 'Rule', choices.rule, ruleName)}
        {filterSelect('section', 'Section', choices.section)}
        {filterSelect('country', 'Country', choices.country)}
      </div>
      <div className={styles.bar}>
        <Field label="Group by" size="small">
          <Select size="small" value={grouping} onChange={(_, d) => setGrouping(d.value as Grouping)}>
            <option value="none">Nothing (most severe first)</option>
            <option value="country">Country</option>
            <option value="rule">Rule</option>
          </Select>
        </Field>
        {filtered && (
          <Button
            size="small"
            onClick={() => onFilter({ severity: ALL, rule: ALL, section: ALL, country: ALL, search: '' })}
          >
            Show all issues
          </Button>
        )}
      </div>
      <Caption1 aria-live="polite">
        {filtered
          ? `${count(visible.length, 'issue')} of ${rows.length.toLocaleString('en')} match.`
          : `${count(rows.length, 'issue')}, most severe first.`}
      </Caption1>
      {busyNote && <Caption1 role="status">{busyNote}</Caption1>}
      <div className={styles.scroll} ref={scroller}>
        <ul
          ref={list}
          className={styles.list}
          aria-label="Issues"
          style={{ height: virtualizer.getTotalSize() }}
          onKeyDown={onKeyDown}
        >
          {virtualizer.getVirtualItems().map((v) => {
            const item = items[v.index];
            return (
              <li
                key={v.key}
                data-index={v.index}
                ref={virtualizer.measureElement}
                className={styles.item}
                style={{ transform: `translateY(${v.start}px)` }}
              >
                {item.kind === 'group' ? (
                  <span className={styles.group}>
                    {item.label} ({item.count.toLocaleString('en')})
                  </span>
                ) : (
                  <IssueItem
                    row={item.row}
                    index={item.index}
                    selected={item.row.issue.key === selectedKey}
                    review={reviews.get(item.row.issue.key)?.review ?? 'Open'}
                    onChoose={choose}
                  />
                )}
              </li>
            );
          })}
        </ul>
      </div>
      {visible.length > 0 && (
        <div className={styles.bar} role="group" aria-label="Review every issue shown">
          <Field label={`Mark the ${count(visible.length, 'issue')} shown as`} size="small">
            <Select size="small" value={bulk} onChange={(_, d) => setBulk(d.value as Review)}>
              {REVIEWS.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </Select>
          </Field>
          <Button
            size="small"
            onClick={() =>
              onBulkReview(
                visible.map((r) => r.issue.key),
                bulk,
              )
            }
          >
            Apply to {count(visible.length, 'issue')}
          </Button>
        </div>
      )}
      {selected && (
        <IssueDetail
          key={selected.issue.key}
          row={selected}
          review={reviews.get(selected.issue.key) ?? OPEN}
          location={location}
          locationHint={locationHint}
          onReview={onReview}
        />
      )}
    </div>
  );
}

interface ItemProps {
  row: IssueRow;
  index: number;
  selected: boolean;
  review: Review;
  onChoose: (key: string) => void;
}

/** One line of the worklist; re-rendered only when its own issue, review or selection changes. */
const IssueItem = memo(function IssueItem({ row, index, selected, review, onChoose }: ItemProps) {
  const styles = useStyles();
  const { issue } = row;
  return (
    <button
      type="button"
      data-row={index}
      className={mergeClasses(styles.row, selected && styles.current)}
      aria-expanded={selected}
      onClick={() => onChoose(issue.key)}
    >
      <span className={styles.head}>
        <Badge appearance="tint" color={severityColor[issue.severity]}>
          {issue.severity}
        </Badge>
        <Body1>
          {row.country}
          {row.question ? ` · ${row.question}` : ''}
        </Body1>
        <Caption1 title={issue.rule}>{ruleName(issue.rule)}</Caption1>
        {review !== 'Open' && (
          <Badge appearance="outline" color="brand">
            {review}
          </Badge>
        )}
      </span>
      <Caption1 className={styles.text}>{issue.message}</Caption1>
    </button>
  );
});

interface DetailProps {
  row: IssueRow;
  review: ReviewEntry;
  location?: string;
  locationHint: string;
  onReview: (key: string, entry: ReviewEntry) => void;
}

/** The clues of an inferred country, one a line; any other evidence as one text. */
function Evidence({ row }: { row: IssueRow }) {
  const styles = useStyles();
  const [all, setAll] = useState(false);
  const cut = row.fullEvidence !== row.issue.evidence;
  const text = all || !cut ? row.fullEvidence : row.issue.evidence;
  const clues = row.issue.rule === 'country-inferred' ? text.split('; ') : [text];
  return (
    <div>
      <Caption1>Evidence:</Caption1>
      {clues.length > 1 ? (
        <ul className={styles.clues}>
          {clues.map((c, i) => (
            <li key={i}>
              <Caption1>{c}</Caption1>
            </li>
          ))}
        </ul>
      ) : (
        <Caption1> {text}</Caption1>
      )}
      {cut && (
        <Button size="small" appearance="transparent" onClick={() => setAll((a) => !a)}>
          {all ? 'Show less' : `Show all ${row.fullEvidence.length.toLocaleString('en')} characters`}
        </Button>
      )}
    </div>
  );
}

function IssueDetail({ row, review, location, locationHint, onReview }: DetailProps) {
  const styles = useStyles();
  const { issue } = row;
  // The note is typed into local state and passed on after a pause or when the box is left, so
  // typing never re-renders the list.
  const [note, setNote] = useState(review.note);
  const sent = useRef(review.note);
  const latest = useRef({ review, onReview });
  latest.current = { review, onReview };
  useEffect(() => {
    if (review.note !== sent.current) setNote((sent.current = review.note));
  }, [review.note]);
  const commit = useCallback(
    (value: string) => {
      if (value === sent.current) return;
      sent.current = value;
      latest.current.onReview(issue.key, { ...latest.current.review, note: value });
    },
    [issue.key],
  );
  useEffect(() => {
    if (note === sent.current) return;
    const t = setTimeout(() => commit(note), NOTE_DELAY);
    return () => clearTimeout(t);
  }, [note, commit]);
  // A note still being typed when another issue is chosen is kept.
  const pending = useRef(note);
  pending.current = note;
  useEffect(() => () => commit(pending.current), [commit]);

  return (
    <section className={styles.detail} aria-label="Selected issue">
      <Body1>
        {row.country}
        {row.question ? ` · ${row.question}` : ''} ·{' '}
        <Tooltip content={ruleDescription(issue.rule)} relationship="description">
          <span>
            {ruleName(issue.rule)} (<code>{issue.rule}</code>)
          </span>
        </Tooltip>
      </Body1>
      <Caption1>{issue.message}</Caption1>
      <Caption1>
        {row.section} · {issue.sourceFile} · response {issue.responseId}
      </Caption1>
      {row.fullEvidence && <Evidence row={row} />}
      <Caption1>{location ? `In the workbook: ${location}` : locationHint}</Caption1>
      <Field label="Review">
        <Dropdown
          value={review.review}
          selectedOptions={[review.review]}
          onOptionSelect={(_, d) =>
            d.optionValue && onReview(issue.key, { review: d.optionValue as Review, note: pending.current })
          }
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
          value={note}
          resize="vertical"
          onChange={(_, d) => setNote(d.value)}
          onBlur={() => commit(note)}
        />
      </Field>
    </section>
  );
}
