/**
 * The audit log: append-only (triggers refuse UPDATE and DELETE) and hash-chained, each row's
 * hash = SHA-256(previous hash ‖ canonical row), so editing or removing a row — even with the
 * triggers dropped — breaks the chain at that row. Details are counts and file digests, never
 * agent names or ids (NIST AU-3(3)).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/report/canonical';
import type { Connection } from '../db/connection';

export type AuditAction =
  | 'import'
  | 'undo'
  | 'export'
  | 'purge'
  | 'plan-change'
  | 'definition-change'
  | 'settings-change'
  | 'key-export';

export type AuditDetails = Record<string, string | number | boolean | null>;

export type AuditEntry = {
  id: number;
  at: string;
  action: string;
  details: AuditDetails;
  prevHash: string;
  hash: string;
};

const GENESIS = '0'.repeat(64);

function rowHash(prevHash: string, row: { id: number; atMs: number; action: string; detailsJson: string }): string {
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalJson({ id: row.id, atMs: row.atMs, action: row.action, details: row.detailsJson }))
    .digest('hex');
}

export function appendAudit(db: Connection, action: AuditAction, details: AuditDetails, now = Date.now()): AuditEntry {
  const write = db.transaction(() => {
    const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
    const id = (last?.id ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS;
    const detailsJson = canonicalJson(details);
    const hash = rowHash(prevHash, { id, atMs: now, action, detailsJson });
    db.prepare('INSERT INTO audit_log (id, at_ms, action, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)').run(id, now, action, detailsJson, prevHash, hash);
    return { id, at: new Date(now).toISOString(), action, details, prevHash, hash };
  });
  return write();
}

type AuditRow = { id: number; at_ms: number; action: string; details_json: string; prev_hash: string; hash: string };

/** Every stored row, oldest first, exactly as written. */
function auditRows(db: Connection): AuditRow[] {
  return db.prepare('SELECT id, at_ms, action, details_json, prev_hash, hash FROM audit_log ORDER BY id').all() as AuditRow[];
}

export function listAudit(db: Connection): AuditEntry[] {
  const rows = auditRows(db);
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at_ms).toISOString(),
    action: r.action,
    details: JSON.parse(r.details_json) as AuditDetails,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

export type AuditCheck = { ok: boolean; entries: number; breaks: Array<{ id: number; reason: string }> };

/** Walks the chain from the first row; reports every row whose link or hash does not hold. */
export function verifyAudit(db: Connection): AuditCheck {
  const rows = auditRows(db);
  const breaks: AuditCheck['breaks'] = [];
  let prev = GENESIS;
  let expectedId = 1;
  for (const r of rows) {
    if (r.id !== expectedId) breaks.push({ id: r.id, reason: `entry ${expectedId}${r.id - expectedId > 1 ? `–${r.id - 1}` : ''} is missing` });
    if (r.prev_hash !== prev) breaks.push({ id: r.id, reason: 'does not link to the entry before it' });
    const hash = rowHash(r.prev_hash, { id: r.id, atMs: r.at_ms, action: r.action, detailsJson: r.details_json });
    if (hash !== r.hash) breaks.push({ id: r.id, reason: 'its contents were changed after it was written' });
    prev = r.hash;
    expectedId = r.id + 1;
  }
  return { ok: breaks.length === 0, entries: rows.length, breaks };
}
