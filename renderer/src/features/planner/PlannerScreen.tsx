/**
 * Planner: the forecast of the next 12 months with its intervals, backtest error and model
 * choice; a what-if scenario editor (seasonal hires, attrition, a new program, the provisioning
 * policy); saved scenarios side by side; and the budget — the scenario priced under every plan
 * selected, month by month, with the cheapest plan and the difference against the current one.
 */
import { useEffect, useMemo, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BudgetRun, ForecastRun, SavedPlan, SavedScenario } from '../../../../shared/contract';
import type { ScenarioInput } from '../../../../shared/forecast/scenario';
import { currencyExponent, formatMinor } from '../../../../shared/pricing/money';
import { api } from '../../api/client';
import { downloadBlob, downloadCsv, downloadText, fileStem } from '../../lib/export-chart';
import { useData } from '../../store/data-store';
import { useFormatters, useResolvedTheme } from '../../store/hooks';
import { useUi } from '../../store/ui-store';
import { ConfirmDialog } from '../../ui/Dialog';
import { AlertIcon, InfoIcon, TrashIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';
import { Select } from '../../ui/Select';
import { AXIS, ChartCard, colourAt, DownloadIcon, legendText, useEngine } from './kit';
import { blankScenario, checkScenario, nextSeason } from './scenario-draft';
import { ScenarioEditor } from './ScenarioEditor';
import './planner.css';

type PlanChoice = { key: string; name: string; plan: unknown; origin: 'saved' | 'template'; isCurrent: boolean };

const DEFAULT_TEMPLATES = ['platform28-active-user.json', 'generic-named-seat.json', 'generic-concurrent-seat.json', 'genesys-cloud-hourly.json'];

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function usePlanChoices(): { choices: PlanChoice[]; loading: boolean } {
  const [state, setState] = useState<{ choices: PlanChoice[]; loading: boolean }>({ choices: [], loading: true });
  useEffect(() => {
    let live = true;
    void Promise.all([api['plans:list']({}), api['plans:templates']({})]).then(([saved, templates]) => {
      if (!live) return;
      const fromSaved: PlanChoice[] = saved.ok
        ? (saved.value as SavedPlan[]).map((p) => ({ key: `saved:${p.id}`, name: p.name, plan: p.plan, origin: 'saved', isCurrent: p.isCurrent }))
        : [];
      const fromTemplates: PlanChoice[] = templates.ok
        ? templates.value.map((t) => ({ key: `template:${t.file}`, name: (t.plan as { name?: string }).name ?? t.file, plan: t.plan, origin: 'template', isCurrent: false }))
        : [];
      setState({ choices: [...fromSaved, ...fromTemplates], loading: false });
    });
    return () => {
      live = false;
    };
  }, []);
  return state;
}

export function PlannerScreen() {
  const sessions = useData((s) => s.info?.sessionCount ?? 0);
  const timeZone = useData((s) => s.prefs?.timeZone ?? 'UTC');
  const notify = useUi((s) => s.notify);
  const notifyError = useUi((s) => s.notifyError);
  const { choices, loading: plansLoading } = usePlanChoices();
  const [selectedKeys, setSelectedKeys] = useState<string[] | null>(null);
  const [currentKey, setCurrentKey] = useState<string | null>(null);
  const [draft, setDraft] = useState<ScenarioInput>(blankScenario());
  const [savedId, setSavedId] = useState<number | null>(null);
  const [saved, setSaved] = useState<SavedScenario[]>([]);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [compareIds, setCompareIds] = useState<number[]>([]);
  const [months, setMonths] = useState(12);

  // Plans in play: the user's saved plans when there are any, otherwise a spread of templates.
  useEffect(() => {
    if (plansLoading || selectedKeys !== null) return;
    const savedKeys = choices.filter((c) => c.origin === 'saved').map((c) => c.key);
    const keys = savedKeys.length > 0 ? savedKeys : choices.filter((c) => DEFAULT_TEMPLATES.some((f) => c.key === `template:${f}`)).map((c) => c.key);
    setSelectedKeys(keys);
    setCurrentKey(choices.find((c) => c.isCurrent)?.key ?? keys[0] ?? null);
  }, [plansLoading, choices, selectedKeys]);

  const refreshSaved = async () => {
    const result = await api['scenarios:list']({});
    if (result.ok) setSaved(result.value);
  };
  useEffect(() => {
    void refreshSaved();
  }, []);

  const check = checkScenario(draft);
  const runnable = useDebounced(check.scenario, 350);
  const selected = (selectedKeys ?? []).map((k) => choices.find((c) => c.key === k)).filter((c): c is PlanChoice => c !== undefined);
  const currentIndex = selected.findIndex((c) => c.key === currentKey);
  const budgetRequest = runnable && selected.length > 0 ? { scenario: runnable, months, plans: selected.map((c) => c.plan), ...(currentIndex >= 0 ? { currentPlan: currentIndex } : {}) } : null;
  const budget = useEngine('budget:run', budgetRequest, `${timeZone}:${sessions}:${months}:${JSON.stringify(runnable)}:${selected.map((c) => c.key).join('|')}:${currentIndex}`);
  const forecastOnly = useEngine('forecast:run', runnable && selected.length === 0 && !plansLoading ? { scenario: runnable, months } : null, `${timeZone}:${sessions}:${months}:${JSON.stringify(runnable)}:${selected.length}`);
  const forecast: ForecastRun | null = budget.value?.forecast ?? forecastOnly.value;
  const engineError = budget.error ?? forecastOnly.error;
  const firstMonth = forecast?.periods[0]?.start ?? null;

  const save = async (asNew: boolean) => {
    if (!check.scenario) return;
    const result = await api['scenarios:save']({ ...(savedId !== null && !asNew ? { id: savedId } : {}), scenario: check.scenario });
    if (!result.ok) {
      notifyError('The scenario was not saved', result.error);
      return;
    }
    setSavedId(result.value.id);
    await refreshSaved();
    notify({ kind: 'success', title: `Saved “${result.value.name}”` });
  };
  const load = (id: number | null) => {
    if (id === null) {
      setSavedId(null);
      setDraft(blankScenario());
      return;
    }
    const entry = saved.find((s) => s.id === id);
    if (entry) {
      setSavedId(entry.id);
      setDraft(entry.scenario);
    }
  };
  const remove = async () => {
    if (savedId === null) return;
    const result = await api['scenarios:delete']({ id: savedId });
    setConfirmDelete(false);
    if (!result.ok) {
      notifyError('The scenario was not deleted', result.error);
      return;
    }
    notify({ kind: 'success', title: `Deleted “${result.value.name}”` });
    setCompareIds((ids) => ids.filter((id) => id !== savedId));
    load(null);
    await refreshSaved();
  };

  const empty = sessions === 0;
  return (
    <div className="page" data-testid="planner">
      <PageHeader
        title="Planner"
        subtitle={
          forecast && firstMonth
            ? `Forecast ${forecastSpan(forecast)} · scenario “${draft.name || 'unnamed'}” · counted in ${timeZone.replace(/_/g, ' ')}`
            : 'Forecast the next seasons, add hires, and see what each licensing plan will cost'
        }
        actions={
          !empty && (
            <div className="planner-scenario-bar">
              <Select compact aria-label="Forecast horizon" value={String(months)} onChange={(e) => setMonths(Number(e.target.value))} data-testid="planner-months">
                <option value="12">Next 12 months</option>
                <option value="18">Next 18 months</option>
                <option value="24">Next 24 months</option>
              </Select>
              <Select compact aria-label="Saved scenario" value={savedId === null ? '' : String(savedId)} onChange={(e) => load(e.target.value === '' ? null : Number(e.target.value))} data-testid="scenario-select">
                <option value="">New scenario</option>
                {saved.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </Select>
              <button type="button" className="button button--primary button--sm" onClick={() => void save(false)} disabled={!check.scenario} data-testid="scenario-save">
                {savedId === null ? 'Save scenario' : 'Save changes'}
              </button>
              {savedId !== null && (
                <>
                  <button type="button" className="button button--sm" onClick={() => void save(true)} disabled={!check.scenario || saved.some((s) => s.name === draft.name)} title="Save a copy under the name typed">
                    Save as new
                  </button>
                  <button type="button" className="button button--ghost button--sm" onClick={() => setConfirmDelete(true)} aria-label="Delete this scenario" data-testid="scenario-delete">
                    <TrashIcon size={14} />
                  </button>
                </>
              )}
              <button
                type="button"
                className="button button--ghost button--sm"
                onClick={() => check.scenario && downloadText(`${fileStem(check.scenario.name)}.scenario.json`, JSON.stringify(check.scenario, null, 2))}
                disabled={!check.scenario}
                title="Save the scenario as a JSON file (seatcast forecast --scenario FILE.json reads it)"
              >
                <DownloadIcon />
                JSON
              </button>
            </div>
          )
        }
      />
      {empty ? (
        <section className="card empty-state" data-testid="planner-empty">
          <h2 className="empty-state__title">Nothing to forecast yet</h2>
          <p className="empty-state__text">Import agent login exports first. Two years of history give a seasonal forecast; with less, the planner follows the recent trend and says so.</p>
        </section>
      ) : (
        <>
          {engineError && (
            <p className="callout callout--danger" role="alert" data-testid="planner-error">
              <AlertIcon size={16} />
              {engineError}
            </p>
          )}
          <div className="planner-layout">
            <ScenarioEditor draft={draft} onChange={setDraft} issues={check.issues} firstMonth={firstMonth} season={firstMonth ? nextSeason(firstMonth) : null} />
            <div className="planner-main" aria-busy={budget.loading || forecastOnly.loading}>
              {forecast ? <ForecastSection forecast={forecast} /> : <div className="skeleton skeleton--chart" role="status" aria-busy="true" aria-label="Loading the forecast" />}
            </div>
          </div>
          <BudgetSection
            budget={budget.value}
            loading={budget.loading || plansLoading}
            choices={choices}
            selectedKeys={selectedKeys ?? []}
            onToggle={(key) => setSelectedKeys((keys) => ((keys ?? []).includes(key) ? (keys ?? []).filter((k) => k !== key) : [...(keys ?? []), key]))}
            currentKey={currentKey}
            onCurrent={setCurrentKey}
            scenarioName={draft.name}
            request={budgetRequest}
          />
          <CompareScenarios saved={saved} compareIds={compareIds} onToggle={(id) => setCompareIds((ids) => (ids.includes(id) ? ids.filter((i) => i !== id) : [...ids, id].slice(-3)))} plans={selected} currentIndex={currentIndex} months={months} />
        </>
      )}
      {confirmDelete && (
        <ConfirmDialog
          title="Delete this scenario?"
          message={`“${draft.name}” will be removed from the saved scenarios. Exported files are not affected.`}
          confirmLabel="Delete"
          danger
          onConfirm={() => void remove()}
          onCancel={() => setConfirmDelete(false)}
        />
      )}
    </div>
  );
}

function forecastSpan(forecast: ForecastRun): string {
  const first = forecast.periods[0]!.start;
  const last = forecast.periods.at(-1)!.start;
  return `${first.slice(0, 7)} to ${last.slice(0, 7)}`;
}

// ------------------------------------------------------------------------------------------------
// Forecast

type ForecastMetric = 'activeAgents' | 'peakConcurrent' | 'loggedInHours' | 'provisioned';
const FORECAST_LABELS: Record<ForecastMetric, string> = {
  activeAgents: 'Active agents',
  peakConcurrent: 'Peak concurrent',
  loggedInHours: 'Logged-in hours',
  provisioned: 'Provisioned',
};
const MODEL_NAMES: Record<string, string> = {
  'seasonal-naive': 'Seasonal naive',
  'holt-winters-additive': 'Holt-Winters (additive)',
  'holt-winters-multiplicative': 'Holt-Winters (multiplicative)',
  drift: 'Drift (no seasonality)',
};

function ForecastSection({ forecast }: { forecast: ForecastRun }) {
  const [metric, setMetric] = useState<ForecastMetric>('activeAgents');
  const format = useFormatters();
  const theme = useResolvedTheme();
  const summary = forecast.series[metric]!;
  const hasScenario = forecast.periods.some((p) => p.added.activeAgents !== 0 || p.retained !== 1);
  const data = [
    ...forecast.history.slice(-24).map((h) => ({ start: h.start, history: h[metric] as number | null, forecast: null as number | null, scenario: null as number | null, band: null as [number, number] | null, bandBase: null as number | null, bandSpan: null as number | null })),
    ...forecast.periods.map((p, i) => ({
      start: p.start,
      history: null,
      forecast: forecast.baseline[i]![metric],
      scenario: hasScenario ? p[metric] : null,
      band: metric === 'activeAgents' ? ([forecast.baseline[i]!.activeAgentsLow, forecast.baseline[i]!.activeAgentsHigh] as [number, number]) : null,
      // The interval is drawn as a transparent base plus a shaded span stacked on it.
      bandBase: metric === 'activeAgents' ? forecast.baseline[i]!.activeAgentsLow : null,
      bandSpan: metric === 'activeAgents' ? forecast.baseline[i]!.activeAgentsHigh - forecast.baseline[i]!.activeAgentsLow : null,
    })),
  ];
  // Join the history line to the forecast line.
  const lastHistory = data[forecast.history.slice(-24).length - 1];
  if (lastHistory) lastHistory.forecast = lastHistory.history;
  const peak = forecast.periods.reduce((a, b) => (b.activeAgents > a.activeAgents ? b : a));
  const added = forecast.periods.reduce((s, p) => s + p.added.activeAgents, 0);
  const rows = () => [
    ['Month', 'History', 'Forecast', 'Low (80%)', 'High (80%)', 'With scenario'],
    ...data.map((d) => [d.start.slice(0, 7), d.history, d.history !== null ? null : d.forecast, d.band?.[0] ?? null, d.band?.[1] ?? null, d.scenario]),
  ];
  const mape = forecast.backtestMape;
  return (
    <>
      <div className="tiles planner-tiles" data-count="4">
        <div className="tile" data-testid="tile-model">
          <span className="tile__label">Model</span>
          <span className="tile__value tile__value--text">{forecast.modelLabel}</span>
          <span className="tile__caption">{forecast.scenario.model === 'auto' ? 'chosen by backtest' : 'chosen by you'}</span>
        </div>
        <div className="tile" data-testid="tile-mape">
          <span className="tile__label">Backtest error (MAPE)</span>
          <span className="tile__value">{mape === null ? '–' : `${mape.toFixed(1)}%`}</span>
          <span className="tile__caption">{mape === null ? 'not enough history to test' : `last ${forecast.backtestMonths} months forecast from the months before`}</span>
        </div>
        <div className="tile" data-testid="tile-peak">
          <span className="tile__label">Busiest month</span>
          <span className="tile__value">{format.integer(peak.activeAgents)}</span>
          <span className="tile__caption">active agents in {format.month(peak.start)}</span>
        </div>
        <div className="tile" data-testid="tile-added">
          <span className="tile__label">Scenario adds</span>
          <span className="tile__value" data-testid="added-agent-months">{format.integer(added)}</span>
          <span className="tile__caption">agent-months over {forecast.periods.length} months</span>
        </div>
      </div>
      {forecast.messages.length > 0 && (
        <div className="callout callout--info" data-testid="forecast-messages">
          <InfoIcon size={16} />
          <div>
            {forecast.messages.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </div>
        </div>
      )}
      <ChartCard
        title={`${FORECAST_LABELS[metric]}: history and forecast`}
        subtitle={`${MODEL_NAMES[summary.model]}${summary.backtestMape !== null ? ` · backtest MAPE ${summary.backtestMape.toFixed(1)}%` : ''}${metric === 'activeAgents' ? ` · shaded: ${Math.round(forecast.intervalLevel * 100)}% prediction interval` : ''}`}
        testId="forecast-chart"
        rows={rows}
        controls={
          <div className="segmented" role="group" aria-label="Measure">
            {(Object.keys(FORECAST_LABELS) as ForecastMetric[]).map((m) => (
              <button key={m} type="button" className="segmented__item" aria-pressed={metric === m} onClick={() => setMetric(m)}>
                {FORECAST_LABELS[m]}
              </button>
            ))}
          </div>
        }
        footer={<CandidateTable forecast={forecast} metric={metric} />}
      >
        <div role="img" aria-label={`${FORECAST_LABELS[metric]}: the last ${Math.min(24, forecast.history.length)} months and the ${forecast.periods.length}-month forecast`}>
          <ResponsiveContainer width="100%" height={300}>
            <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid vertical={false} stroke={AXIS[theme].grid} />
              <XAxis dataKey="start" tickLine={false} axisLine={{ stroke: AXIS[theme].grid }} tick={{ fill: AXIS[theme].axis, fontSize: 11 }} tickFormatter={(s: string) => format.monthShort(s)} interval="preserveStartEnd" minTickGap={20} />
              <YAxis tickLine={false} axisLine={false} width={56} tick={{ fill: AXIS[theme].axis, fontSize: 12 }} tickFormatter={(v: number) => format.compact(v)} />
              <Tooltip
                isAnimationActive={false}
                labelFormatter={(s) => format.month(String(s))}
                contentStyle={{ background: AXIS[theme].surface, border: `1px solid ${AXIS[theme].grid}`, borderRadius: 8 }}
                formatter={(value, name, item) => {
                  const band = (item?.payload as { band?: [number, number] | null } | undefined)?.band;
                  const text = String(name) === 'forecast' && band ? `${format.integer(Number(value))} (80%: ${format.integer(band[0])}–${format.integer(band[1])})` : format.integer(Number(value));
                  const label = { history: 'History', forecast: 'Forecast', scenario: 'With scenario' }[String(name)] ?? String(name);
                  return [text, label];
                }}
              />
              <Legend formatter={legendText(theme, (v) => ({ history: 'History', forecast: 'Forecast', scenario: 'With scenario', band: '80% interval' })[v] ?? v)} wrapperStyle={{ fontSize: 12 }} />
              {metric === 'activeAgents' && <Area dataKey="bandBase" stackId="interval" stroke="none" fill="transparent" legendType="none" tooltipType="none" isAnimationActive={false} />}
              {metric === 'activeAgents' && <Area dataKey="bandSpan" name="band" stackId="interval" stroke="none" fill={AXIS[theme].band} fillOpacity={1} legendType="square" tooltipType="none" isAnimationActive={false} />}
              <Line dataKey="history" stroke={colourAt(theme, 0)} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
              <Line dataKey="forecast" stroke={colourAt(theme, 0)} strokeWidth={2} strokeDasharray="6 4" dot={false} isAnimationActive={false} connectNulls={false} />
              {hasScenario && <Line dataKey="scenario" stroke={colourAt(theme, 2)} strokeWidth={2.5} dot={{ r: 2.5, strokeWidth: 0, fill: colourAt(theme, 2) }} isAnimationActive={false} connectNulls={false} />}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      </ChartCard>
    </>
  );
}

function CandidateTable({ forecast, metric }: { forecast: ForecastRun; metric: ForecastMetric }) {
  const summary = forecast.series[metric]!;
  return (
    <details className="planner-details" data-testid="model-candidates">
      <summary>How the model was chosen</summary>
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col" className="num">
              Backtest MAPE
            </th>
            <th scope="col" className="num">
              Months tested
            </th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {summary.candidates.map((c, i) => (
            <tr key={`${c.model}-${i}`} aria-current={c.model === summary.model && c.backtestMonths === summary.backtestMonths ? 'true' : undefined}>
              <th scope="row">
                {MODEL_NAMES[c.model]}
                {c.model === summary.model && c.backtestMonths === summary.backtestMonths && <span className="badge badge--accent planner-badge">chosen</span>}
              </th>
              <td className="num">{c.backtestMape === null ? '–' : `${c.backtestMape.toFixed(1)}%`}</td>
              <td className="num">{c.backtestMonths || '–'}</td>
              <td className="muted">{c.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.messages.map((m) => (
        <p key={m} className="hint">
          {m}
        </p>
      ))}
    </details>
  );
}

// ------------------------------------------------------------------------------------------------
// Budget

type BudgetProps = {
  budget: BudgetRun | null;
  loading: boolean;
  choices: PlanChoice[];
  selectedKeys: string[];
  onToggle: (key: string) => void;
  currentKey: string | null;
  onCurrent: (key: string | null) => void;
  scenarioName: string;
  request: unknown;
};

const major = (cents: number, currency: string) => cents / 10 ** currencyExponent(currency);

function BudgetSection({ budget, loading, choices, selectedKeys, onToggle, currentKey, onCurrent, scenarioName, request }: BudgetProps) {
  const format = useFormatters();
  const theme = useResolvedTheme();
  const notifyError = useUi((s) => s.notifyError);
  const [xlsxBusy, setXlsxBusy] = useState(false);
  const selected = choices.filter((c) => selectedKeys.includes(c.key));
  const currency = budget?.currency ?? budget?.plans[0]?.currency ?? 'USD';
  const money = (cents: number, cur = currency) => formatMinor(cents, cur);
  const compact = useMemo(() => {
    try {
      return new Intl.NumberFormat(format.locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
    } catch {
      return new Intl.NumberFormat(format.locale, { notation: 'compact' });
    }
  }, [format.locale, currency]);

  const csvRows = () => {
    if (!budget) return [];
    return [
      ['Month', ...budget.plans.map((p) => `${p.name} (${p.currency})`), 'Cheapest'],
      ...budget.months.map((m, i) => [m.slice(0, 7), ...budget.plans.map((p) => major(p.monthly[i]!, p.currency)), budget.cheapestPerMonth[i]!.plan ?? '']),
      ['Total', ...budget.plans.map((p) => major(p.totalCents, p.currency)), budget.cheapestYear?.plan ?? ''],
      ...(budget.currentPlan ? [[`Difference vs ${budget.currentPlan}`, ...budget.plans.map((p) => (p.differenceVsCurrent === null ? null : major(p.differenceVsCurrent, p.currency))), '']] : []),
    ];
  };
  const saveXlsx = async () => {
    if (!request) return;
    setXlsxBusy(true);
    const result = await api['budget:xlsx']({ ...(request as object), title: scenarioName } as never);
    setXlsxBusy(false);
    if (!result.ok) {
      notifyError('The workbook was not saved', result.error);
      return;
    }
    const bytes = Uint8Array.from(atob(result.value.base64), (c) => c.charCodeAt(0));
    downloadBlob(result.value.fileName, new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  };

  const cumulative = budget ? budget.months.map((m, i) => ({ start: m, ...Object.fromEntries(budget.plans.map((p, k) => [`p${k}`, major(p.cumulative[i]!, p.currency)])) })) : [];
  const current = budget?.plans.find((p) => p.name === budget.currentPlan) ?? null;
  return (
    <section className="planner-budget" aria-labelledby="budget-title" data-testid="budget">
      <header className="planner-section-header">
        <div>
          <h2 className="planner-section-title" id="budget-title">
            Budget under each plan
          </h2>
          <p className="card__subtitle">
            The scenario’s {budget ? budget.months.length : ''} months priced by each plan’s own rules — the same arithmetic as a bill.
          </p>
        </div>
        <div className="planner-card__tools">
          <button type="button" className="button button--ghost button--sm" disabled={!budget} onClick={() => downloadCsv(`${fileStem(`budget ${scenarioName}`)}.csv`, csvRows())} data-testid="budget-csv">
            <DownloadIcon />
            CSV
          </button>
          <button type="button" className="button button--ghost button--sm" disabled={!budget || xlsxBusy} onClick={() => void saveXlsx()} data-testid="budget-xlsx">
            <DownloadIcon />
            XLSX
          </button>
        </div>
      </header>
      <div className="card planner-plan-picker">
        <fieldset>
          <legend className="field__label">Plans priced</legend>
          <div className="planner-chips">
            {choices.map((c) => (
              <button key={c.key} type="button" className="planner-chip" aria-pressed={selectedKeys.includes(c.key)} onClick={() => onToggle(c.key)} data-testid="budget-plan-toggle" title={c.origin === 'saved' ? 'A plan you saved' : 'A bundled template'}>
                {c.name}
                {c.origin === 'saved' && <span className="planner-chip-tag">saved</span>}
              </button>
            ))}
          </div>
        </fieldset>
        <label className="planner-current">
          <span className="field__label">Current plan</span>
          <Select compact value={currentKey ?? ''} onChange={(e) => onCurrent(e.target.value || null)} aria-label="Current plan" data-testid="budget-current">
            <option value="">None</option>
            {selected.map((c) => (
              <option key={c.key} value={c.key}>
                {c.name}
              </option>
            ))}
          </Select>
        </label>
      </div>
      {selected.length === 0 ? (
        <section className="card empty-state">
          <h3 className="empty-state__title">Choose at least one plan</h3>
          <p className="empty-state__text">Pick the licensing plans to budget under; your saved plans and the bundled templates are listed above.</p>
        </section>
      ) : !budget ? (
        <div className="skeleton skeleton--chart" role="status" aria-busy="true" aria-label="Pricing the scenario" />
      ) : (
        <>
          <div className="tiles planner-tiles" data-count="3" aria-busy={loading}>
            <div className="tile" data-testid="tile-cheapest">
              <span className="tile__label">Cheapest for the {budget.months.length} months</span>
              <span className="tile__value tile__value--text">{budget.cheapestYear?.plan ?? '–'}</span>
              <span className="tile__caption">{budget.cheapestYear ? money(budget.cheapestYear.totalCents) : 'plans in different currencies'}</span>
            </div>
            <div className="tile" data-testid="tile-current">
              <span className="tile__label">Current plan</span>
              <span className="tile__value" data-testid="budget-current-total">{current ? money(current.totalCents, current.currency) : '–'}</span>
              <span className="tile__caption">{current ? current.name : 'choose the plan you pay today'}</span>
            </div>
            <div className="tile" data-testid="tile-saving">
              <span className="tile__label">Switching would save</span>
              <span className="tile__value">{current && budget.cheapestYear && current.currency === currency ? money(current.totalCents - budget.cheapestYear.totalCents) : '–'}</span>
              <span className="tile__caption">{current && budget.cheapestYear ? (current.name === budget.cheapestYear.plan ? 'the current plan is already the cheapest' : `with ${budget.cheapestYear.plan}`) : ''}</span>
            </div>
          </div>
          <div className="card" aria-busy={loading}>
            <div className="table-wrap">
              <table className="table table--compact budget-table" data-testid="budget-table">
                <caption className="sr-only">Bill per month under each plan; the cheapest of each month is marked</caption>
                <thead>
                  <tr>
                    <th scope="col">Month</th>
                    {budget.plans.map((p, k) => (
                      <th key={k} scope="col" className="num">
                        <span className="swatch" style={{ background: colourAt(theme, k) }} aria-hidden="true" /> {p.name}
                      </th>
                    ))}
                    <th scope="col">Cheapest</th>
                  </tr>
                </thead>
                <tbody>
                  {budget.months.map((m, i) => (
                    <tr key={m}>
                      <th scope="row">{format.monthShort(m)}</th>
                      {budget.plans.map((p, k) => {
                        const cheapest = budget.cheapestPerMonth[i]!.plan === p.name && budget.plans.length > 1;
                        return (
                          <td key={k} className={`num${cheapest ? ' budget-cheapest' : ''}`} data-testid={`budget-cell-${k}-${i}`}>
                            {money(p.monthly[i]!, p.currency)}
                          </td>
                        );
                      })}
                      <td className="muted">{budget.cheapestPerMonth[i]!.plan ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    {budget.plans.map((p, k) => (
                      <td key={k} className={`num${budget.cheapestYear?.plan === p.name && budget.plans.length > 1 ? ' budget-cheapest' : ''}`} data-testid={`budget-total-${k}`}>
                        {money(p.totalCents, p.currency)}
                      </td>
                    ))}
                    <td className="muted">{budget.cheapestYear?.plan ?? ''}</td>
                  </tr>
                  {budget.currentPlan && (
                    <tr>
                      <th scope="row">vs current</th>
                      {budget.plans.map((p, k) => (
                        <td key={k} className={`num ${p.differenceVsCurrent !== null && p.differenceVsCurrent < 0 ? 'budget-saving' : p.differenceVsCurrent ? 'budget-extra' : ''}`}>
                          {p.differenceVsCurrent === null ? '–' : p.differenceVsCurrent === 0 ? '—' : `${p.differenceVsCurrent > 0 ? '+' : '−'}${money(Math.abs(p.differenceVsCurrent), p.currency)}`}
                        </td>
                      ))}
                      <td />
                    </tr>
                  )}
                </tfoot>
              </table>
            </div>
            {[...budget.notes, ...budget.plans.flatMap((p) => p.notes.map((n) => `${p.name}: ${n}`))].map((n) => (
              <p key={n} className="hint budget-note">
                {n}
              </p>
            ))}
          </div>
          <ChartCard
            title="Cumulative cost"
            subtitle={`What each plan would have cost by the end of each month, ${budget.months[0]!.slice(0, 7)} onwards`}
            testId="budget-cumulative"
            rows={() => [['Month', ...budget.plans.map((p) => p.name)], ...budget.months.map((m, i) => [m.slice(0, 7), ...budget.plans.map((p) => major(p.cumulative[i]!, p.currency))])]}
          >
            <div role="img" aria-label={`Cumulative cost per plan; cheapest over the period: ${budget.cheapestYear?.plan ?? 'not comparable'}`}>
              <ResponsiveContainer width="100%" height={280}>
                <LineChart data={cumulative} margin={{ top: 8, right: 16, bottom: 0, left: 8 }} accessibilityLayer={false}>
                  <CartesianGrid vertical={false} stroke={AXIS[theme].grid} />
                  <XAxis dataKey="start" tickLine={false} axisLine={{ stroke: AXIS[theme].grid }} tick={{ fill: AXIS[theme].axis, fontSize: 11 }} tickFormatter={(s: string) => format.monthAxis(s)} />
                  <YAxis tickLine={false} axisLine={false} width={64} tick={{ fill: AXIS[theme].axis, fontSize: 12 }} tickFormatter={(v: number) => compact.format(v)} />
                  <Tooltip
                    isAnimationActive={false}
                    labelFormatter={(s) => format.month(String(s))}
                    contentStyle={{ background: AXIS[theme].surface, border: `1px solid ${AXIS[theme].grid}`, borderRadius: 8 }}
                    formatter={(value, name) => [money(Math.round(Number(value) * 10 ** currencyExponent(currency))), budget.plans[Number(String(name).slice(1))]?.name ?? String(name)]}
                  />
                  <Legend formatter={legendText(theme, (v) => budget.plans[Number(v.slice(1))]?.name ?? v)} wrapperStyle={{ fontSize: 12 }} />
                  {budget.plans.map((p, k) => (
                    <Line key={k} dataKey={`p${k}`} stroke={colourAt(theme, k)} strokeWidth={p.name === budget.cheapestYear?.plan ? 2.75 : 1.75} dot={false} isAnimationActive={false} />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            </div>
          </ChartCard>
        </>
      )}
    </section>
  );
}

// ------------------------------------------------------------------------------------------------
// Saved scenarios side by side

function CompareScenarios({ saved, compareIds, onToggle, plans, currentIndex, months }: { saved: SavedScenario[]; compareIds: number[]; onToggle: (id: number) => void; plans: PlanChoice[]; currentIndex: number; months: number }) {
  return (
    <section className="planner-compare" aria-labelledby="compare-title" data-testid="scenario-compare">
      <header className="planner-section-header">
        <div>
          <h2 className="planner-section-title" id="compare-title">
            Saved scenarios side by side
          </h2>
          <p className="card__subtitle">Pick up to three saved scenarios; each is forecast and priced under the plans selected above.</p>
        </div>
      </header>
      {saved.length === 0 ? (
        <section className="card empty-state">
          <h3 className="empty-state__title">No saved scenarios yet</h3>
          <p className="empty-state__text">Save the scenario you are editing, change it, and save it under another name to compare the two.</p>
        </section>
      ) : (
        <>
          <div className="planner-chips planner-compare__picker" role="group" aria-label="Scenarios to compare">
            {saved.map((s) => (
              <button key={s.id} type="button" className="planner-chip" aria-pressed={compareIds.includes(s.id)} onClick={() => onToggle(s.id)} data-testid="compare-scenario-toggle">
                {s.name}
              </button>
            ))}
          </div>
          {compareIds.length > 0 && (
            <div className="planner-compare__grid">
              {compareIds.map((id) => {
                const entry = saved.find((s) => s.id === id);
                return entry ? <ScenarioColumn key={id} entry={entry} plans={plans} currentIndex={currentIndex} months={months} /> : null;
              })}
            </div>
          )}
        </>
      )}
    </section>
  );
}

function ScenarioColumn({ entry, plans, currentIndex, months }: { entry: SavedScenario; plans: PlanChoice[]; currentIndex: number; months: number }) {
  const format = useFormatters();
  const request = plans.length > 0 ? { scenario: entry.id, months, plans: plans.map((p) => p.plan), ...(currentIndex >= 0 ? { currentPlan: currentIndex } : {}) } : null;
  const run = useEngine('budget:run', request, `${entry.id}:${entry.updated}:${months}:${plans.map((p) => p.key).join('|')}:${currentIndex}`);
  const b = run.value;
  const s = entry.scenario;
  const changes = [
    ...s.hires.map((h) => `${h.agents} hires ${h.from}–${h.to}${h.rampUpWeeks ? `, ${h.rampUpWeeks} wk ramp-up` : ''}`),
    ...s.programs.map((p) => `${p.agents} agents${p.label ? ` (${p.label})` : ''} from ${p.from}${p.to ? ` to ${p.to}` : ''}`),
    ...s.attrition.map((a) => `${a.percentPerMonth}% attrition/month from ${a.from}${a.to ? ` to ${a.to}` : ''}`),
  ];
  return (
    <article className="card compare-column" aria-busy={run.loading} data-testid="compare-column">
      <h3 className="card__title">{entry.name}</h3>
      <ul className="compare-column__changes">
        {changes.length === 0 ? <li>The forecast, unchanged</li> : changes.map((c) => <li key={c}>{c}</li>)}
        {(s.provisioning.createDaysEarly > 0 || s.provisioning.deprovisionAfterDays > 0) && (
          <li>
            Accounts {s.provisioning.createDaysEarly} days early, removed {s.provisioning.deprovisionAfterDays} days after
          </li>
        )}
      </ul>
      {run.error ? (
        <p className="callout callout--danger">{run.error}</p>
      ) : !b ? (
        <div className="skeleton skeleton--tile" />
      ) : (
        <dl className="compare-column__facts">
          <div>
            <dt>Peak active agents</dt>
            <dd>{format.integer(Math.max(...b.forecast.periods.map((p) => p.activeAgents)))}</dd>
          </div>
          <div>
            <dt>Agent-months added ({b.months.length} months)</dt>
            <dd>{format.integer(b.forecast.periods.reduce((sum, p) => sum + p.added.activeAgents, 0))}</dd>
          </div>
          {b.plans.map((p) => (
            <div key={p.name}>
              <dt>{p.name}</dt>
              <dd className={b.cheapestYear?.plan === p.name ? 'budget-cheapest' : undefined}>{formatMinor(p.totalCents, p.currency)}</dd>
            </div>
          ))}
        </dl>
      )}
    </article>
  );
}
