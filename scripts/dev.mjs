// `npm run dev`: the desktop app with hot reload. Vite serves the renderer on 127.0.0.1 (the
// window loads it; the shell allows exactly that origin when SEATCAST_DEV_SERVER_URL is set),
// esbuild rebuilds the Node-side bundles on change, and Electron restarts when they do.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { context } from 'esbuild';
import { createServer } from 'vite';
import { nodeBuildOptions } from './build-node.mjs';
import { missingElectronMessage, resolveElectronBinary } from './electron-binary.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const electron = resolveElectronBinary({ repoRoot });
if (!electron.found) {
  process.stderr.write(`${missingElectronMessage(electron.checked)}\n`);
  process.exit(1);
}

const vite = await createServer({ configFile: join(repoRoot, 'vite.config.ts'), server: { host: '127.0.0.1' } });
await vite.listen();
const devUrl = vite.resolvedUrls?.local[0];
if (!devUrl) throw new Error('dev: Vite did not report a local URL');
console.log(`dev: renderer at ${devUrl}`);

let app = null;
function restartElectron() {
  if (app) {
    app.removeAllListeners('exit');
    app.kill();
  }
  const env = { ...process.env, SEATCAST_DEV_SERVER_URL: devUrl.replace(/\/$/, '') };
  delete env.ELECTRON_RUN_AS_NODE;
  app = spawn(electron.path, [repoRoot], { stdio: 'inherit', env });
  app.on('exit', (code) => {
    void vite.close();
    process.exit(code ?? 0);
  });
}

let timer = null;
const restartSoon = {
  name: 'restart-electron',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length > 0) return;
      clearTimeout(timer);
      timer = setTimeout(restartElectron, 200);
    });
  },
};

for (const options of nodeBuildOptions()) {
  const ctx = await context({ ...options, plugins: [restartSoon] });
  await ctx.watch();
}
