/**
 * Proves that every room rule and offline rule in eslint.config.mjs bites, and that the few
 * allowed exceptions stay allowed. Code is linted through the ESLint Node API under virtual paths
 * inside the repo, so the folder globs of the config apply exactly as in `eslint .`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: repoRoot });

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath, warnIgnored: true });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length) throw new Error(`Probe for ${filePath} does not parse: ${fatal[0]?.message}`);
  return result.messages;
}

const isRoomRule = (m: Linter.LintMessage) => m.ruleId?.startsWith('no-restricted-') ?? false;
const describeMessages = (messages: Linter.LintMessage[]) =>
  messages.map((m) => `${m.ruleId}: ${m.message}`).join('\n');

// Virtual files, one per room.
const SHARED = 'shared/__lint_probe__.ts';
const ENGINE = 'electron/engine/__lint_probe__.ts';
const CLI = 'electron/cli/__lint_probe__.ts';
const PREVIEW = 'electron/preview/__lint_probe__.ts';
const PREVIEW_SERVER = 'electron/preview/server.ts';
const MAIN = 'electron/main/__lint_probe__.ts';
const PRELOAD = 'electron/preload/__lint_probe__.ts';
const RENDERER = 'renderer/src/__lint_probe__.tsx';
const HTTP_BRIDGE = 'renderer/src/api/http-bridge.ts';
const SCRIPT = 'scripts/__lint_probe__.mjs';
const TEST = 'tests/__lint_probe__.test.ts';
const E2E = 'tests/e2e/__lint_probe__.spec.ts';

type Rule = 'no-restricted-imports' | 'no-restricted-syntax' | 'no-restricted-globals' | 'no-restricted-properties';
type BannedCase = { name: string; filePath: string; code: string; ruleId: Rule; reason: string };

const OFFLINE = 'offline';
const SHARED_PURE = 'shared/ is pure';
const NO_ELECTRON = 'keep `electron` calls in electron/main';
const RENDERER_BROWSER = 'renderer/ runs in the browser';
const RENDERER_ELECTRON = 'renderer/ must not touch `electron`';

const roomCases: BannedCase[] = [
  // shared/: pure TypeScript
  { name: 'shared imports node:fs', filePath: SHARED, code: "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;", ruleId: 'no-restricted-imports', reason: SHARED_PURE },
  { name: 'shared imports fs', filePath: SHARED, code: "import fs from 'fs';\nexport const read = fs.readFileSync;", ruleId: 'no-restricted-imports', reason: SHARED_PURE },
  { name: 'shared imports fs/promises', filePath: SHARED, code: "import { readFile } from 'fs/promises';\nexport const read = readFile;", ruleId: 'no-restricted-imports', reason: SHARED_PURE },
  { name: 'shared imports node:path', filePath: SHARED, code: "import path from 'node:path';\nexport const join = path.join;", ruleId: 'no-restricted-imports', reason: SHARED_PURE },
  { name: 'shared imports crypto', filePath: SHARED, code: "import { createHash } from 'crypto';\nexport const hash = createHash;", ruleId: 'no-restricted-imports', reason: SHARED_PURE },
  { name: 'shared imports node:sqlite (node:-only builtin)', filePath: SHARED, code: "import { DatabaseSync } from 'node:sqlite';\nexport const Db = DatabaseSync;", ruleId: 'no-restricted-imports', reason: SHARED_PURE },
  { name: 'shared re-exports from node:events', filePath: SHARED, code: "export { EventEmitter } from 'node:events';", ruleId: 'no-restricted-imports', reason: SHARED_PURE },
  { name: 'shared imports electron', filePath: SHARED, code: "import { app } from 'electron';\nexport const quit = app.quit;", ruleId: 'no-restricted-imports', reason: SHARED_PURE },
  { name: 'shared imports react-dom', filePath: SHARED, code: "import ReactDOM from 'react-dom';\nexport const dom = ReactDOM;", ruleId: 'no-restricted-imports', reason: SHARED_PURE },
  { name: 'shared imports react-dom/client', filePath: SHARED, code: "import { createRoot } from 'react-dom/client';\nexport const mount = createRoot;", ruleId: 'no-restricted-imports', reason: SHARED_PURE },
  { name: 'shared requires node:fs', filePath: SHARED, code: "export const fs = require('node:fs');", ruleId: 'no-restricted-syntax', reason: SHARED_PURE },
  { name: 'shared dynamic-imports os', filePath: SHARED, code: "export const os = await import('os');", ruleId: 'no-restricted-syntax', reason: SHARED_PURE },
  { name: 'shared uses window', filePath: SHARED, code: 'export const width = () => window.innerWidth;', ruleId: 'no-restricted-globals', reason: SHARED_PURE },
  { name: 'shared uses document', filePath: SHARED, code: 'export const title = () => document.title;', ruleId: 'no-restricted-globals', reason: SHARED_PURE },
  { name: 'shared uses navigator', filePath: SHARED, code: 'export const lang = () => navigator.language;', ruleId: 'no-restricted-globals', reason: SHARED_PURE },
  { name: 'shared uses localStorage', filePath: SHARED, code: "export const theme = () => localStorage.getItem('theme');", ruleId: 'no-restricted-globals', reason: SHARED_PURE },
  { name: 'shared uses location via globalThis', filePath: SHARED, code: 'export const href = () => globalThis.location.href;', ruleId: 'no-restricted-globals', reason: SHARED_PURE },
  { name: 'shared uses process', filePath: SHARED, code: 'export const tz = () => process.env.TZ;', ruleId: 'no-restricted-globals', reason: SHARED_PURE },
  { name: 'shared uses Buffer', filePath: SHARED, code: "export const bytes = (s: string) => Buffer.from(s);", ruleId: 'no-restricted-globals', reason: SHARED_PURE },

  // electron/engine, electron/cli, electron/preview: plain Node, never electron
  { name: 'engine imports electron', filePath: ENGINE, code: "import { app } from 'electron';\nexport const dir = () => app.getPath('userData');", ruleId: 'no-restricted-imports', reason: NO_ELECTRON },
  { name: 'engine imports type from electron', filePath: ENGINE, code: "import type { App } from 'electron';\nexport type Host = App;", ruleId: 'no-restricted-imports', reason: NO_ELECTRON },
  { name: 'engine dynamic-imports electron', filePath: ENGINE, code: "export const electron = await import('electron');", ruleId: 'no-restricted-syntax', reason: NO_ELECTRON },
  { name: 'cli imports electron', filePath: CLI, code: "import { app } from 'electron';\nexport const quit = app.quit;", ruleId: 'no-restricted-imports', reason: NO_ELECTRON },
  { name: 'cli requires electron', filePath: CLI, code: "export const electron = require('electron');", ruleId: 'no-restricted-syntax', reason: NO_ELECTRON },
  { name: 'preview imports electron', filePath: PREVIEW, code: "import { app } from 'electron';\nexport const quit = app.quit;", ruleId: 'no-restricted-imports', reason: NO_ELECTRON },
  { name: 'preview server imports electron', filePath: PREVIEW_SERVER, code: "import { app } from 'electron';\nexport const quit = app.quit;", ruleId: 'no-restricted-imports', reason: NO_ELECTRON },

  // renderer/: browser only
  { name: 'renderer imports node:path', filePath: RENDERER, code: "import path from 'node:path';\nexport const join = path.join;", ruleId: 'no-restricted-imports', reason: RENDERER_BROWSER },
  { name: 'renderer imports fs', filePath: RENDERER, code: "import fs from 'fs';\nexport const read = fs.readFileSync;", ruleId: 'no-restricted-imports', reason: RENDERER_BROWSER },
  { name: 'renderer imports electron', filePath: RENDERER, code: "import { ipcRenderer } from 'electron';\nexport const ipc = ipcRenderer;", ruleId: 'no-restricted-imports', reason: RENDERER_ELECTRON },
  { name: 'renderer requires electron', filePath: RENDERER, code: "export const electron = require('electron');", ruleId: 'no-restricted-syntax', reason: RENDERER_ELECTRON },
  { name: 'renderer uses process', filePath: RENDERER, code: 'export const mode = () => process.env.NODE_ENV;', ruleId: 'no-restricted-globals', reason: RENDERER_BROWSER },
  { name: 'http-bridge still may not import node:path', filePath: HTTP_BRIDGE, code: "import path from 'node:path';\nexport const join = path.join;", ruleId: 'no-restricted-imports', reason: RENDERER_BROWSER },
];

// Every network module, in every form, in a rotating choice of rooms (the ban is everywhere).
const NETWORK_MODULES = ['http', 'https', 'net', 'tls', 'dgram', 'dns', 'http2'] as const;
const ANYWHERE = [SHARED, ENGINE, CLI, MAIN, PRELOAD, RENDERER, SCRIPT, TEST, PREVIEW];
const networkForms = [
  { form: 'import', ruleId: 'no-restricted-imports', code: (m: string) => `import net from '${m}';\nexport const x = net;` },
  { form: 'import node:', ruleId: 'no-restricted-imports', code: (m: string) => `import * as net from 'node:${m}';\nexport const x = net;` },
  { form: 'require', ruleId: 'no-restricted-syntax', code: (m: string) => `export const x = require('${m}');` },
  { form: 'require node:', ruleId: 'no-restricted-syntax', code: (m: string) => `export const x = require('node:${m}');` },
  { form: 'dynamic import', ruleId: 'no-restricted-syntax', code: (m: string) => `export const x = await import('${m}');` },
  { form: 'dynamic import node:', ruleId: 'no-restricted-syntax', code: (m: string) => `export const x = await import('node:${m}');` },
] as const;

const networkModuleCases: BannedCase[] = NETWORK_MODULES.flatMap((m, i) =>
  networkForms.map((f, j) => {
    const filePath = ANYWHERE[(i * networkForms.length + j) % ANYWHERE.length]!;
    return { name: `${f.form} '${m}' in ${filePath}`, filePath, code: f.code(m), ruleId: f.ruleId, reason: OFFLINE };
  }),
);

const moreNetworkCases: BannedCase[] = [
  { name: 'import dns/promises (subpath)', filePath: ENGINE, code: "import { lookup } from 'dns/promises';\nexport const x = lookup;", ruleId: 'no-restricted-imports', reason: OFFLINE },
  { name: 'import node:dns/promises (subpath)', filePath: CLI, code: "import { lookup } from 'node:dns/promises';\nexport const x = lookup;", ruleId: 'no-restricted-imports', reason: OFFLINE },
  { name: 're-export from node:net', filePath: ENGINE, code: "export * from 'node:net';", ruleId: 'no-restricted-imports', reason: OFFLINE },
  { name: 'TS import-equals of node:https', filePath: MAIN, code: "import https = require('node:https');\nexport const x = https;", ruleId: 'no-restricted-imports', reason: OFFLINE },
  { name: 'require of node:dns/promises', filePath: SCRIPT, code: "export const x = require('node:dns/promises');", ruleId: 'no-restricted-syntax', reason: OFFLINE },
  { name: "import of Node's internal _http_client", filePath: ENGINE, code: "import x from '_http_client';\nexport default x;", ruleId: 'no-restricted-imports', reason: OFFLINE },
  { name: 'import of a userland client (axios)', filePath: RENDERER, code: "import axios from 'axios';\nexport const x = axios;", ruleId: 'no-restricted-imports', reason: OFFLINE },
  { name: 'import of a userland client (ws)', filePath: ENGINE, code: "import { WebSocket } from 'ws';\nexport const x = WebSocket;", ruleId: 'no-restricted-imports', reason: OFFLINE },
  { name: "main imports Electron's net", filePath: MAIN, code: "import { net } from 'electron';\nexport const get = () => net.fetch('https://example.com');", ruleId: 'no-restricted-syntax', reason: OFFLINE },
  { name: "main uses electron.net via a namespace import", filePath: MAIN, code: "import * as electron from 'electron';\nexport const get = () => electron.net.request('https://example.com');", ruleId: 'no-restricted-syntax', reason: OFFLINE },
  { name: "preload uses require('electron').net", filePath: PRELOAD, code: "export const get = () => require('electron').net.request('https://example.com');", ruleId: 'no-restricted-syntax', reason: OFFLINE },
  { name: 'cjs script requires http', filePath: 'scripts/__lint_probe__.cjs', code: "module.exports = require('http');", ruleId: 'no-restricted-syntax', reason: OFFLINE },
  // The exceptions are narrow: node:http only, in exactly these places.
  { name: 'preview server imports node:https', filePath: PREVIEW_SERVER, code: "import { createServer } from 'node:https';\nexport const x = createServer;", ruleId: 'no-restricted-imports', reason: OFFLINE },
  { name: 'preview server imports net', filePath: PREVIEW_SERVER, code: "import net from 'net';\nexport const x = net;", ruleId: 'no-restricted-imports', reason: OFFLINE },
  { name: 'other preview file imports node:http', filePath: PREVIEW, code: "import { createServer } from 'node:http';\nexport const x = createServer;", ruleId: 'no-restricted-imports', reason: OFFLINE },
  { name: 'e2e test imports node:net', filePath: E2E, code: "import net from 'node:net';\nexport const x = net;", ruleId: 'no-restricted-imports', reason: OFFLINE },
  { name: 'unit test outside e2e imports node:http', filePath: TEST, code: "import http from 'node:http';\nexport const x = http;", ruleId: 'no-restricted-imports', reason: OFFLINE },
];

const networkApiCases: BannedCase[] = [
  { name: 'fetch in engine', filePath: ENGINE, code: "export const get = () => fetch('https://example.com');", ruleId: 'no-restricted-globals', reason: OFFLINE },
  { name: 'fetch in shared', filePath: SHARED, code: "export const get = () => fetch('/x');", ruleId: 'no-restricted-globals', reason: OFFLINE },
  { name: 'fetch in renderer', filePath: RENDERER, code: "export const get = () => fetch('/api');", ruleId: 'no-restricted-globals', reason: OFFLINE },
  { name: 'fetch in main', filePath: MAIN, code: "export const get = () => fetch('https://example.com');", ruleId: 'no-restricted-globals', reason: OFFLINE },
  { name: 'fetch in a script', filePath: SCRIPT, code: "export const get = () => fetch('https://example.com');", ruleId: 'no-restricted-globals', reason: OFFLINE },
  { name: 'fetch in a unit test', filePath: TEST, code: "export const get = () => fetch('http://127.0.0.1');", ruleId: 'no-restricted-globals', reason: OFFLINE },
  { name: 'globalThis.fetch in engine', filePath: ENGINE, code: "export const get = () => globalThis.fetch('https://example.com');", ruleId: 'no-restricted-globals', reason: OFFLINE },
  { name: 'window.fetch in renderer', filePath: RENDERER, code: "export const get = () => window.fetch('/api');", ruleId: 'no-restricted-globals', reason: OFFLINE },
  { name: 'WebSocket in renderer', filePath: RENDERER, code: "export const open = () => new WebSocket('ws://example.com');", ruleId: 'no-restricted-globals', reason: OFFLINE },
  { name: 'WebSocket in engine', filePath: ENGINE, code: "export const open = () => new WebSocket('ws://example.com');", ruleId: 'no-restricted-globals', reason: OFFLINE },
  { name: 'WebSocket in http-bridge', filePath: HTTP_BRIDGE, code: "export const open = () => new WebSocket('ws://127.0.0.1');", ruleId: 'no-restricted-globals', reason: OFFLINE },
  { name: 'EventSource in renderer', filePath: RENDERER, code: "export const listen = () => new EventSource('/events');", ruleId: 'no-restricted-globals', reason: OFFLINE },
  { name: 'XMLHttpRequest in renderer', filePath: RENDERER, code: 'export const xhr = () => new XMLHttpRequest();', ruleId: 'no-restricted-globals', reason: OFFLINE },
  { name: 'XMLHttpRequest in preload', filePath: PRELOAD, code: 'export const xhr = () => new XMLHttpRequest();', ruleId: 'no-restricted-globals', reason: OFFLINE },
  { name: 'fetch in preview server', filePath: PREVIEW_SERVER, code: "export const get = () => fetch('https://example.com');", ruleId: 'no-restricted-globals', reason: OFFLINE },
  { name: 'navigator.sendBeacon in renderer', filePath: RENDERER, code: "export const ping = () => navigator.sendBeacon('/t', 'x');", ruleId: 'no-restricted-properties', reason: OFFLINE },
  { name: 'window.navigator.sendBeacon in renderer', filePath: RENDERER, code: "export const ping = () => window.navigator.sendBeacon('/t', 'x');", ruleId: 'no-restricted-properties', reason: OFFLINE },
  { name: 'shell.openExternal in main', filePath: MAIN, code: "import { shell } from 'electron';\nexport const open = () => shell.openExternal('https://example.com');", ruleId: 'no-restricted-properties', reason: OFFLINE },
  { name: 'destructured openExternal from shell', filePath: MAIN, code: "import { shell } from 'electron';\nconst { openExternal } = shell;\nexport const open = () => openExternal('https://example.com');", ruleId: 'no-restricted-properties', reason: OFFLINE },
  { name: 'electron.shell.openExternal in main', filePath: MAIN, code: "import * as electron from 'electron';\nexport const open = () => electron.shell.openExternal('https://example.com');", ruleId: 'no-restricted-properties', reason: OFFLINE },
  { name: 'shell.openExternal in a script', filePath: SCRIPT, code: "export const open = (shell) => shell.openExternal('https://example.com');", ruleId: 'no-restricted-properties', reason: OFFLINE },
];

type AllowedCase = { name: string; filePath: string; code: string };

const allowedCases: AllowedCase[] = [
  { name: 'preview server imports node:http', filePath: PREVIEW_SERVER, code: "import { createServer } from 'node:http';\nexport const listen = createServer;" },
  { name: 'preview server imports http', filePath: PREVIEW_SERVER, code: "import http from 'http';\nexport const listen = http.createServer;" },
  { name: 'preview server imports node builtins', filePath: PREVIEW_SERVER, code: "import { randomBytes } from 'node:crypto';\nimport path from 'node:path';\nexport const token = () => randomBytes(32).toString('hex') + path.sep;" },
  { name: 'http-bridge uses fetch', filePath: HTTP_BRIDGE, code: "export async function call(method: string, body: unknown): Promise<unknown> {\n  const res = await fetch(`/api/${method}`, { method: 'POST', body: JSON.stringify(body) });\n  return res.json();\n}" },
  { name: 'main imports electron', filePath: MAIN, code: "import { app, BrowserWindow, ipcMain } from 'electron';\nexport const parts = { app, BrowserWindow, ipcMain };" },
  { name: 'main uses shell.openPath for a local file', filePath: MAIN, code: "import { shell } from 'electron';\nexport const reveal = (file: string) => shell.openPath(file);" },
  { name: 'preload imports electron', filePath: PRELOAD, code: "import { contextBridge, ipcRenderer } from 'electron';\ncontextBridge.exposeInMainWorld('seatcast', { call: (m: string) => ipcRenderer.invoke(m) });" },
  { name: 'engine imports better-sqlite3 and node:fs', filePath: ENGINE, code: "import Database from 'better-sqlite3';\nimport { readFileSync } from 'node:fs';\nimport path from 'node:path';\nimport { Worker } from 'node:worker_threads';\nexport const open = (file: string) => new Database(path.resolve(file));\nexport const parts = { readFileSync, Worker };" },
  { name: 'engine declares its own function named fetch', filePath: ENGINE, code: 'const fetch = (id: string) => id;\nexport const load = (id: string) => fetch(id);' },
  { name: 'cli imports the engine and node builtins', filePath: CLI, code: "import { readFileSync } from 'node:fs';\nimport process from 'node:process';\nimport { open } from '../engine/db';\nexport const run = () => open(readFileSync(process.argv[2] ?? '', 'utf8'));" },
  { name: 'shared imports zod, temporal-polyfill and shared', filePath: SHARED, code: "import { z } from 'zod';\nimport { Temporal } from 'temporal-polyfill';\nimport { ok } from './result';\nexport const parse = (s: string) => ok(z.string().parse(s) + Temporal.Now.instant().toString());" },
  { name: 'shared uses globals that exist everywhere', filePath: SHARED, code: "export const id = () => crypto.randomUUID();\nexport const bytes = (s: string) => new TextEncoder().encode(s);\nexport const url = (s: string) => new URL(s);\nexport const later = (f: () => void) => setTimeout(f, 0);\nexport const copy = <T>(v: T) => structuredClone(v);\nexport const fmt = (n: number) => new Intl.NumberFormat('en-US').format(n);" },
  { name: 'renderer imports react, react-dom/client and shared', filePath: RENDERER, code: "import { useState } from 'react';\nimport { createRoot } from 'react-dom/client';\nimport { contentSecurityPolicy } from '../../shared/csp';\nexport const parts = { useState, createRoot, contentSecurityPolicy };\nexport const title = () => document.title + window.location.hash + localStorage.length;" },
  { name: 'e2e test uses node:http and fetch on loopback', filePath: E2E, code: "import http from 'node:http';\nexport const probe = async () => { await fetch('http://127.0.0.1:1/'); return http.STATUS_CODES; };" },
  { name: 'preview-bridge test uses fetch on loopback', filePath: 'tests/electron/preview/server.test.ts', code: "export const probe = () => fetch('http://127.0.0.1:1/api/app:info');" },
  { name: 'unit test imports node builtins and electron fake', filePath: TEST, code: "import { mkdtempSync } from 'node:fs';\nimport os from 'node:os';\nimport { app } from 'electron';\nexport const dir = () => mkdtempSync(os.tmpdir()) + app.name;" },
  { name: 'script imports node builtins', filePath: SCRIPT, code: "import { spawnSync } from 'node:child_process';\nimport { readFileSync } from 'node:fs';\nexport const run = () => spawnSync('node', [readFileSync('x', 'utf8')]);" },
  { name: 'cjs bin requires node builtins', filePath: 'bin/__lint_probe__.cjs', code: "const path = require('node:path');\nmodule.exports = path.join(__dirname, 'x');" },
];

describe('room and offline rules', () => {
  it.each([...roomCases, ...networkModuleCases, ...moreNetworkCases, ...networkApiCases])(
    'rejects: $name',
    async ({ filePath, code, ruleId, reason }) => {
      const messages = await lint(filePath, code);
      const restricted = messages.filter(isRoomRule);
      // Exactly one report: the rule that owns the case, with a message that says what to do.
      expect(restricted, describeMessages(messages)).toHaveLength(1);
      expect(restricted[0]?.ruleId).toBe(ruleId);
      expect(restricted[0]?.severity).toBe(2);
      expect(restricted[0]?.message).toContain(reason);
    },
  );

  it.each(allowedCases)('allows: $name', async ({ filePath, code }) => {
    const messages = await lint(filePath, code);
    expect(messages, describeMessages(messages)).toEqual([]);
  });
});

describe('bad fixture file', () => {
  const fixture = fileURLToPath(new URL('../fixtures/lint/bad-shared.ts', import.meta.url));

  it('reports the node:fs import and the fetch call when linted as shared/', async () => {
    const messages = await lint('shared/bad-shared.ts', readFileSync(fixture, 'utf8'));
    const errors = messages.filter((m) => m.severity === 2);
    expect(errors.length, describeMessages(messages)).toBeGreaterThanOrEqual(2);
    expect(errors.map((m) => m.ruleId)).toEqual(
      expect.arrayContaining(['no-restricted-imports', 'no-restricted-globals']),
    );
  });

  it('is ignored by a plain `eslint .` run', async () => {
    expect(await eslint.isPathIgnored(fixture)).toBe(true);
  });
});
