/**
 * Gets the system writing a long transaction's pages to disk while the transaction goes on, so
 * its commit does not wait for all of them at once. SQLite writes a large insert's pages into the
 * database file as its page cache fills, but the system keeps them in memory until the commit's
 * fsync, which then waited ≈86 ms for the 190 MB of a 4M-row import. Asked now and then during
 * the insert (an fdatasync on Node's thread pool, on a handle of our own: a sync covers the
 * file's pages whoever wrote them), the system writes them meanwhile, and the commit's fsync took
 * 6 ms (docs/benchmarks.md, tenth round). It changes nothing SQLite relies on: pages on disk
 * early are pages on disk; the commit still syncs everything itself.
 */
import { closeSync, fdatasync, openSync } from 'node:fs';
import type { Connection } from './connection';

export class EarlyWriteBack {
  private readonly fd: number | null;
  private pending = 0;
  private closed = false;

  constructor(db: Connection) {
    this.fd = db.memory ? null : openOrNull(db.name);
  }

  /** Asks the system to write the file's changed pages now; returns at once (the transaction goes on). */
  start(): void {
    const fd = this.fd;
    if (fd === null || this.closed) return;
    this.pending += 1;
    // A failure here changes nothing: the commit's own sync reports what matters.
    fdatasync(fd, () => {
      this.pending -= 1;
      if (this.closed && this.pending === 0) closeSync(fd);
    });
  }

  /** Lets go of the handle, once the syncs asked for have ended (their answers come after the transaction). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.fd !== null && this.pending === 0) closeSync(this.fd);
  }
}

function openOrNull(path: string): number | null {
  try {
    // Opened for writing (a sync needs it on Windows); nothing is written through it.
    return openSync(path, 'r+');
  } catch {
    return null;
  }
}
