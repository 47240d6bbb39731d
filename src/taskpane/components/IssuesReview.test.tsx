/**
 * @jest-environment jsdom
 */
// The worklist on issues the checks raise on corpus files: order, search, filters, grouping, bulk review, notes.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { useCallback, useState } from 'react';
import { TextDecoder as NodeTextDecoder } from 'util';
import { corpusInputFiles } from '../../../test/support/corpus';
import { fakeLayout } from '../../../test/support/layout';
import { currentResponses, sectionScores } from '../../core/compare';
import { loadQuestionnaire } from '../../core/definition';
import type { Review } from '../../core/model';
import { importBatch, type BatchResult } from '../../core/pipeline';
import type { ReviewEntry } from '../../core/plan/build';
import { issueRows, noFilter, type IssueFilter } from '../issue-rows';
import { ruleName } from '../rule-names';
import { IssuesReview } from './IssuesReview';
import { Overview } from './Overview';

globalThis.TextDecoder ??= NodeTextDecoder as unknown as typeof TextDecoder;

beforeAll(fakeLayout);

const def = loadQuestionnaire('msq-2022');
let batch: BatchResult;
beforeAll(async () => {
  // The plain-text files of the corpus (the Word and workbook ones add nothing here and read slower).
  const files = corpusInputFiles().filter((f) => /\.(txt|md)$/.test(f.name));
  batch = await importBatch(files, def);
}, 60_000);

/** The overview and the worklist with the pane's state, as the App holds it. */
function Workbench({ onBulk }: { onBulk?: (keys: string[], review: Review) => void }) {
  const rows = issueRows(def, batch.responses, batch.issues);
  const [filter, setFilter] = useState<IssueFilter>(noFilter);
  const [reviews, setReviews] = useState(new Map<string, ReviewEntry>());
  const [selected, setSelected] = useState<string>();
  const onFilter = useCallback((c: Partial<IssueFilter>) => setFilter((f) => ({ ...f, ...c })), []);
  return (
    <>
      <Overview def={def} responses={batch.responses} rows={rows} filter={filter} onFilter={onFilter} />
      <IssuesReview
        def={def}
        rows={rows}
        reviews={reviews}
        filter={filter}
        onFilter={onFilter}
        selectedKey={selected}
        locationHint=""
        onSelect={setSelected}
        onReview={(key, entry) => setReviews((r) => new Map(r).set(key, entry))}
        onBulkReview={(keys, review) => {
          onBulk?.(keys, review);
          setReviews((r) => {
            const next = new Map(r);
            for (const k of keys) next.set(k, { note: '', ...r.get(k), review });
            return next;
          });
        }}
      />
    </>
  );
}

const issueButtons = () => within(screen.getByRole('list', { name: 'Issues' })).queryAllByRole('button');
const shownLine = () => screen.getByText(/issues?( of [\d,]+ match|, most severe first)/).textContent!;

describe('the issues worklist', () => {
  it('lists the most severe first and renders only the lines in view', () => {
    render(<Workbench />);
    expect(batch.issues.length).toBeGreaterThan(40);
    const buttons = issueButtons();
    // A window of lines, not every issue.
    expect(buttons.length).toBeGreaterThan(3);
    expect(buttons.length).toBeLessThan(20);
    expect(buttons[0].textContent).toMatch(/^error/);
    expect(shownLine()).toBe(`${batch.issues.length} issues, most severe first.`);
  });

  it('shows rules by their plain names, the code in the detail', () => {
    render(<Workbench />);
    const first = issueButtons()[0];
    expect(first.textContent).not.toMatch(/required-missing|country-unknown|invalid-email/);
    fireEvent.click(first);
    const detail = screen.getByRole('region', { name: 'Selected issue' });
    const row = issueRows(def, batch.responses, batch.issues)[0];
    expect(within(detail).getByText(row.issue.rule)).toBeTruthy();
    expect(detail.textContent).toContain(ruleName(row.issue.rule));
  });

  it('searches country, question, message and evidence', async () => {
    jest.useFakeTimers();
    render(<Workbench />);
    const rows = issueRows(def, batch.responses, batch.issues);
    const country = rows.find((r) => r.issue.severity === 'warning')!.country;
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search issues' }), {
      target: { value: country },
    });
    act(() => jest.advanceTimersByTime(200));
    const expected = rows.filter((r) => r.haystack.includes(country.toLowerCase())).length;
    expect(shownLine()).toBe(`${expected} ${expected === 1 ? 'issue' : 'issues'} of ${rows.length} match.`);
    for (const b of issueButtons()) expect(b.textContent!.toLowerCase()).toContain(country.toLowerCase());
    // Words must all occur: a word no issue holds leaves none.
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search issues' }), {
      target: { value: `${country} zzzqqq` },
    });
    act(() => jest.advanceTimersByTime(200));
    expect(shownLine()).toBe(`0 issues of ${rows.length} match.`);
    jest.useRealTimers();
  });

  it('filters by a severity or a rule chosen in the overview', () => {
    render(<Workbench />);
    const counts = screen.getByRole('group', { name: 'Issues by severity' });
    const warnings = batch.issues.filter((i) => i.severity === 'warning').length;
    fireEvent.click(within(counts).getByRole('button', { name: `${warnings} warnings` }));
    expect(shownLine()).toBe(`${warnings} issues of ${batch.issues.length} match.`);
    for (const b of issueButtons()) expect(b.textContent).toMatch(/^warning/);

    // Pressed again, the severity is no longer a filter; a rule is.
    fireEvent.click(within(counts).getByRole('button', { name: `${warnings} warnings` }));
    const rules = screen.getByRole('group', { name: 'Issues by rule' });
    fireEvent.click(
      within(rules).getByRole('button', { name: new RegExp(`^${ruleName('country-inferred')}`) }),
    );
    const inferred = batch.issues.filter((i) => i.rule === 'country-inferred').length;
    expect(inferred).toBeGreaterThan(1);
    expect(shownLine()).toBe(`${inferred} issues of ${batch.issues.length} match.`);
    for (const b of issueButtons()) expect(b.textContent).toContain(ruleName('country-inferred'));
    fireEvent.click(screen.getByRole('button', { name: 'Show all issues' }));
    expect(shownLine()).toBe(`${batch.issues.length} issues, most severe first.`);
  });

  it('filters by a country and section chosen in the picture', () => {
    render(<Workbench />);
    fireEvent.click(screen.getByRole('radio', { name: 'Issues' }));
    const grid = screen.getByRole('group', { name: 'Countries by section' });
    const rows = issueRows(def, batch.responses, batch.issues);
    const { country, section } = rows.find((r) => r.section !== 'Whole response')!;
    const n = rows.filter((r) => r.country === country && r.section === section).length;
    const cell = within(grid).getByRole('button', {
      name: `${country}, ${section}: ${n} ${n === 1 ? 'issue' : 'issues'}`,
    });
    fireEvent.click(cell);
    expect(cell.getAttribute('aria-pressed')).toBe('true');
    expect(shownLine()).toBe(`${n} ${n === 1 ? 'issue' : 'issues'} of ${rows.length} match.`);
  });

  it('groups by rule under plain-language headings', () => {
    render(<Workbench />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Group by' }), { target: { value: 'rule' } });
    const list = screen.getByRole('list', { name: 'Issues' });
    const first = issueRows(def, batch.responses, batch.issues)[0].issue.rule;
    const n = batch.issues.filter((i) => i.rule === first).length;
    expect(within(list).getByText(`${ruleName(first)} (${n})`)).toBeTruthy();
  });

  it('moves through the issues with the arrow keys and opens one with Enter', () => {
    render(<Workbench />);
    const [first, second] = issueButtons();
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(second);
    fireEvent.click(second); // Enter on a button clicks it
    expect(second.getAttribute('aria-expanded')).toBe('true');
  });

  it('sets the review of every issue shown at once', () => {
    const onBulk = jest.fn();
    render(<Workbench onBulk={onBulk} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Rule' }), {
      target: { value: 'country-inferred' },
    });
    const inferred = batch.issues.filter((i) => i.rule === 'country-inferred');
    expect(inferred.length).toBeGreaterThan(1);
    fireEvent.click(screen.getByRole('button', { name: `Apply to ${inferred.length} issues` }));
    expect(onBulk).toHaveBeenCalledWith(expect.arrayContaining(inferred.map((i) => i.key)), 'Confirmed');
    expect(onBulk.mock.calls[0][0]).toHaveLength(inferred.length);
    for (const b of issueButtons()) expect(b.textContent).toContain('Confirmed');
  });

  it('keeps a note in the box while typing and passes it on when the box is left', () => {
    const onReview = jest.fn();
    const rows = issueRows(def, batch.responses, batch.issues);
    render(
      <IssuesReview
        def={def}
        rows={rows}
        reviews={new Map()}
        filter={noFilter}
        onFilter={() => undefined}
        selectedKey={rows[0].issue.key}
        locationHint=""
        onSelect={() => undefined}
        onReview={onReview}
        onBulkReview={() => undefined}
        busyNote="Reading and checking: reviews made now are kept and applied to the result."
      />,
    );
    const note = screen.getByLabelText('Note');
    for (const text of ['A', 'As', 'Asked the focal point'])
      fireEvent.change(note, { target: { value: text } });
    expect(onReview).not.toHaveBeenCalled();
    fireEvent.blur(note);
    expect(onReview).toHaveBeenCalledTimes(1);
    expect(onReview).toHaveBeenCalledWith(rows[0].issue.key, {
      review: 'Open',
      note: 'Asked the focal point',
    });
    // While an import runs the box stays editable and says what becomes of the edits.
    expect(note).toHaveProperty('readOnly', false);
    expect(screen.getByText(/reviews made now are kept/)).toBeTruthy();
  });

  it('shows every clue of an inferred country', () => {
    const rows = issueRows(def, batch.responses, batch.issues);
    // The inferred country with the longest list of clues.
    const inferred = rows
      .filter((r) => r.issue.rule === 'country-inferred')
      .sort((a, b) => b.fullEvidence.length - a.fullEvidence.length)[0];
    expect(inferred.fullEvidence.split('; ').length).toBeGreaterThan(1);
    render(
      <IssuesReview
        def={def}
        rows={rows}
        reviews={new Map()}
        filter={noFilter}
        onFilter={() => undefined}
        selectedKey={inferred.issue.key}
        locationHint=""
        onSelect={() => undefined}
        onReview={() => undefined}
        onBulkReview={() => undefined}
      />,
    );
    const detail = screen.getByRole('region', { name: 'Selected issue' });
    const show = within(detail).queryByRole('button', { name: /^Show all/ });
    if (show) fireEvent.click(show);
    const clues = inferred.fullEvidence.split('; ');
    for (const clue of clues) expect(within(detail).getByText(clue)).toBeTruthy();
    expect(detail.textContent).not.toMatch(/…$/);
  });
});

describe('the overview picture', () => {
  it('shows the completeness and Yes share of each country and section, as the comparison computes them', () => {
    render(<Workbench />);
    const grid = screen.getByRole('group', { name: 'Countries by section' });
    // Countries with one current response: their cells are that response's section scores.
    const current = currentResponses(batch.responses);
    const single = current.filter(
      (r) => r.country.name && current.filter((o) => o.country.name === r.country.name).length === 1,
    );
    expect(single.length).toBeGreaterThan(3);
    const scores = sectionScores(def, single, []);
    const pct = (n: number) => `${Math.round(n * 100)}%`;
    for (const s of scores.slice(0, 4)) {
      s.sections.forEach((sec, i) => {
        const title = def.sections[i].title;
        const share = sec.completeness.share;
        const text = share === null ? 'nothing known' : `${pct(share)} complete`;
        expect(
          within(grid).getByRole('button', { name: `${s.response.country.name}, ${title}: ${text}` }),
        ).toBeTruthy();
      });
    }
    fireEvent.click(screen.getByRole('radio', { name: 'Yes share' }));
    const s = scores.find((x) => x.sections.some((sec) => sec.yesShare !== null))!;
    const i = s.sections.findIndex((sec) => sec.yesShare !== null);
    const name = `${s.response.country.name}, ${def.sections[i].title}: ${pct(s.sections[i].yesShare!)} Yes`;
    expect(within(grid).getByRole('button', { name })).toBeTruthy();
  });
});
