import { Fragment, useMemo, useState } from 'react';
import type { ImportRecord } from '../../../../shared/contract';
import { ACCEPTED_EXTENSIONS } from '../../api/client';
import { useData } from '../../store/data-store';
import { useFormatters } from '../../store/hooks';
import { useImport } from '../../store/import-store';
import { useUi } from '../../store/ui-store';
import { ConfirmDialog } from '../../ui/Dialog';
import { ChevronDownIcon, FileIcon, ImportIcon, UndoIcon } from '../../ui/icons';
import { Kbd, shortcutLabel } from '../../ui/Kbd';
import { PageHeader } from '../../ui/PageHeader';
import { ImportNotes, RejectedRows } from './ImportDetails';
import { ImportProgress } from './ImportProgress';
import { ImportReview } from './ImportReview';
import { RosterPanel } from '../roster/RosterPanel';

function DropZone() {
  const dragActive = useUi((state) => state.dragActive);
  const pickAndImport = useImport((state) => state.pickAndImport);
  return (
    <div className={`dropzone${dragActive ? ' is-dragging' : ''}`} data-testid="dropzone">
      <div className="dropzone__icon" aria-hidden="true">
        <ImportIcon size={26} />
      </div>
      <p className="dropzone__title">Drop a login export here or choose a file</p>
      <p className="dropzone__text">
        Accepted: {ACCEPTED_EXTENSIONS.join(' ')} — exports of Amazon Connect, Genesys, Five9, NICE, Cisco, Avaya, Twilio, Talkdesk,
        Zoom, Dynamics and sign-in logs are recognised; any other CSV with an agent, a login and a logout or duration can be mapped.
        You review every file before anything is saved.
      </p>
      <div className="dropzone__actions">
        <button type="button" className="button button--primary" onClick={() => void pickAndImport()} data-testid="choose-file">
          <FileIcon size={16} />
          Choose a file…
        </button>
        <span className="hint">
          <Kbd>{shortcutLabel('O')}</Kbd> works on every screen
        </span>
      </div>
    </div>
  );
}

/** Whether an import has anything to show beyond its counts (rejected rows, reading notes, flagged sessions). */
function hasImportDetails(record: ImportRecord): boolean {
  const flagged = record.flagged;
  return record.rejected > 0 || (record.warnings?.length ?? 0) > 0 || (flagged !== undefined && flagged.openCapped + flagged.zeroLength + flagged.dstResolved > 0);
}

function ImportHistory() {
  const imports = useData((state) => state.imports);
  const undoImport = useData((state) => state.undoImport);
  const notify = useUi((state) => state.notify);
  const format = useFormatters();
  const [pending, setPending] = useState<ImportRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const toggle = (importId: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(importId)) next.delete(importId);
      else next.add(importId);
      return next;
    });
  const sorted = useMemo(() => [...imports].sort((a, b) => b.importedAt.localeCompare(a.importedAt)), [imports]);

  const confirmUndo = async () => {
    if (!pending) return;
    setBusy(true);
    const done = await undoImport(pending);
    setBusy(false);
    if (done) {
      notify({ kind: 'success', title: `Removed the import of ${pending.file}`, message: `${format.integer(pending.sessionsAdded)} sessions were taken out; every screen is up to date.` });
    }
    setPending(null);
  };

  return (
    <section className="card" aria-labelledby="history-title" data-testid="import-history">
      <header className="card__header">
        <div>
          <h2 id="history-title" className="card__title">
            Import history
          </h2>
          <p className="card__subtitle">Every file imported into this database. Undo removes exactly the sessions a file added.</p>
        </div>
      </header>
      {sorted.length === 0 ? (
        <p className="card__empty">No imports yet. Files you import appear here.</p>
      ) : (
        <div className="table-wrap">
          <table className="table history-table">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col" className="num">
                  Rows read
                </th>
                <th scope="col" className="num">
                  Added
                </th>
                <th scope="col" className="num">
                  Duplicates
                </th>
                <th scope="col" className="num">
                  Rejected
                </th>
                <th scope="col">Data span</th>
                <th scope="col">Imported</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((record) => {
                const hasDetails = hasImportDetails(record);
                const open = hasDetails && expanded.has(record.importId);
                const detailsId = `import-details-${record.importId}`;
                return (
                  <Fragment key={record.importId}>
                    <tr data-testid="import-row" data-import-id={record.importId} className={open ? 'is-expanded' : undefined}>
                      <th scope="row" className="history-table__file">
                        <span className="history-table__title">
                          <span className="history-table__name" title={record.file}>
                            {record.file}
                          </span>
                          {record.isDemo && (
                            <span className="badge badge--accent" data-testid="demo-badge">
                              Demo
                            </span>
                          )}
                        </span>
                        <span className="history-table__meta">
                          {record.format} · {record.timeZone.replace(/_/g, ' ')}
                        </span>
                      </th>
                      <td className="num">{format.integer(record.rowsRead)}</td>
                      <td className="num">{format.integer(record.sessionsAdded)}</td>
                      <td className="num">{format.integer(record.duplicates)}</td>
                      <td className={`num${record.rejected ? ' text-warn' : ''}`}>{format.integer(record.rejected)}</td>
                      <td className="nowrap">{format.span(record.spanStart, record.spanEnd)}</td>
                      <td>{format.dateTime(record.importedAt)}</td>
                      <td className="actions">
                        {hasDetails && (
                          <button
                            type="button"
                            className="button button--ghost button--sm"
                            onClick={() => toggle(record.importId)}
                            aria-expanded={open}
                            aria-controls={open ? detailsId : undefined}
                            data-testid="import-details-toggle"
                          >
                            <ChevronDownIcon size={14} className={open ? 'is-flipped' : undefined} />
                            {record.rejected > 0 ? 'Rejected rows' : 'Notes'}
                            <span className="sr-only"> of {record.file}</span>
                          </button>
                        )}
                        <button
                          type="button"
                          className="button button--ghost button--sm"
                          onClick={() => setPending(record)}
                          aria-label={`Undo import of ${record.file}`}
                          data-testid="undo-import"
                        >
                          <UndoIcon size={14} />
                          Undo
                        </button>
                      </td>
                    </tr>
                    {open && (
                      <tr className="history-table__details" id={detailsId} data-testid="import-details">
                        <td colSpan={8}>
                          <ImportNotes warnings={record.warnings} flagged={record.flagged} format={format} />
                          <RejectedRows importId={record.importId} fileName={record.file} rejected={record.rejected} format={format} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {pending && (
        <ConfirmDialog
          title={pending.isDemo ? 'Remove the demo data?' : `Undo the import of ${pending.file}?`}
          message={
            <>
              This removes the {format.integer(pending.sessionsAdded)} sessions this import added
              {pending.isDemo ? '' : ' and recounts every month they touched'}. Other imports are not affected
              {pending.isDemo ? '.' : '; you can import the file again later.'}
            </>
          }
          confirmLabel={pending.isDemo ? 'Remove demo data' : 'Undo import'}
          danger
          busy={busy}
          onConfirm={() => void confirmUndo()}
          onCancel={() => !busy && setPending(null)}
        />
      )}
    </section>
  );
}

export function ImportScreen() {
  return (
    <div className="page" data-testid="imports">
      <PageHeader title="Imports" subtitle="Bring in agent login/logout exports. Everything stays in the database on this computer." />
      <section className="card import-panel" aria-label="Import a file">
        <DropZone />
      </section>
      <ImportReview />
      <ImportProgress />
      <ImportHistory />
      <RosterPanel />
    </div>
  );
}
