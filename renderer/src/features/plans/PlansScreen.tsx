/**
 * The Plans screen: saved licensing plans and their editor, the side-by-side comparison of what
 * each would have billed on your history, and the break-even sweep over the active share.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useData } from '../../store/data-store';
import { usePlans, type PlansTab } from '../../store/plans-store';
import { PageHeader } from '../../ui/PageHeader';
import { BreakEvenView } from './BreakEvenView';
import { ComparisonView } from './ComparisonView';
import { PlanEditor } from './PlanEditor';
import { PlanList } from './PlanList';
import { usePlanPricing } from './use-plan-pricing';

const TABS: ReadonlyArray<{ tab: PlansTab; label: string }> = [
  { tab: 'plans', label: 'Plans' },
  { tab: 'compare', label: 'Comparison' },
  { tab: 'break-even', label: 'Break-even' },
];

export function PlansScreen() {
  const status = usePlans((s) => s.status);
  const error = usePlans((s) => s.error);
  const load = usePlans((s) => s.load);
  const tab = usePlans((s) => s.tab);
  const setTab = usePlans((s) => s.setTab);
  const draft = usePlans((s) => s.draft);
  const pricing = usePlanPricing();
  const timeZone = useData((s) => s.prefs?.timeZone ?? 'UTC');
  const tabRefs = useRef<Array<HTMLButtonElement | null>>([]);

  useEffect(() => {
    void load();
  }, [load]);

  // Coming back to the screen, put the open tab in the URL again.
  useEffect(() => {
    usePlans.getState().setTab(usePlans.getState().tab);
  }, []);

  // Arrow keys move between tabs (WAI-ARIA tabs pattern).
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    const next = (index + delta + TABS.length) % TABS.length;
    setTab(TABS[next]!.tab);
    tabRefs.current[next]?.focus();
  };

  return (
    <div className="page plans" data-testid="plans">
      <PageHeader
        title="Plans"
        subtitle={`What each licensing model would have billed on your history · months counted in ${timeZone.replace(/_/g, ' ')}`}
      />
      <div className="plans-tabs" role="tablist" aria-label="Plans views">
        {TABS.map((entry, i) => (
          <button
            key={entry.tab}
            ref={(node) => {
              tabRefs.current[i] = node;
            }}
            type="button"
            role="tab"
            id={`plans-tab-${entry.tab}`}
            aria-selected={tab === entry.tab}
            aria-controls={`plans-panel-${entry.tab}`}
            tabIndex={tab === entry.tab ? 0 : -1}
            className="plans-tabs__tab"
            onClick={() => setTab(entry.tab)}
            onKeyDown={(event) => onTabKey(event, i)}
            data-testid={`plans-tab-${entry.tab}`}
          >
            {entry.label}
            {entry.tab === 'plans' && draft?.dirty && <span className="plans-tabs__dot" role="img" aria-label="(unsaved changes)" />}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`plans-panel-${tab}`} aria-labelledby={`plans-tab-${tab}`} className="plans-panel" data-testid={`plans-panel-${tab}`}>
        {status === 'failed' ? (
          <section className="card empty-state" role="alert">
            <h2 className="empty-state__title">Plans could not be loaded</h2>
            <p className="empty-state__text">{error?.message}</p>
            <button type="button" className="button button--primary" onClick={() => void load()}>
              Try again
            </button>
          </section>
        ) : status !== 'ready' ? (
          <div className="skeleton skeleton--chart" role="status" aria-busy="true" aria-label="Loading plans" />
        ) : tab === 'plans' ? (
          draft ? (
            <PlanEditor pricing={pricing} />
          ) : (
            <PlanList pricing={pricing} />
          )
        ) : tab === 'compare' ? (
          <ComparisonView pricing={pricing} />
        ) : (
          <BreakEvenView pricing={pricing} />
        )}
        {pricing.loading && status === 'ready' && <p className="sr-only" role="status">Counting the months for these plans…</p>}
      </div>
    </div>
  );
}
