/**
 * Remembers where the window was, so Seatcast reopens where the manager left it — unless that place
 * no longer exists (a docked laptop now undocked, a monitor unplugged), in which case a window
 * opened off-screen would look like the app failed to start.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, MIN_HEIGHT, MIN_WIDTH, type WindowBounds } from './window';

export const WINDOW_STATE_FILE = 'window-state.json';
/** Resizing fires many events a second; write once things settle. */
export const SAVE_DELAY_MS = 500;
/** Window managers draw shadows and borders a few pixels outside the work area; allow for them. */
const EDGE_TOLERANCE = 16;

const SavedWindowState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  isMaximized: z.boolean(),
});
export type SavedWindowState = z.infer<typeof SavedWindowState>;

export interface DisplayArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RestoredWindowState {
  bounds: WindowBounds;
  isMaximized: boolean;
}

function contains(area: DisplayArea, rect: Required<WindowBounds>): boolean {
  return (
    rect.x >= area.x - EDGE_TOLERANCE &&
    rect.y >= area.y - EDGE_TOLERANCE &&
    rect.x + rect.width <= area.x + area.width + EDGE_TOLERANCE &&
    rect.y + rect.height <= area.y + area.height + EDGE_TOLERANCE
  );
}

/**
 * Pure: decides the bounds to open with, given what was saved (any JSON, possibly garbage) and
 * the work areas of the displays attached now (first = primary).
 *
 * - Saved rectangle lies on some display: use it as it was.
 * - Otherwise, if its size still fits the primary display: keep the size, let the OS centre it.
 * - Otherwise (or nothing usable was saved): the default size.
 */
export function restoreBounds(saved: unknown, displays: readonly DisplayArea[]): RestoredWindowState {
  const fallback: RestoredWindowState = { bounds: { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT }, isMaximized: false };
  const parsed = SavedWindowState.safeParse(saved);
  if (!parsed.success) return fallback;
  const state = parsed.data;
  const width = Math.max(state.width, MIN_WIDTH);
  const height = Math.max(state.height, MIN_HEIGHT);
  const rect = { x: state.x, y: state.y, width, height };
  if (displays.some((display) => contains(display, rect))) {
    return { bounds: rect, isMaximized: state.isMaximized };
  }
  const primary = displays[0];
  if (primary && width <= primary.width && height <= primary.height) {
    return { bounds: { width, height }, isMaximized: state.isMaximized };
  }
  return { ...fallback, isMaximized: state.isMaximized };
}

export function readWindowState(userDataDir: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path.join(userDataDir, WINDOW_STATE_FILE), 'utf8')) as unknown;
  } catch {
    // Missing or corrupt: both simply mean "no saved position".
    return undefined;
  }
}

export function writeWindowState(userDataDir: string, state: SavedWindowState): void {
  const target = path.join(userDataDir, WINDOW_STATE_FILE);
  const temporary = `${target}.tmp`;
  try {
    fs.mkdirSync(userDataDir, { recursive: true });
    // Write-then-rename so a crash mid-write leaves the previous file, not half a JSON document.
    fs.writeFileSync(temporary, JSON.stringify(state));
    fs.renameSync(temporary, target);
  } catch (error) {
    // Losing the window position is not worth interrupting the user for.
    console.warn('Seatcast could not save the window position:', error);
  }
}

/** The slice of `BrowserWindow` needed to observe and read its placement. */
export interface TrackedWindow {
  on(event: string, listener: (...args: any[]) => void): unknown;
  getNormalBounds(): { x: number; y: number; width: number; height: number };
  isMaximized(): boolean;
  isMinimized(): boolean;
}

export interface TrackWindowStateOptions {
  userDataDir: string;
  delayMs?: number;
  /** Injected for tests; defaults to writing `window-state.json`. */
  save?: (state: SavedWindowState) => void;
}

export function captureWindowState(window: TrackedWindow): SavedWindowState {
  // Normal bounds, not current ones: a maximised or minimised window still remembers the size it
  // returns to, which is what should be restored.
  const bounds = window.getNormalBounds();
  return {
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.round(bounds.width),
    height: Math.round(bounds.height),
    isMaximized: window.isMaximized(),
  };
}

/** Saves on close, and (debounced) whenever the window is moved, resized or (un)maximised. */
export function trackWindowState(window: TrackedWindow, options: TrackWindowStateOptions): void {
  const save = options.save ?? ((state: SavedWindowState) => writeWindowState(options.userDataDir, state));
  const delayMs = options.delayMs ?? SAVE_DELAY_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const saveSoon = () => {
    if (window.isMinimized()) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      save(captureWindowState(window));
    }, delayMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize']) window.on(event, saveSoon);
  window.on('close', () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    save(captureWindowState(window));
  });
}
