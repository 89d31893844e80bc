/**
 * IPC: one `ipcMain.handle` per contract method and nothing else.
 *
 * Every call is checked twice over: the sender must be Seatcast's own top-level page, and
 * `dispatch` validates the request before it reaches the engine and the engine's answer before it
 * reaches the page. The engine validates too; the main process does not trust the worker to be
 * right any more than it trusts the page.
 */
import { methodNames, type MethodName } from '../../shared/contract';
import { dispatch, type PartialHandlers } from '../../shared/dispatch';
import { fail, UserFacingError, type Result } from '../../shared/result';
import { APP_HOST } from './protocol';

/** The parts of Electron's `WebFrameMain` used to decide whether a sender is trusted. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

export interface IpcMainPort {
  handle(channel: string, listener: (event: { senderFrame: SenderFrame | null }, ...args: any[]) => unknown): void;
}

export interface ContractHandlerDeps {
  /** Sends a method to the engine worker (`EngineClient.call`). */
  forward: (method: MethodName, request: unknown) => Promise<Result<unknown>>;
  /** Shows the native file picker; the chosen path or null when cancelled. */
  openDialog: () => Promise<string | null>;
  isTrustedSender: (frame: SenderFrame | null | undefined) => boolean;
}

/**
 * True only for Seatcast's own page: a top-level frame (never an iframe) whose URL is on
 * `app://bundle`, or, under `npm run dev` only, exactly the dev server origin. Parsed with the
 * WHATWG URL parser because string prefixes can be fooled (`app://bundle.evil/`).
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, allowedDevOrigin?: string): boolean {
  if (!frame) return false;
  let url: URL;
  try {
    // Reading `url` or `parent` of a frame that has gone away throws in Electron.
    if (frame.parent !== null) return false;
    url = new URL(frame.url);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'app:') return url.host === APP_HOST;
  if (allowedDevOrigin && (url.protocol === 'http:' || url.protocol === 'https:')) {
    return url.origin === allowedDevOrigin;
  }
  return false;
}

/** Turns an engine Result back into a value or a thrown error that `dispatch` maps to the same code. */
async function unwrap(result: Promise<Result<unknown>>): Promise<unknown> {
  const settled = await result;
  if (settled.ok) return settled.value;
  throw new UserFacingError(settled.error.code, settled.error.message);
}

/**
 * Handlers that relay to the engine. They are typed as returning `unknown` on purpose: whatever
 * comes back is untrusted until `dispatch` has parsed it against the contract's response schema.
 */
export function buildMainHandlers(deps: Pick<ContractHandlerDeps, 'forward' | 'openDialog'>): PartialHandlers {
  const handlers = {} as Record<MethodName, (request: unknown) => Promise<unknown>>;
  for (const method of methodNames) {
    handlers[method] = (request) => unwrap(deps.forward(method, request));
  }
  // The engine cannot show a native dialog; main does, then lets the engine stage the chosen file
  // exactly as it stages a dropped one (it checks the path is a readable regular file).
  handlers['files:open-dialog'] = async () => {
    const chosenPath = await deps.openDialog();
    if (chosenPath === null) return null;
    return unwrap(deps.forward('files:stage-path', { path: chosenPath }));
  };
  return handlers as unknown as PartialHandlers;
}

export function registerContractHandlers(ipcMain: IpcMainPort, deps: ContractHandlerDeps): void {
  const handlers = buildMainHandlers(deps);
  for (const method of methodNames) {
    ipcMain.handle(method, async (event, request: unknown): Promise<Result<unknown>> => {
      if (!deps.isTrustedSender(event?.senderFrame)) {
        return fail('forbidden', `${method} was refused: the request did not come from the Seatcast window.`);
      }
      return dispatch(handlers, method, request);
    });
  }
}
