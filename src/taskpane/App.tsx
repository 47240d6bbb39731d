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
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { builtInQuestionnaires, loadQuestionnaire } from '../core/definition';
import { responseKey, type InputFile, type Response, type Review } from '../core/model';
import type { PlanInput, ReviewEntry } from '../core/plan/build';
import type { WorkbookPlace } from '../excel/a1';
import { BatchCounts } from './components/BatchCounts';
import { FilePicker } from './components/FilePicker';
import { ImportProgress } from './components/ImportProgress';
import { ImportReport } from './components/ImportReport';
import { QuestionnaireChooser, type QuestionnaireChoice } from './components/QuestionnaireChooser';
import { IssuesReview } from './components/IssuesReview';
import { Later } from './components/Later';
import { Overview } from './components/Overview';
import { ResponsesList } from './components/ResponsesList';
import { WorkbookActions } from './components/WorkbookActions';
import type { WorkbookHost } from './host';
import type { ImportedBatch, RunImport } from './import-client';
import { issueRows, noFilter, type IssueFilter } from './issue-rows';
import { count } from './plural';
import { mergePending, readAll, type PendingFile } from './pending-files';
import { OPENING_SHARE, ProgressStore, type StageProgress, type Task } from './progress';
import { mergeReviews } from './reviews';
import { workbookOnMainThread, type MakeWorkbook } from './workbook-main-thread';

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

/** The task running and what it is called; how far it is lives in a `ProgressStore`. */
interface Busy {
  task: Task;
  label: string;
}

interface Notice {
  intent: 'success' | 'warning' | 'error' | 'info';
  title: string;
  text: string;
  details?: string[];
}

export interface AppProps {
  host: WorkbookHost;
  runImport: RunImport;
  /** Makes the plan and the .xlsx: in a worker (the pane's), on the page by default. */
  makeWorkbook?: MakeWorkbook;
  now?: () => Date;
}

/** Lists longer than this start closed. */
const LONG_LIST = 100;

/** The worker's reading comes after the files were opened on the page. */
const opened = (p: StageProgress): StageProgress =>
  p.stage === 'reading' ? { ...p, fraction: OPENING_SHARE + (1 - OPENING_SHARE) * p.fraction } : p;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';
const copyFile = (f: InputFile): InputFile => ({ name: f.name, bytes: f.bytes.slice() });
const builtIn = builtInQuestionnaires.map((id) => ({ id, title: loadQuestionnaire(id).title }));

/** What the import is asked to read the files against; `chooseDefinition` decides the rest. */
async function namedQuestionnaire(choice: QuestionnaireChoice) {
  if (choice.kind === 'built-in') return choice.id;
  if (choice.kind === 'file') return { name: choice.file.name, bytes: await choice.file.read() };
  return undefined;
}

export function App({
  host,
  runImport,
  makeWorkbook = workbookOnMainThread,
  now = () => new Date(),
}: AppProps) {
  const styles = useStyles();
  const [pending, setPending] = useState<PendingFile[]>([]);
  const [batch, setBatch] = useState<ImportedBatch | null>(null);
  const [importedAt, setImportedAt] = useState('');
  const [reviews, setReviews] = useState<Map<string, ReviewEntry>>(new Map());
  const [busy, setBusy] = useState<Busy | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  /** Where each issue points in the workbook last made, by issue key. */
  const [places, setPlaces] = useState<Map<string, WorkbookPlace> | null>(null);
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
  const progress = useRef(new ProgressStore()).current;
  /**
   * The last import's files (copies: the worker takes the originals), the earlier waves it merged
   * with, and the encodings chosen since, so a file can be read again in another encoding.
   */
  const lastImport = useRef<{ files: InputFile[]; earlier?: Response[]; encodings: Record<string, string> }>(
    undefined,
  );

  const rows = useMemo(
    () => (batch ? (batch.rows ?? issueRows(batch.definition, batch.responses, batch.issues)) : []),
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

  /**
   * Runs a task with its progress, from its first stage; Cancel aborts it at any stage. A cancelled or
   * failed task ends with a notice saying so.
   */
  const runTask = async (
    state: Busy,
    first: StageProgress,
    work: (signal: AbortSignal, report: (p: StageProgress) => void) => Promise<void>,
    cancelled: { title: string; text: string },
    failed: string,
  ) => {
    const controller = new AbortController();
    abort.current = controller;
    queued.current.clear();
    progress.start(state.task, first);
    setBusy(state);
    setNotice(null);
    try {
      await work(controller.signal, (p) => progress.report(p));
    } catch (e) {
      setNotice(
        isAbort(e) ? { intent: 'info', ...cancelled } : { intent: 'error', title: failed, text: message(e) },
      );
    } finally {
      progress.end();
      setBusy(null);
    }
  };

  const throwIfCancelled = (signal: AbortSignal) => {
    if (signal.aborted) throw new DOMException('The task was cancelled', 'AbortError');
  };

  const doImport = () =>
    runTask(
      { task: 'import', label: `Importing ${count(pending.length, 'file')}` },
      { stage: 'reading', fraction: 0, detail: `opening ${count(pending.length, 'file')}` },
      async (signal, report) => {
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
        throwIfCancelled(signal);
        const files = await readAll(
          pending,
          (done, total) =>
            report({
              stage: 'reading',
              fraction: (OPENING_SHARE * done) / total,
              detail: `opening ${count(pending.length, 'file')}`,
            }),
          signal,
        );
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
          onProgress: (p) => report(opened(p)),
        });
        lastImport.current = { files: kept, earlier, encodings: {} };
        // The results render as a transition: React renders them in slices of a few milliseconds, so
        // a thousand responses never hold the page in one long task.
        startTransition(() =>
          showImport(result, files.length, previous?.responses.length ?? 0, carriedCountries),
        );
      },
      { title: 'Import cancelled', text: 'Nothing was changed.' },
      'Import failed',
    );

  /** An import's result: the batch, its reviews (with those made meanwhile), and a notice that sums it up. */
  const showImport = (
    result: ImportedBatch,
    files: number,
    earlierResponses: number,
    carriedCountries: Map<string, string>,
  ) => {
    setBatch(result);
    setReviews(withQueued(result.reviews, new Set(result.issues.map((i) => i.key))));
    setEarlier(earlierResponses);
    setFilter(noFilter);
    setCountries(carriedCountries);
    setImportedAt(now().toISOString());
    setPending([]);
    setSelected(undefined);
    setLocation(undefined);
    const rejected = result.reports.filter((r) => r.status === 'rejected').length;
    const definitions = result.reports.filter((r) => r.status === 'definition').length;
    const read = files - rejected - definitions;
    setFocusTo('results');
    if (!result.responses.length) {
      setNotice({
        intent: 'error',
        title: 'No responses imported',
        text:
          (rejected === files
            ? `None of the ${count(files, 'file')} could be read`
            : `${read} of ${count(files, 'file')} read, holding no response`) +
          ': there is nothing to compare, so no workbook is offered. The import report says why each file was rejected.',
        details: result.notes,
      });
      return;
    }
    setNotice({
      intent: rejected ? 'warning' : 'success',
      title: 'Import finished',
      text:
        `${read} of ${count(files, 'file')} read; ` +
        (definitions ? `${definitions} the questionnaire's definition; ` : '') +
        `${count(result.responses.length, 'response')} and ${count(result.issues.length, 'issue')} in all.` +
        (rejected ? ` ${count(rejected, 'file was', 'files were')} rejected: see the import report.` : ''),
      details: result.notes,
    });
  };

  /** Sets a response's country and runs the checks again over the responses at hand (no file is read again). */
  const setCountry = (key: string, country: string) =>
    runTask(
      { task: 'recheck', label: `Setting the country of ${key}` },
      {
        stage: 'checking',
        fraction: 0,
        detail: `sending ${count(batch?.responses.length ?? 0, 'response')}`,
      },
      async (signal, report) => {
        if (!batch) return;
        const next = new Map(countries).set(key, country);
        const result = await runImport({
          files: [],
          previous: { responses: batch.responses, reviews, countries: next },
          stored: batch.definition,
          perCountry,
          signal,
          onProgress: report,
        });
        const set = result.responses.find((r) => responseKey(r) === key);
        startTransition(() => {
          setBatch({ ...result, reports: batch.reports });
          setReviews(withQueued(result.reviews, new Set(result.issues.map((i) => i.key))));
          // A country not understood is said so and not kept.
          if (set?.country.source === 'analyst') setCountries(next);
          setNotice(
            set?.country.source === 'analyst'
              ? { intent: 'success', title: 'Country set', text: `${key}: ${set.country.name}.` }
              : { intent: 'warning', title: 'Country not set', text: result.notes.join(' ') },
          );
        });
      },
      { title: 'Cancelled', text: 'Nothing was changed.' },
      'The country could not be set',
    );

  /** Imports the last batch again, with one of its text files read in the encoding the analyst chose. */
  const readAs = (sourceFile: string, encoding: string) =>
    runTask(
      { task: 'import', label: `Reading ${sourceFile} as ${encoding}` },
      { stage: 'reading', fraction: 0, detail: count(lastImport.current!.files.length, 'file') },
      async (signal, report) => {
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
          onProgress: (p) => report(opened(p)),
        });
        last.encodings = encodings;
        const line = result.reports.find((r) => r.sourceFile === sourceFile);
        startTransition(() => {
          setBatch(result);
          setReviews(result.reviews);
          setSelected(undefined);
          setLocation(undefined);
          setNotice({
            intent: line?.status === 'rejected' ? 'warning' : 'success',
            title: `${sourceFile} read as ${encoding}`,
            text: line?.message ?? '',
          });
        });
      },
      { title: 'Reading cancelled', text: 'Nothing was changed.' },
      'The file could not be read again',
    );

  /** What the workbook is made of: the batch, the reviews as they stand, the import's date. */
  const planInput = (): PlanInput => ({
    def: batch!.definition,
    responses: batch!.responses,
    issues: batch!.issues,
    reports: batch!.reports,
    reviews,
    notes: batch!.notes,
    importedAt,
  });

  const buildLabel = 'Building the comparison in this workbook';
  const build = host.buildInWorkbook
    ? () =>
        runTask(
          { task: 'build', label: buildLabel },
          { stage: 'comparing', fraction: 0, detail: 'sending the responses' },
          async (signal, report) => {
            const { plan, places: made } = await makeWorkbook.plan({
              input: planInput(),
              signal,
              onProgress: report,
            });
            throwIfCancelled(signal);
            report({ stage: 'writing', fraction: 0, detail: 'into this workbook' });
            const summary = await host.buildInWorkbook!(
              plan,
              (fraction) => report({ stage: 'writing', fraction, detail: 'into this workbook' }),
              signal,
              new Set(edited.current),
            );
            // What was reviewed during the build is still to be written next time.
            edited.current = new Set(queued.current.keys());
            setPlaces(made);
            setNotice({
              intent: summary.skipped.length ? 'warning' : 'success',
              title: 'Comparison built',
              text:
                `${plan.sheets.length} sheets and ${summary.tables} tables written in ${summary.requests} steps.` +
                (summary.reviewsFromWorkbook
                  ? ` Review and Note typed in the workbook were kept for ${summary.reviewsFromWorkbook} issues.`
                  : ''),
              details: summary.skipped,
            });
          },
          { title: 'Stopped', text: 'The workbook was left as it was.' },
          'The workbook could not be written',
        )
    : undefined;

  /** Makes the .xlsx off the main thread, then hands it to the host (a new workbook, a download). */
  const withXlsx = (label: string, use: (xlsx: Blob) => Promise<Notice>) =>
    runTask(
      { task: 'xlsx', label },
      { stage: 'comparing', fraction: 0, detail: 'sending the responses' },
      async (signal, report) => {
        const made = await makeWorkbook.xlsx({ input: planInput(), signal, onProgress: report });
        throwIfCancelled(signal);
        setNotice(await use(made.file));
        setPlaces(made.places);
      },
      { title: 'Stopped', text: 'No workbook was made.' },
      'The workbook could not be written',
    );

  const openNew = host.openAsNewWorkbook
    ? () =>
        withXlsx('Opening the comparison as a new workbook', async (xlsx) => {
          await host.openAsNewWorkbook!(xlsx);
          return { intent: 'success', title: 'New workbook opened', text: 'Save it from Excel.' };
        })
    : undefined;

  const fileName = () => `survey-atlas-${(importedAt || now().toISOString()).slice(0, 10)}.xlsx`;
  const download = host.download
    ? () =>
        withXlsx('Preparing the workbook', async (xlsx) => {
          const name = fileName();
          await host.download!(xlsx, name);
          setFocusTo('notice');
          return { intent: 'success', title: 'Workbook ready', text: `Saved as ${name}.` };
        })
    : undefined;

  const select = async (key: string | undefined) => {
    setSelected(key);
    setLocation(undefined);
    const place = key ? places?.get(key) : undefined;
    if (!place) return;
    setLocation(`${place.sheet}!${place.address}`);
    try {
      await host.selectPlace?.(place);
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
            {busy && (
              <ImportProgress label={busy.label} store={progress} onCancel={() => abort.current?.abort()} />
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

          {/* The worklist, then the responses, then the report are drawn one render after another
              (Later), so the results of a large batch appear in steps of a few tens of milliseconds. */}
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
                    <Later>
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
                          busy?.task === 'import' || busy?.task === 'recheck'
                            ? 'Reading and checking: reviews made now are kept and applied to the result.'
                            : busy
                              ? 'Writing the workbook: reviews made now are kept and written by the next build.'
                              : undefined
                        }
                      />
                    </Later>
                  </AccordionPanel>
                </AccordionItem>
              )}
              {batch.responses.length > 0 && (
                <AccordionItem value="responses">
                  <AccordionHeader as="h2">
                    Responses ({batch.responses.length.toLocaleString('en')})
                  </AccordionHeader>
                  <AccordionPanel className={styles.panel}>
                    <Later after={2}>
                      <ResponsesList
                        responses={batch.responses}
                        onSetCountry={setCountry}
                        disabled={busy !== null}
                      />
                    </Later>
                  </AccordionPanel>
                </AccordionItem>
              )}
              <AccordionItem value="report">
                <AccordionHeader as="h2">
                  Import report ({count(batch.reports.length, 'file')})
                </AccordionHeader>
                <AccordionPanel className={styles.panel}>
                  <Later after={3}>
                    <ImportReport
                      reports={batch.reports}
                      definition={batch.definition}
                      onReadAs={lastImport.current ? readAs : undefined}
                      disabled={busy !== null}
                    />
                  </Later>
                </AccordionPanel>
              </AccordionItem>
            </Accordion>
          )}
        </main>
      </div>
    </FluentProvider>
  );
}
