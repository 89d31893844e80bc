/**
 * What the engine told us: app info, preferences, the import history and the monthly metrics,
 * plus the page-level date range every dashboard widget reads. Any change to the data (an
 * import, an undo, a new business time zone) ends in `refresh()`, so all screens agree.
 */
import { create } from 'zustand';
import type { AppInfo, ImportRecord, MonthlyMetrics, Preferences } from '../../../shared/contract';
import type { AppError, Result } from '../../../shared/result';
import { api } from '../api/client';
import { DEFAULT_RANGE, type DateRange } from '../lib/date-range';
import { useUi } from './ui-store';

type Status = 'loading' | 'ready' | 'failed';

type DataState = {
  status: Status;
  loadError: AppError | null;
  info: AppInfo | null;
  prefs: Preferences | null;
  metrics: MonthlyMetrics | null;
  imports: ImportRecord[];
  range: DateRange;
  refreshing: boolean;
  load: () => Promise<void>;
  refresh: () => Promise<void>;
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

export const useData = create<DataState>((set, get) => ({
  status: 'loading',
  loadError: null,
  info: null,
  prefs: null,
  metrics: null,
  imports: [],
  range: typeof window !== 'undefined' ? storedRange() : DEFAULT_RANGE,
  refreshing: false,

  async load() {
    const generation = ++loadGeneration;
    set({ refreshing: true });
    const [info, prefs, imports, metrics] = await Promise.all([
      api['app:info']({}),
      api['prefs:get']({}),
      api['imports:list']({}),
      api['metrics:monthly']({}),
    ]);
    if (generation !== loadGeneration) return;
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
    if (!metrics.ok) notify('Could not load monthly metrics', metrics.error, { label: 'Retry', run: () => void get().refresh() });
    if (prefs.ok) rememberTheme(prefs.value.theme);
    set({
      status: 'ready',
      loadError: null,
      info: info.ok ? info.value : get().info,
      prefs: prefs.ok ? prefs.value : get().prefs,
      imports: imports.ok ? imports.value : get().imports,
      metrics: metrics.ok ? metrics.value : get().metrics,
      refreshing: false,
    });
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
