// Entry of `npm run preview` (dist/preview/server.cjs): parses flags, starts the bridge, prints the URL.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDatabasePath } from '../engine/paths';
import { startPreviewServer } from './server';

async function run(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      'no-demo': { type: 'boolean', default: false },
    },
  });
  const root = resolve(__dirname, '..', '..');
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: "${values.port}" is not a port number.`);
  const preview = await startPreviewServer({
    databasePath: resolveDatabasePath(values.db),
    rendererDir: join(root, 'dist', 'renderer'),
    resourcesDir: join(root, 'resources'),
    port,
    loadDemo: !values['no-demo'],
  });
  process.stdout.write(`Seatcast preview: ${preview.url}\n`);
  process.stdout.write('Bound to 127.0.0.1 only; the URL carries this run’s access token. Press Ctrl+C to stop.\n');
  const stop = () => {
    void preview.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

run().catch((error: unknown) => {
  process.stderr.write(`seatcast preview: ${(error as Error).message}\n`);
  process.exit(1);
});
