/**
 * What an import left behind beyond its counts: the notes on how the file was read, the sessions it
 * flagged, and the rows it rejected (the first 100 in place, all of them as a CSV to fix and import
 * again). Shown under a finished import and in the history for any past import.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { ImportSummary, RowError } from '../../../../shared/contract';
import { api } from '../../api/client';
import { downloadBlob, fileStem } from '../../lib/export-chart';
import type { Formatters } from '../../lib/format';
import { useUi } from '../../store/ui-store';
import { AlertIcon, InfoIcon } from '../../ui/icons';
import { DownloadIcon } from '../plans/chart-kit';

/** As many rows as one can read on screen; the CSV has every kept row. */
const SHOWN_REJECTS = 100;

type Flagged = NonNullable<ImportSummary['flagged']>;

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** One line per flag that some session carries, in words a manager can act on. */
export function flagNotes(flagged: Flagged | undefined, format: Formatters): string[] {
  if (!flagged) return [];
  const notes: string[] = [];
  if (flagged.openCapped > 0) {
    notes.push(
      `${format.integer(flagged.openCapped)} ${plural(flagged.openCapped, 'session had', 'sessions had')} no logout and ${plural(flagged.openCapped, 'was', 'were')} ended at the export's last timestamp.`,
    );
  }
  if (flagged.zeroLength > 0) {
    notes.push(`${format.integer(flagged.zeroLength)} ${plural(flagged.zeroLength, 'session lasts', 'sessions last')} zero seconds (kept: the agent did log in).`);
  }
  if (flagged.dstResolved > 0) {
    notes.push(
      `${format.integer(flagged.dstResolved)} ${plural(flagged.dstResolved, 'time fell', 'times fell')} in a daylight-saving change and ${plural(flagged.dstResolved, 'was', 'were')} resolved so each logout follows its login.`,
    );
  }
  return notes;
}

/** One list of notes, each with its icon: the warnings and the flags differ only in these. */
function NoteList({ label, notes, icon, tone, testId }: { label: string; notes: readonly string[]; icon: ReactNode; tone: string; testId: string }) {
  if (notes.length === 0) return null;
  return (
    <ul className="import-notes__list" aria-label={label}>
      {notes.map((note) => (
        <li key={note} className={`import-notes__item${tone}`} data-testid={testId}>
          {icon}
          <span>{note}</span>
        </li>
      ))}
    </ul>
  );
}

export function ImportNotes({ warnings, flagged, format }: { warnings?: readonly string[]; flagged?: Flagged; format: Formatters }) {
  const flags = flagNotes(flagged, format);
  const notes = warnings ?? [];
  if (flags.length === 0 && notes.length === 0) return null;
  return (
    <div className="import-notes" data-testid="import-notes">
      <NoteList label="Warnings" notes={notes} icon={<AlertIcon size={14} />} tone=" is-warning" testId="import-warning" />
      <NoteList label="Flagged sessions" notes={flags} icon={<InfoIcon size={14} />} tone="" testId="import-flag" />
    </div>
  );
}

type Loaded = { state: 'loading' } | { state: 'ready'; rows: number; sample: RowError[]; csv: string } | { state: 'failed'; message: string };

/**
 * The rejected rows of a stored import. `initial` (the rows the import result already carries) is
 * shown while the kept rows load, so the list never flashes empty after an import.
 */
export function RejectedRows({
  importId,
  fileName,
  rejected,
  initial,
  format,
}: {
  importId: number;
  fileName: string;
  rejected: number;
  initial?: readonly RowError[];
  format: Formatters;
}) {
  const notify = useUi((state) => state.notify);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });

  useEffect(() => {
    if (rejected === 0) return;
    let live = true;
    setLoaded({ state: 'loading' });
    void api['imports:rejects']({ importId }).then((result) => {
      if (!live) return;
      setLoaded(
        result.ok
          ? { state: 'ready', rows: result.value.rows, sample: result.value.sample ?? [], csv: result.value.csv }
          : { state: 'failed', message: result.error.message },
      );
    });
    return () => {
      live = false;
    };
  }, [importId, rejected]);

  if (rejected === 0) return null;
  const shown = (loaded.state === 'ready' ? loaded.sample : (initial ?? [])).slice(0, SHOWN_REJECTS);
  const kept = loaded.state === 'ready' ? loaded.rows : rejected;
  const save = () => {
    if (loaded.state !== 'ready') return;
    // The engine's CSV is already formula-safe; the byte-order mark makes Excel read accents right.
    downloadBlob(`${fileStem(fileName.replace(/\.[^.]+$/, ''))}-rejected-rows.csv`, new Blob(['\uFEFF', loaded.csv], { type: 'text/csv;charset=utf-8' }));
    notify({ kind: 'success', title: 'Rejected rows saved', message: `${format.integer(loaded.rows)} rows with line, field and reason, under the file's own columns.` });
  };
  const headingId = `rejects-${importId}`;

  return (
    <div className="row-errors" data-testid="rejected-rows" data-import-id={importId}>
      <div className="row-errors__head">
        <h3 className="row-errors__title" id={headingId}>
          Rows that were not imported
          <span className="row-errors__count" data-testid="rejected-count">
            {format.integer(rejected)}
          </span>
        </h3>
        <button
          type="button"
          className="button button--sm"
          onClick={save}
          disabled={loaded.state !== 'ready' || loaded.rows === 0}
          data-testid="save-rejects"
        >
          <DownloadIcon />
          Save rejected rows as CSV<span className="sr-only"> ({fileName})</span>
        </button>
      </div>
      {loaded.state === 'failed' && (
        <p className="hint text-warn" role="alert">
          Could not read the rejected rows: {loaded.message}
        </p>
      )}
      {shown.length > 0 ? (
        <div className="table-wrap table-wrap--scroll">
          <table className="table table--compact" data-testid="import-errors" aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Line
                </th>
                <th scope="col">Field</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((error, index) => (
                <tr key={`${error.line}-${index}`} data-testid="rejected-row">
                  <td className="num mono">{format.integer(error.line)}</td>
                  <td className="mono">{error.field ?? '—'}</td>
                  <td>{error.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        loaded.state === 'loading' && <p className="hint">Loading the rejected rows…</p>
      )}
      {rejected > shown.length && shown.length > 0 && (
        <p className="hint" data-testid="rejects-more">
          Showing the first {format.integer(shown.length)} of {format.integer(rejected)}.{' '}
          {kept < rejected
            ? `The CSV holds the first ${format.integer(kept)} (a file with more bad rows needs a different mapping, not a list).`
            : 'The CSV holds all of them.'}
        </p>
      )}
    </div>
  );
}
