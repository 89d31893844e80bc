/**
 * Saved licensing plans (table `plan`, migration 50). Every write validates the plan with the
 * same parser the CLI uses, so a stored plan always prices; refusals name the JSON path.
 *
 * Saves carry the version the editor loaded: a save against an older version is refused rather
 * than silently overwriting a change made in another window. Deleting only marks the row, so
 * the UI's Undo can bring the plan back with its id and its "current" mark.
 */
import { parsePlan, parsePlanText, serializePlan, type Plan } from '../../shared/pricing';
import { UserFacingError } from '../../shared/result';
import type { Connection } from './db/connection';

export type SavedPlan = {
  id: number;
  name: string;
  plan: Plan;
  isCurrent: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};

type PlanRow = {
  id: number;
  name: string;
  json: string;
  is_current: number;
  version: number;
  created_at_ms: number;
  updated_at_ms: number;
};

/** How long a deleted plan can still be restored before it is purged for good. */
const UNDO_WINDOW_MS = 24 * 60 * 60 * 1000;

const COLUMNS = 'id, name, json, is_current, version, created_at_ms, updated_at_ms';

function toSaved(row: PlanRow): SavedPlan {
  return {
    id: row.id,
    name: row.name,
    // Stored JSON was validated on the way in; parse again so defaults of newer readers apply.
    plan: validated(JSON.parse(row.json) as unknown, `saved plan #${row.id}`),
    isCurrent: row.is_current === 1,
    version: row.version,
    createdAt: new Date(row.created_at_ms).toISOString(),
    updatedAt: new Date(row.updated_at_ms).toISOString(),
  };
}

function validated(value: unknown, what: string): Plan {
  const read = parsePlan(value);
  if (!read.ok) throw new UserFacingError('plan-invalid', `${what}: ${read.message}`);
  return read.plan;
}

export type PlanStore = ReturnType<typeof planStore>;

export function planStore(db: Connection, now: () => number = Date.now) {
  const byId = (id: number): PlanRow | undefined =>
    db.prepare(`SELECT ${COLUMNS} FROM plan WHERE id = ? AND deleted_at_ms IS NULL`).get(id) as PlanRow | undefined;

  const required = (id: number): PlanRow => {
    const row = byId(id);
    if (!row) throw new UserFacingError('not-found', `There is no saved plan #${id}. It may have been deleted.`);
    return row;
  };

  function list(): SavedPlan[] {
    const rows = db.prepare(`SELECT ${COLUMNS} FROM plan WHERE deleted_at_ms IS NULL ORDER BY name COLLATE NOCASE, id`).all() as PlanRow[];
    return rows.map(toSaved);
  }

  function insert(plan: Plan): SavedPlan {
    const at = now();
    const { lastInsertRowid } = db
      .prepare('INSERT INTO plan (name, json, is_current, version, created_at_ms, updated_at_ms) VALUES (?, ?, 0, 1, ?, ?)')
      .run(plan.name, serializePlan(plan), at, at);
    return toSaved(required(Number(lastInsertRowid)));
  }

  /** Creates a plan (no id) or replaces one whose stored version is still `version`. */
  function save(request: { id?: number; version?: number; plan: unknown }): SavedPlan {
    const plan = validated(request.plan, 'The plan was not saved');
    if (request.id === undefined) return insert(plan);
    const { id, version } = request;
    return db.transaction(() => {
      const row = required(id);
      if (version !== undefined && row.version !== version) {
        throw new UserFacingError(
          'conflict',
          `"${row.name}" was changed elsewhere since you opened it (now version ${row.version}, you edited version ${version}). Reload it, then make your change again.`,
        );
      }
      const text = serializePlan(plan);
      if (text !== row.json) {
        db.prepare('UPDATE plan SET name = ?, json = ?, version = version + 1, updated_at_ms = ? WHERE id = ?').run(plan.name, text, now(), id);
      }
      return toSaved(required(id));
    })();
  }

  /** Marks the plan deleted; `restore` undoes it within a day. Older deleted plans are purged. */
  function remove(id: number): { id: number; name: string } {
    return db.transaction(() => {
      const row = required(id);
      const at = now();
      db.prepare('DELETE FROM plan WHERE deleted_at_ms IS NOT NULL AND deleted_at_ms < ?').run(at - UNDO_WINDOW_MS);
      db.prepare('UPDATE plan SET deleted_at_ms = ? WHERE id = ?').run(at, id);
      return { id, name: row.name };
    })();
  }

  function restore(id: number): SavedPlan {
    return db.transaction(() => {
      const row = db.prepare('SELECT is_current FROM plan WHERE id = ? AND deleted_at_ms IS NOT NULL').get(id) as { is_current: number } | undefined;
      if (!row) throw new UserFacingError('not-found', `Plan #${id} cannot be restored: it was not deleted, or was deleted more than a day ago.`);
      // Another plan may have been marked current meanwhile; that later choice wins.
      const otherCurrent = db.prepare('SELECT 1 FROM plan WHERE is_current = 1 AND id <> ? AND deleted_at_ms IS NULL').get(id) !== undefined;
      if (otherCurrent) db.prepare('UPDATE plan SET is_current = 0 WHERE id = ?').run(id);
      db.prepare('UPDATE plan SET deleted_at_ms = NULL WHERE id = ?').run(id);
      return toSaved(required(id));
    })();
  }

  /** Reads a plan file's text; refused with the JSON path and the reason. */
  function importText(text: string, fileName?: string): SavedPlan {
    const read = parsePlanText(text);
    if (!read.ok) throw new UserFacingError('plan-invalid', `${fileName ?? 'The plan file'} was not imported. ${read.message}`);
    return insert(read.plan);
  }

  function exportText(id: number): { fileName: string; text: string } {
    const saved = toSaved(required(id));
    const stem = saved.name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/[\s_]+/g, '-')
      .toLowerCase()
      .slice(0, 60);
    return { fileName: `${stem || `plan-${id}`}.json`, text: serializePlan(saved.plan) };
  }

  /** Marks one plan as the one paid today (savings are measured against it), or none. */
  function setCurrent(id: number | null): SavedPlan[] {
    db.transaction(() => {
      if (id !== null) required(id);
      db.prepare('UPDATE plan SET is_current = 0 WHERE is_current = 1').run();
      if (id !== null) db.prepare('UPDATE plan SET is_current = 1 WHERE id = ?').run(id);
    })();
    return list();
  }

  return { list, save, remove, restore, importText, exportText, setCurrent };
}
