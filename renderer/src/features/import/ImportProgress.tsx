/** The card for the current (or last) import: live progress, then its result or its error. */
import type { ImportSummary } from '../../../../shared/contract';
import type { Formatters } from '../../lib/format';
import { useFormatters } from '../../store/hooks';
import { useImport, type ImportRun } from '../../store/import-store';
import { useUi } from '../../store/ui-store';
import { AlertIcon, CheckCircleIcon, CloseIcon, FileIcon, InfoIcon } from '../../ui/icons';
import { ImportNotes, RejectedRows } from './ImportDetails';

function Stat({ label, value, tone, testId }: { label: string; value: string; tone?: 'warn' | 'muted'; testId?: string }) {
  return (
    <div className={`stat${tone ? ` stat--${tone}` : ''}`}>
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function Running({ run, format }: { run: ImportRun; format: Formatters }) {
  const cancel = useImport((state) => state.cancel);
  const job = run.job;
  const total = job?.totalBytes || run.sizeBytes || 0;
  const read = job?.bytesRead ?? 0;
  const ratio = total > 0 ? Math.min(1, read / total) : 0;
  // Saving writes everything read in one transaction: it has no byte count to show, and a cancel
  // can no longer stop it (undoing the import afterwards can).
  const saving = run.stage === 'running' && job?.phase === 'saving';
  const phase =
    run.stage === 'staging'
      ? 'Handing the file to the engine…'
      : run.stage === 'starting'
        ? 'Starting…'
        : saving
          ? 'Saving sessions and usage counts…'
          : 'Reading rows…';
  const determinate = run.stage === 'running' && job !== null && total > 0 && !saving;
  const percent = Math.round(ratio * 100);
  return (
    <div className="import-run" data-testid="import-progress" data-stage={run.stage} data-phase={job?.phase ?? run.stage}>
      <div className="import-run__head">
        <span className="import-run__file">
          <FileIcon size={16} />
          {run.fileName}
        </span>
        <span className="import-run__phase" aria-live="polite">
          {run.cancelRequested ? 'Cancelling…' : phase}
        </span>
      </div>
      <div
        className={`progress${determinate ? '' : ' progress--indeterminate'}`}
        role="progressbar"
        aria-label={`Importing ${run.fileName}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={determinate ? percent : undefined}
        aria-valuetext={determinate ? `${percent}%` : phase}
      >
        <div className="progress__bar" style={determinate ? { width: `${Math.max(2, percent)}%` } : undefined} />
      </div>
      <div className="import-run__foot">
        <dl className="import-run__stats">
          <Stat label="Read" value={total > 0 ? `${format.bytes(read)} of ${format.bytes(total)}` : format.bytes(read)} />
          <Stat label="Rows" value={format.integer(job?.rowsRead ?? 0)} testId="progress-rows" />
          <Stat label="Speed" value={`${format.rate(job?.rowsPerSecond ?? 0)} rows/s`} />
        </dl>
        <button
          type="button"
          className="button"
          onClick={() => void cancel()}
          disabled={run.cancelRequested || saving}
          aria-describedby={saving ? 'import-saving-note' : undefined}
          data-testid="import-cancel"
        >
          {run.cancelRequested ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
      {saving && !run.cancelRequested && (
        <p className="field__help import-run__note" id="import-saving-note" data-testid="import-saving-note">
          Everything read is saved in one step, so it can no longer be cancelled. Nothing is saved halfway; you can undo the import afterwards.
        </p>
      )}
    </div>
  );
}

/** Rows the import rejected: the kept list when the import was stored, else the result's own list. */
function RowErrors({ summary, fileName, format }: { summary: ImportSummary; fileName: string; format: Formatters }) {
  if (summary.rejected === 0) return null;
  if (summary.importId !== null) {
    return <RejectedRows importId={summary.importId} fileName={fileName} rejected={summary.rejected} initial={summary.errors} format={format} />;
  }
  return null;
}

function Finished({ run, format }: { run: ImportRun; format: Formatters }) {
  const dismiss = useImport((state) => state.dismiss);
  const navigate = useUi((state) => state.navigate);
  const summary = run.job?.result;
  if (!summary) return null;
  const nothingNew = summary.alreadyImported;
  return (
    <div className="import-result" data-testid="import-result">
      <div className={`import-result__head${nothingNew ? ' is-info' : ' is-success'}`}>
        {nothingNew ? <InfoIcon size={20} /> : <CheckCircleIcon size={20} />}
        <div>
          <h3 className="import-result__title">{nothingNew ? `${run.fileName} was imported before` : `Imported ${run.fileName}`}</h3>
          <p className="import-result__text">
            {nothingNew
              ? 'These exact bytes are already in the database, so nothing was added.'
              : `Read ${format.integer(summary.rowsRead)} rows as ${summary.format} with timestamps in ${summary.timeZone}.`}
          </p>
        </div>
        <button type="button" className="icon-button" aria-label="Dismiss result" onClick={dismiss}>
          <CloseIcon size={16} />
        </button>
      </div>
      <dl className="import-result__stats">
        <Stat label="Sessions added" value={format.integer(summary.sessionsAdded)} testId="result-added" />
        <Stat label="Duplicates skipped" value={format.integer(summary.duplicates)} tone={summary.duplicates ? undefined : 'muted'} testId="result-duplicates" />
        <Stat label="Rows rejected" value={format.integer(summary.rejected)} tone={summary.rejected ? 'warn' : 'muted'} testId="result-rejected" />
        <Stat label="Time span" value={format.span(summary.spanStart, summary.spanEnd)} testId="result-span" />
      </dl>
      <ImportNotes warnings={summary.warnings} flagged={summary.flagged} format={format} />
      <RowErrors summary={summary} fileName={run.fileName} format={format} />
      {!nothingNew && (
        <div className="import-result__actions">
          <button type="button" className="button button--primary" onClick={() => navigate('dashboard')} data-testid="result-view-dashboard">
            View dashboard
          </button>
        </div>
      )}
    </div>
  );
}

function Failed({ run }: { run: ImportRun }) {
  const dismiss = useImport((state) => state.dismiss);
  const pickAndImport = useImport((state) => state.pickAndImport);
  const cancelled = run.stage === 'cancelled';
  const message = run.error?.message ?? run.job?.error?.message ?? 'The engine stopped without saying why.';
  return (
    <div className={`import-failure${cancelled ? ' is-cancelled' : ''}`} data-testid={cancelled ? 'import-cancelled' : 'import-failed'} role={cancelled ? 'status' : 'alert'}>
      <div className="import-failure__head">
        {cancelled ? <InfoIcon size={20} /> : <AlertIcon size={20} />}
        <div>
          <h3 className="import-failure__title">{cancelled ? `Import of ${run.fileName} cancelled` : `Could not import ${run.fileName}`}</h3>
          <p className="import-failure__message" data-testid="import-error-message">
            {cancelled ? 'Nothing from this file was saved.' : message}
          </p>
        </div>
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismiss}>
          <CloseIcon size={16} />
        </button>
      </div>
      <div className="import-failure__actions">
        <button type="button" className="button" onClick={() => void pickAndImport()}>
          Choose another file…
        </button>
      </div>
    </div>
  );
}

export function ImportProgress() {
  const run = useImport((state) => state.run);
  const format = useFormatters();
  if (!run) return null;
  return (
    <section className="card import-card" aria-label="Current import" data-testid="import-card">
      {run.stage === 'done' ? (
        <Finished run={run} format={format} />
      ) : run.stage === 'failed' || run.stage === 'cancelled' ? (
        <Failed run={run} />
      ) : (
        <Running run={run} format={format} />
      )}
    </section>
  );
}
