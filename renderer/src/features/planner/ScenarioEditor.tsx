/**
 * The what-if editor: rows of seasonal hires, attrition and new programs, and the provisioning
 * policy. Every field is a labelled native input (keyboard and screen readers for free); a
 * problem is shown under its row with the schema's message.
 */
import type { ScenarioInput } from '../../../../shared/forecast/scenario';
import { PlusIcon, TrashIcon } from '../../ui/icons';
import { Select } from '../../ui/Select';
import { monthOffset, type AttritionDraft, type HireDraft, type ProgramDraft } from './scenario-draft';

type Props = {
  draft: ScenarioInput;
  onChange: (next: ScenarioInput) => void;
  issues: Array<{ path: string; message: string }>;
  /** First forecast month (YYYY-MM-DD), for sensible defaults of new rows. */
  firstMonth: string | null;
  season: { from: string; to: string } | null;
};

const num = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

function NumberInput({ label, value, onChange, step = 1, min, max, testId, suffix }: { label: string; value: number | undefined; onChange: (n: number) => void; step?: number; min: number; max: number; testId?: string; suffix?: string }) {
  return (
    <label className="scenario-field">
      <span className="scenario-field__label">{label}</span>
      <span className="scenario-field__control">
        <input
          className="input input--number"
          type="number"
          inputMode="decimal"
          step={step}
          min={min}
          max={max}
          value={value === undefined || Number.isNaN(value) ? '' : value}
          onChange={(e) => onChange(num(e.target.value))}
          data-testid={testId}
        />
        {suffix && <span className="scenario-field__suffix">{suffix}</span>}
      </span>
    </label>
  );
}

function MonthInput({ label, value, onChange, testId, optional }: { label: string; value: string | undefined; onChange: (v: string | undefined) => void; testId?: string; optional?: boolean }) {
  return (
    <label className="scenario-field">
      <span className="scenario-field__label">
        {label}
        {optional && <span className="scenario-field__optional"> (optional)</span>}
      </span>
      <input
        className="input scenario-month"
        type="month"
        value={value && value.length === 7 ? value : ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        data-testid={testId}
      />
    </label>
  );
}

function RowIssues({ issues, prefix }: { issues: Props['issues']; prefix: string }) {
  const mine = issues.filter((i) => i.path === prefix || i.path.startsWith(`${prefix}.`));
  if (mine.length === 0) return null;
  return (
    <p className="field__error" role="alert">
      {mine.map((i) => `${i.path.slice(prefix.length + 1) || 'row'}: ${i.message}`).join('; ')}
    </p>
  );
}

export function ScenarioEditor({ draft, onChange, issues, firstMonth, season }: Props) {
  const hires = draft.hires ?? [];
  const attrition = draft.attrition ?? [];
  const programs = draft.programs ?? [];
  const provisioning = draft.provisioning ?? { createDaysEarly: 0, deprovisionAfterDays: 0 };
  const start = firstMonth ?? '2026-01-01';
  const setHire = (i: number, patch: Partial<HireDraft>) => onChange({ ...draft, hires: hires.map((h, k) => (k === i ? { ...h, ...patch } : h)) });
  const setAttrition = (i: number, patch: Partial<AttritionDraft>) => onChange({ ...draft, attrition: attrition.map((a, k) => (k === i ? { ...a, ...patch } : a)) });
  const setProgram = (i: number, patch: Partial<ProgramDraft>) => onChange({ ...draft, programs: programs.map((p, k) => (k === i ? { ...p, ...patch } : p)) });
  const nameIssue = issues.find((i) => i.path === 'name');

  return (
    <aside className="card scenario-editor" aria-labelledby="scenario-editor-title" data-testid="scenario-editor">
      <h2 className="card__title" id="scenario-editor-title">
        What-if scenario
      </h2>
      <label className="scenario-field scenario-field--wide">
        <span className="scenario-field__label">Name</span>
        <input className="input" value={draft.name} onChange={(e) => onChange({ ...draft, name: e.target.value })} aria-invalid={nameIssue ? true : undefined} data-testid="scenario-name" />
        {nameIssue && <span className="field__error">{nameIssue.message}</span>}
      </label>
      <label className="scenario-field scenario-field--wide">
        <span className="scenario-field__label">Forecast model</span>
        <Select value={draft.model ?? 'auto'} onChange={(e) => onChange({ ...draft, model: e.target.value as ScenarioInput['model'] })} data-testid="scenario-model">
          <option value="auto">Best by backtest (recommended)</option>
          <option value="seasonal-naive">Seasonal naive</option>
          <option value="holt-winters-additive">Holt-Winters, additive</option>
          <option value="holt-winters-multiplicative">Holt-Winters, multiplicative</option>
        </Select>
      </label>

      <fieldset className="scenario-group">
        <legend>Seasonal hires</legend>
        {hires.length === 0 && <p className="hint">Temporary agents for a season: how many, which months, and how much they work.</p>}
        {hires.map((h, i) => (
          <div key={i} className="scenario-row" data-testid="hire-row">
            <div className="scenario-row__grid">
              <NumberInput label="Agents" value={h.agents} min={1} max={100000} onChange={(agents) => setHire(i, { agents })} testId="hire-agents" />
              <MonthInput label="From" value={h.from} onChange={(from) => setHire(i, { from: from ?? '' })} testId="hire-from" />
              <MonthInput label="To" value={h.to} onChange={(to) => setHire(i, { to: to ?? '' })} testId="hire-to" />
              <NumberInput label="Days/week" value={h.daysPerWeek ?? 5} min={1} max={7} onChange={(daysPerWeek) => setHire(i, { daysPerWeek })} />
              <NumberInput label="Hours/day" value={h.hoursPerDay ?? 8} min={0.25} max={24} step={0.5} onChange={(hoursPerDay) => setHire(i, { hoursPerDay })} />
              <NumberInput label="Ramp-up" value={h.rampUpWeeks ?? 0} min={0} max={26} onChange={(rampUpWeeks) => setHire(i, { rampUpWeeks })} suffix="wk" />
            </div>
            <button type="button" className="button button--ghost button--sm scenario-row__remove" onClick={() => onChange({ ...draft, hires: hires.filter((_, k) => k !== i) })} aria-label={`Remove seasonal hires row ${i + 1}`}>
              <TrashIcon size={14} />
            </button>
            <RowIssues issues={issues} prefix={`hires.${i}`} />
          </div>
        ))}
        <button
          type="button"
          className="button button--sm"
          onClick={() => onChange({ ...draft, hires: [...hires, { agents: 60, from: season?.from ?? monthOffset(start, 1), to: season?.to ?? monthOffset(start, 3), daysPerWeek: 5, hoursPerDay: 8, rampUpWeeks: 0 }] })}
          data-testid="add-hires"
        >
          <PlusIcon size={14} />
          Add seasonal hires
        </button>
      </fieldset>

      <fieldset className="scenario-group">
        <legend>Attrition</legend>
        {attrition.length === 0 && <p className="hint">Staff lost each month and not replaced, on top of the forecast.</p>}
        {attrition.map((a, i) => (
          <div key={i} className="scenario-row" data-testid="attrition-row">
            <div className="scenario-row__grid">
              <NumberInput label="Per month" value={a.percentPerMonth} min={0} max={50} step={0.5} onChange={(percentPerMonth) => setAttrition(i, { percentPerMonth })} suffix="%" testId="attrition-percent" />
              <MonthInput label="From" value={a.from} onChange={(from) => setAttrition(i, { from: from ?? '' })} />
              <MonthInput label="To" value={a.to} optional onChange={(to) => setAttrition(i, to === undefined ? { to: undefined } : { to })} />
            </div>
            <button type="button" className="button button--ghost button--sm scenario-row__remove" onClick={() => onChange({ ...draft, attrition: attrition.filter((_, k) => k !== i) })} aria-label={`Remove attrition row ${i + 1}`}>
              <TrashIcon size={14} />
            </button>
            <RowIssues issues={issues} prefix={`attrition.${i}`} />
          </div>
        ))}
        <button type="button" className="button button--sm" onClick={() => onChange({ ...draft, attrition: [...attrition, { percentPerMonth: 2, from: monthOffset(start, 0) }] })} data-testid="add-attrition">
          <PlusIcon size={14} />
          Add attrition
        </button>
      </fieldset>

      <fieldset className="scenario-group">
        <legend>New program or site</legend>
        {programs.length === 0 && <p className="hint">A new line of business: agents from a month on, open-ended or until a month.</p>}
        {programs.map((p, i) => (
          <div key={i} className="scenario-row" data-testid="program-row">
            <div className="scenario-row__grid">
              <label className="scenario-field scenario-field--span2">
                <span className="scenario-field__label">Name</span>
                <input className="input" value={p.label ?? ''} onChange={(e) => setProgram(i, { label: e.target.value || undefined })} placeholder="e.g. Medicaid line" />
              </label>
              <NumberInput label="Agents" value={p.agents} min={1} max={100000} onChange={(agents) => setProgram(i, { agents })} />
              <MonthInput label="From" value={p.from} onChange={(from) => setProgram(i, { from: from ?? '' })} />
              <MonthInput label="To" value={p.to} optional onChange={(to) => setProgram(i, to === undefined ? { to: undefined } : { to })} />
              <NumberInput label="Days/week" value={p.daysPerWeek ?? 5} min={1} max={7} onChange={(daysPerWeek) => setProgram(i, { daysPerWeek })} />
            </div>
            <button type="button" className="button button--ghost button--sm scenario-row__remove" onClick={() => onChange({ ...draft, programs: programs.filter((_, k) => k !== i) })} aria-label={`Remove program row ${i + 1}`}>
              <TrashIcon size={14} />
            </button>
            <RowIssues issues={issues} prefix={`programs.${i}`} />
          </div>
        ))}
        <button type="button" className="button button--sm" onClick={() => onChange({ ...draft, programs: [...programs, { agents: 25, from: monthOffset(start, 6), daysPerWeek: 5, hoursPerDay: 8 }] })} data-testid="add-program">
          <PlusIcon size={14} />
          Add program or site
        </button>
      </fieldset>

      <fieldset className="scenario-group">
        <legend>Provisioning policy</legend>
        <p className="hint">For the agents added above: when their accounts exist, which is what named-seat plans bill.</p>
        <div className="scenario-row__grid scenario-row__grid--two">
          <NumberInput label="Create accounts" value={provisioning.createDaysEarly ?? 0} min={0} max={180} onChange={(createDaysEarly) => onChange({ ...draft, provisioning: { ...provisioning, createDaysEarly } })} suffix="days early" testId="policy-early" />
          <NumberInput label="Remove accounts" value={provisioning.deprovisionAfterDays ?? 0} min={0} max={365} onChange={(deprovisionAfterDays) => onChange({ ...draft, provisioning: { ...provisioning, deprovisionAfterDays } })} suffix="days after" testId="policy-after" />
        </div>
        <RowIssues issues={issues} prefix="provisioning" />
      </fieldset>
    </aside>
  );
}
