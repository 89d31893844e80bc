/**
 * What the engine told us: app info, preferences, the import history and the metrics per billing
 * period (counted under the rules in rules-store), plus the page-level date range every dashboard
 * widget reads. Any change to the data (an import, an undo, a new business time zone) ends in
 * `refresh()`, so all screens agree; a change of counting rules reloads only the metrics.
 */
import { create } from 'zustand';
import type { AppInfo, ImportRecord, MonthlyMetrics, Preferences } from '../../../shared/contract';
import type { AppError, Result } from '../../../shared/result';
import { api } from '../api/client';
import { DEFAULT_RANGE, type DateRange } from '../lib/date-range';
import { useDefinitions } from './definitions-store';
import { BUILT_IN_ACTIVITY, currentRules, rulesRequest, useRules, type CountingRules } from './rules-store';
import { useUi } from './ui-store';

type Status = 'loading' | 'ready' | 'failed';

type DataState = {
  status: Status;
  loadError: AppError | null;
  info: AppInfo | null;
  prefs: Preferences | null;
  metrics: MonthlyMetrics | null;
  /** The rules `metrics` were counted under (they lag the rules store while a reload runs). */
  metricsRules: CountingRules | null;
  /** True while metrics for changed counting rules are on their way. */
  metricsLoading: boolean;
  imports: ImportRecord[];
  range: DateRange;
  refreshing: boolean;
  load: () => Promise<void>;
  refresh: () => Promise<void>;
  /** Recounts the metrics under the current counting rules. */
  reloadMetrics: () => Promise<void>;
  setRange: (range: DateRange) => void;
  savePrefs: (patch: Partial<Preferences>) => Promise<Result<Preferences>>;
  undoImport: (record: ImportRecord) => Promise<boolean>;
  removeDemoData: () => Promise<boolean>;
};

const RANGE_STORAGE_KEY = 'seatcast.dashboardRange';
const THEME_STORAGE_KEY = 'seatcast.theme';

function storedRange(): DateRange {
  try {
    const raw = window.localStorage.getItem(RANGE_STORAGE_KEY);
    if (!raw) return DEFAULT_RANGE;
    const parsed = JSON.parse(raw) as DateRange;
    if (['last12', 'last24', 'all', 'custom'].includes(parsed.preset)) return parsed;
  } catch {
    /* a missing or unreadable value just means the default */
  }
  return DEFAULT_RANGE;
}

/** The last theme seen, so the next start paints in the right colours before prefs arrive. */
export function rememberedTheme(): Preferences['theme'] {
  try {
    const value = window.localStorage.getItem(THEME_STORAGE_KEY);
    if (value === 'light' || value === 'dark' || value === 'system') return value;
  } catch {
    /* ignore */
  }
  return 'system';
}

function rememberTheme(theme: Preferences['theme']): void {
  try {
    window.localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    /* ignore */
  }
}

let loadGeneration = 0;
let metricsGeneration = 0;

export const useData = create<DataState>((set, get) => ({
  status: 'loading',
  loadError: null,
  info: null,
  prefs: null,
  metrics: null,
  metricsRules: null,
  metricsLoading: false,
  imports: [],
  range: typeof window !== 'undefined' ? storedRange() : DEFAULT_RANGE,
  refreshing: false,

  async load() {
    const generation = ++loadGeneration;
    const metricsRun = ++metricsGeneration;
    const rules = currentRules();
    set({ refreshing: true });
    const [info, prefs, imports, metrics] = await Promise.all([
      api['app:info']({}),
      api['prefs:get']({}),
      api['imports:list']({}),
      api['metrics:periods'](rulesRequest(rules)),
      useDefinitions.getState().load(),
    ]);
    if (generation !== loadGeneration) return;
    // Metrics for rules changed meanwhile are already on their way; keep whichever is newer.
    const metricsCurrent = metricsRun === metricsGeneration;
    const firstLoad = get().status !== 'ready';
    const essential = !info.ok ? info : !prefs.ok ? prefs : null;
    if (essential && !essential.ok) {
      if (firstLoad) set({ status: 'failed', loadError: essential.error, refreshing: false });
      else {
        set({ refreshing: false });
        useUi.getState().notifyError('Could not refresh', essential.error, { label: 'Retry', run: () => void get().refresh() });
      }
      return;
    }
    const notify = useUi.getState().notifyError;
    if (!imports.ok) notify('Could not load the import history', imports.error, { label: 'Retry', run: () => void get().refresh() });
    // A definition remembered from earlier in the session may have been deleted (or the database
    // replaced): count with the built-in one instead of failing.
    const staleDefinition =
      !metrics.ok && metricsCurrent && metrics.error.code === 'not-found' && rules.activity !== BUILT_IN_ACTIVITY;
    if (!metrics.ok && metricsCurrent && !staleDefinition) {
      notify('Could not load the metrics', metrics.error, { label: 'Retry', run: () => void get().refresh() });
    }
    if (prefs.ok) rememberTheme(prefs.value.theme);
    set({
      status: 'ready',
      loadError: null,
      info: info.ok ? info.value : get().info,
      prefs: prefs.ok ? prefs.value : get().prefs,
      imports: imports.ok ? imports.value : get().imports,
      ...(metricsCurrent
        ? { metrics: metrics.ok ? metrics.value : get().metrics, metricsRules: metrics.ok ? rules : get().metricsRules, metricsLoading: staleDefinition }
        : {}),
      refreshing: false,
    });
    if (staleDefinition) {
      // Changing the rule recounts (see the subscription below); if the definitions list already
      // switched back to the built-in one, recount here.
      const switched = useRules.getState().activity !== BUILT_IN_ACTIVITY;
      useRules.getState().setRules({ activity: BUILT_IN_ACTIVITY });
      if (!switched) await get().reloadMetrics();
    }
  },

  async reloadMetrics() {
    const run = ++metricsGeneration;
    const rules = currentRules();
    set({ metricsLoading: true });
    const result = await api['metrics:periods'](rulesRequest(rules));
    if (run !== metricsGeneration) return;
    if (result.ok) {
      set({ metrics: result.value, metricsRules: rules, metricsLoading: false });
      return;
    }
    set({ metricsLoading: false });
    if (result.error.code === 'not-found' && rules.activity !== BUILT_IN_ACTIVITY) {
      useUi.getState().notifyError(`The activity definition “${rules.activity}” no longer exists`, {
        ...result.error,
        message: 'Counting with the built-in definition instead.',
      });
      useRules.getState().setRules({ activity: BUILT_IN_ACTIVITY });
      void useDefinitions.getState().load();
      return;
    }
    useUi.getState().notifyError('Could not count under these rules', result.error, { label: 'Retry', run: () => void get().reloadMetrics() });
  },

  refresh() {
    return get().load();
  },

  setRange(range) {
    set({ range });
    try {
      window.localStorage.setItem(RANGE_STORAGE_KEY, JSON.stringify(range));
    } catch {
      /* ignore */
    }
  },

  async savePrefs(patch) {
    const before = get().prefs;
    const result = await api['prefs:set'](patch);
    if (!result.ok) return result;
    rememberTheme(result.value.theme);
    set({ prefs: result.value });
    const recount = before && (before.timeZone !== result.value.timeZone);
    if (recount) await get().refresh();
    return result;
  },

  async undoImport(record) {
    const result = await api['imports:undo']({ importId: record.importId });
    if (!result.ok) {
      useUi.getState().notifyError(`Could not undo the import of ${record.file}`, result.error);
      return false;
    }
    await get().refresh();
    return true;
  },

  async removeDemoData() {
    const demo = get().imports.filter((record) => record.isDemo);
    if (demo.length === 0) {
      await get().refresh();
      return true;
    }
    for (const record of demo) {
      const result = await api['imports:undo']({ importId: record.importId });
      if (!result.ok) {
        useUi.getState().notifyError('Could not remove the demo data', result.error);
        await get().refresh();
        return false;
      }
    }
    await get().refresh();
    return true;
  },
}));

/** The definition in use was saved again (a new version): recount with it. */
useDefinitions.subscribe((next, previous) => {
  if (next.definitions === previous.definitions || useData.getState().status !== 'ready') return;
  const name = useRules.getState().activity;
  const now = next.definitions.find((definition) => definition.name === name);
  const before = previous.definitions.find((definition) => definition.name === name);
  if (now && before && now.version !== before.version) void useData.getState().reloadMetrics();
});

/** Counting rules changed: recount (only once the app has loaded; the first load reads them itself). */
useRules.subscribe((next, previous) => {
  if (JSON.stringify(rulesRequest(next)) === JSON.stringify(rulesRequest(previous))) return;
  if (useData.getState().status !== 'ready') return;
  void useData.getState().reloadMetrics();
});
