import { useCallback, useEffect, useState } from 'react';
import type { RosterImportSummary, RosterSummary } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useData } from '../../store/data-store';
import { useFormatters } from '../../store/hooks';
import { useUi } from '../../store/ui-store';
import { FileIcon } from '../../ui/icons';
import './roster.css';

/** How many accounts each list shows; the counts above them are always complete. */
const LISTED = 50;

/**
 * The roster of provisioned accounts beside the imports: import one (CSV, or an Okta or Entra
 * users export), see how many accounts it holds, which never logged in, and which agents in the
 * sessions it does not list.
 */
export function RosterPanel() {
  const imports = useData((state) => state.imports);
  const refreshData = useData((state) => state.refresh);
  const notify = useUi((state) => state.notify);
  const notifyError = useUi((state) => state.notifyError);
  const format = useFormatters();
  const [summary, setSummary] = useState<RosterSummary | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [lastImport, setLastImport] = useState<RosterImportSummary | null>(null);

  const load = useCallback(async () => {
    const result = await api['roster:summary']({ limit: LISTED });
    if (result.ok) {
      setSummary(result.value);
      setLoadError(null);
    } else {
      setLoadError(result.error.message);
    }
  }, []);

  // Sessions decide who never logged in and who is missing: reload when the imports change.
  useEffect(() => {
    void load();
  }, [load, imports]);

  const importRoster = async () => {
    const staged = await api.pickAndStageFile();
    if (!staged.ok) return notifyError('Could not open the file', staged.error);
    if (!staged.value) return;
    setBusy(true);
    const result = await api['roster:import']({ fileId: staged.value.fileId });
    setBusy(false);
    if (!result.ok) return notifyError(`${staged.value.name} was not imported`, result.error);
    setLastImport(result.value);
    notify({
      kind: result.value.rejected > 0 ? 'info' : 'success',
      title: `Roster imported from ${result.value.file}`,
      message: `${format.integer(result.value.added)} accounts added, ${format.integer(result.value.updated)} updated${
        result.value.rejected > 0 ? `, ${format.integer(result.value.rejected)} ${result.value.rejected === 1 ? 'row' : 'rows'} rejected` : ''
      }.`,
    });
    await Promise.all([load(), refreshData()]);
  };

  return (
    <section className="card" aria-labelledby="roster-title" aria-busy={busy} data-testid="roster-panel">
      <header className="card__header">
        <div>
          <h2 id="roster-title" className="card__title">
            Roster of provisioned accounts
          </h2>
          <p className="card__subtitle">
            The named-seat base: every account you pay for, whether or not it logs in. A CSV with an id and a name, created or deactivated
            column, or a Microsoft Entra or Okta users export.
          </p>
        </div>
        <button type="button" className="button" onClick={() => void importRoster()} disabled={busy} data-testid="import-roster">
          <FileIcon size={16} />
          {busy ? 'Importing…' : 'Import a roster…'}
        </button>
      </header>

      {loadError && (
        <p className="card__empty" role="alert">
          The roster could not be read: {loadError}
        </p>
      )}

      {lastImport && (lastImport.errors.length > 0 || lastImport.warnings.length > 0) && (
        <div className="roster-notes" data-testid="roster-import-notes">
          <p className="hint">
            {lastImport.file}: {format.integer(lastImport.rowsRead)} rows read, {format.integer(lastImport.added)} added,{' '}
            {format.integer(lastImport.updated)} updated, {format.integer(lastImport.rejected)} rejected.
          </p>
          <ul>
            {lastImport.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
            {lastImport.errors.slice(0, 10).map((error) => (
              <li key={`${error.line}-${error.field ?? ''}`} className="text-warn">
                Line {error.line}
                {error.field ? ` (${error.field})` : ''}: {error.message}
              </li>
            ))}
          </ul>
        </div>
      )}

      {summary && summary.accounts === 0 && summary.missingFromRosterCount === 0 && (
        <p className="card__empty" data-testid="roster-empty">
          No roster yet. Import the list of provisioned accounts to see who never logged in and who logs in without being on it.
        </p>
      )}

      {summary && (summary.accounts > 0 || summary.missingFromRosterCount > 0) && (
        <>
          <dl className="roster-counts" data-testid="roster-counts">
            <div>
              <dt>Accounts</dt>
              <dd>{format.integer(summary.accounts)}</dd>
            </div>
            <div>
              <dt>Active</dt>
              <dd>{format.integer(summary.activeAccounts)}</dd>
            </div>
            <div>
              <dt>Deactivated</dt>
              <dd>{format.integer(summary.deactivatedAccounts)}</dd>
            </div>
            <div>
              <dt>Never logged in</dt>
              <dd>{format.integer(summary.neverLoggedInCount)}</dd>
            </div>
            <div>
              <dt>Missing from the roster</dt>
              <dd>{format.integer(summary.missingFromRosterCount)}</dd>
            </div>
          </dl>
          <AccountList
            title="Accounts that never logged in"
            testId="roster-never"
            empty="Every account on the roster has logged in at least once."
            total={summary.neverLoggedInCount}
            head={['Account', 'Name', 'Role', 'Created', 'Deactivated']}
            rows={summary.neverLoggedIn.map((a) => [a.agent, a.name ?? '', a.role, a.created ?? '', a.deactivated ?? ''])}
          />
          <AccountList
            title="Agents in the sessions but not on the roster"
            testId="roster-missing"
            empty="Everyone who logged in is on the roster."
            total={summary.missingFromRosterCount}
            head={['Agent', 'Name', 'Sessions', 'Last seen']}
            rows={summary.missingFromRoster.map((a) => [a.agent, a.name ?? '', format.integer(a.sessions), format.dateTime(a.lastSeen)])}
          />
        </>
      )}
    </section>
  );
}

function AccountList(props: { title: string; testId: string; empty: string; total: number; head: string[]; rows: string[][] }) {
  const format = useFormatters();
  return (
    <div className="roster-list" data-testid={props.testId}>
      <h3 className="roster-list__title">
        {props.title} <span className="hint">({format.integer(props.total)})</span>
      </h3>
      {props.rows.length === 0 ? (
        <p className="hint">{props.empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{props.title}</caption>
            <thead>
              <tr>
                {props.head.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr key={row[0]}>
                  <th scope="row">{row[0]}</th>
                  {row.slice(1).map((value, i) => (
                    <td key={i}>{value}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {props.total > props.rows.length && (
            <p className="hint">
              Showing {format.integer(props.rows.length)} of {format.integer(props.total)}. The full lists: <code>seatcast roster --check</code>.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
