/**
 * The Plans screen's state: saved plans and bundled templates, the plan being edited (a JSON
 * draft, validated as it changes), the comparison range, and the per-period counts the plans
 * bill on (`pricing:inputs`). Pricing itself happens in the window with shared/pricing, so a
 * price typed in the editor shows in the comparison at once without a round trip.
 *
 * Counts are fetched for every month with data and sliced to the chosen range locally; they
 * are fetched again only when the set of counting rules the plans need changes, or the data does.
 */
import { create } from 'zustand';
import type { SavedPlan } from '../../../shared/contract';
import type { PricingPeriod } from '../../../shared/pricing/engine';
import { parsePlan, type Plan } from '../../../shared/pricing/plan';
import type { AppError } from '../../../shared/result';
import { api } from '../api/client';
import { blankPlan, requirementsKey, type MonthRange } from '../features/plans/model';
import { useUi } from './ui-store';

export type PlanTemplate = { file: string; plan: Plan };
export type PlansTab = 'plans' | 'compare' | 'break-even';

export type Draft = {
  /** The saved plan being edited; null for a plan not saved yet. */
  id: number | null;
  /** The version loaded, sent back on save so a concurrent change is refused, not overwritten. */
  version: number | null;
  /** The plan as edited: JSON that may be invalid while the user types. */
  value: unknown;
  /** Where it came from ("Template: Genesys Cloud CX 1 — concurrent"), for the editor's header. */
  origin: string;
  dirty: boolean;
};

export type PricingInputs = { key: string; timeZone: string; periods: PricingPeriod[] };

type PlansState = {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error: AppError | null;
  saved: SavedPlan[];
  templates: PlanTemplate[];
  tab: PlansTab;
  draft: Draft | null;
  saving: boolean;
  inputs: PricingInputs | null;
  inputsLoading: boolean;
  inputsError: AppError | null;
  /** Null: the default (last 12 complete months). */
  range: MonthRange | null;
  /** Saved plans left out of the comparison. */
  hidden: number[];
  /** Monthly consumption figures by rider key (voiceMinutes: 250000); absent keys use each plan's estimate. */
  consumption: Record<string, number>;
  setConsumption: (key: string, value: number | undefined) => void;
  load: () => Promise<void>;
  setTab: (tab: PlansTab) => void;
  newFromTemplate: (file: string) => void;
  newBlank: (currency: string) => void;
  edit: (id: number) => void;
  setDraft: (value: unknown) => void;
  closeDraft: () => void;
  saveDraft: () => Promise<SavedPlan | null>;
  remove: (plan: SavedPlan) => Promise<void>;
  importText: (text: string, fileName: string) => Promise<SavedPlan | null>;
  exportPlan: (id: number) => Promise<{ fileName: string; text: string } | null>;
  setCurrent: (id: number | null) => Promise<void>;
  setRange: (range: MonthRange | null) => void;
  toggleCompared: (id: number) => void;
  /** Fetches the counts `plans` bill on unless the loaded ones already cover them. */
  ensureInputs: (plans: readonly Plan[], dataVersion: string) => Promise<void>;
};

let requestedInputsKey: string | null = null;

const CONSUMPTION_KEY = 'seatcast.plans.consumption';

function storedConsumption(): Record<string, number> {
  try {
    const value = JSON.parse(window.localStorage.getItem(CONSUMPTION_KEY) ?? '{}') as unknown;
    if (!value || typeof value !== 'object') return {};
    return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'number' && Number.isFinite(v) && v >= 0)) as Record<string, number>;
  } catch {
    return {};
  }
}

/** The tab named in the URL (#/plans/compare), if any. */
function tabFromHash(): PlansTab {
  if (typeof window === 'undefined') return 'plans';
  const sub = window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[1];
  return sub === 'compare' || sub === 'break-even' ? sub : 'plans';
}

export const usePlans = create<PlansState>((set, get) => ({
  status: 'idle',
  error: null,
  saved: [],
  templates: [],
  tab: tabFromHash(),
  draft: null,
  saving: false,
  inputs: null,
  inputsLoading: false,
  inputsError: null,
  range: null,
  hidden: [],
  consumption: storedConsumption(),

  setConsumption(key, value) {
    const next = { ...get().consumption };
    if (value === undefined) delete next[key];
    else next[key] = value;
    set({ consumption: next });
    try {
      window.localStorage.setItem(CONSUMPTION_KEY, JSON.stringify(next));
    } catch {
      /* not remembered: the figures still apply for this session */
    }
  },

  async load() {
    if (get().status === 'idle') set({ status: 'loading' });
    const [saved, templates] = await Promise.all([api['plans:list']({}), api['plans:templates']({})]);
    if (!saved.ok) {
      set({ status: 'failed', error: saved.error });
      return;
    }
    // A template that fails validation is left out rather than offered broken.
    const valid = templates.ok
      ? templates.value.flatMap((t) => {
          const read = parsePlan(t.plan);
          return read.ok ? [{ file: t.file, plan: read.plan }] : [];
        })
      : [];
    if (!templates.ok) useUi.getState().notifyError('Could not load the plan templates', templates.error);
    set({ status: 'ready', error: null, saved: saved.value, templates: valid });
  },

  setTab(tab) {
    set({ tab });
    // Mirror the tab in the URL (#/plans/compare) so a reload or Back returns to it.
    if (typeof window !== 'undefined' && window.location.hash.startsWith('#/plans')) {
      const hash = tab === 'plans' ? '#/plans' : `#/plans/${tab}`;
      if (window.location.hash !== hash) window.history.replaceState(window.history.state, '', hash);
    }
  },

  newFromTemplate(file) {
    const template = get().templates.find((t) => t.file === file);
    if (!template) return;
    set({ draft: { id: null, version: null, value: structuredClone(template.plan), origin: `From the template “${template.plan.name}”`, dirty: true }, tab: 'plans' });
  },

  newBlank(currency) {
    set({ draft: { id: null, version: null, value: blankPlan(currency), origin: 'A new plan from scratch', dirty: true }, tab: 'plans' });
  },

  edit(id) {
    const plan = get().saved.find((p) => p.id === id);
    if (!plan) return;
    set({ draft: { id: plan.id, version: plan.version, value: structuredClone(plan.plan), origin: `Saved plan, version ${plan.version}`, dirty: false }, tab: 'plans' });
  },

  setDraft(value) {
    const draft = get().draft;
    if (draft) set({ draft: { ...draft, value, dirty: true } });
  },

  closeDraft() {
    set({ draft: null });
  },

  async saveDraft() {
    const draft = get().draft;
    if (!draft || get().saving) return null;
    set({ saving: true });
    const result = await api['plans:save']({
      plan: draft.value,
      ...(draft.id !== null ? { id: draft.id, version: draft.version ?? undefined } : {}),
    });
    set({ saving: false });
    if (!result.ok) {
      useUi.getState().notifyError('The plan was not saved', result.error);
      return null;
    }
    const savedPlan = result.value;
    set((state) => {
      const current = state.draft;
      const origin = `Saved plan, version ${savedPlan.version}`;
      // Keep editing the stored copy, so the next save carries its new version; edits typed
      // while the save was on its way stay, still marked unsaved.
      const next: Draft | null =
        current === null
          ? null
          : current.value === draft.value
            ? { id: savedPlan.id, version: savedPlan.version, value: structuredClone(savedPlan.plan), origin, dirty: false }
            : current.id === draft.id
              ? { ...current, id: savedPlan.id, version: savedPlan.version, origin }
              : current;
      return { saved: upsert(state.saved, savedPlan), draft: next };
    });
    useUi.getState().notify({ kind: 'success', title: `Saved “${savedPlan.name}”` });
    return savedPlan;
  },

  async remove(plan) {
    const result = await api['plans:delete']({ id: plan.id });
    if (!result.ok) {
      useUi.getState().notifyError(`Could not delete “${plan.name}”`, result.error);
      return;
    }
    set((state) => ({
      saved: state.saved.filter((p) => p.id !== plan.id),
      draft: state.draft?.id === plan.id ? null : state.draft,
    }));
    useUi.getState().notify({
      kind: 'info',
      title: `Deleted “${plan.name}”`,
      message: 'You can undo this for a day.',
      action: {
        label: 'Undo',
        run: () => {
          void api['plans:restore']({ id: plan.id }).then((restored) => {
            if (!restored.ok) useUi.getState().notifyError(`Could not restore “${plan.name}”`, restored.error);
            else {
              set((state) => ({ saved: upsert(state.saved, restored.value) }));
              // Restoring may have dropped the current mark; the list says who holds it now.
              void get().load();
            }
          });
        },
      },
    });
  },

  async importText(text, fileName) {
    const result = await api['plans:import']({ text, fileName });
    if (!result.ok) {
      useUi.getState().notifyError(`${fileName} was not imported`, result.error);
      return null;
    }
    set((state) => ({ saved: upsert(state.saved, result.value) }));
    useUi.getState().notify({ kind: 'success', title: `Imported “${result.value.name}”` });
    return result.value;
  },

  async exportPlan(id) {
    const result = await api['plans:export']({ id });
    if (!result.ok) {
      useUi.getState().notifyError('Could not export the plan', result.error);
      return null;
    }
    return result.value;
  },

  async setCurrent(id) {
    const result = await api['plans:set-current']({ id });
    if (!result.ok) {
      useUi.getState().notifyError('Could not mark the current plan', result.error);
      return;
    }
    set({ saved: result.value });
  },

  setRange(range) {
    set({ range });
  },

  toggleCompared(id) {
    set((state) => ({ hidden: state.hidden.includes(id) ? state.hidden.filter((h) => h !== id) : [...state.hidden, id] }));
  },

  async ensureInputs(plans, dataVersion) {
    if (plans.length === 0) return;
    const key = `${requirementsKey(plans)}|${dataVersion}`;
    if (get().inputs?.key === key || requestedInputsKey === key) return;
    requestedInputsKey = key;
    set({ inputsLoading: true });
    const result = await api['pricing:inputs']({ plans: plans as unknown[] });
    if (requestedInputsKey !== key) return;
    requestedInputsKey = null;
    if (!result.ok) {
      set({ inputsLoading: false, inputsError: result.error });
      return;
    }
    set({
      inputsLoading: false,
      inputsError: null,
      inputs: { key, timeZone: result.value.timeZone, periods: result.value.periods as unknown as PricingPeriod[] },
    });
  },
}));

function upsert(list: readonly SavedPlan[], plan: SavedPlan): SavedPlan[] {
  const others = list.filter((p) => p.id !== plan.id);
  return [...others, plan].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id - b.id);
}
