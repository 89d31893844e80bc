/**
 * The preview transport: the built renderer in an ordinary browser talks to the engine through
 * the loopback HTTP bridge (`npm run preview`). This is the only renderer file that may use
 * `fetch`. Every call is `POST ./api/<method>` with a JSON body and the per-run token, and every
 * answer is a Result — network trouble becomes a Result too, never a thrown error.
 */
import type { MethodName, Request, Response, StagedFile } from '../../../shared/contract';
import { fail, type Result } from '../../../shared/result';

export const TOKEN_HEADER = 'X-Seatcast-Token';
export const TOKEN_STORAGE_KEY = 'seatcast.previewToken';

let cachedToken: string | null | undefined;

/**
 * Reads the token from `?token=` on first load and keeps it in sessionStorage, then removes it
 * from the address bar so it does not end up in history, bookmarks or screenshots. A reload of
 * the same tab finds it again in sessionStorage.
 */
export function previewToken(): string | null {
  if (cachedToken !== undefined) return cachedToken;
  let token: string | null;
  try {
    const url = new URL(window.location.href);
    const fromUrl = url.searchParams.get('token');
    if (fromUrl) {
      token = fromUrl;
      window.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
      url.searchParams.delete('token');
      window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    } else {
      token = window.sessionStorage.getItem(TOKEN_STORAGE_KEY);
    }
  } catch {
    token = null;
  }
  cachedToken = token;
  return token;
}

/** For tests: forget the token read so far. */
export function resetPreviewTokenCache(): void {
  cachedToken = undefined;
}

const missingToken = () =>
  fail(
    'no-token',
    'This page was opened without its access token. Open the full link printed by the preview server (it ends in ?token=…).',
  );

function endpoint(path: string): string {
  return new URL(path, window.location.href).toString();
}

async function readResult<T>(response: globalThis.Response, what: string): Promise<Result<T>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (body && typeof body === 'object' && 'ok' in body) return body as Result<T>;
  if (response.status === 401 || response.status === 403) {
    return fail(
      'forbidden',
      'The preview server refused the access token. Reopen the link it printed; each run uses a new token.',
    );
  }
  return fail('bad-response', `The preview server answered ${what} with HTTP ${response.status} and no result.`);
}

const unreachable = (what: string) =>
  fail(
    'unreachable',
    `Could not reach the Seatcast preview server for ${what}. Check that it is still running, then try again.`,
  );

export async function callHttp<M extends MethodName>(method: M, request: Request<M>): Promise<Result<Response<M>>> {
  const token = previewToken();
  if (!token) return missingToken();
  let response: globalThis.Response;
  try {
    response = await fetch(endpoint(`./api/${method}`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(request ?? {}),
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch {
    return unreachable(method);
  }
  return readResult<Response<M>>(response, method);
}

export async function uploadFile(file: File): Promise<Result<StagedFile>> {
  const token = previewToken();
  if (!token) return missingToken();
  let response: globalThis.Response;
  try {
    response = await fetch(endpoint(`./upload?name=${encodeURIComponent(file.name)}`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', [TOKEN_HEADER]: token },
      body: file,
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch {
    return unreachable(`uploading ${file.name}`);
  }
  return readResult<StagedFile>(response, 'the upload');
}
