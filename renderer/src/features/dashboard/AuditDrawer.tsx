/**
 * The audit trail behind an active-agents number: a side panel listing every agent the engine
 * counted as active in one period, under the same activity definition as the dashboard, with
 * what made them active (first and last activity, active days, sessions, hours). Sortable by any
 * column and filterable, so a manager can check a bill line by line.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { MonthlyPeriod, Response } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';
import { api } from '../../api/client';
import { periodLabel, periodRange, type CycleKind } from '../../lib/periods';
import { useData } from '../../store/data-store';
import { useFormatters } from '../../store/hooks';
import { BUILT_IN_ACTIVITY, concurrencyParam, DEFAULT_RULES } from '../../store/rules-store';
import { Dialog } from '../../ui/Dialog';
import { AlertIcon, SearchIcon, SortIcon } from '../../ui/icons';
import { versionText } from '../rules/describe';
import { AgentSessions, PeakMinute } from './DrillViews';

type Agent = Response<'metrics:agents'>['agents'][number];
type SortKey = 'agent' | 'name' | 'team' | 'role' | 'firstActivity' | 'lastActivity' | 'activeDays' | 'sessions' | 'loggedInHours';
type Sort = { key: SortKey; direction: 'ascending' | 'descending' };

const COLUMNS: Array<{ key: SortKey; label: string; numeric?: boolean }> = [
  { key: 'agent', label: 'Agent' },
  { key: 'name', label: 'Name' },
  { key: 'team', label: 'Team' },
  { key: 'role', label: 'Role' },
  { key: 'firstActivity', label: 'First' },
  { key: 'lastActivity', label: 'Last' },
  { key: 'activeDays', label: 'Active days', numeric: true },
  { key: 'sessions', label: 'Sessions', numeric: true },
  { key: 'loggedInHours', label: 'Hours', numeric: true },
];

function compare(a: Agent, b: Agent, key: SortKey): number {
  const x = a[key];
  const y = b[key];
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  // Missing names and teams sort last either way round.
  if (x === null || x === '') return y === null || y === '' ? 0 : 1;
  if (y === null || y === '') return -1;
  return String(x).localeCompare(String(y), undefined, { numeric: true, sensitivity: 'base' });
}

type Load = { status: 'loading' } | { status: 'failed'; error: AppError } | { status: 'done'; agents: Agent[] };

export function AuditDrawer({
  period,
  cycle,
  onClose,
  activity: activityRule,
  concurrency: concurrencyRule,
  initialView = 'agents',
}: {
  period: Pick<MonthlyPeriod, 'start' | 'end' | 'peakConcurrent'>;
  cycle: CycleKind;
  onClose: () => void;
  /** The activity definition to count under (a bill line's own); default the dashboard's. */
  activity?: string;
  /** The concurrency rule of the peak view (a bill line's own); default the dashboard's. */
  concurrency?: string;
  initialView?: 'agents' | 'peak';
}) {
  const format = useFormatters();
  const dashboardDefinition = useData((state) => state.metrics?.activityDefinition);
  const dashboardActivity = useData((state) => state.metricsRules?.activity ?? BUILT_IN_ACTIVITY);
  const activity = activityRule ?? dashboardActivity;
  // The dashboard's definition (with its version) describes the list only when it is the one used.
  const definition = activityRule === undefined || activityRule === dashboardActivity ? dashboardDefinition : undefined;
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [sort, setSort] = useState<Sort>({ key: 'agent', direction: 'ascending' });
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const filterRef = useRef<HTMLInputElement>(null);
  // Drill-down: the agent list, one agent's sessions, or the period's concurrency peak.
  const [view, setView] = useState<{ kind: 'agents' } | { kind: 'agent'; agent: string } | { kind: 'peak' }>({ kind: initialView });
  const dashboardConcurrency = useData((state) => concurrencyParam(state.metricsRules ?? DEFAULT_RULES));
  const concurrency = concurrencyRule ?? dashboardConcurrency;

  useEffect(() => {
    let live = true;
    setLoad({ status: 'loading' });
    void api['metrics:agents']({
      from: period.start,
      to: period.end,
      ...(activity !== BUILT_IN_ACTIVITY ? { activity } : {}),
    }).then((result) => {
      if (!live) return;
      setLoad(result.ok ? { status: 'done', agents: result.value.agents } : { status: 'failed', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [period.start, period.end, activity, attempt]);

  const rows = useMemo(() => {
    if (load.status !== 'done') return [];
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    const matching = words.length
      ? load.agents.filter((agent) => {
          const haystack = `${agent.agent} ${agent.name ?? ''} ${agent.team ?? ''} ${agent.role}`.toLowerCase();
          return words.every((word) => haystack.includes(word));
        })
      : load.agents;
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return [...matching].sort((a, b) => sign * compare(a, b, sort.key) || compare(a, b, 'agent'));
  }, [load, filter, sort]);

  const name = periodLabel(period, cycle, format);
  const range = periodRange(period, format);
  const sameYear = period.start.slice(0, 4) === period.end.slice(0, 4) || period.end.slice(5) === '01-01';
  const shortDay = (day: string) => (sameYear ? format.dayAxis(day) : format.day(day));
  const total = load.status === 'done' ? load.agents.length : null;

  const toggleSort = (key: SortKey, numeric?: boolean) =>
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: numeric ? 'descending' : 'ascending' },
    );

  return (
    <Dialog
      placement="side"
      title={`Active agents · ${name}`}
      description={
        <>
          {total === null ? 'Counting…' : `${format.integer(total)} ${total === 1 ? 'agent' : 'agents'}`} counted with “
          {definition?.name ?? activity}”{definition ? ` (${versionText(definition)})` : ''}
          {name !== range ? ` · ${range}` : ''}
        </>
      }
      onClose={onClose}
      testId="audit-drawer"
      initialFocus={filterRef}
    >
      <div className="audit">
        <div className="segmented audit__views" role="group" aria-label="What to show">
          <button type="button" className="segmented__item" aria-pressed={view.kind !== 'peak'} onClick={() => setView({ kind: 'agents' })} data-testid="audit-view-agents">
            Active agents
          </button>
          <button type="button" className="segmented__item" aria-pressed={view.kind === 'peak'} onClick={() => setView({ kind: 'peak' })} data-testid="audit-view-peak">
            Peak concurrency · {format.integer(period.peakConcurrent)}
          </button>
        </div>
        {view.kind === 'peak' ? (
          <PeakMinute period={period} concurrency={concurrency} />
        ) : view.kind === 'agent' ? (
          <>
            <button type="button" className="link-button drill__back" onClick={() => setView({ kind: 'agents' })} data-testid="drill-back">
              ← All active agents
            </button>
            <AgentSessions agent={view.agent} period={period} activity={activity !== BUILT_IN_ACTIVITY ? activity : undefined} />
          </>
        ) : (
          <>
            <div className="audit__tools">
              <label className="sr-only" htmlFor={filterId}>
                Filter agents
              </label>
              <span className="search-input">
                <SearchIcon size={14} />
                <input
                  ref={filterRef}
                  id={filterId}
                  className="input input--sm"
                  type="search"
                  placeholder="Filter by id, name, team or role"
                  value={filter}
                  onChange={(event) => setFilter(event.target.value)}
                  data-testid="audit-filter"
                />
              </span>
              {load.status === 'done' && (
                <span className="audit__count" role="status">
                  {filter ? `${format.integer(rows.length)} of ${format.integer(load.agents.length)}` : `${format.integer(load.agents.length)} agents`}
                </span>
              )}
            </div>

            {load.status === 'failed' ? (
              <div className="callout callout--danger" role="alert">
                <AlertIcon size={16} />
                <span>
                  Could not list the agents: {load.error.message}{' '}
                  <button type="button" className="link-button" onClick={() => setAttempt((n) => n + 1)}>
                    Try again
                  </button>
                </span>
              </div>
            ) : load.status === 'loading' ? (
              <div className="audit__loading" aria-busy="true">
                {[0, 1, 2, 3, 4, 5].map((i) => (
                  <div key={i} className="skeleton skeleton--row" />
                ))}
              </div>
            ) : (
              <div className="table-wrap audit__table">
                <table className="table table--compact" data-testid="audit-table">
                  <caption className="sr-only">
                    Agents active in {name}, sorted by {COLUMNS.find((column) => column.key === sort.key)?.label} ({sort.direction})
                  </caption>
                  <thead>
                    <tr>
                      {COLUMNS.map((column) => {
                        const active = sort.key === column.key;
                        return (
                          <th key={column.key} scope="col" className={column.numeric ? 'num' : undefined} aria-sort={active ? sort.direction : undefined}>
                            <button
                              type="button"
                              className={`sort-button${active ? ' is-active' : ''}`}
                              onClick={() => toggleSort(column.key, column.numeric)}
                              data-testid={`audit-sort-${column.key}`}
                            >
                              {column.label}
                              <SortIcon size={12} direction={active ? sort.direction : 'none'} />
                            </button>
                          </th>
                        );
                      })}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((agent) => (
                      <tr key={agent.agent} data-testid="audit-row">
                        <th scope="row" className="mono audit__id">
                          <button
                            type="button"
                            className="link-button mono"
                            onClick={() => setView({ kind: 'agent', agent: agent.agent })}
                            aria-label={`Sessions of ${agent.agent}${agent.name ? ` (${agent.name})` : ''}`}
                            data-testid="audit-agent-link"
                          >
                            {agent.agent}
                          </button>
                        </th>
                        <td>{agent.name ?? <span className="muted">—</span>}</td>
                        <td>{agent.team ?? <span className="muted">—</span>}</td>
                        <td>{agent.role}</td>
                        <td className="nowrap">{shortDay(agent.firstActivity)}</td>
                        <td className="nowrap">{shortDay(agent.lastActivity)}</td>
                        <td className="num">{format.integer(agent.activeDays)}</td>
                        <td className="num">{format.integer(agent.sessions)}</td>
                        <td className="num">{format.fixed1(agent.loggedInHours)}</td>
                      </tr>
                    ))}
                    {rows.length === 0 && (
                      <tr>
                        <td colSpan={COLUMNS.length} className="audit__empty">
                          {filter ? 'No agent matches the filter.' : 'No agent was active in this period.'}
                        </td>
                      </tr>
                    )}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </div>
    </Dialog>
  );
}
