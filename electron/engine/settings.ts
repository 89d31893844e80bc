import type { Connection } from './db/connection';

/** Small JSON values kept in the `setting` table (preferences, cube zone, demo state). */
export function readSetting<T>(db: Connection, key: string): T | null {
  const row = db.prepare('SELECT value FROM setting WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : null;
}

export function writeSetting(db: Connection, key: string, value: unknown): void {
  db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
}
