import { join } from 'node:path';

/**
 * Where the desktop app keeps its database, so the CLI finds the same file: the OS app-data
 * folder (what Electron's app.getPath('userData') gives for the product name "Seatcast").
 */
export function defaultDatabasePath(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = env.HOME ?? env.USERPROFILE ?? '.',
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Seatcast', 'seatcast.db');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Seatcast', 'seatcast.db');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Seatcast', 'seatcast.db');
}

/** `--db` wins, then `SEATCAST_DB`, then the app-data default. */
export function resolveDatabasePath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.SEATCAST_DB ?? defaultDatabasePath(process.platform, env);
}
