/**
 * Builds `window.seatcast` from the contract: one named function per method, plus two helpers.
 * There is no generic `invoke`, `send` or `on`: the page can reach exactly the channels listed in
 * shared/contract.ts, and a page compromised by a hostile file cannot talk to anything else.
 */
import { MenuCommand, methodNames, type MethodName } from '../../shared/contract';
import { fail, type Result } from '../../shared/result';
import type { StagedFile } from '../../shared/contract';
import type { SeatcastBridge } from './bridge-types';
import { MENU_COMMAND_CHANNEL } from './channels';

/** The slice of `ipcRenderer` the bridge uses. */
export interface IpcRendererPort {
  invoke(channel: string, ...args: any[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: any[]) => void): unknown;
  removeListener(channel: string, listener: (...args: any[]) => void): unknown;
}

export interface WebUtilsPort {
  getPathForFile(file: File): string;
}

/** Not exposed by name: a raw path from the page would let it stage any file on the disk. */
const STAGE_PATH_METHOD: MethodName = 'files:stage-path';

export function buildSeatcastApi(ipcRenderer: IpcRendererPort, webUtils: WebUtilsPort): SeatcastBridge {
  const api: Record<string, unknown> = {};

  for (const method of methodNames) {
    if (method === STAGE_PATH_METHOD) continue;
    // Exactly one argument crosses: extra arguments from the page are dropped here.
    api[method] = (request: unknown) => ipcRenderer.invoke(method, request);
  }

  api.stageDroppedFile = async (file: File): Promise<Result<StagedFile>> => {
    let filePath: string;
    try {
      // Throws for anything that is not a File; returns '' for a File made in script memory.
      filePath = webUtils.getPathForFile(file);
    } catch {
      return fail('not-a-file', 'Only files dragged from your computer can be imported this way.');
    }
    if (!filePath) {
      return fail('not-a-file', 'This item is not a file on disk. Save it to a folder first, then import it.');
    }
    return ipcRenderer.invoke(STAGE_PATH_METHOD, { path: filePath }) as Promise<Result<StagedFile>>;
  };

  api.onMenuCommand = (callback: (command: MenuCommand) => void): (() => void) => {
    if (typeof callback !== 'function') throw new TypeError('onMenuCommand needs a function');
    // The IPC event object is never handed to the page: it carries `sender`, a way back into IPC.
    const listener = (_event: unknown, payload: unknown) => {
      const parsed = MenuCommand.safeParse(payload);
      if (parsed.success) callback(parsed.data);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, listener);
    };
  };

  return Object.freeze(api) as SeatcastBridge;
}

