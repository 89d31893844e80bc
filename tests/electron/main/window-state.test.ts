import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, MIN_HEIGHT, MIN_WIDTH } from '../../../electron/main/window';
import {
  readWindowState,
  restoreBounds,
  SAVE_DELAY_MS,
  trackWindowState,
  WINDOW_STATE_FILE,
  writeWindowState,
  type SavedWindowState,
} from '../../../electron/main/window-state';
import { createFakeElectron } from '../../fakes/electron';

const laptop = { x: 0, y: 0, width: 1440, height: 860 };
const externalOnTheRight = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('restoreBounds', () => {
  it('uses saved bounds that lie on a display', () => {
    const saved = { x: 100, y: 80, width: 1200, height: 760, isMaximized: false };
    expect(restoreBounds(saved, [laptop])).toEqual({
      bounds: { x: 100, y: 80, width: 1200, height: 760 },
      isMaximized: false,
    });
  });

  it('uses saved bounds on a second display while it is attached', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1000, isMaximized: true };
    expect(restoreBounds(saved, [laptop, externalOnTheRight])).toEqual({
      bounds: { x: 1600, y: 100, width: 1800, height: 1000 },
      isMaximized: true,
    });
  });

  it('drops the position when that display is gone but keeps a size that still fits', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 800, isMaximized: false };
    expect(restoreBounds(saved, [laptop])).toEqual({ bounds: { width: 1200, height: 800 }, isMaximized: false });
  });

  it('falls back to the default size when the saved size no longer fits any display', () => {
    const saved = { x: 1600, y: 100, width: 2400, height: 1300, isMaximized: true };
    expect(restoreBounds(saved, [laptop])).toEqual({
      bounds: { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT },
      isMaximized: true,
    });
  });

  it('ignores a window that was mostly off the edge of the screen', () => {
    const saved = { x: 1000, y: 500, width: 1000, height: 700, isMaximized: false };
    expect(restoreBounds(saved, [laptop]).bounds).toEqual({ width: 1000, height: 700 });
  });

  it('tolerates window-manager shadows a few pixels outside the work area', () => {
    const saved = { x: -8, y: -8, width: 1456, height: 876, isMaximized: false };
    expect(restoreBounds(saved, [laptop]).bounds).toEqual({ x: -8, y: -8, width: 1456, height: 876 });
  });

  it('never restores below the minimum size', () => {
    const saved = { x: 0, y: 0, width: 200, height: 100, isMaximized: false };
    expect(restoreBounds(saved, [laptop]).bounds).toEqual({ x: 0, y: 0, width: MIN_WIDTH, height: MIN_HEIGHT });
  });

  it.each([undefined, null, 'garbage', 42, {}, { x: 0, y: 0, width: -5, height: 10, isMaximized: false }, { x: 0, y: 0, width: 'wide', height: 10, isMaximized: false }])(
    'uses defaults for unusable saved state %j',
    (saved) => {
      expect(restoreBounds(saved, [laptop])).toEqual({
        bounds: { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT },
        isMaximized: false,
      });
    },
  );

  it('uses defaults when no display is reported', () => {
    const saved = { x: 0, y: 0, width: 1000, height: 700, isMaximized: false };
    expect(restoreBounds(saved, []).bounds).toEqual({ width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT });
  });
});

describe('reading and writing window-state.json', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatcast-window-state-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips through userData/window-state.json', () => {
    const state: SavedWindowState = { x: 5, y: 6, width: 1000, height: 700, isMaximized: true };
    writeWindowState(dir, state);
    expect(fs.existsSync(path.join(dir, WINDOW_STATE_FILE))).toBe(true);
    expect(readWindowState(dir)).toEqual(state);
    expect(fs.readdirSync(dir)).toEqual([WINDOW_STATE_FILE]);
  });

  it('reads a missing or corrupt file as "nothing saved"', () => {
    expect(readWindowState(dir)).toBeUndefined();
    fs.writeFileSync(path.join(dir, WINDOW_STATE_FILE), '{"x": 1,');
    expect(readWindowState(dir)).toBeUndefined();
  });
});

describe('trackWindowState', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function tracked() {
    const electron = createFakeElectron();
    const window = new electron.BrowserWindow({ x: 10, y: 10, width: 1000, height: 700 });
    const saves: SavedWindowState[] = [];
    trackWindowState(window, { userDataDir: '/unused', save: (state) => saves.push(state) });
    return { window, saves };
  }

  it('saves once after a burst of moves and resizes settles', () => {
    const { window, saves } = tracked();
    for (let step = 0; step < 20; step += 1) window.setBounds({ x: 10 + step, width: 1000 + step });
    expect(saves).toEqual([]);
    vi.advanceTimersByTime(SAVE_DELAY_MS);
    expect(saves).toEqual([{ x: 29, y: 10, width: 1019, height: 700, isMaximized: false }]);
  });

  it('saves immediately on close, including the maximised flag', () => {
    const { window, saves } = tracked();
    window.maximized = true;
    window.emit('maximize');
    window.close();
    expect(saves).toEqual([{ x: 10, y: 10, width: 1000, height: 700, isMaximized: true }]);
    vi.advanceTimersByTime(SAVE_DELAY_MS * 2);
    expect(saves).toHaveLength(1);
  });

  it('does not record positions while minimised', () => {
    const { window, saves } = tracked();
    window.minimized = true;
    window.emit('move');
    vi.advanceTimersByTime(SAVE_DELAY_MS);
    expect(saves).toEqual([]);
  });
});
