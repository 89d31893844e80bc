/**
 * One import at a time: pick or drop a file, stage it, review it (detected preset, time zone,
 * logged-in states or a column mapping, with a live preview from `imports:preview`), start the
 * engine's job, poll its progress, then refresh every screen. The last run stays visible as a result card until the
 * next import or until the user dismisses it.
 */
import { create } from 'zustand';
import type { ImportFormat, ImportFormatId, ImportMapping, ImportPreview, Job, Request, StagedFile } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import { api } from '../api/client';
import { useData } from './data-store';
import { useUi } from './ui-store';

export const POLL_INTERVAL_MS = 200;

export type ImportStage = 'staging' | 'starting' | 'running' | 'done' | 'failed' | 'cancelled';

export type ImportRun = {
  runId: number;
  fileName: string;
  sizeBytes: number | null;
  stage: ImportStage;
  jobId: string | null;
  job: Job | null;
  error: AppError | null;
  cancelRequested: boolean;
};

export type DateOrderChoice = 'MDY' | 'DMY' | 'YMD';

/** What the user set in the review; null means "what the preview detected". */
export type ReviewOptions = {
  format: ImportFormatId;
  timeZone: string | null;
  dateOrder: DateOrderChoice | null;
  loggedInStates: string[] | null;
  mapping: ImportMapping | null;
};

export type ImportReview = {
  staged: StagedFile;
  options: ReviewOptions;
  preview: ImportPreview | null;
  loading: boolean;
  /** The preview call failed (an unreadable zone, the file gone). */
  error: AppError | null;
};

/** The request an import (or a preview) with these review options makes. */
export function reviewRequest(review: ImportReview): Omit<Request<'imports:start'>, 'fileId'> {
  const { options, preview } = review;
  const generic = (preview?.preset?.id ?? options.format) === 'generic-csv' || (preview?.preset === null && options.format === 'generic-csv');
  const mapping = options.mapping ?? (generic && preview?.mapping && preview.preset ? preview.mapping : null);
  const timeZone = options.timeZone ?? preview?.remembered?.timeZone ?? null;
  const dateOrder = options.dateOrder ?? (preview?.mappingSource === 'remembered' ? preview.dateOrder : null);
  return {
    format: options.format,
    ...(timeZone ? { timeZone } : {}),
    ...(dateOrder ? { dateOrder } : {}),
    ...(options.loggedInStates && options.loggedInStates.length > 0 ? { loggedInStates: options.loggedInStates } : {}),
    ...(mapping ? { mapping } : {}),
  };
}

type ImportState = {
  run: ImportRun | null;
  picking: boolean;
  format: ImportFormat;
  /** Zone for timestamps without an offset; null = the business time zone. */
  sourceTimeZone: string | null;
  setFormat: (format: ImportFormat) => void;
  setSourceTimeZone: (zone: string | null) => void;
  /** The review of a staged file, open until it is imported or closed. */
  review: ImportReview | null;
  pickAndImport: () => Promise<void>;
  importFile: (file: File) => Promise<void>;
  /** Opens the review for a staged file and fetches its first preview. */
  openReview: (staged: StagedFile) => Promise<void>;
  /** Changes review options and refreshes the preview. */
  updateReview: (patch: Partial<ReviewOptions>) => Promise<void>;
  closeReview: () => void;
  /** Imports the reviewed file with the review's options. */
  confirmReview: () => Promise<void>;
  importStaged: (staged: StagedFile, existingRunId?: number, request?: Omit<Request<'imports:start'>, 'fileId'>) => Promise<void>;
  cancel: () => Promise<void>;
  dismiss: () => void;
};

let nextRunId = 1;
/** Preview answers arriving after a newer request was sent are dropped. */
let previewSeq = 0;

const isBusy = (run: ImportRun | null) =>
  run !== null && (run.stage === 'staging' || run.stage === 'starting' || run.stage === 'running');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const useImport = create<ImportState>((set, get) => {
  const update = (runId: number, patch: Partial<ImportRun>) => {
    const run = get().run;
    if (run && run.runId === runId) set({ run: { ...run, ...patch } });
  };

  const refuseWhileBusy = (): boolean => {
    if (!isBusy(get().run)) return false;
    useUi.getState().notify({
      kind: 'info',
      title: 'An import is already running',
      message: 'Wait for it to finish, or cancel it on the Imports screen, before starting another.',
      action: { label: 'Show progress', run: () => useUi.getState().navigate('imports') },
    });
    return true;
  };

  const finish = async (runId: number, job: Job) => {
    const stage: ImportStage = job.state === 'done' ? 'done' : job.state === 'cancelled' ? 'cancelled' : 'failed';
    update(runId, { stage, job, error: job.error ?? null });
    const ui = useUi.getState();
    if (stage === 'done' && job.result) {
      await useData.getState().refresh();
      const summary = job.result;
      if (summary.alreadyImported) {
        ui.notify({ kind: 'info', title: `${job.fileName} was imported before`, message: 'Nothing was added.' });
      } else {
        const added = new Intl.NumberFormat(useData.getState().prefs?.locale ?? 'en-US').format(summary.sessionsAdded);
        ui.notify({
          kind: 'success',
          title: `Imported ${job.fileName}`,
          message: `${added} sessions added.`,
          action: ui.route !== 'dashboard' ? { label: 'View dashboard', run: () => useUi.getState().navigate('dashboard') } : undefined,
        });
      }
    } else if (stage === 'failed') {
      await useData.getState().refresh();
    }
  };

  const poll = async (runId: number, jobId: string) => {
    let failures = 0;
    for (;;) {
      await sleep(POLL_INTERVAL_MS);
      const current = get().run;
      if (!current || current.runId !== runId) return;
      const result = await api['jobs:get']({ jobId });
      if (!result.ok) {
        failures += 1;
        if (failures >= 5) {
          update(runId, { stage: 'failed', error: result.error });
          return;
        }
        continue;
      }
      failures = 0;
      if (result.value.state === 'running') {
        update(runId, { job: result.value });
        continue;
      }
      await finish(runId, result.value);
      return;
    }
  };

  return {
    run: null,
    picking: false,
    format: 'auto',
    sourceTimeZone: null,
    review: null,
    setFormat(format) {
      set({ format });
    },
    setSourceTimeZone(zone) {
      set({ sourceTimeZone: zone });
    },

    async pickAndImport() {
      // The native dialog of the desktop app is modal, so a second request while it is open is a
      // duplicate (menu accelerator and keydown). In the browser a new pick supersedes the old one.
      if ((get().picking && api.transport === 'desktop') || refuseWhileBusy()) return;
      set({ picking: true });
      try {
        const result = await api.pickAndStageFile();
        if (!result.ok) {
          useUi.getState().notifyError('Could not open the file', result.error);
          return;
        }
        if (result.value) await get().openReview(result.value);
      } finally {
        set({ picking: false });
      }
    },

    async importFile(file) {
      if (refuseWhileBusy()) return;
      const runId = nextRunId++;
      set({
        run: { runId, fileName: file.name, sizeBytes: file.size, stage: 'staging', jobId: null, job: null, error: null, cancelRequested: false },
      });
      useUi.getState().navigate('imports');
      const staged = await api.stageFile(file);
      if (!staged.ok) {
        update(runId, { stage: 'failed', error: staged.error });
        return;
      }
      if (get().run?.runId === runId && get().run?.cancelRequested) {
        update(runId, { stage: 'cancelled' });
        return;
      }
      // Staged: the run card gives way to the review.
      if (get().run?.runId === runId) set({ run: null });
      await get().openReview(staged.value);
    },

    async openReview(staged) {
      const { format, sourceTimeZone } = get();
      const options: ReviewOptions = { format, timeZone: sourceTimeZone, dateOrder: null, loggedInStates: null, mapping: null };
      set({ review: { staged, options, preview: null, loading: true, error: null } });
      useUi.getState().navigate('imports');
      await get().updateReview({});
    },

    async updateReview(patch) {
      const current = get().review;
      if (!current) return;
      const options = { ...current.options, ...patch };
      const seq = ++previewSeq;
      const pending: ImportReview = { ...current, options, loading: true };
      set({ review: pending });
      const result = await api['imports:preview']({ fileId: current.staged.fileId, ...reviewRequest({ ...pending, preview: null }) });
      const latest = get().review;
      if (seq !== previewSeq || !latest || latest.staged.fileId !== current.staged.fileId) return;
      if (result.ok) set({ review: { ...latest, preview: result.value, loading: false, error: null } });
      else if (!latest.preview) {
        // Nothing could be read at all (a binary file, an empty one): the failure card explains it.
        const runId = nextRunId++;
        set({
          review: null,
          run: {
            runId,
            fileName: current.staged.name,
            sizeBytes: current.staged.sizeBytes,
            stage: 'failed',
            jobId: null,
            job: null,
            error: result.error,
            cancelRequested: false,
          },
        });
      } else set({ review: { ...latest, loading: false, error: result.error } });
    },

    closeReview() {
      previewSeq += 1;
      set({ review: null });
    },

    async confirmReview() {
      const review = get().review;
      if (!review || refuseWhileBusy()) return;
      const request = reviewRequest(review);
      previewSeq += 1;
      set({ review: null });
      await get().importStaged(review.staged, undefined, request);
    },

    async importStaged(staged: StagedFile, existingRunId?: number, request?: Omit<Request<'imports:start'>, 'fileId'>) {
      if (existingRunId !== undefined && get().run?.cancelRequested) {
        update(existingRunId, { stage: 'cancelled' });
        return;
      }
      if (existingRunId === undefined && refuseWhileBusy()) return;
      const runId = existingRunId ?? nextRunId++;
      const fresh: ImportRun = {
        runId,
        fileName: staged.name,
        sizeBytes: staged.sizeBytes,
        stage: 'starting',
        jobId: null,
        job: null,
        error: null,
        cancelRequested: false,
      };
      set({ run: fresh });
      useUi.getState().navigate('imports');
      const { format, sourceTimeZone } = get();
      const started = await api['imports:start']({
        fileId: staged.fileId,
        ...(request ?? { format, ...(sourceTimeZone ? { timeZone: sourceTimeZone } : {}) }),
      });
      if (!started.ok) {
        update(runId, { stage: 'failed', error: started.error });
        return;
      }
      const { jobId } = started.value;
      const cancelEarly = get().run?.runId === runId && get().run?.cancelRequested;
      update(runId, { stage: 'running', jobId });
      if (cancelEarly) void api['jobs:cancel']({ jobId });
      await poll(runId, jobId);
    },

    async cancel() {
      const run = get().run;
      if (!run || !isBusy(run)) return;
      update(run.runId, { cancelRequested: true });
      // Before the job exists the cancel is remembered and sent as soon as the engine answers.
      if (run.stage !== 'running' || !run.jobId) return;
      const result = await api['jobs:cancel']({ jobId: run.jobId });
      if (!result.ok) {
        update(run.runId, { cancelRequested: false });
        useUi.getState().notifyError('Could not cancel the import', result.error);
      }
      // The poll loop picks up the final state.
    },

    dismiss() {
      if (!isBusy(get().run)) set({ run: null });
    },
  };
});
