/**
 * Window-level UI state: which screen is showing (mirrored in the URL hash so a reload stays
 * put), dialogs, toasts, the drag-and-drop overlay and a live theme preview while editing.
 */
import { create } from 'zustand';
import type { AppError } from '../../../shared/result';
import type { Preferences } from '../../../shared/contract';

export type Route = 'dashboard' | 'imports' | 'preferences' | 'plans' | 'seasons' | 'planner' | 'reports';
export const ROUTES: readonly Route[] = ['dashboard', 'imports', 'preferences', 'plans', 'seasons', 'planner', 'reports'];

export type ToastKind = 'error' | 'success' | 'info';
export type Toast = {
  id: number;
  kind: ToastKind;
  title: string;
  message?: string;
  action?: { label: string; run: () => void };
};

type UiState = {
  route: Route;
  aboutOpen: boolean;
  toasts: Toast[];
  dragActive: boolean;
  /** Theme chosen in the Preferences form but not saved yet. */
  themePreview: Preferences['theme'] | null;
  navigate: (route: Route) => void;
  setAboutOpen: (open: boolean) => void;
  notify: (toast: Omit<Toast, 'id'>) => number;
  notifyError: (title: string, error: AppError, action?: Toast['action']) => number;
  dismissToast: (id: number) => void;
  setDragActive: (active: boolean) => void;
  setThemePreview: (theme: Preferences['theme'] | null) => void;
};

function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'dashboard';
}

let nextToastId = 1;
const toastTimers = new Map<number, ReturnType<typeof setTimeout>>();
const TOAST_LIFETIME_MS: Record<ToastKind, number | null> = { success: 6000, info: 6000, error: null };

export const useUi = create<UiState>((set, get) => ({
  route: typeof window !== 'undefined' ? routeFromHash(window.location.hash) : 'dashboard',
  aboutOpen: false,
  toasts: [],
  dragActive: false,
  themePreview: null,
  navigate(route) {
    if (get().route !== route) set({ route });
    const hash = `#/${route}`;
    if (window.location.hash !== hash) window.history.pushState(window.history.state, '', hash);
  },
  setAboutOpen(open) {
    set({ aboutOpen: open });
  },
  notify(toast) {
    const id = nextToastId++;
    // Keep the stack short: the oldest toasts give way.
    set((state) => ({ toasts: [...state.toasts.slice(-3), { ...toast, id }] }));
    const lifetime = TOAST_LIFETIME_MS[toast.kind];
    if (lifetime) toastTimers.set(id, setTimeout(() => get().dismissToast(id), lifetime));
    return id;
  },
  notifyError(title, error, action) {
    return get().notify({ kind: 'error', title, message: error.message, action });
  },
  dismissToast(id) {
    const timer = toastTimers.get(id);
    if (timer) clearTimeout(timer);
    toastTimers.delete(id);
    set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
  },
  setDragActive(active) {
    if (get().dragActive !== active) set({ dragActive: active });
  },
  setThemePreview(theme) {
    set({ themePreview: theme });
  },
}));

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => useUi.setState({ route: routeFromHash(window.location.hash) }));
  window.addEventListener('hashchange', () => useUi.setState({ route: routeFromHash(window.location.hash) }));
}
