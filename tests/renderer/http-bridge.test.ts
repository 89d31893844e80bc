// The preview transport: token handling, request shape and errors as Results.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callHttp, previewToken, resetPreviewTokenCache, TOKEN_STORAGE_KEY, uploadFile } from '../../renderer/src/api/http-bridge';

function fakeWindow(href: string) {
  const store = new Map<string, string>();
  const location = new URL(href);
  const win = {
    location: { get href() { return location.href; } },
    sessionStorage: {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => void store.set(key, value),
    },
    history: {
      state: null,
      replaceState: (_state: unknown, _title: string, url: string) => {
        const next = new URL(url, location.href);
        location.href = next.href;
      },
    },
  };
  return { win, store, location };
}

describe('http bridge', () => {
  let fetchMock: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    resetPreviewTokenCache();
    fetchMock = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: { version: '0.1.0' } }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('takes the token from ?token=, keeps it in sessionStorage and removes it from the URL', () => {
    const { win, store, location } = fakeWindow('http://127.0.0.1:5000/?token=abc123#/imports');
    vi.stubGlobal('window', win);
    expect(previewToken()).toBe('abc123');
    expect(store.get(TOKEN_STORAGE_KEY)).toBe('abc123');
    expect(location.href).toBe('http://127.0.0.1:5000/#/imports');
    // A reload of the same tab finds it again.
    resetPreviewTokenCache();
    expect(previewToken()).toBe('abc123');
  });

  it('POSTs JSON to ./api/<method> with the token header and returns the Result', async () => {
    vi.stubGlobal('window', fakeWindow('http://127.0.0.1:5000/?token=t0k').win);
    const result = await callHttp('app:info', {});
    expect(result).toEqual({ ok: true, value: { version: '0.1.0' } });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('http://127.0.0.1:5000/api/app:info');
    expect(init.method).toBe('POST');
    expect(init.headers['X-Seatcast-Token']).toBe('t0k');
    expect(init.headers['Content-Type']).toBe('application/json');
    expect(init.body).toBe('{}');
  });

  it('uploads the raw file with its name in the query', async () => {
    vi.stubGlobal('window', fakeWindow('http://127.0.0.1:5000/?token=t0k').win);
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ ok: true, value: { fileId: 'f1', name: 'a b.csv', sizeBytes: 3 } })));
    const file = new File(['abc'], 'a b.csv');
    const result = await uploadFile(file);
    expect(result.ok).toBe(true);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('http://127.0.0.1:5000/upload?name=a%20b.csv');
    expect(init.headers['Content-Type']).toBe('application/octet-stream');
    expect(init.body).toBe(file);
  });

  it('turns a missing token, a refused token and a dead server into Results', async () => {
    vi.stubGlobal('window', fakeWindow('http://127.0.0.1:5000/').win);
    const missing = await callHttp('app:info', {});
    expect(missing.ok).toBe(false);
    expect(fetchMock).not.toHaveBeenCalled();

    resetPreviewTokenCache();
    vi.stubGlobal('window', fakeWindow('http://127.0.0.1:5000/?token=bad').win);
    fetchMock.mockResolvedValueOnce(new Response('nope', { status: 401 }));
    const refused = await callHttp('app:info', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const dead = await callHttp('app:info', {});
    expect(dead).toMatchObject({ ok: false, error: { code: 'unreachable' } });
  });
});
