/**
 * The one typed client the UI uses. It picks the transport once: the desktop bridge when the
 * preload exposed `window.seatcast`, otherwise the loopback HTTP bridge of the preview server.
 * Features call `api['imports:start'](…)` and get a Result back, whichever transport answers.
 */
import type { MenuCommand, MethodName, StagedFile } from '../../../shared/contract';
import type { SeatcastApi } from '../../../shared/dispatch';
import { fail, type Result } from '../../../shared/result';
import type { DesktopBridge } from './bridge';
import { callHttp, uploadFile } from './http-bridge';

export type Transport = 'desktop' | 'preview';

/**
 * Every contract method, checked against the contract's type at compile time (a method added to
 * the contract fails the typecheck here until it is listed). Kept as a type-checked list rather
 * than importing the contract's runtime table, so zod and the schemas stay out of the UI bundle.
 */
const METHODS: Record<MethodName, true> = {
  'app:info': true,
  'db:status': true,
  'db:restore': true,
  'prefs:get': true,
  'prefs:set': true,
  'files:open-dialog': true,
  'files:stage-path': true,
  'imports:start': true,
  'imports:preview': true,
  'jobs:get': true,
  'jobs:cancel': true,
  'imports:list': true,
  'imports:undo': true,
  'imports:rejects': true,
  'roster:import': true,
  'roster:summary': true,
  'metrics:monthly': true,
  'metrics:periods': true,
  'metrics:agents': true,
  'pricing:project': true,
  'plans:templates': true,
  'pricing:inputs': true,
  'plans:list': true,
  'plans:save': true,
  'plans:delete': true,
  'plans:restore': true,
  'plans:import': true,
  'plans:export': true,
  'plans:set-current': true,
  'definitions:list': true,
  'definitions:save': true,
  'definitions:delete': true,
  'seasons:overview': true,
  'seasons:cohorts': true,
  'seasons:heatmap': true,
  'scenarios:list': true,
  'scenarios:save': true,
  'scenarios:delete': true,
  'forecast:run': true,
  'budget:run': true,
  'budget:xlsx': true,
  'drill:sessions': true,
  'drill:peak': true,
  'reports:export': true,
  'reports:verify': true,
  'keys:public': true,
  'audit:list': true,
  'retention:get': true,
  'retention:preview': true,
  'retention:purge': true,
};
const methodNames = Object.keys(METHODS) as MethodName[];

/** File extensions the import screen offers; the engine has the final word on any file. */
export const ACCEPTED_EXTENSIONS = ['.csv', '.tsv', '.txt', '.json', '.ndjson', '.xlsx', '.gz', '.zip'] as const;

export type SeatcastClient = SeatcastApi & {
  readonly transport: Transport;
  /** Opens the platform file picker and stages the chosen file. Null when the user cancels. */
  pickAndStageFile(): Promise<Result<StagedFile | null>>;
  /** Stages a File the user dropped or chose, so the engine can read it. */
  stageFile(file: File): Promise<Result<StagedFile>>;
  /** Commands from the desktop menu. A no-op subscription in the preview. */
  onMenuCommand(callback: (command: MenuCommand) => void): () => void;
  /**
   * Files chosen through the preview's hidden input without a pending pick (for example by an
   * automated test setting the input's files directly) are handed to this listener.
   */
  onUnsolicitedFile(callback: (file: File) => void): () => void;
};

function desktopBridge(): DesktopBridge | undefined {
  return typeof window !== 'undefined' ? window.seatcast : undefined;
}

function callDesktop(bridge: DesktopBridge, method: MethodName, request: unknown): Promise<Result<unknown>> {
  if (method === 'files:stage-path') {
    return Promise.resolve(fail('unsupported', 'Local paths are staged by the desktop shell, not by the window.'));
  }
  const fn = bridge[method] as ((req: unknown) => Promise<Result<unknown>>) | undefined;
  if (typeof fn !== 'function') {
    return Promise.resolve(fail('unsupported', `This version of the desktop app does not offer "${method}".`));
  }
  return fn(request ?? {}).catch((error: unknown) =>
    fail('internal', `The desktop app could not complete ${method}: ${error instanceof Error ? error.message : String(error)}`),
  );
}

// ---------------------------------------------------------------------------------------------
// Preview file picking: one hidden <input type=file>, kept in the document for the page's life.

const FILE_INPUT_ID = 'seatcast-file-input';
let pendingPick: ((file: File | null) => void) | null = null;
const unsolicitedListeners = new Set<(file: File) => void>();

function fileInput(): HTMLInputElement {
  const existing = document.getElementById(FILE_INPUT_ID);
  if (existing instanceof HTMLInputElement) return existing;
  const input = document.createElement('input');
  input.type = 'file';
  input.id = FILE_INPUT_ID;
  input.accept = ACCEPTED_EXTENSIONS.join(',');
  input.hidden = true;
  input.tabIndex = -1;
  input.setAttribute('aria-hidden', 'true');
  input.dataset.testid = 'file-input';
  input.addEventListener('change', () => {
    const file = input.files?.[0] ?? null;
    input.value = '';
    const resolve = pendingPick;
    pendingPick = null;
    if (resolve) resolve(file);
    else if (file) unsolicitedListeners.forEach((listener) => listener(file));
  });
  input.addEventListener('cancel', () => {
    const resolve = pendingPick;
    pendingPick = null;
    resolve?.(null);
  });
  document.body.appendChild(input);
  return input;
}

function chooseFileInBrowser(): Promise<File | null> {
  const input = fileInput();
  // A picker left open by an earlier request is superseded by this one.
  pendingPick?.(null);
  return new Promise((resolve) => {
    pendingPick = resolve;
    input.click();
  });
}

// ---------------------------------------------------------------------------------------------

function createClient(): SeatcastClient {
  const bridge = desktopBridge();
  const transport: Transport = bridge ? 'desktop' : 'preview';
  const call = (method: MethodName, request: unknown): Promise<Result<unknown>> =>
    bridge ? callDesktop(bridge, method, request) : callHttp(method, request as never);

  const methods = Object.fromEntries(
    methodNames.map((method) => [method, (request: unknown) => call(method, request)]),
  ) as SeatcastApi;

  const stageFile = (file: File): Promise<Result<StagedFile>> =>
    bridge
      ? bridge.stageDroppedFile(file).catch((error: unknown) =>
          fail('internal', `Could not hand ${file.name} to the engine: ${error instanceof Error ? error.message : String(error)}`),
        )
      : uploadFile(file);

  if (!bridge && typeof document !== 'undefined') {
    // Create the input up front so it exists before the first pick.
    if (document.body) fileInput();
    else document.addEventListener('DOMContentLoaded', () => fileInput(), { once: true });
  }

  return {
    ...methods,
    transport,
    async pickAndStageFile() {
      if (bridge) return methods['files:open-dialog']({});
      const file = await chooseFileInBrowser();
      if (!file) return { ok: true, value: null };
      return stageFile(file);
    },
    stageFile,
    onMenuCommand(callback) {
      return bridge ? bridge.onMenuCommand(callback) : () => undefined;
    },
    onUnsolicitedFile(callback) {
      unsolicitedListeners.add(callback);
      return () => unsolicitedListeners.delete(callback);
    },
  };
}

export const api: SeatcastClient = createClient();
