/**
 * agent.has_sessions answers "which agents have any session?" without reading the session table,
 * which is stored in start order and has no index by agent (migration 100). An import sets it for
 * the agents it gave sessions; anything that deletes sessions recomputes it here.
 */
import type { Connection } from './connection';

/** Marks agents as having sessions (inside the import's transaction, once its sessions are in). */
export function markAgentsWithSessions(db: Connection, agentIds: Iterable<number>): void {
  const mark = db.prepare('UPDATE agent SET has_sessions = 1 WHERE id = ? AND has_sessions = 0');
  for (const id of agentIds) mark.run(id);
}

/**
 * After sessions were deleted (undo, purge): recomputes has_sessions in one pass over the
 * sessions, then removes the agents left with neither sessions nor a roster entry. Returns how
 * many agents were removed.
 */
export function forgetAgentsWithoutSessions(db: Connection): number {
  db.exec('UPDATE agent SET has_sessions = 0 WHERE has_sessions = 1 AND id NOT IN (SELECT agent_id FROM session)');
  return db.prepare('DELETE FROM agent WHERE has_sessions = 0 AND id NOT IN (SELECT agent_id FROM roster)').run().changes;
}
