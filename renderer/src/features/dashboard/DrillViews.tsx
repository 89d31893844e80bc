/**
 * The evidence behind the audit drawer's numbers: one agent's sessions in the period (with the
 * import and file line each came from, and whether it counts under the definition), and the
 * minute of the period's concurrency peak with the agents logged in at its highest instant.
 */
import { useEffect, useState } from 'react';
import type { MonthlyPeriod, Response } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';
import { api } from '../../api/client';
import { useFormatters } from '../../store/hooks';
import { AlertIcon } from '../../ui/icons';

type Load<T> = { status: 'loading' } | { status: 'failed'; error: AppError } | { status: 'done'; value: T };

function useLoad<T>(run: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>, deps: unknown[]): [Load<T>, () => void] {
  const [load, setLoad] = useState<Load<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setLoad({ status: 'loading' });
    void run().then((result) => {
      if (live) setLoad(result.ok ? { status: 'done', value: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);
  return [load, () => setAttempt((n) => n + 1)];
}

function Failure({ error, retry, what }: { error: AppError; retry: () => void; what: string }) {
  return (
    <div className="callout callout--danger" role="alert">
      <AlertIcon size={16} />
      <span>
        Could not load {what}: {error.message}{' '}
        <button type="button" className="link-button" onClick={retry}>
          Try again
        </button>
      </span>
    </div>
  );
}

function Skeleton() {
  return (
    <div className="audit__loading" aria-busy="true">
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="skeleton skeleton--row" />
      ))}
    </div>
  );
}

export function AgentSessions({ agent, period, activity }: { agent: string; period: Pick<MonthlyPeriod, 'start' | 'end'>; activity: string | undefined }) {
  const format = useFormatters();
  const [load, retry] = useLoad<Response<'drill:sessions'>>(
    () => api['drill:sessions']({ agent, from: period.start, to: period.end, ...(activity ? { activity } : {}) }),
    [agent, period.start, period.end, activity],
  );
  if (load.status === 'loading') return <Skeleton />;
  if (load.status === 'failed') return <Failure error={load.error} retry={retry} what="the sessions" />;
  const { sessions, name } = load.value;
  const counted = sessions.filter((s) => s.counts).length;
  return (
    <section className="drill" aria-labelledby="drill-sessions-title" data-testid="drill-sessions">
      <h3 className="drill__title" id="drill-sessions-title">
        <span className="mono">{agent}</span>
        {name && <span className="muted"> · {name}</span>}
      </h3>
      <p className="drill__summary" role="status">
        {format.integer(sessions.length)} {sessions.length === 1 ? 'session' : 'sessions'} in the period; {format.integer(counted)}{' '}
        {counted === 1 ? 'makes' : 'make'} this agent active under the definition.
      </p>
      <div className="table-wrap">
        <table className="table table--compact" data-testid="drill-sessions-table">
          <caption className="sr-only">Sessions of {agent} in the period, with the import and file line each came from</caption>
          <thead>
            <tr>
              <th scope="col">Login</th>
              <th scope="col">Logout</th>
              <th scope="col" className="num">
                Minutes
              </th>
              <th scope="col">Counts</th>
              <th scope="col">Source import</th>
              <th scope="col" className="num">
                Line
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.start} data-testid="drill-session-row">
                <td className="nowrap">{format.dateTime(s.start)}</td>
                <td className="nowrap">{format.dateTime(s.end)}</td>
                <td className="num">{format.fixed1(s.minutes)}</td>
                <td>{s.counts ? 'Yes' : <span className="muted">No</span>}</td>
                <td>
                  <span className="muted">#{s.importId}</span> {s.importFile}
                </td>
                <td className="num">{format.integer(s.line)}</td>
              </tr>
            ))}
            {sessions.length === 0 && (
              <tr>
                <td colSpan={6} className="audit__empty">
                  No session of this agent overlaps the period.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function PeakMinute({ period, concurrency }: { period: Pick<MonthlyPeriod, 'start' | 'end'>; concurrency: string }) {
  const format = useFormatters();
  const [load, retry] = useLoad<Response<'drill:peak'>>(
    () => api['drill:peak']({ from: period.start, to: period.end, concurrency }),
    [period.start, period.end, concurrency],
  );
  if (load.status === 'loading') return <Skeleton />;
  if (load.status === 'failed') return <Failure error={load.error} retry={retry} what="the peak" />;
  const peak = load.value;
  if (peak.level === 0 || !peak.minute) return <p className="audit__empty">Nobody was logged in during this period.</p>;
  return (
    <section className="drill" aria-labelledby="drill-peak-title" data-testid="drill-peak">
      <h3 className="drill__title" id="drill-peak-title">
        Peak of {format.integer(peak.level)} reached at {format.dateTime(peak.minute)}
      </h3>
      <p className="drill__summary">
        {concurrency === 'raw'
          ? 'The highest number of agents logged in at the same moment.'
          : `Under ${concurrency}, the first minute that reached the counted level.`}{' '}
        The {format.integer(peak.agents.length)} agents below were logged in at its busiest instant ({peak.instant ? format.dateTime(peak.instant) : '—'}).
      </p>
      <div className="table-wrap">
        <table className="table table--compact" data-testid="drill-peak-table">
          <caption className="sr-only">Agents logged in at the peak</caption>
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Name</th>
              <th scope="col">Team</th>
              <th scope="col">Login</th>
              <th scope="col">Logout</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {peak.agents.map((a) => (
              <tr key={a.agent}>
                <th scope="row" className="mono audit__id">
                  {a.agent}
                </th>
                <td>{a.name ?? <span className="muted">—</span>}</td>
                <td>{a.team ?? <span className="muted">—</span>}</td>
                <td className="nowrap">{format.dateTime(a.start)}</td>
                <td className="nowrap">{format.dateTime(a.end)}</td>
                <td className="nowrap muted">
                  #{a.importId}, line {format.integer(a.line)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
