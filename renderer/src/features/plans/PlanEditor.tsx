/**
 * The plan editor: a form over the plan format (docs/plan-format.md) — what is counted, how it
 * is priced, and what bends the bill — with a plain-words explanation under every field and the
 * validation message next to the field it concerns. The bill for the comparison months is
 * re-priced in the window as you type, next to the form.
 */
import { useEffect, useMemo, useState } from 'react';
import { priceSeries } from '../../../../shared/pricing/engine';
import { serializePlan, type Plan } from '../../../../shared/pricing/plan';
import { downloadText, fileStem } from '../../lib/export-chart';
import { useFormatters } from '../../store/hooks';
import { usePlans } from '../../store/plans-store';
import { ConfirmDialog } from '../../ui/Dialog';
import { AlertIcon, PlusIcon, TrashIcon } from '../../ui/icons';
import { DownloadIcon, money } from './chart-kit';
import { CheckField, DraftCtx, IssueAt, MoneyField, NumberInput, OptionalSection, SelectField, TextField, useDraft, type Path } from './fields';
import { getAt, setAt } from './model';
import { REPRICE_DELAY_MS, useDebounced, type PlanPricing } from './use-plan-pricing';

const QUANTITY_KINDS = [
  ['provisioned', 'Provisioned accounts (named seats)'],
  ['activeAgents', 'Monthly active agents'],
  ['peakConcurrent', 'Peak concurrent agents'],
  ['loggedInHours', 'Logged-in hours'],
  ['agentDays', 'Agent-days (daily active, summed)'],
  ['dailyActiveMax', 'Most agents active on one day'],
  ['dailyActiveAvg', 'Average agents active per day'],
  ['fixed', 'A fixed contracted quantity'],
  ['consumption', 'Consumption (minutes, interactions, messages)'],
] as const;

const QUANTITY_HELP: Record<string, string> = {
  provisioned: 'Every account on the roster is billed, used or not — classic named seats.',
  activeAgents: 'Only agents who logged in at least once in the month (under the activity definition) are billed.',
  peakConcurrent: 'The most agents logged in at the same moment; vendors differ in how long a peak must last (the rule below).',
  loggedInHours: 'Hours agents were logged in, summed over the month — pay as you go.',
  agentDays: 'Each day an agent is active counts once: 20 agents on 22 days = 440 agent-days.',
  dailyActiveMax: 'The busiest day of the month decides the bill.',
  dailyActiveAvg: 'The average number of agents active per day (daily proration of active users).',
  fixed: 'The same number every month, whatever happens — a contracted quantity.',
  consumption: 'Usage you enter yourself (minutes, messages…), not counted from logins.',
};

const PRICE_MODELS = [
  ['per-unit', 'The same price per unit'],
  ['graduated', 'Graduated tiers (each unit at its tier’s price)'],
  ['volume', 'Volume tiers (all units at the reached tier’s price)'],
  ['package', 'Packages (blocks of units)'],
  ['stepped', 'Steps (one price per size band)'],
  ['flat', 'A flat fee (platform fee)'],
] as const;

const PRICE_HELP: Record<string, string> = {
  'per-unit': 'Quantity × price. 100 seats at 75.00 = 7,500.00.',
  graduated: 'Like tax brackets: the first units at the first tier’s price, the next ones at the next tier’s, and so on.',
  volume: 'The total decides one price for every unit: reach 101 and all 101 units get the second tier’s price.',
  package: 'Units are sold in blocks; a started block is billed whole. Free units come off first.',
  stepped: 'One price for the smallest step that covers the quantity: 9 users billed at the 10-user step.',
  flat: 'A fixed amount every period, whatever the quantity.',
};

function defaultQuantity(kind: string, previous: unknown): Record<string, unknown> {
  const keep = previous && typeof previous === 'object' ? previous as Record<string, unknown> : {};
  const common = { ...(keep.share !== undefined ? { share: keep.share } : {}), ...(keep.round !== undefined ? { round: keep.round } : {}) };
  switch (kind) {
    case 'provisioned':
      return { kind, basis: 'max', ...common };
    case 'peakConcurrent':
      return { kind, rule: 'raw', ...common };
    case 'loggedInHours':
      return { kind, rounding: 'none', ...common };
    case 'fixed':
      return { kind, value: 100, ...common };
    case 'consumption':
      return { kind, key: 'voiceMinutes', unit: 'minutes', ...common };
    default:
      return { kind, ...common };
  }
}

function defaultPrice(model: string, previous: unknown): Record<string, unknown> {
  const old = previous && typeof previous === 'object' ? previous as Record<string, unknown> : {};
  const unit = typeof old.unitPrice === 'string' ? old.unitPrice : '10.00';
  switch (model) {
    case 'graduated':
    case 'volume':
      return { model, tiers: Array.isArray(old.tiers) ? old.tiers : [{ upTo: 100, unitPrice: unit }, { upTo: null, unitPrice: unit }] };
    case 'package':
      return { model, packageSize: 10, packagePrice: '100.00', freeUnits: 0 };
    case 'stepped':
      return { model, steps: [{ upTo: 10, price: '100.00' }, { upTo: null, price: '250.00' }] };
    case 'flat':
      return { model, amount: '500.00' };
    default:
      return { model: 'per-unit', unitPrice: unit };
  }
}

function MetricFields({ path, allowActivity = true }: { path: Path; allowActivity?: boolean }) {
  const { draft, set } = useDraft();
  const metric = getAt(draft, path) as Record<string, unknown> | undefined;
  const kind = typeof metric?.kind === 'string' ? metric.kind : 'provisioned';
  return (
    <>
      <SelectField
        path={[...path, 'kind']}
        label="What is counted"
        help={QUANTITY_HELP[kind]}
        options={QUANTITY_KINDS}
        onChoose={(next) => set(path, defaultQuantity(next, metric))}
        testId="quantity-kind"
      />
      {kind === 'provisioned' && (
        <SelectField
          path={[...path, 'basis']}
          label="Which roster count"
          help="Named-seat vendors usually bill the most accounts held on any day; daily average prorates seats added mid-month."
          options={[
            ['max', 'Most on any day of the month'],
            ['end', 'At the end of the month'],
            ['start', 'At the start of the month'],
            ['daily-average', 'Daily average'],
          ]}
        />
      )}
      {kind === 'peakConcurrent' && (
        <TextField
          path={[...path, 'rule']}
          label="Concurrency rule"
          help="raw: the highest moment; cumulative:30: the level reached for 30 minutes in total (Genesys); sustained:15: held 15 minutes straight (Cisco); p95: 95th percentile."
        />
      )}
      {kind === 'loggedInHours' && (
        <TextField
          path={[...path, 'rounding']}
          label="Hours rounding"
          help="none; ceil-total: the month’s total rounded up to a whole hour; increment:15: each session rounded up to 15 minutes."
        />
      )}
      {kind === 'fixed' && <NumberInput path={[...path, 'value']} label="Contracted quantity" help="Billed every month whatever the usage." />}
      {kind === 'consumption' && (
        <>
          <TextField path={[...path, 'key']} label="Figure name" help="The name the figure is entered under, e.g. voiceMinutes." />
          <TextField path={[...path, 'unit']} label="Unit" help="What is counted: minutes, interactions, messages." />
          <ConsumptionEstimate path={[...path, 'estimate']} />
        </>
      )}
      {allowActivity && ['activeAgents', 'agentDays', 'dailyActiveMax', 'dailyActiveAvg'].includes(kind) && (
        <TextField
          path={[...path, 'activity']}
          optional
          label="Activity definition"
          placeholder="Billable (built in)"
          help="Name of a saved definition of “active” (Dashboard › counting rules); empty uses the built-in one."
        />
      )}
      <MoneyLikeShare path={[...path, 'share']} />
      <SelectField
        path={[...path, 'round']}
        label="Round the count"
        optional="No rounding"
        help="Round to a whole unit before pricing (useful with a share or with hours)."
        options={[
          ['up', 'Up'],
          ['down', 'Down'],
          ['nearest', 'To the nearest'],
        ]}
      />
    </>
  );
}

/** A consumption estimate is one figure, a rate per agent, or figures per period. */
function ConsumptionEstimate({ path }: { path: Path }) {
  const { draft, set } = useDraft();
  const estimate = getAt(draft, path);
  const perAgent = estimate !== null && typeof estimate === 'object' && 'perAgent' in estimate;
  const byPeriod = estimate !== null && typeof estimate === 'object' && 'byPeriod' in estimate;
  return (
    <>
      <div className="field">
        <span className="field__label">Estimate</span>
        <div className="segmented" role="group" aria-label="How the estimate is given">
          <button type="button" className="segmented__item" aria-pressed={!perAgent && !byPeriod} onClick={() => set(path, typeof estimate === 'number' ? estimate : undefined)}>
            A monthly figure
          </button>
          <button type="button" className="segmented__item" aria-pressed={perAgent} onClick={() => set(path, perAgent ? estimate : { perAgent: 0, agents: 'activeAgents' })}>
            Per agent
          </button>
        </div>
        <p className="field__help">Used when no figure is entered for a month.</p>
      </div>
      {perAgent ? (
        <>
          <NumberInput path={[...path, 'perAgent']} label="Units per agent and month" help="e.g. 1,100 minutes per active agent." />
          <SelectField
            path={[...path, 'agents']}
            label="Multiplied by"
            options={[
              ['activeAgents', 'Monthly active agents'],
              ['peakConcurrent', 'Peak concurrent agents'],
              ['provisioned', 'Provisioned accounts'],
              ['agentDays', 'Agent-days'],
              ['loggedInHours', 'Logged-in hours'],
              ['dailyActiveAvg', 'Average daily active agents'],
            ]}
          />
        </>
      ) : byPeriod ? (
        <p className="field__help plan-field--wide">This plan gives one figure per month; edit them in the exported JSON file (docs/plan-format.md).</p>
      ) : (
        <NumberInput path={path} label="Monthly figure" optional help="Empty: no estimate (billed as 0 unless a figure is entered)." />
      )}
    </>
  );
}

/** The share is a decimal string like prices ("0.25"), but it is not money: no currency shown. */
function MoneyLikeShare({ path }: { path: Path }) {
  return (
    <TextField
      path={path}
      optional
      label="Share of the count"
      placeholder="1 (all)"
      help="Bill only this fraction, e.g. 0.25 when a quarter of the agents hold this licence tier."
    />
  );
}

function TierRows({ path, priceKey, label }: { path: Path; priceKey: 'unitPrice' | 'price'; label: string }) {
  const { draft, set, currency } = useDraft();
  const tiers = (getAt(draft, path) as Array<Record<string, unknown>> | undefined) ?? [];
  return (
    <div className="plan-field--wide tier-rows">
      <p className="field__label">{label}</p>
      <IssueAt path={path} />
      <table className="table table--compact tier-table">
        <thead>
          <tr>
            <th scope="col">Up to (units)</th>
            <th scope="col">{priceKey === 'unitPrice' ? `Price per unit (${currency})` : `Price (${currency})`}</th>
            {priceKey === 'unitPrice' && <th scope="col">Flat fee ({currency}, optional)</th>}
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tiers.map((_, i) => (
            <tr key={i}>
              <td>
                <NumberInput path={[...path, i, 'upTo']} label={`Tier ${i + 1}: up to`} emptyIs={null} placeholder="and above" />
              </td>
              <td>
                <MoneyField path={[...path, i, priceKey]} label={`Tier ${i + 1}: price`} />
              </td>
              {priceKey === 'unitPrice' && (
                <td>
                  <MoneyField path={[...path, i, 'flatFee']} label={`Tier ${i + 1}: flat fee`} optional />
                </td>
              )}
              <td>
                <button
                  type="button"
                  className="icon-button icon-button--sm"
                  aria-label={`Remove tier ${i + 1}`}
                  disabled={tiers.length <= 1}
                  onClick={() => set(path, tiers.filter((__, j) => j !== i))}
                >
                  <TrashIcon size={14} />
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="button button--ghost button--sm"
        onClick={() => {
          // The new tier goes before the open-ended last one.
          const last = tiers.at(-1);
          const before = tiers.slice(0, -1);
          const previousUpTo = before.length ? Number(before.at(-1)!.upTo) || 0 : 0;
          const fresh = { upTo: previousUpTo + 100, [priceKey]: String(last?.[priceKey] ?? '0.00') };
          set(path, last ? [...before, fresh, last] : [{ upTo: null, [priceKey]: '0.00' }]);
        }}
      >
        <PlusIcon size={14} />
        Add a tier
      </button>
      <p className="field__help">Leave “up to” empty on the last tier: it covers everything above.</p>
    </div>
  );
}

function PriceFields({ path }: { path: Path }) {
  const { draft, set } = useDraft();
  const price = getAt(draft, path) as Record<string, unknown> | undefined;
  const model = typeof price?.model === 'string' ? price.model : 'per-unit';
  return (
    <>
      <SelectField path={[...path, 'model']} label="Price structure" help={PRICE_HELP[model]} options={PRICE_MODELS} onChoose={(next) => set(path, defaultPrice(next, price))} testId="price-model" />
      {model === 'per-unit' && <MoneyField path={[...path, 'unitPrice']} label="Price per unit" help="Written exactly, e.g. 75.00 or 0.0175 for per-minute rates." testId="unit-price" />}
      {(model === 'graduated' || model === 'volume') && (
        <>
          <TierRows path={[...path, 'tiers']} priceKey="unitPrice" label="Tiers" />
          <NumberInput path={[...path, 'blockSize']} optional label="Price in blocks of" unit="units" help="Optional: a started block counts whole (e.g. blocks of 10 seats)." />
        </>
      )}
      {model === 'package' && (
        <>
          <NumberInput path={[...path, 'packageSize']} label="Units per package" />
          <MoneyField path={[...path, 'packagePrice']} label="Price per package" />
          <NumberInput path={[...path, 'freeUnits']} label="Free units" help="Units included before the first package." />
        </>
      )}
      {model === 'stepped' && <TierRows path={[...path, 'steps']} priceKey="price" label="Steps" />}
      {model === 'flat' && <MoneyField path={[...path, 'amount']} label="Fee" help="Charged every period, whatever the quantity." />}
    </>
  );
}

function ChargeEditor({ index, count, onRemove }: { index: number; count: number; onRemove: () => void }) {
  const { draft, set } = useDraft();
  const path: Path = ['charges', index];
  const chargeIds = ((getAt(draft, ['charges']) as Array<{ id?: string }> | undefined) ?? []).map((c) => c.id).filter((id): id is string => Boolean(id));
  const label = String(getAt(draft, [...path, 'label']) ?? `Charge ${index + 1}`);
  return (
    <section className="card plan-card" aria-labelledby={`charge-${index}-title`} data-testid="charge-editor">
      <header className="plan-card__head">
        <h3 className="plan-card__title" id={`charge-${index}-title`}>
          {label || `Charge ${index + 1}`}
        </h3>
        <button type="button" className="button button--ghost button--sm button--danger-text" onClick={onRemove} disabled={count <= 1} aria-label={`Remove charge: ${label}`}>
          <TrashIcon size={14} />
          Remove charge
        </button>
      </header>
      <IssueAt path={path} />
      <div className="plan-grid">
        <TextField path={[...path, 'label']} label="Name on the bill" help="How this line appears in the bill, e.g. “Named seats”." />
        <TextField path={[...path, 'id']} label="Short id" help="Lowercase letters, digits and dashes; credits and pooled allowances refer to it." />
        <TextField path={[...path, 'unitName']} optional label="Unit word" placeholder="seats" help="Used in explanations: “138 peak seats × $75.00”." />
      </div>
      <h4 className="plan-subhead">What is billed</h4>
      <div className="plan-grid">
        <MetricFields path={[...path, 'quantity']} />
      </div>
      <h4 className="plan-subhead">How it is priced</h4>
      <div className="plan-grid">
        <PriceFields path={[...path, 'price']} />
        <SelectField
          path={[...path, 'pricePer']}
          optional="Automatic (per month for seats, per unit for usage)"
          label="Price applies"
          help="Whether the price is per unit per month, per year (a month counts 1/12), per day, per billing period, or once per unit."
          options={[
            ['month', 'Per unit per month'],
            ['year', 'Per unit per year'],
            ['day', 'Per unit per day'],
            ['period', 'Per unit per billing period'],
            ['unit', 'Per unit, once'],
          ]}
        />
        <SelectField
          path={[...path, 'timing']}
          optional="Automatic (advance for seats, arrears for usage)"
          label="Invoiced"
          help="Advance: at the start of the period; arrears: after it, once usage is known."
          options={[
            ['advance', 'In advance'],
            ['arrears', 'In arrears'],
          ]}
        />
      </div>
      <h4 className="plan-subhead">What bends the bill</h4>
      <div className="plan-grid">
        <NumberInput path={[...path, 'minimumQuantity']} optional label="Floor: bill at least" unit="units" help="A minimum quantity, e.g. 100 seats even when fewer are used." testId="minimum-quantity" />
        <NumberInput path={[...path, 'maximumQuantity']} optional label="Cap: bill at most" unit="units" help="A licence cap on the quantity billed." />
      </div>
      <OptionalSection
        path={[...path, 'commitment']}
        title="Commitment with overage"
        help="You prepay a committed quantity whatever the usage; units above it are billed as overage, usually in arrears and often at a higher rate."
        initial={() => ({ quantity: 100, reconcile: 'monthly', ratchet: false })}
      >
        <NumberInput path={[...path, 'commitment', 'quantity']} label="Committed units" help="Billed every period even if fewer are used." />
        <MoneyField path={[...path, 'commitment', 'overageUnitPrice']} optional label="Overage price per unit" help="Empty: the same per-unit price." />
        <SelectField
          path={[...path, 'commitment', 'reconcile']}
          label="True-up cadence"
          help="Monthly: overage billed each month. Quarterly: the quarter’s high-water mark is billed for the rest of the term. Annual: the year’s peak above the commitment at the full annual fee."
          options={[
            ['monthly', 'Monthly'],
            ['quarterly', 'Quarterly reconciliation'],
            ['annual', 'Annual true-up'],
          ]}
        />
        <SelectField
          path={[...path, 'commitment', 'trueUpCharge']}
          optional="Default for the cadence"
          label="A true-up charges"
          help="Per added unit: only the remaining months of the term, or the full term."
          options={[
            ['remaining-term', 'The remaining term'],
            ['full-term', 'The full term'],
          ]}
        />
        <CheckField path={[...path, 'commitment', 'ratchet']} label="High-water ratchet" help="The highest quantity billed becomes the new commitment for later periods." />
      </OptionalSection>
      <OptionalSection
        path={[...path, 'included']}
        title="Included allowance"
        help="Units included before billing starts — fair-use hours, or minutes pooled per seat of another charge."
        initial={() => ({ units: 0, per: 'month' })}
      >
        <NumberInput path={[...path, 'included', 'units']} label="Units included" help="In total, or per unit of the charge chosen below." />
        <SelectField
          path={[...path, 'included', 'perUnitOf', 'charge']}
          optional="In total (not pooled)"
          label="Pooled per unit of"
          help="E.g. 4,000 minutes per concurrent seat: choose the seat charge."
          options={chargeIds.filter((id) => id !== getAt(draft, [...path, 'id'])).map((id) => [id, id] as const)}
          onChoose={(id) => set([...path, 'included', 'perUnitOf'], id ? { charge: id } : undefined)}
        />
        <SelectField
          path={[...path, 'included', 'per']}
          label="Allowance grows"
          help="Per month (a quarter holds three months’ allowance) or once per billing period."
          options={[
            ['month', 'Per month'],
            ['period', 'Per billing period'],
            ['year', 'Per year'],
            ['day', 'Per day'],
          ]}
        />
      </OptionalSection>
      <OptionalSection
        path={[...path, 'proration']}
        title="Daily proration"
        help="Seats added mid-month cost only the remaining days; removed seats may be credited. Needs the roster at month start and a per-unit price."
        initial={() => ({ additions: 'daily', removals: 'none' })}
      >
        <SelectField
          path={[...path, 'proration', 'additions']}
          label="Seats added mid-month"
          options={[
            ['daily', 'Cost the remaining days'],
            ['none', 'Cost the whole month'],
          ]}
        />
        <SelectField
          path={[...path, 'proration', 'removals']}
          label="Seats removed mid-month"
          options={[
            ['none', 'Count until the month ends'],
            ['credit-daily', 'Credited for the remaining days'],
          ]}
        />
        <NumberInput path={[...path, 'proration', 'dayCount']} optional label="Days in a month" help="Empty: the real number of days. Some vendors count every month as 30." />
      </OptionalSection>
      <OptionalSection
        path={[...path, 'cap']}
        title="Spend cap"
        help="The charge never exceeds the smaller of an amount per unit of a count (e.g. $50 per active user) and a total per period."
        initial={() => ({ total: '1000.00', per: 'month' })}
      >
        <MoneyField path={[...path, 'cap', 'total']} optional label="At most in total" />
        <SelectField
          path={[...path, 'cap', 'per']}
          label="Cap applies"
          options={[
            ['month', 'Per month'],
            ['period', 'Per billing period'],
            ['year', 'Per year'],
          ]}
        />
        <PerUnitCap path={[...path, 'cap', 'perUnit']} />
      </OptionalSection>
    </section>
  );
}

function PerUnitCap({ path }: { path: Path }) {
  const { draft, set } = useDraft();
  const on = getAt(draft, path) !== undefined;
  return (
    <div className="plan-field--wide">
      <label className="plan-check__label">
        <input type="checkbox" checked={on} onChange={(e) => set(path, e.target.checked ? { amount: '50.00', of: { kind: 'activeAgents' } } : undefined)} />
        Also cap per unit of a count
      </label>
      {on && (
        <div className="plan-grid">
          <MoneyField path={[...path, 'amount']} label="At most per unit" />
          <MetricFields path={[...path, 'of']} allowActivity={false} />
        </div>
      )}
    </div>
  );
}

/** Which charges a credit can pay for; none ticked means all of them. */
function AppliesTo({ path }: { path: Path }) {
  const { draft, set } = useDraft();
  const ids = ((getAt(draft, ['charges']) as Array<{ id?: string }> | undefined) ?? []).map((c) => c.id).filter((id): id is string => Boolean(id));
  const chosen = (getAt(draft, path) as string[] | undefined) ?? [];
  return (
    <fieldset className="field plan-field--wide">
      <legend className="field__label">Pays for</legend>
      <IssueAt path={path} />
      <div className="chips-row">
        {ids.map((id) => (
          <label key={id} className="plan-check__label">
            <input
              type="checkbox"
              checked={chosen.includes(id)}
              onChange={(e) => {
                const next = e.target.checked ? [...chosen, id] : chosen.filter((c) => c !== id);
                set(path, next.length ? next : undefined);
              }}
            />
            {id}
          </label>
        ))}
      </div>
      <p className="field__help">Tick the charges this credit can pay for; none ticked: every charge.</p>
    </fieldset>
  );
}

function CreditEditor({ index, onRemove }: { index: number; onRemove: () => void }) {
  const path: Path = ['credits', index];
  return (
    <section className="card plan-card" aria-label={`Credit ${index + 1}`} data-testid="credit-editor">
      <header className="plan-card__head">
        <h3 className="plan-card__title">Credit ladder {index + 1}</h3>
        <button type="button" className="button button--ghost button--sm button--danger-text" onClick={onRemove}>
          <TrashIcon size={14} />
          Remove credit
        </button>
      </header>
      <IssueAt path={path} />
      <div className="plan-grid">
        <TextField path={[...path, 'label']} label="Name on the bill" />
        <TextField path={[...path, 'id']} label="Short id" />
        <SelectField
          path={[...path, 'per']}
          label="Credit given"
          options={[
            ['month', 'Per month'],
            ['period', 'Per billing period'],
          ]}
        />
        <MetricFields path={[...path, 'quantity']} />
        <AppliesTo path={[...path, 'appliesTo']} />
        <TierRows path={[...path, 'ladder']} priceKey="unitPrice" label="Credit per unit, by tier" />
      </div>
    </section>
  );
}

function DraftPreview({ plan, pricing, savedPlan }: { plan: Plan | null; pricing: PlanPricing; savedPlan: Plan | null }) {
  const format = useFormatters();
  const periods = pricing.periods;
  const consumption = pricing.consumption;
  const priced = useMemo(() => (plan && periods.length ? priceSeries(plan, periods, consumption) : null), [plan, periods, consumption]);
  const before = useMemo(() => (savedPlan && periods.length ? priceSeries(savedPlan, periods, consumption) : null), [savedPlan, periods, consumption]);
  const range = pricing.range;
  return (
    <aside className="card plan-preview" aria-labelledby="preview-title" data-testid="draft-preview">
      <h2 className="card__title" id="preview-title">
        Bill on your history
      </h2>
      <p className="card__subtitle">
        {range ? format.monthRange(`${range.from}-01`, `${range.to}-01`) : 'No months with data'} · updates as you type
      </p>
      {!plan ? (
        <p className="plan-preview__invalid" role="status">
          <AlertIcon size={16} /> Fix the marked fields to see the bill.
        </p>
      ) : !priced ? (
        <p className="field__help" role="status">
          {pricing.loading ? 'Counting…' : 'No months with data to price yet.'}
        </p>
      ) : (
        <>
          <p className="plan-preview__total" aria-live="polite">
            <span data-testid="draft-total">{money(priced.totalCents, plan.currency)}</span>
            {before && before.totalCents !== priced.totalCents && (
              <span className={`plan-preview__delta ${priced.totalCents < before.totalCents ? 'delta-good' : 'delta-bad'}`} data-testid="draft-delta">
                {priced.totalCents < before.totalCents ? '−' : '+'}
                {money(Math.abs(priced.totalCents - before.totalCents), plan.currency)} vs saved
              </span>
            )}
          </p>
          <table className="table table--compact plan-preview__months">
            <caption className="sr-only">Bill per month for this plan</caption>
            <tbody>
              {priced.periods.map((period) => (
                <tr key={period.start}>
                  <th scope="row">{format.monthShort(period.start)}</th>
                  <td className="num">{money(period.totalCents, plan.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {priced.notes.length > 0 && (
            <ul className="bill__notes">
              {priced.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </aside>
  );
}

export function PlanEditor({ pricing }: { pricing: PlanPricing }) {
  const draft = usePlans((s) => s.draft)!;
  const setDraft = usePlans((s) => s.setDraft);
  const saveDraft = usePlans((s) => s.saveDraft);
  const closeDraft = usePlans((s) => s.closeDraft);
  const saving = usePlans((s) => s.saving);
  const saved = usePlans((s) => s.saved);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const check = pricing.draftCheck;
  // The bill follows the typing after a short pause; field messages follow every keystroke.
  const previewPlan = useDebounced(check?.plan ?? null, REPRICE_DELAY_MS);
  const issues = useMemo(() => new Map((check?.issues ?? []).map((issue) => [issue.path, issue.message] as const)), [check]);
  const value = draft.value as Record<string, unknown>;
  const currency = typeof value.currency === 'string' && /^[A-Z]{3}$/.test(value.currency) ? value.currency : 'USD';
  const savedPlan = draft.id !== null ? saved.find((p) => p.id === draft.id)?.plan ?? null : null;
  const charges = (value.charges as unknown[] | undefined) ?? [];
  const credits = (value.credits as unknown[] | undefined) ?? [];
  const ctx = useMemo(
    () => ({ draft: draft.value, set: (path: Path, next: unknown) => setDraft(setAt(draft.value, path, next)), issues, currency }),
    [draft.value, setDraft, issues, currency],
  );

  // Ctrl/Cmd+S saves, as in any editor.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void saveDraft();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [saveDraft]);

  const leave = () => (draft.dirty ? setConfirmLeave(true) : closeDraft());
  const name = typeof value.name === 'string' && value.name ? value.name : 'Untitled plan';

  return (
    <DraftCtx.Provider value={ctx}>
      <div className="plan-editor" data-testid="plan-editor">
        <div className="form-bar plan-editor__bar">
          <div className="form-bar__status">
            <strong>{name}</strong>
            <span className="field__help">
              {draft.origin}
              {draft.dirty ? ' · unsaved changes' : ''}
            </span>
          </div>
          <div className="form-bar__actions">
            <button type="button" className="button button--ghost" onClick={leave} data-testid="editor-close">
              {draft.dirty ? 'Discard' : 'Close'}
            </button>
            <button
              type="button"
              className="button button--ghost"
              disabled={!check?.plan}
              onClick={() => check?.plan && downloadText(`${fileStem(check.plan.name)}.json`, serializePlan(check.plan))}
              title="Download this plan as a JSON file to share"
            >
              <DownloadIcon />
              Export JSON
            </button>
            <button
              type="button"
              className="button button--primary"
              onClick={() => void saveDraft()}
              disabled={saving || !check?.plan || (!draft.dirty && draft.id !== null)}
              data-testid="editor-save"
            >
              {saving ? 'Saving…' : 'Save plan'}
            </button>
          </div>
        </div>
        {check && check.issues.length > 0 && (
          <div className="callout callout--danger plan-editor__issues" role="status" data-testid="editor-issues">
            <strong>
              {check.issues.length} {check.issues.length === 1 ? 'thing needs' : 'things need'} fixing before this plan can be saved:
            </strong>
            <ul>
              {check.issues.slice(0, 6).map((issue) => (
                <li key={`${issue.path}:${issue.message}`}>
                  <code>{issue.path}</code> {issue.message}
                </li>
              ))}
              {check.issues.length > 6 && <li>and {check.issues.length - 6} more, marked below</li>}
            </ul>
          </div>
        )}
        <div className="plan-editor__layout">
          <form className="plan-editor__form" onSubmit={(e) => { e.preventDefault(); void saveDraft(); }} aria-label={`Edit ${name}`}>
            <section className="card plan-card" aria-labelledby="basics-title">
              <h2 className="plan-card__title" id="basics-title">
                About this plan
              </h2>
              <div className="plan-grid">
                <TextField path={['name']} label="Plan name" help="Shown in the comparison and the CLI output." testId="plan-name" />
                <TextField path={['currency']} label="Currency" help="Three-letter ISO code (USD, EUR, GBP); amounts are rounded the way this currency is." />
                <TextField path={['description']} label="Description" multiline wide help="In your words: who is billed and when." />
                <TextField path={['source', 'citation']} label="Source" wide help="Where the rule and prices come from: a quote, a contract clause, a vendor page." />
                <CheckField path={['illustrative']} label="Prices are illustrative" help="Tick while the prices are examples to replace with your quote." />
              </div>
            </section>
            <section className="card plan-card" aria-labelledby="billing-title">
              <h2 className="plan-card__title" id="billing-title">
                Billing
              </h2>
              <div className="plan-grid">
                <SelectField
                  path={['billing', 'frequency']}
                  label="Billing frequency"
                  help="Annual: amounts billed in advance are invoiced for the whole term in its first month; usage stays monthly."
                  options={[
                    ['monthly', 'Monthly'],
                    ['annual', 'Annual (prepaid)'],
                  ]}
                />
                <NumberInput path={['billing', 'termMonths']} label="Term" unit="months" help="Contract length; true-ups and ramps count within it." />
                <TextField path={['billing', 'termStart']} optional label="Term starts" placeholder="YYYY-MM-DD" help="Empty: the first month compared." />
              </div>
              <OptionalSection
                path={['minimumSpend']}
                title="Minimum spend"
                help="If the month’s charges come to less, a true-up line makes up the difference."
                initial={() => ({ amount: '1000.00', per: 'month' })}
              >
                <MoneyField path={['minimumSpend', 'amount']} label="At least" />
                <SelectField
                  path={['minimumSpend', 'per']}
                  label="Per"
                  options={[
                    ['month', 'Month'],
                    ['period', 'Billing period'],
                    ['year', 'Year'],
                  ]}
                />
              </OptionalSection>
              <OptionalSection path={['ramp']} title="Ramp months" help="The first months of the term carry no fee while you migrate (a Genesys ramp period)." initial={() => ({ months: 2 })}>
                <NumberInput path={['ramp', 'months']} label="Months without a fee" />
              </OptionalSection>
            </section>
            <h2 className="plan-editor__heading">Charges</h2>
            <p className="field__help plan-editor__lead">Each charge bills one count at one price; a plan may add several (seats plus a platform fee plus minutes).</p>
            {charges.map((_, i) => (
              <ChargeEditor key={i} index={i} count={charges.length} onRemove={() => ctx.set(['charges'], charges.filter((__, j) => j !== i))} />
            ))}
            <button
              type="button"
              className="button button--ghost"
              onClick={() =>
                ctx.set(['charges'], [
                  ...charges,
                  { id: `charge-${charges.length + 1}`, label: 'Platform fee', quantity: { kind: 'fixed', value: 1 }, price: { model: 'flat', amount: '0.00' } },
                ])
              }
              data-testid="add-charge"
            >
              <PlusIcon size={14} />
              Add a charge
            </button>
            <h2 className="plan-editor__heading">Credits</h2>
            <p className="field__help plan-editor__lead">
              A free allowance ladder: e.g. 5.00 per user for the first 10 users, 2.00 for the next 40, 1.00 for the next 50. Unused credit expires at period end.
            </p>
            {credits.map((_, i) => (
              <CreditEditor key={i} index={i} onRemove={() => ctx.set(['credits'], credits.filter((__, j) => j !== i))} />
            ))}
            <button
              type="button"
              className="button button--ghost"
              onClick={() =>
                ctx.set(['credits'], [
                  ...credits,
                  {
                    id: `credit-${credits.length + 1}`,
                    label: 'Free allowance',
                    quantity: { kind: 'activeAgents' },
                    ladder: [{ upTo: 10, unitPrice: '5.00' }, { upTo: 50, unitPrice: '2.00' }, { upTo: 100, unitPrice: '1.00' }, { upTo: null, unitPrice: '0' }],
                    per: 'month',
                  },
                ])
              }
            >
              <PlusIcon size={14} />
              Add a credit ladder
            </button>
            <section className="card plan-card" aria-labelledby="notes-title">
              <h2 className="plan-card__title" id="notes-title">
                Notes
              </h2>
              <TextField path={['notes']} optional multiline label="Notes" help="Anything else worth knowing about this contract." />
            </section>
          </form>
          <DraftPreview plan={previewPlan} pricing={pricing} savedPlan={savedPlan} />
        </div>
      </div>
      {confirmLeave && (
        <ConfirmDialog
          title="Discard your changes?"
          message={`The changes to “${name}” have not been saved.`}
          confirmLabel="Discard changes"
          danger
          onConfirm={() => {
            setConfirmLeave(false);
            closeDraft();
          }}
          onCancel={() => setConfirmLeave(false)}
        />
      )}
    </DraftCtx.Provider>
  );
}
