/**
 * The bundled demo dataset (resources/demo, written by scripts/generate-demo.mjs): its sessions
 * go through the normal import pipeline; its roster of provisioned accounts, including accounts
 * that never logged in, is loaded here.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { parseDay } from '../../shared/calendar';
import { agentKeyOf } from '../../shared/import/generic-csv';
import type { Connection } from './db/connection';

type RosterRow = { agent_id: string; agent_name: string; team: string; site: string; role: string; created: string; deactivated: string };

export function loadDemoRoster(db: Connection, path: string): number {
  const parsed = Papa.parse<RosterRow>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true });
  const upsertAgent = db.prepare(
    `INSERT INTO agent (external_key, display_name, team, site, role) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(external_key) DO UPDATE SET display_name = excluded.display_name RETURNING id`,
  );
  const insertRoster = db.prepare(
    `INSERT INTO roster (agent_id, created_day, deactivated_day, source) VALUES (?, ?, ?, 'demo')
     ON CONFLICT(agent_id) DO UPDATE SET created_day = excluded.created_day, deactivated_day = excluded.deactivated_day`,
  );
  return db.transaction(() => {
    for (const row of parsed.data) {
      const { id } = upsertAgent.get(agentKeyOf(row.agent_id), row.agent_name, row.team || null, row.site || null, row.role || 'agent') as { id: number };
      insertRoster.run(id, row.created ? parseDay(row.created) : null, row.deactivated ? parseDay(row.deactivated) : null);
    }
    return parsed.data.length;
  })();
}
