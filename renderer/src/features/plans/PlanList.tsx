/**
 * Saved plans: what each bills and at what price in one line, the "current" mark, and the
 * actions on each (edit, mark current, export, delete with undo). Also the template gallery
 * and JSON import.
 */
import { useRef, useState } from 'react';
import type { SavedPlan } from '../../../../shared/contract';
import { pricePerOf, type Plan } from '../../../../shared/pricing/plan';
import { downloadText } from '../../lib/export-chart';
import { useData } from '../../store/data-store';
import { useFormatters } from '../../store/hooks';
import { usePlans, type PlanTemplate } from '../../store/plans-store';
import { Dialog } from '../../ui/Dialog';
import { CheckCircleIcon, PencilIcon, PlusIcon, SparkIcon, TrashIcon } from '../../ui/icons';
import { DownloadIcon, money, UploadIcon } from './chart-kit';
import type { PlanPricing } from './use-plan-pricing';

const KIND_WORDS: Record<string, string> = {
  provisioned: 'provisioned seats',
  activeAgents: 'monthly active agents',
  peakConcurrent: 'peak concurrent agents',
  loggedInHours: 'logged-in hours',
  agentDays: 'agent-days',
  dailyActiveMax: 'busiest-day agents',
  dailyActiveAvg: 'average daily agents',
  fixed: 'a fixed quantity',
  consumption: 'consumption',
};

/** "Bills peak concurrent agents (cumulative:30) at $150.00 per unit + 2 more charges". */
export function planSummary(plan: Plan): string {
  const [first, ...rest] = plan.charges;
  if (!first) return 'No charges';
  const q = first.quantity;
  const rule = q.kind === 'peakConcurrent' && q.rule !== 'raw' ? ` (${q.rule})` : q.kind === 'provisioned' ? ` (${q.basis})` : '';
  const per = pricePerOf(first);
  const cadence = per === 'unit' ? ' each' : per === 'period' ? ' each per billing period' : ` each per ${per}`;
  const price =
    first.price.model === 'per-unit'
      ? ` at ${plan.currency} ${first.price.unitPrice}${cadence}`
      : first.price.model === 'flat'
        ? ` as a flat ${plan.currency} ${first.price.amount}`
        : ` on ${first.price.model} prices`;
  const more = rest.length ? ` + ${rest.length} more ${rest.length === 1 ? 'charge' : 'charges'}` : '';
  const modifiers = [
    plan.charges.some((c) => c.commitment) && 'commitment',
    plan.charges.some((c) => c.minimumQuantity !== undefined) && 'floor',
    plan.charges.some((c) => c.cap) && 'cap',
    plan.credits.length > 0 && 'credits',
    plan.minimumSpend && 'minimum spend',
    plan.ramp && 'ramp',
    plan.billing.frequency === 'annual' && 'annual billing',
  ].filter(Boolean);
  return `Bills ${KIND_WORDS[q.kind] ?? q.kind}${rule}${price}${more}${modifiers.length ? ` · ${modifiers.join(', ')}` : ''}`;
}

export function TemplateDialog({ onClose }: { onClose: () => void }) {
  const templates = usePlans((s) => s.templates);
  const newFromTemplate = usePlans((s) => s.newFromTemplate);
  const newBlank = usePlans((s) => s.newBlank);
  const currency = useData((s) => s.prefs?.currency ?? 'USD');
  const choose = (template: PlanTemplate) => {
    newFromTemplate(template.file);
    onClose();
  };
  return (
    <Dialog
      title="New plan"
      description="Start from a vendor-style template and put in your own prices, or from scratch. Template prices are illustrative: replace them with your quote."
      onClose={onClose}
      size="lg"
      testId="template-dialog"
    >
      <ul className="template-list">
        {templates.map((template) => (
          <li key={template.file}>
            <button type="button" className="template" onClick={() => choose(template)} data-testid="template" data-file={template.file}>
              <span className="template__head">
                <span className="template__name">{template.plan.name}</span>
                {template.plan.illustrative && <span className="badge">Illustrative prices</span>}
              </span>
              <span className="template__summary">{planSummary(template.plan)}</span>
              <span className="template__source">Source: {template.plan.source.citation}</span>
            </button>
          </li>
        ))}
        <li>
          <button
            type="button"
            className="template template--blank"
            onClick={() => {
              newBlank(currency);
              onClose();
            }}
            data-testid="template-blank"
          >
            <span className="template__head">
              <span className="template__name">
                <PlusIcon size={14} /> From scratch
              </span>
            </span>
            <span className="template__summary">One named-seat charge at a price you fill in; add charges, tiers and modifiers as you need.</span>
          </button>
        </li>
      </ul>
    </Dialog>
  );
}

export function PlanList({ pricing }: { pricing: PlanPricing }) {
  const saved = usePlans((s) => s.saved);
  const status = usePlans((s) => s.status);
  const edit = usePlans((s) => s.edit);
  const remove = usePlans((s) => s.remove);
  const setCurrent = usePlans((s) => s.setCurrent);
  const exportPlan = usePlans((s) => s.exportPlan);
  const importText = usePlans((s) => s.importText);
  const setTab = usePlans((s) => s.setTab);
  const newBlank = usePlans((s) => s.newBlank);
  const currency = useData((s) => s.prefs?.currency ?? 'USD');
  const format = useFormatters();
  const [templatesOpen, setTemplatesOpen] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  // Range totals of each saved plan (shown in the list), when the comparison has priced it.
  const totals = new Map<number, { cents: number; currency: string }>();
  pricing.plans.forEach((entry, i) => {
    const priced = pricing.report?.plans[i];
    if (entry.id !== null && priced && !entry.editing) totals.set(entry.id, { cents: priced.totalCents, currency: priced.currency });
  });

  const onImport = async (file: File) => {
    const text = await file.text();
    const plan = await importText(text, file.name);
    if (plan) edit(plan.id);
  };

  const exportOne = async (plan: SavedPlan) => {
    const exported = await exportPlan(plan.id);
    if (exported) downloadText(exported.fileName, exported.text);
  };

  const actions = (
    <div className="plans-actions">
      <button type="button" className="button button--primary" onClick={() => setTemplatesOpen(true)} data-testid="new-plan">
        <PlusIcon size={16} />
        New from template…
      </button>
      <button type="button" className="button" onClick={() => newBlank(currency)} data-testid="new-blank">
        New from scratch
      </button>
      <button type="button" className="button" onClick={() => fileInput.current?.click()} data-testid="import-plan">
        <UploadIcon />
        Import JSON…
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="plan-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void onImport(file);
        }}
      />
    </div>
  );

  return (
    <>
      {status === 'ready' && saved.length === 0 ? (
        <section className="card empty-state" data-testid="plans-empty">
          <div className="empty-state__icon" aria-hidden="true">
            <SparkIcon size={28} />
          </div>
          <h2 className="empty-state__title">No plans yet</h2>
          <p className="empty-state__text">
            A plan describes how a vendor bills: what is counted (seats, active agents, peak concurrency, hours), at what price, and what bends the bill
            (floors, commitments, caps, credits). Start from one of the bundled templates, then compare what each would have cost on your history.
          </p>
          {actions}
        </section>
      ) : (
        <section className="card" aria-labelledby="saved-plans-title">
          <header className="card__header">
            <div>
              <h2 className="card__title" id="saved-plans-title">
                Saved plans
              </h2>
              <p className="card__subtitle">
                {pricing.range
                  ? `Totals for ${format.monthRange(`${pricing.range.from}-01`, `${pricing.range.to}-01`)} on your history.`
                  : 'Totals appear once there are months with data.'}{' '}
                Mark the plan you pay today as current: savings are measured against it.
              </p>
            </div>
            {actions}
          </header>
          <ul className="plan-list" data-testid="plan-list">
            {saved.map((plan) => {
              const total = totals.get(plan.id);
              return (
                <li key={plan.id} className="plan-row" data-testid="plan-row" data-plan={plan.name}>
                  <div className="plan-row__text">
                    <p className="plan-row__name">
                      {plan.name}
                      {plan.isCurrent && (
                        <span className="badge badge--accent" data-testid="current-badge">
                          Current
                        </span>
                      )}
                      {plan.plan.illustrative && <span className="badge">Illustrative prices</span>}
                    </p>
                    <p className="plan-row__summary">{planSummary(plan.plan)}</p>
                  </div>
                  <p className="plan-row__total num" data-testid="plan-total">
                    {total ? money(total.cents, total.currency) : '—'}
                  </p>
                  <div className="plan-row__actions">
                    <button type="button" className="button button--sm" onClick={() => edit(plan.id)} aria-label={`Edit ${plan.name}`} data-testid="plan-edit">
                      <PencilIcon size={14} />
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button button--ghost button--sm"
                      aria-pressed={plan.isCurrent}
                      onClick={() => void setCurrent(plan.isCurrent ? null : plan.id)}
                      aria-label={plan.isCurrent ? `Current: ${plan.name}` : `Mark current: ${plan.name}`}
                      title={plan.isCurrent ? 'The plan you pay today; press to unmark it' : 'Mark this as the plan you pay today'}
                      data-testid="plan-current"
                    >
                      <CheckCircleIcon size={14} />
                      {plan.isCurrent ? 'Current' : 'Mark current'}
                    </button>
                    <button type="button" className="button button--ghost button--sm" onClick={() => void exportOne(plan)} aria-label={`Export ${plan.name} as JSON`} data-testid="plan-export">
                      <DownloadIcon />
                      Export
                    </button>
                    <button
                      type="button"
                      className="icon-button icon-button--sm button--danger-text"
                      onClick={() => void remove(plan)}
                      aria-label={`Delete ${plan.name}`}
                      title="Delete (you can undo)"
                      data-testid="plan-delete"
                    >
                      <TrashIcon size={14} />
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
          {saved.length > 0 && (
            <footer className="plan-list__foot">
              <button type="button" className="link-button" onClick={() => setTab('compare')}>
                Compare these plans month by month →
              </button>
            </footer>
          )}
        </section>
      )}
      {templatesOpen && <TemplateDialog onClose={() => setTemplatesOpen(false)} />}
    </>
  );
}
