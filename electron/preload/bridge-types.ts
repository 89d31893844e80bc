/**
 * The shape of `window.seatcast`, the only thing the preload gives the page.
 *
 * Types only, importing nothing at runtime (and nothing from `electron`), so the renderer can
 * `import type { SeatcastBridge } from '../electron/preload/bridge-types'` without pulling Node or
 * Electron into the browser bundle.
 */
import type { MenuCommand, StagedFile } from '../../shared/contract';
import type { SeatcastApi } from '../../shared/dispatch';
import type { Result } from '../../shared/result';

/** Contract methods the page may call by name; `files:stage-path` is reached only through a File. */
export type BridgedMethodName = Exclude<keyof SeatcastApi, 'files:stage-path'>;

export type SeatcastBridge = Pick<SeatcastApi, BridgedMethodName> & {
  /** Stages a file the user dropped on the window. The path is read by Electron, never by the page. */
  stageDroppedFile(file: File): Promise<Result<StagedFile>>;
  /** Runs `callback` for each native menu command; returns the function that unsubscribes. */
  onMenuCommand(callback: (command: MenuCommand) => void): () => void;
};
