import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Caption1,
  Checkbox,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Title3,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { builtInQuestionnaires, loadQuestionnaire } from '../core/definition';
import type { InputFile, Response, Review } from '../core/model';
import type { BatchResult } from '../core/pipeline';
import { buildWorkbookPlan, type ReviewEntry } from '../core/plan/build';
import type { WorkbookPlan } from '../core/plan/types';
import { BatchCounts } from './components/BatchCounts';
import { FilePicker } from './components/FilePicker';
import { ImportProgress } from './components/ImportProgress';
import { ImportReport } from './components/ImportReport';
import { QuestionnaireChooser, type QuestionnaireChoice } from './components/QuestionnaireChooser';
import { IssuesReview } from './components/IssuesReview';
import { Overview } from './components/Overview';
import { ResponsesList } from './components/ResponsesList';
import { WorkbookActions } from './components/WorkbookActions';
import type { WorkbookHost } from './host';
import type { RunImport } from './import-client';
import { issueRows, noFilter, type IssueFilter } from './issue-rows';
import { count } from './plural';
import { mergePending, readAll, type PendingFile } from './pending-files';
import { mergeReviews } from './reviews';

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1 },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { display: 'flex', flexDirection: 'column' },
  main: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    maxWidth: '720px',
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  /** The progress stays in sight while the results scroll. */
  progress: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    backgroundColor: tokens.colorNeutralBackground1,
    paddingBottom: tokens.spacingVerticalXS,
  },
  results: { margin: 0, outlineStyle: 'none' },
  panel: { paddingBottom: tokens.spacingVerticalM },
});

type Busy =
  | { kind: 'reading'; done: number; total: number; file: string }
  | { kind: 'writing'; label: string; fraction?: number };

interface Notice {
  intent: 'success' | 'warning' | 'error' | 'info';
  title: string;
  text: string;
  details?: string[];
}

export interface AppProps {
  host: WorkbookHost;
  runImport: RunImport;
  now?: () => Date;
}

/** Lists longer than this start closed. */
const LONG_LIST = 100;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';
const copyFile = (f: InputFile): InputFile => ({ name: f.name, bytes: f.bytes.slice() });
const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 0));
const builtIn = builtInQuestionnaires.map((id) => ({ id, title: loadQuestionnaire(id).title }));

/** What the import is asked to read the files against; `chooseDefinition` decides the rest. */
async function namedQuestionnaire(choice: QuestionnaireChoice) {
  if (choice.kind === 'built-in') return choice.id;
  if (choice.kind === 'file') return { name: choice.file.name, bytes: await choice.file.read() };
  return undefined;
}

export function App({ host, runImport, now = () => new Date() }: AppProps) {
  const styles = useStyles();
  const [pending, setPending] = useState<PendingFile[]>([]);
  const [batch, setBatch] = useState<BatchResult | null>(null);
  const [importedAt, setImportedAt] = useState('');
  const [reviews, setReviews] = useState<Map<string, ReviewEntry>>(new Map());
  const [busy, setBusy] = useState<Busy | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [lastPlan, setLastPlan] = useState<WorkbookPlan | null>(null);
  const [selected, setSelected] = useState<string>();
  const [location, setLocation] = useState<string>();
  const [questionnaire, setQuestionnaire] = useState<QuestionnaireChoice>({ kind: 'auto' });
  /** Countries the analyst set, by `file/response id`; kept for every later import. */
  const [countries, setCountries] = useState<Map<string, string>>(new Map());
  const [everyResponse, setEveryResponse] = useState(false);
  const perCountry = everyResponse ? 'all' : 'latest';
  /** Issue keys reviewed in the pane since the workbook last received the reviews. */
  const edited = useRef(new Set<string>());
  /** Reviews made while an import or a build runs, applied again to what it returns. */
  const queued = useRef(new Map<string, ReviewEntry>());
  /** Responses held before the last import (its earlier waves), for the counts. */
  const [earlier, setEarlier] = useState(0);
  const [filter, setFilter] = useState<IssueFilter>(noFilter);
  const onFilter = useCallback((change: Partial<IssueFilter>) => setFilter((f) => ({ ...f, ...change })), []);
  /** Where the keyboard goes when a task ends: the results after an import, the message after a download. */
  const [focusTo, setFocusTo] = useState<'results' | 'notice' | null>(null);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const abort = useRef<AbortController | null>(null);
  /**
   * The last import's files (copies: the worker takes the originals), the earlier waves it merged
   * with, and the encodings chosen since, so a file can be read again in another encoding.
   */
  const lastImport = useRef<{ files: InputFile[]; earlier?: Response[]; encodings: Record<string, string> }>(
    undefined,
  );

  const rows = useMemo(
    () => (batch ? issueRows(batch.definition, batch.responses, batch.issues) : []),
    [batch],
  );

  useEffect(() => {
    if (!focusTo || busy) return;
    (focusTo === 'results' ? resultsHeading : noticeRef).current?.focus();
    setFocusTo(null);
  }, [focusTo, busy]);

  /** The result's reviews, with those made in the pane while it ran laid over them (for issues still there). */
  const withQueued = (fromResult: Map<string, ReviewEntry>, keys: Set<string>) => {
    const next = new Map(fromResult);
    for (const [key, entry] of queued.current) if (keys.has(key)) next.set(key, entry);
    return next;
  };

  /** Runs a task with its progress state; a cancelled or failed task ends with a notice saying so. */
  const runTask = async (
    state: Busy,
    work: (signal: AbortSignal) => Promise<void>,
    cancelled: { title: string; text: string },
    failed: string,
  ) => {
    const controller = new AbortController();
    abort.current = controller;
    queued.current.clear();
    setBusy(state);
    setNotice(null);
    try {
      await work(controller.signal);
    } catch (e) {
      setNotice(
        isAbort(e) ? { intent: 'info', ...cancelled } : { intent: 'error', title: failed, text: message(e) },
      );
    } finally {
      setBusy(null);
    }
  };

  const doImport = () =>
    runTask(
      { kind: 'reading', done: 0, total: pending.length, file: '' },
      async (signal) => {
        // Earlier waves: the pane's own once it has imported, else those the workbook holds (Excel), so
        // a workbook opened again merges as the CLI does. Reviews: the workbook's, then the pane's edits.
        let earlier = batch?.responses;
        let carried = reviews;
        let carriedCountries = countries;
        const state = host.readState ? await host.readState({ responses: !batch }) : undefined;
        if (state) {
          carried = mergeReviews(state.reviews, reviews, edited.current);
          carriedCountries = new Map([...(state.countries ?? []), ...countries]);
          earlier ??= state.responses;
        }
        if (signal.aborted) throw new DOMException('The import was cancelled', 'AbortError');
        const files = await readAll(pending);
        const kept = files.map(copyFile);
        const previous =
          earlier?.length || carried.size || carriedCountries.size
            ? { responses: earlier ?? [], reviews: carried, countries: carriedCountries }
            : undefined;
        const result = await runImport({
          files,
          previous,
          questionnaire: await namedQuestionnaire(questionnaire),
          stored: batch?.definition ?? state?.definition,
          perCountry,
          signal,
          onProgress: (p) => setBusy({ kind: 'reading', ...p }),
        });
        lastImport.current = { files: kept, earlier, encodings: {} };
        setBatch(result);
        setReviews(withQueued(result.reviews, new Set(result.issues.map((i) => i.key))));
        setEarlier(previous?.responses.length ?? 0);
        setFilter(noFilter);
        setCountries(carriedCountries);
        setImportedAt(now().toISOString());
        setPending([]);
        setSelected(undefined);
        setLocation(undefined);
        const rejected = result.reports.filter((r) => r.status === 'rejected').length;
        const definitions = result.reports.filter((r) => r.status === 'definition').length;
        const read = files.length - rejected - definitions;
        setFocusTo('results');
        if (!result.responses.length) {
          setNotice({
            intent: 'error',
            title: 'No responses imported',
            text:
              (rejected === files.length
                ? `None of the ${count(files.length, 'file')} could be read`
                : `${read} of ${count(files.length, 'file')} read, holding no response`) +
              ': there is nothing to compare, so no workbook is offered. The import report says why each file was rejected.',
            details: result.notes,
          });
          return;
        }
        setNotice({
          intent: rejected ? 'warning' : 'success',
          title: 'Import finished',
          text:
            `${read} of ${count(files.length, 'file')} read; ` +
            (definitions ? `${definitions} the questionnaire's definition; ` : '') +
            `${count(result.responses.length, 'response')} and ${count(result.issues.length, 'issue')} in all.` +
            (rejected
              ? ` ${count(rejected, 'file was', 'files were')} rejected: see the import report.`
              : ''),
          details: result.notes,
        });
      },
      { title: 'Import cancelled', text: 'Nothing was changed.' },
      'Import failed',
    );

  /** Sets a response's country and runs the checks again over the responses at hand (no file is read again). */
  const setCountry = (key: string, country: string) =>
    runTask(
      { kind: 'reading', done: 0, total: 0, file: '' },
      async (signal) => {
        if (!batch) return;
        const next = new Map(countries).set(key, country);
        const result = await runImport({
          files: [],
          previous: { responses: batch.responses, reviews, countries: next },
          stored: batch.definition,
          perCountry,
          signal,
        });
        setBatch({ ...result, reports: batch.reports });
        setReviews(withQueued(result.reviews, new Set(result.issues.map((i) => i.key))));
        const set = result.responses.find((r) => `${r.sourceFile}/${r.responseId}` === key);
        // A country not understood is said so and not kept.
        if (set?.country.source === 'analyst') setCountries(next);
        setNotice(
          set?.country.source === 'analyst'
            ? { intent: 'success', title: 'Country set', text: `${key}: ${set.country.name}.` }
            : { intent: 'warning', title: 'Country not set', text: result.notes.join(' ') },
        );
      },
      { title: 'Cancelled', text: 'Nothing was changed.' },
      'The country could not be set',
    );

  /** Imports the last batch again, with one of its text files read in the encoding the analyst chose. */
  const readAs = (sourceFile: string, encoding: string) =>
    runTask(
      { kind: 'reading', done: 0, total: lastImport.current!.files.length, file: '' },
      async (signal) => {
        const last = lastImport.current!;
        const encodings = { ...last.encodings, [sourceFile]: encoding };
        const previous =
          last.earlier?.length || reviews.size || countries.size
            ? { responses: last.earlier ?? [], reviews, countries }
            : undefined;
        const result = await runImport({
          files: last.files.map(copyFile),
          previous,
          // The same questionnaire as the import being read again.
          stored: batch?.definition,
          perCountry,
          encodings: { files: encodings },
          signal,
          onProgress: (p) => setBusy({ kind: 'reading', ...p }),
        });
        last.encodings = encodings;
        setBatch(result);
        setReviews(result.reviews);
        setSelected(undefined);
        setLocation(undefined);
        const report = result.reports.find((r) => r.sourceFile === sourceFile);
        setNotice({
          intent: report?.status === 'rejected' ? 'warning' : 'success',
          title: `${sourceFile} read as ${encoding}`,
          text: report?.message ?? '',
        });
      },
      { title: 'Reading cancelled', text: 'Nothing was changed.' },
      'The file could not be read again',
    );

  const makePlan = (): WorkbookPlan =>
    buildWorkbookPlan({
      def: batch!.definition,
      responses: batch!.responses,
      issues: batch!.issues,
      reports: batch!.reports,
      reviews,
      notes: batch!.notes,
      importedAt,
    });

  const withPlan = (label: string, work: (plan: WorkbookPlan, signal: AbortSignal) => Promise<Notice>) =>
    runTask(
      { kind: 'writing', label },
      async (signal) => {
        await nextFrame(); // let the progress bar paint before the plan is built
        const plan = makePlan();
        setNotice(await work(plan, signal));
        setLastPlan(plan);
      },
      { title: 'Stopped', text: 'The workbook was left as it was.' },
      'The workbook could not be written',
    );

  const build = host.buildInWorkbook
    ? () =>
        withPlan('Building the comparison in this workbook', async (plan, signal) => {
          const summary = await host.buildInWorkbook!(
            plan,
            (fraction) =>
              setBusy({ kind: 'writing', label: 'Building the comparison in this workbook', fraction }),
            signal,
            new Set(edited.current),
          );
          // What was reviewed during the build is still to be written next time.
          edited.current = new Set(queued.current.keys());
          return {
            intent: summary.skipped.length ? 'warning' : 'success',
            title: 'Comparison built',
            text:
              `${plan.sheets.length} sheets and ${summary.tables} tables written in ${summary.requests} steps.` +
              (summary.reviewsFromWorkbook
                ? ` Review and Note typed in the workbook were kept for ${summary.reviewsFromWorkbook} issues.`
                : ''),
            details: summary.skipped,
          };
        })
    : undefined;

  const openNew = host.openAsNewWorkbook
    ? () =>
        withPlan('Opening the comparison as a new workbook', async (plan) => {
          await host.openAsNewWorkbook!(plan);
          return { intent: 'success', title: 'New workbook opened', text: 'Save it from Excel.' };
        })
    : undefined;

  const fileName = () => `survey-atlas-${(importedAt || now().toISOString()).slice(0, 10)}.xlsx`;
  const download = host.download
    ? () =>
        withPlan('Preparing the workbook', async (plan) => {
          const name = fileName();
          await host.download!(plan, name);
          setFocusTo('notice');
          return { intent: 'success', title: 'Workbook ready', text: `Saved as ${name}.` };
        })
    : undefined;

  const select = async (key: string | undefined) => {
    setSelected(key);
    setLocation(undefined);
    if (!key || !lastPlan) return;
    try {
      const place = await host.showIssue(lastPlan, key);
      setLocation(place ? `${place.sheet}!${place.address}` : undefined);
    } catch (e) {
      setNotice({ intent: 'error', title: 'Could not go to the answer', text: message(e) });
    }
  };

  const review = useCallback(
    (key: string, entry: ReviewEntry) => {
      edited.current.add(key);
      if (busy) queued.current.set(key, entry);
      setReviews((current) => new Map(current).set(key, entry));
    },
    [busy],
  );

  /** One review for many issues (every issue the filters show); their notes are kept. */
  const reviewAll = useCallback(
    (keys: string[], value: Review) => {
      setReviews((current) => {
        const next = new Map(current);
        for (const key of keys) {
          const entry = { note: '', ...current.get(key), review: value };
          edited.current.add(key);
          if (busy) queued.current.set(key, entry);
          next.set(key, entry);
        }
        return next;
      });
    },
    [busy],
  );

  const progress =
    busy?.kind === 'reading'
      ? {
          label: 'Reading and checking',
          value: busy.total ? busy.done / busy.total : undefined,
          detail: busy.file ? `${busy.file} (${busy.done + 1} of ${busy.total})` : `${busy.total} files`,
        }
      : busy
        ? {
            label: busy.label,
            value: busy.fraction,
            detail: busy.fraction === undefined ? 'Preparing…' : 'Writing…',
          }
        : undefined;

  return (
    // The page's own box, not the provider's: Fluent gives the provider's class to its portals (pop-ups) too.
    <FluentProvider theme={webLightTheme}>
      <div className={styles.root}>
        <header className={styles.header}>
          <img src="assets/icon-32.png" alt="" width={32} height={32} />
          <div className={styles.title}>
            <Title3 as="h1">Survey Atlas</Title3>
            <Caption1>
              {host.kind === 'excel' ? 'Connected to Excel' : 'Browser preview, not connected to Excel'}
            </Caption1>
            {host.problem && <Caption1 role="status">{host.problem}</Caption1>}
          </div>
        </header>
        <main className={styles.main}>
          <section className={styles.section} aria-labelledby="import-heading">
            <Subtitle2 as="h2" id="import-heading">
              Import responses
            </Subtitle2>
            <QuestionnaireChooser
              builtIn={builtIn}
              value={questionnaire}
              onChange={setQuestionnaire}
              disabled={busy !== null}
              current={batch?.definition}
            />
            <Checkbox
              checked={everyResponse}
              disabled={busy !== null}
              onChange={(_, d) => setEveryResponse(d.checked === true)}
              label="Keep every response of a country as a separate respondent (not only the latest)"
            />
            <FilePicker
              files={pending}
              busy={busy !== null}
              merging={batch !== null}
              onAdd={(added) => setPending((current) => mergePending(current, added))}
              onClear={() => setPending([])}
              onImport={doImport}
            />
          </section>
          <div aria-live="polite" className={styles.progress}>
            {progress && (
              <ImportProgress
                {...progress}
                onCancel={
                  busy?.kind === 'reading' || host.kind === 'excel' ? () => abort.current?.abort() : undefined
                }
              />
            )}
          </div>

          {notice && (
            <MessageBar intent={notice.intent} layout="multiline" ref={noticeRef} tabIndex={-1}>
              <MessageBarBody>
                <MessageBarTitle>{notice.title}</MessageBarTitle>
                {notice.text}
                {notice.details && notice.details.length > 0 && (
                  <ul>
                    {notice.details.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ul>
                )}
              </MessageBarBody>
            </MessageBar>
          )}

          {batch && (
            <section className={styles.section} aria-labelledby="results-heading">
              <h2 id="results-heading" ref={resultsHeading} tabIndex={-1} className={styles.results}>
                <Subtitle2>What was imported</Subtitle2>
              </h2>
              <BatchCounts reports={batch.reports} responses={batch.responses} earlier={earlier} />
              {batch.responses.length > 0 && (
                <Overview
                  def={batch.definition}
                  responses={batch.responses}
                  rows={rows}
                  filter={filter}
                  onFilter={onFilter}
                />
              )}
            </section>
          )}

          {batch && batch.responses.length > 0 && (
            <section className={styles.section} aria-labelledby="workbook-heading">
              <Subtitle2 as="h2" id="workbook-heading">
                Comparison workbook
              </Subtitle2>
              <WorkbookActions
                kind={host.kind}
                disabled={busy !== null}
                onBuild={build}
                onOpenNew={openNew}
                onDownload={download}
                limitations={host.limitations}
              />
              {busy && <Caption1>These buttons wait for the task at the top of the pane to end.</Caption1>}
            </section>
          )}

          {batch && (
            <Accordion
              key={importedAt}
              multiple
              collapsible
              defaultOpenItems={[
                'issues',
                // Long lists start closed, so the page stays light with a thousand responses.
                ...(batch.responses.length <= LONG_LIST ? ['responses'] : []),
                ...(batch.reports.length <= LONG_LIST || !batch.responses.length ? ['report'] : []),
              ]}
            >
              {batch.responses.length > 0 && (
                <AccordionItem value="issues">
                  <AccordionHeader as="h2">
                    Issues ({batch.issues.length.toLocaleString('en')})
                  </AccordionHeader>
                  <AccordionPanel className={styles.panel}>
                    <IssuesReview
                      def={batch.definition}
                      rows={rows}
                      reviews={reviews}
                      selectedKey={selected}
                      location={location}
                      locationHint={
                        host.kind === 'excel'
                          ? 'Build the comparison to go to this answer in the workbook.'
                          : 'Download the workbook to see where this answer sits in it.'
                      }
                      onSelect={select}
                      onReview={review}
                      onBulkReview={reviewAll}
                      filter={filter}
                      onFilter={onFilter}
                      busyNote={
                        busy?.kind === 'reading'
                          ? 'Reading and checking: reviews made now are kept and applied to the result.'
                          : busy
                            ? 'Writing the workbook: reviews made now are kept and written by the next build.'
                            : undefined
                      }
                    />
                  </AccordionPanel>
                </AccordionItem>
              )}
              {batch.responses.length > 0 && (
                <AccordionItem value="responses">
                  <AccordionHeader as="h2">
                    Responses ({batch.responses.length.toLocaleString('en')})
                  </AccordionHeader>
                  <AccordionPanel className={styles.panel}>
                    <ResponsesList
                      responses={batch.responses}
                      onSetCountry={setCountry}
                      disabled={busy !== null}
                    />
                  </AccordionPanel>
                </AccordionItem>
              )}
              <AccordionItem value="report">
                <AccordionHeader as="h2">
                  Import report ({count(batch.reports.length, 'file')})
                </AccordionHeader>
                <AccordionPanel className={styles.panel}>
                  <ImportReport
                    reports={batch.reports}
                    definition={batch.definition}
                    onReadAs={lastImport.current ? readAs : undefined}
                    disabled={busy !== null}
                  />
                </AccordionPanel>
              </AccordionItem>
            </Accordion>
          )}
        </main>
      </div>
    </FluentProvider>
  );
}
