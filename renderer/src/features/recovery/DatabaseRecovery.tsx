import { useEffect, useId, useState } from 'react';
import type { DatabaseStatus } from '../../../../shared/db-contract';
import { api } from '../../api/client';
import { AlertIcon } from '../../ui/icons';

type Choice = { kind: 'backup'; name: string } | { kind: 'fresh' };

function describeReason(reason: string): string {
  switch (reason) {
    case 'pre-migration':
      return 'taken before a database upgrade';
    case 'pre-purge':
      return 'taken before a retention purge';
    case 'pre-restore':
      return 'taken before an earlier restore';
    case 'manual':
      return 'taken on request';
    default:
      return 'automatic backup';
  }
}

function formatWhen(iso: string, locale: string | undefined): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/**
 * Shown instead of the app when the engine found the database damaged at open (header or
 * quick_check). The damaged file is never written to; the user restores an automatic backup or
 * starts a fresh database, and either way the damaged file is kept aside for IT.
 */
export function DatabaseRecovery({ onRecovered }: { onRecovered: () => void }) {
  const [status, setStatus] = useState<DatabaseStatus | null>(null);
  const [statusError, setStatusError] = useState<string | null>(null);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const titleId = useId();
  const groupId = useId();

  useEffect(() => {
    let live = true;
    void api['db:status']({}).then((result) => {
      if (!live) return;
      if (!result.ok) return setStatusError(result.error.message);
      setStatus(result.value);
      const newest = result.value.backups[0];
      setChoice(newest ? { kind: 'backup', name: newest.name } : { kind: 'fresh' });
    });
    return () => {
      live = false;
    };
  }, []);

  async function recover(): Promise<void> {
    if (!choice) return;
    setWorking(true);
    setError(null);
    const result = await api['db:restore'](choice.kind === 'fresh' ? { fresh: true } : { from: choice.name });
    setWorking(false);
    if (!result.ok) return setError(result.error.message);
    const kept = result.value.damagedKeptAt ? ` The damaged file was kept as ${result.value.damagedKeptAt}.` : '';
    setDone(result.value.restoredFrom ? `Restored from ${result.value.restoredFrom}.${kept}` : `Started a fresh database.${kept}`);
    onRecovered();
  }

  const selected = (value: Choice) =>
    choice !== null && choice.kind === value.kind && (value.kind === 'fresh' || (choice.kind === 'backup' && choice.name === value.name));

  return (
    <div className="page page--center">
      <section className="card recovery" role="alertdialog" aria-labelledby={titleId} aria-describedby={`${titleId}-message`} data-testid="database-recovery">
        <div className="recovery__head">
          <AlertIcon size={24} />
          <h1 className="recovery__title" id={titleId}>
            The database is damaged
          </h1>
        </div>
        <p className="recovery__message" id={`${titleId}-message`}>
          {statusError ?? status?.message ?? 'Checking the database and its backups…'}
        </p>
        <p className="recovery__note">Seatcast has not written to the damaged file. Whatever you choose, it is kept aside so your IT team can examine it.</p>
        {status && (
          <fieldset className="recovery__choices" aria-describedby={groupId} disabled={working || done !== null}>
            <legend className="recovery__legend">How do you want to continue?</legend>
            <p className="recovery__hint" id={groupId}>
              {status.backups.length > 0
                ? 'The newest backup is selected. Anything imported after it was taken must be imported again.'
                : 'There is no automatic backup yet, so the only way on is a fresh database and importing your exports again.'}
            </p>
            <div className="recovery__list">
              {status.backups.map((backup) => (
                <label key={backup.name} className="choice">
                  <input
                    type="radio"
                    name="recovery-choice"
                    checked={selected({ kind: 'backup', name: backup.name })}
                    onChange={() => setChoice({ kind: 'backup', name: backup.name })}
                    data-testid="recovery-backup"
                  />
                  <span>
                    <span className="choice__label">Restore the backup of {formatWhen(backup.createdAt, undefined)}</span>
                    <span className="choice__help">
                      {describeReason(backup.reason)} · {(backup.sizeBytes / 1024 / 1024).toFixed(1)} MB
                    </span>
                  </span>
                </label>
              ))}
              <label className="choice">
                <input type="radio" name="recovery-choice" checked={selected({ kind: 'fresh' })} onChange={() => setChoice({ kind: 'fresh' })} data-testid="recovery-fresh" />
                <span>
                  <span className="choice__label">Start a fresh database</span>
                  <span className="choice__help">Empty; import your login exports again</span>
                </span>
              </label>
            </div>
          </fieldset>
        )}
        {error && (
          <p className="recovery__error" role="alert">
            {error}
          </p>
        )}
        {done && (
          <p className="recovery__done" role="status">
            {done}
          </p>
        )}
        <div className="recovery__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => void recover()}
            disabled={!choice || working || done !== null}
            aria-busy={working}
            data-testid="recovery-continue"
          >
            {working ? 'Working…' : choice?.kind === 'fresh' ? 'Start fresh' : 'Restore backup'}
          </button>
        </div>
      </section>
    </div>
  );
}
