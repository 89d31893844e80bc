// EarlyWriteBack (electron/engine/db/write-back.ts) asks the system to write a transaction's
// pages while it goes on. What must hold: what the transaction commits, or rolls back, is exactly
// what it would be without it; its own handle on the file is let go of once its syncs have ended;
// a database in memory has no file to sync.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inRollbackJournal, openDatabase } from '../../../electron/engine/db/connection';
import { EarlyWriteBack } from '../../../electron/engine/db/write-back';
import { handlesOn, tempDir } from '../../support/engine-fixtures';

const dir = tempDir();

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('writing a transaction’s pages early', () => {
  it('leaves a committed transaction and a rolled-back one as they would be, and lets go of its handle after its syncs', async () => {
    const path = join(dir, 'write-back.db');
    const db = openDatabase(path);
    db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB NOT NULL)');
    const fill = (from: number, rows: number, writeBack: EarlyWriteBack) => {
      const insert = db.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
      for (let k = from; k < from + rows; k += 1) {
        insert.run(k, Buffer.alloc(4096, k % 251));
        // Often enough that the syncs meet pages SQLite has spilled from its cache mid-transaction.
        if (k % 500 === 0) writeBack.start();
      }
    };
    const handlesBefore = handlesOn(path);
    // Committed: 20,000 rows of 4 KB, far past the 8 MB page cache.
    const committed = new EarlyWriteBack(db);
    inRollbackJournal(db, db.transaction(() => fill(0, 20_000, committed)));
    committed.close();
    // Rolled back after the pages were written early.
    const rolledBack = new EarlyWriteBack(db);
    expect(() =>
      inRollbackJournal(
        db,
        db.transaction(() => {
          fill(20_000, 20_000, rolledBack);
          throw new Error('stop');
        }),
      ),
    ).toThrow('stop');
    rolledBack.close();
    await settle();
    expect(handlesOn(path)).toBe(handlesBefore);
    expect(db.prepare('SELECT COUNT(*) AS n, SUM(k) AS s FROM t').get()).toEqual({ n: 20_000, s: (20_000 * 19_999) / 2 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    // Read afresh from disk.
    const again = openDatabase(path);
    expect(again.prepare('SELECT COUNT(*) AS n, MIN(length(v)) AS shortest, MAX(length(v)) AS longest FROM t').get()).toEqual({ n: 20_000, shortest: 4096, longest: 4096 });
    for (const { k, v } of again.prepare('SELECT k, v FROM t WHERE k % 97 = 0').all() as Array<{ k: number; v: Buffer }>) {
      expect(v.equals(Buffer.alloc(4096, k % 251))).toBe(true);
    }
    again.close();
  }, 30_000);

  it('opens nothing for a database in memory', async () => {
    const db = openDatabase(':memory:');
    const open = readdirSync('/proc/self/fd').length;
    const writeBack = new EarlyWriteBack(db);
    writeBack.start();
    expect(readdirSync('/proc/self/fd').length).toBe(open);
    writeBack.close();
    await settle();
    expect(readdirSync('/proc/self/fd').length).toBe(open);
    db.close();
  });
});
