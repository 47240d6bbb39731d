import {
  Body1,
  Caption1,
  makeStyles,
  Radio,
  RadioGroup,
  shorthands,
  Tooltip,
  tokens,
} from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { currentResponses, sectionScores } from '../../core/compare';
import type { Definition } from '../../core/definition';
import type { Response, Severity } from '../../core/model';
import { rowLabelling } from '../../core/plan/context';
import { type IssueFilter, type IssueRow, ruleCounts, severityCounts } from '../issue-rows';
import { count } from '../plural';
import { ruleDescription, ruleName } from '../rule-names';

export type Metric = 'completeness' | 'yes' | 'issues';

/** A row of the picture, in pixels: 18 for the cells and 1 between rows. */
const ROW = 19;
/** Pictures of up to this many rows are drawn whole; taller ones draw the rows in view (and a few more). */
const WHOLE = 100;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  scroll: {
    maxHeight: '320px',
    overflow: 'auto',
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorNeutralStroke2),
    borderRadius: tokens.borderRadiusMedium,
  },
  grid: { fontSize: tokens.fontSizeBase100, lineHeight: '18px' },
  /** A row of the picture: the country, then a cell per section. */
  row: { display: 'grid', columnGap: '1px', height: `${ROW - 1}px` },
  /** The section names stay in view while the countries scroll. */
  headRow: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    marginBottom: '1px',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  rows: { position: 'relative' },
  placed: { position: 'absolute', top: 0, left: 0, width: '100%' },
  head: {
    textAlign: 'center',
    fontWeight: tokens.fontWeightSemibold,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  country: {
    position: 'sticky',
    left: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    paddingRight: tokens.spacingHorizontalXS,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  cell: {
    minWidth: '28px',
    height: '18px',
    padding: 0,
    ...shorthands.border('0'),
    fontFamily: 'inherit',
    fontSize: 'inherit',
    color: tokens.colorNeutralForeground1,
    cursor: 'pointer',
    ':focus-visible': { ...shorthands.outline(tokens.strokeWidthThick, 'solid', tokens.colorStrokeFocus2) },
  },
  counts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  count: {
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorNeutralStroke1),
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    padding: `0 ${tokens.spacingHorizontalS}`,
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground1,
    cursor: 'pointer',
    textAlign: 'left',
  },
  pressed: {
    backgroundColor: tokens.colorBrandBackground2,
    ...shorthands.borderColor(tokens.colorBrandStroke1),
  },
});

interface Cell {
  /** 0–1 for shares, a count for issues; null where nothing is known. */
  value: number | null;
  text: string;
}

interface Grid {
  columns: { title: string; short: string }[];
  rows: { country: string; cells: Cell[] }[];
  max: number;
  /** The lowest share in the grid: the lightest shade, so small differences near 100% still show. */
  min: number;
  /** Rows are countries (else respondents, where the questionnaire asks no country). */
  byCountry: boolean;
}

const percent = (n: number) => `${Math.round(n * 100)}%`;

/** Country × section: completeness and Yes share of the current responses (summed per country), or issues. */
function buildGrid(def: Definition, responses: Response[], rows: IssueRow[], metric: Metric): Grid {
  const { rowLabel, rowHeader } = rowLabelling(def, responses);
  const byCountryRows = rowHeader === 'Country';
  const current = currentResponses(responses);
  const columns = def.sections.map((s) => ({ title: s.title, short: s.id }));
  const byCountry = new Map<string, number[][]>();
  const countries = [...new Set(current.map(rowLabel))];
  if (metric === 'issues') {
    for (const r of rows) if (!countries.includes(r.country)) countries.push(r.country);
    const col = new Map(def.sections.map((s, i) => [s.title, i]));
    const counts = new Map(countries.map((c) => [c, def.sections.map(() => 0)]));
    for (const r of rows) {
      const i = col.get(r.section);
      if (i !== undefined) counts.get(r.country)![i]++;
    }
    const max = Math.max(1, ...[...counts.values()].flat());
    return {
      columns,
      max,
      min: 0,
      byCountry: byCountryRows,
      rows: countries.map((country) => ({
        country,
        cells: counts.get(country)!.map((n) => ({ value: n, text: String(n) })),
      })),
    };
  }
  for (const s of sectionScores(def, current, [])) {
    const label = rowLabel(s.response);
    let sums = byCountry.get(label);
    if (!sums) byCountry.set(label, (sums = def.sections.map(() => [0, 0])));
    s.sections.forEach((sec, i) => {
      if (metric === 'yes') {
        sums![i][0] += sec.yes;
        sums![i][1] += sec.yes + sec.no;
      } else {
        sums![i][0] += sec.completeness.answered;
        sums![i][1] += sec.completeness.knowable;
      }
    });
  }
  const gridRows = countries.map((country) => ({
    country,
    cells: byCountry
      .get(country)!
      .map(([part, whole]): Cell =>
        whole ? { value: part / whole, text: percent(part / whole) } : { value: null, text: '–' },
      ),
  }));
  const shares = gridRows.flatMap((r) => r.cells.map((c) => c.value)).filter((v): v is number => v !== null);
  return {
    columns,
    max: 1,
    min: shares.length ? Math.min(...shares) : 0,
    byCountry: byCountryRows,
    rows: gridRows,
  };
}

/**
 * Completeness light to dark orange by what is missing, Yes share light to dark blue, issues light to
 * dark red by count (no colour where nothing is known). Text is dark
 * on light cells and white on dark ones, never between, so it keeps a 4.5:1 contrast.
 */
function shade(cell: Cell, metric: Metric, grid: Grid): { backgroundColor: string; color?: string } {
  if (cell.value === null) return { backgroundColor: 'transparent' };
  if (metric === 'issues' && cell.value === 0) return { backgroundColor: '#f3f2f1' };
  // Gaps are what an analyst looks for: the less complete, the darker.
  const spread = 1 - grid.min || 1;
  const t =
    metric === 'issues'
      ? cell.value / grid.max
      : metric === 'completeness'
        ? (1 - cell.value) / spread
        : (cell.value - grid.min) / spread;
  const hue = { issues: 6, completeness: 28, yes: 210 }[metric];
  const lightness = Math.round(96 - t * 60);
  return lightness >= 50
    ? { backgroundColor: `hsl(${hue} 70% ${lightness}%)`, color: '#000' }
    : { backgroundColor: `hsl(${hue} 70% ${Math.min(lightness, 38)}%)`, color: '#fff' };
}

/** "80% complete", "60% Yes", "1 issue", "nothing known". */
function describe(cell: Cell, metric: Metric): string {
  if (metric === 'issues') return count(cell.value ?? 0, 'issue');
  if (cell.value === null) return 'nothing known';
  return `${cell.text} ${metric === 'yes' ? 'Yes' : 'complete'}`;
}

export interface OverviewProps {
  def: Definition;
  responses: Response[];
  rows: IssueRow[];
  filter: IssueFilter;
  onFilter: (change: Partial<IssueFilter>) => void;
}

/** The batch at a glance: a country × section heat map and the issues by severity and by rule. */
export const Overview = memo(function Overview({ def, responses, rows, filter, onFilter }: OverviewProps) {
  const styles = useStyles();
  const [metric, setMetric] = useState<Metric>('completeness');
  const grid = useMemo(() => buildGrid(def, responses, rows, metric), [def, responses, rows, metric]);
  const severities = useMemo(() => severityCounts(rows), [rows]);
  const rules = useMemo(() => ruleCounts(rows), [rows]);
  const width = grid.columns.length;
  const scroller = useRef<HTMLDivElement>(null);
  const columns = `minmax(80px, 140px) repeat(${width}, minmax(28px, 1fr))`;
  // A thousand responses from 193 countries make 1,544 cells: only the rows in view are in the page.
  const virtualizer = useVirtualizer({
    count: grid.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: grid.rows.length <= WHOLE ? WHOLE : 8,
  });
  /** The cell in the tab order (one at a time); arrow keys move it. */
  const [active, setActive] = useState(0);
  const shown = virtualizer.getVirtualItems();
  // Where the active cell's row is out of view (not in the page), the first row in view takes the tab stop.
  const tabStop = shown.some((v) => v.index === Math.floor(active / width))
    ? active
    : (shown[0]?.index ?? 0) * width;

  /** Arrow keys move between cells, scrolling the next row into view where it is not. */
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const at = Number(target.dataset.cell);
    if (Number.isNaN(at) || target.dataset.cell === undefined) return;
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: width, ArrowUp: -width }[e.key];
    if (!step) return;
    const next = at + step;
    const sameRow = Math.floor(next / width) === Math.floor(at / width);
    if (next < 0 || next >= grid.rows.length * width || (Math.abs(step) === 1 && !sameRow)) return;
    e.preventDefault();
    setActive(next);
    virtualizer.scrollToIndex(Math.floor(next / width), { align: 'auto' });
    const container = e.currentTarget;
    const focus = (tries: number) => {
      const el = container.querySelector<HTMLElement>(`[data-cell="${next}"]`);
      if (el) el.focus();
      else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
    };
    focus(5);
  };

  const pick = (country: string, section: string) =>
    filter.country === country && filter.section === section
      ? onFilter({ country: '', section: '' })
      : onFilter({ country, section });

  return (
    <div className={styles.root}>
      <RadioGroup
        layout="horizontal"
        aria-label="The picture shows"
        value={metric}
        onChange={(_, d) => setMetric(d.value as Metric)}
      >
        <Radio value="completeness" label="Completeness" />
        <Radio value="yes" label="Yes share" />
        <Radio value="issues" label="Issues" />
      </RadioGroup>
      <Caption1>
        {count(grid.rows.length, grid.byCountry ? 'country' : 'respondent')} × {count(width, 'section')}.{' '}
        {
          {
            issues: 'Darker: more issues.',
            completeness: `Darker: less complete, down to ${percent(grid.min)}; – where nothing is known.`,
            yes: `Darker: more Yes, from ${percent(grid.min)} (lightest) to 100%; – where nothing is known.`,
          }[metric]
        }{' '}
        A cell shows its issues below.
      </Caption1>
      <div className={styles.scroll} ref={scroller}>
        <div className={styles.grid} role="group" aria-label="Countries by section" onKeyDown={onKeyDown}>
          <div className={`${styles.row} ${styles.headRow}`} style={{ gridTemplateColumns: columns }}>
            <span className={styles.head} />
            {grid.columns.map((c) => (
              <span key={c.short} className={styles.head} title={c.title}>
                {c.short}
              </span>
            ))}
          </div>
          <div className={styles.rows} style={{ height: virtualizer.getTotalSize() }}>
            {shown.map((v) => {
              const row = grid.rows[v.index];
              const r = v.index;
              return (
                <div
                  key={row.country}
                  className={`${styles.row} ${styles.placed}`}
                  style={{ gridTemplateColumns: columns, transform: `translateY(${v.start}px)` }}
                >
                  <span className={styles.country} title={row.country}>
                    {row.country}
                  </span>
                  {row.cells.map((cell, c) => {
                    const section = grid.columns[c].title;
                    const chosen = filter.country === row.country && filter.section === section;
                    return (
                      <button
                        key={c}
                        type="button"
                        data-cell={r * width + c}
                        tabIndex={r * width + c === tabStop ? 0 : -1}
                        className={styles.cell}
                        style={{
                          ...shade(cell, metric, grid),
                          outline: chosen ? `2px solid ${tokens.colorBrandStroke1}` : undefined,
                        }}
                        aria-pressed={chosen}
                        aria-label={`${row.country}, ${section}: ${describe(cell, metric)}`}
                        title={`${row.country}, ${section}: ${describe(cell, metric)}`}
                        onClick={() => pick(row.country, section)}
                      >
                        {cell.text}
                      </button>
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <div className={styles.counts} role="group" aria-label="Issues by severity">
        {(['error', 'warning', 'info'] as Severity[]).map((s) => (
          <button
            key={s}
            type="button"
            className={`${styles.count} ${filter.severity === s ? styles.pressed : ''}`}
            aria-pressed={filter.severity === s}
            onClick={() => onFilter({ severity: filter.severity === s ? '' : s })}
          >
            {count(severities[s], s, s === 'info' ? 'infos' : undefined)}
          </button>
        ))}
      </div>
      <div className={styles.counts} role="group" aria-label="Issues by rule">
        {rules.map((r) => (
          <Tooltip key={r.rule} content={ruleDescription(r.rule)} relationship="description" withArrow>
            <button
              type="button"
              className={`${styles.count} ${filter.rule === r.rule ? styles.pressed : ''}`}
              aria-pressed={filter.rule === r.rule}
              onClick={() => onFilter({ rule: filter.rule === r.rule ? '' : r.rule })}
            >
              <Body1>{ruleName(r.rule)}</Body1> {r.count.toLocaleString('en')}
            </button>
          </Tooltip>
        ))}
      </div>
    </div>
  );
});
