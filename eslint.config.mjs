// @ts-check
/**
 * Lint for Seatcast. Besides the usual recommended sets, this file enforces two things that the
 * type checker cannot see:
 *
 *  1. The rooms (docs/design.md): which folder may load which kind of code.
 *       shared/            pure TypeScript that runs anywhere: no Node builtins, no electron,
 *                          no react-dom, no browser-only or Node-only globals.
 *       electron/engine/   Node code that must run without an Electron binary (CLI, preview
 *       electron/cli/      server, tests): never `electron`.
 *       electron/preview/  (the preview server runs under plain `node`, so the same holds there)
 *       electron/main/     may import `electron`.
 *       electron/preload/  may import `electron`.
 *       renderer/          browser code: no Node builtins, no Node-only globals, no `electron`.
 *  2. Offline: nothing, anywhere, may talk to the network — no http/https/net/tls/dgram/dns/http2
 *     (bare, `node:`, subpaths, require(), import()), no userland HTTP/WebSocket clients, no
 *     Electron `net`, no fetch/WebSocket/EventSource/XMLHttpRequest, no navigator.sendBeacon,
 *     no shell.openExternal. The three allowed exceptions are marked EXCEPTION below.
 *
 * How the restriction rules are composed: in a flat config a later entry that sets a rule
 * REPLACES that rule's options; lists are not merged. So every room below states its complete
 * lists (the network bans included) and the same helper turns them into no-restricted-imports,
 * no-restricted-syntax and no-restricted-globals. If you add a room or an exception, add it to
 * `rooms` rather than writing those three rules by hand, or you will silently drop the network
 * bans for that folder. tests/lint/room-rules.test.ts proves every rule still bites.
 */
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const SOURCE_FILES = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];

// ------------------------------------------------------------------------------------------------
// What is banned, and what to do instead
// ------------------------------------------------------------------------------------------------

const OFFLINE = 'Seatcast is offline and must never touch the network.';

const NETWORK_MODULES = ['http', 'https', 'net', 'tls', 'dgram', 'dns', 'http2'];
/** Node's internal halves of the same modules (`_http_client`, `_tls_wrap`, ...). */
const NETWORK_INTERNALS = builtinModules.filter((m) => /^_(http|tls)_/.test(m));
/** Userland network clients; none is a dependency, and none may become one. */
const NETWORK_PACKAGES = [
  'axios', 'node-fetch', 'undici', 'ws', 'got', 'ky', 'superagent', 'request',
  'cross-fetch', 'isomorphic-fetch', 'electron-fetch', 'socket.io-client',
];
const NETWORK_GLOBALS = ['fetch', 'WebSocket', 'EventSource', 'XMLHttpRequest'];

const msg = {
  networkModule:
    `${OFFLINE} Read local data through the engine (electron/engine); only ` +
    'electron/preview/server.ts may import node:http, for the loopback preview bridge.',
  networkGlobal:
    `${OFFLINE} Call the engine through the typed API client (shared/contract via window.seatcast); ` +
    'only renderer/src/api/http-bridge.ts may use fetch, for the same-origin preview bridge.',
  electronNet:
    `${OFFLINE} Electron's \`net\` module is a network client: serve app:// files by reading them ` +
    'with node:fs and answering with `new Response(...)`.',
  beacon: `${OFFLINE} No beacons or telemetry: keep the data on this machine and drop the call.`,
  externalUrl:
    `${OFFLINE} Do not hand URLs to the system browser: show the text in the app, or use ` +
    'shell.openPath / shell.showItemInFolder for a local file.',
  sharedNode:
    'shared/ is pure and also runs in the browser: move Node code to electron/engine and pass ' +
    'the result into shared/ as an argument.',
  sharedElectron:
    'shared/ is pure: Electron code belongs in electron/main or electron/preload.',
  sharedReactDom:
    'shared/ is pure: DOM rendering belongs in renderer/.',
  sharedBrowserGlobal:
    'shared/ is pure and also runs in Node (engine, CLI, tests): move DOM/browser code to ' +
    'renderer/ or pass the value into shared/ as an argument.',
  sharedNodeGlobal:
    'shared/ is pure and also runs in the browser: move Node code to electron/engine or pass ' +
    'the value into shared/ as an argument.',
  nodeWithoutElectron:
    'electron/engine, electron/cli and electron/preview run under plain Node without an Electron ' +
    'binary: keep `electron` calls in electron/main (or electron/preload) and pass what the ' +
    'engine needs in as arguments.',
  rendererNode:
    'renderer/ runs in the browser: no Node modules. Ask the engine through the typed API ' +
    'client (window.seatcast, built from shared/contract) instead.',
  rendererNodeGlobal:
    'renderer/ runs in the browser, where Node globals do not exist: ask the engine through the ' +
    'typed API client (window.seatcast) instead.',
  rendererElectron:
    'renderer/ must not touch `electron`: the preload exposes window.seatcast; call the engine ' +
    'through that typed API client.',
};

// ------------------------------------------------------------------------------------------------
// Module bans: one description drives no-restricted-imports (static import/export, TS
// `import x = require()`) and no-restricted-syntax (require() and dynamic import()).
// ------------------------------------------------------------------------------------------------

const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * @param {string[]} names exact specifiers, e.g. ['fs', 'node:fs']
 * @param {string} message what to do instead
 * @param {string[]} [extraRegexes] further specifiers (regex sources, anchored by the caller)
 */
function moduleBan(names, message, extraRegexes = []) {
  const alternatives = names.map(escapeRegex).join('|');
  // Subpaths of a banned module: dns/promises, electron/main, react-dom/client, ...
  const subpaths = names.length ? [`^(?:${alternatives})/`] : [];
  const patterns = [...subpaths, ...extraRegexes];
  const anySpecifier = esqueryRegex(
    [...(names.length ? [`^(?:${alternatives})(?:/.*)?$`] : []), ...extraRegexes].join('|'),
  );
  return {
    paths: names.map((name) => ({ name, message })),
    patterns: patterns.map((regex) => ({ regex, message, caseSensitive: true })),
    selectors: [
      {
        selector: `CallExpression[callee.type='Identifier'][callee.name='require'][arguments.0.value=${anySpecifier}]`,
        message: `require() of this module is not allowed. ${message}`,
      },
      {
        selector: `ImportExpression[source.value=${anySpecifier}]`,
        message: `import() of this module is not allowed. ${message}`,
      },
    ],
  };
}

/** esquery cannot read a `/` inside a /regex/ literal, so spell it \x2F. */
function esqueryRegex(source) {
  return `/${source.replaceAll('\\/', '\\x2F').replaceAll('/', '\\x2F')}/`;
}

/** Node builtins as `x` and `node:x`. */
const withNodePrefix = (modules) => modules.flatMap((m) => [m, `node:${m}`]);

const networkBan = (allowed = []) =>
  moduleBan(
    [
      ...withNodePrefix(NETWORK_MODULES.filter((m) => !allowed.includes(m))),
      ...withNodePrefix(NETWORK_INTERNALS),
      ...NETWORK_PACKAGES,
    ],
    msg.networkModule,
  );

/**
 * Every Node builtin except the network ones, which the network ban already reports (one
 * import, one message). The list comes from the running Node, so new builtins are covered; the
 * trailing regex catches `node:`-only modules (node:test, node:sqlite, node:sea) too.
 */
function nodeBuiltinBan(message) {
  const baseNames = builtinModules.filter((m) => !m.includes('/'));
  const network = new Set([...NETWORK_MODULES, ...NETWORK_INTERNALS]);
  const allBase = baseNames.map(escapeRegex).join('|');
  return moduleBan(
    withNodePrefix(baseNames.filter((m) => !network.has(m))),
    message,
    [`^node:(?!(?:${allBase})(?:/|$))`],
  );
}

/**
 * Electron's own network client, for the rooms where `electron` may be imported at all (the
 * others ban the whole module). Written as syntax so that `import * as electron` stays legal.
 */
const electronNetBan = {
  paths: [],
  patterns: [],
  selectors: [
    "ImportDeclaration[source.value='electron'] > ImportSpecifier[imported.name='net']",
    "MemberExpression[object.name='electron'][property.name='net']",
    "MemberExpression[object.callee.name='require'][object.arguments.0.value='electron'][property.name='net']",
  ].map((selector) => ({ selector, message: msg.electronNet })),
};

const ban = {
  networkEverywhere: networkBan(),
  networkExceptHttp: networkBan(['http']),
  electronNet: electronNetBan,
  sharedNode: nodeBuiltinBan(msg.sharedNode),
  sharedElectron: moduleBan(['electron'], msg.sharedElectron),
  sharedReactDom: moduleBan(['react-dom'], msg.sharedReactDom),
  nodeWithoutElectron: moduleBan(['electron'], msg.nodeWithoutElectron),
  rendererNode: nodeBuiltinBan(msg.rendererNode),
  rendererElectron: moduleBan(['electron'], msg.rendererElectron),
};

function moduleRules(bans) {
  return {
    'no-restricted-imports': [
      'error',
      { paths: bans.flatMap((b) => b.paths), patterns: bans.flatMap((b) => b.patterns) },
    ],
    'no-restricted-syntax': ['error', ...bans.flatMap((b) => b.selectors)],
  };
}

// ------------------------------------------------------------------------------------------------
// Global bans (no-restricted-globals also catches globalThis.x / window.x / self.x / global.x)
// ------------------------------------------------------------------------------------------------

const globalBan = (names, message) => names.map((name) => ({ name, message }));

const networkGlobalBan = (allowed = []) =>
  globalBan(NETWORK_GLOBALS.filter((g) => !allowed.includes(g)), msg.networkGlobal);

const esBuiltins = new Set(Object.keys(globals.builtin));
/**
 * Globals only Node has: process, Buffer, __dirname, module, ... `require` is left out: a
 * require() of a banned module is already reported by no-restricted-syntax with the precise
 * reason, and any require() in TypeScript by @typescript-eslint/no-require-imports.
 */
const NODE_ONLY_GLOBALS = Object.keys(globals.node).filter(
  (g) => !(g in globals.browser) && !esBuiltins.has(g) && g !== 'require',
);
/**
 * Globals only a browser has (window, document, location, HTMLElement, name, ...), plus those
 * Node 22 also defines but that mean "the browser" in shared code (navigator, localStorage,
 * sessionStorage). Globals both sides share (URL, TextEncoder, crypto, setTimeout, Event,
 * AbortController, structuredClone, ...) stay allowed in shared/. Type positions are not
 * reported, so `el: HTMLElement` in a type is fine.
 */
const BROWSER_ONLY_GLOBALS = [
  ...new Set([
    ...Object.keys(globals.browser).filter((g) => !(g in globals.node) && !esBuiltins.has(g)),
    'navigator',
    'localStorage',
    'sessionStorage',
  ]),
].filter((g) => !NETWORK_GLOBALS.includes(g));

function globalRules(bannedGlobals) {
  return {
    'no-restricted-globals': [
      'error',
      { globals: bannedGlobals, checkGlobalObject: true, globalObjects: ['globalThis', 'self', 'window', 'global'] },
    ],
  };
}

// ------------------------------------------------------------------------------------------------
// Rooms and exceptions. Order matters: a later entry replaces an earlier one for the files it
// matches, so each entry lists everything that applies to its files.
// ------------------------------------------------------------------------------------------------

const rooms = [
  {
    name: 'everywhere (offline)',
    files: SOURCE_FILES,
    modules: [ban.networkEverywhere, ban.electronNet],
    globals: networkGlobalBan(),
  },
  {
    name: 'shared (pure)',
    files: ['shared/**'],
    modules: [ban.networkEverywhere, ban.sharedNode, ban.sharedElectron, ban.sharedReactDom],
    globals: [
      ...networkGlobalBan(),
      ...globalBan(BROWSER_ONLY_GLOBALS, msg.sharedBrowserGlobal),
      ...globalBan(NODE_ONLY_GLOBALS, msg.sharedNodeGlobal),
    ],
  },
  {
    name: 'node without electron (engine, cli, preview)',
    files: ['electron/engine/**', 'electron/cli/**', 'electron/preview/**'],
    modules: [ban.networkEverywhere, ban.nodeWithoutElectron],
    globals: networkGlobalBan(),
  },
  {
    name: 'renderer (browser)',
    files: ['renderer/**'],
    modules: [ban.networkEverywhere, ban.rendererNode, ban.rendererElectron],
    globals: [...networkGlobalBan(), ...globalBan(NODE_ONLY_GLOBALS, msg.rendererNodeGlobal)],
  },
  // EXCEPTION: the preview bridge's loopback HTTP listener. It binds 127.0.0.1 only, requires a
  // per-run token and rejects foreign Host/Origin (docs/design.md); this is the one file that
  // may import node:http / http. https, net, tls, ... stay banned here too.
  {
    name: 'exception: preview server may import node:http',
    files: ['electron/preview/server.ts'],
    modules: [ban.networkExceptHttp, ban.nodeWithoutElectron],
    globals: networkGlobalBan(),
  },
  // EXCEPTION: the renderer's client for the preview bridge. It talks only to the same origin
  // that served the page (the loopback bridge), and the CSP (shared/csp.ts) limits connect-src
  // to 'self', so fetch here cannot reach the network. WebSocket etc. stay banned.
  {
    name: 'exception: http-bridge may use fetch',
    files: ['renderer/src/api/http-bridge.ts'],
    modules: [ban.networkEverywhere, ban.rendererNode, ban.rendererElectron],
    globals: [...networkGlobalBan(['fetch']), ...globalBan(NODE_ONLY_GLOBALS, msg.rendererNodeGlobal)],
  },
  // EXCEPTION: end-to-end and preview-bridge tests act as the loopback client of the preview
  // server (127.0.0.1), so they may use node:http and fetch. Nothing else in tests/ may.
  {
    name: 'exception: loopback client tests may use http and fetch',
    files: ['tests/e2e/**', 'tests/electron/preview/**'],
    modules: [ban.networkExceptHttp, ban.electronNet],
    globals: networkGlobalBan(['fetch']),
  },
];

const roomConfigs = rooms.map((room) => ({
  name: `seatcast/rooms/${room.name}`,
  files: room.files,
  rules: {
    ...moduleRules(room.modules),
    ...globalRules(room.globals),
  },
}));

// ------------------------------------------------------------------------------------------------

export default defineConfig(
  globalIgnores(
    [
      'dist/',
      'node_modules/',
      'resources/',
      'test-results/',
      'playwright-report/',
      // Deliberately bad code that tests/lint/room-rules.test.ts lints through the API.
      'tests/fixtures/lint/',
    ],
    'seatcast/ignores',
  ),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'seatcast/base',
    files: SOURCE_FILES,
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    rules: {
      // `(...args: any[]) => void` is the idiomatic type for a listener handed to Electron's
      // overloaded `on(...)`; other `any` still needs a reason (or `unknown`).
      '@typescript-eslint/no-explicit-any': ['error', { ignoreRestArgs: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      'no-restricted-properties': [
        'error',
        // Any object: window.navigator.sendBeacon and electron.shell.openExternal count too.
        { property: 'sendBeacon', message: msg.beacon },
        { property: 'openExternal', message: msg.externalUrl },
      ],
    },
  },
  {
    name: 'seatcast/globals/node',
    files: ['electron/**', 'scripts/**', 'tests/**', 'bin/**', '*.{js,mjs,cjs,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'seatcast/globals/browser',
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Hooks called conditionally or with stale dependencies are the React bugs lint can catch.
    name: 'seatcast/react-hooks',
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The preload script runs in the page but with a (sandboxed) Node-flavoured require.
    name: 'seatcast/globals/preload',
    files: ['electron/preload/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    name: 'seatcast/commonjs',
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...roomConfigs,
  {
    // EXCEPTION: the egress proof. The guard imports the network modules only to replace their
    // entry points with ones that throw; the probe tries to connect so the test can show that
    // the guard stops it (tests/security/no-egress-node.test.ts).
    name: 'seatcast/exception/network-guard',
    files: ['tests/security/network-guard.cjs', 'tests/fixtures/security/try-network.cjs'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off', 'no-restricted-globals': 'off' },
  },
);
