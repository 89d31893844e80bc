/**
 * V8 limits for every thread that reads or imports a file: the CLI's `import` and `roster`, the
 * app's engine worker, and an import's part and cube workers.
 *
 * Reading allocates a short-lived string or object per cell. V8 grows a thread's young generation
 * (where new objects live until a collection) whenever as many bytes have survived collections as
 * it holds, up to 32 MB of new space: on a long import it always gets there, so an import's peak memory
 * followed the file's length up to about 2M rows (147–151 MB for a quarter of the bench's 4M-row
 * file, 170–177 MB from half of it on). Held at 12 MB (8 MB of new space), the peak is 146–157 MB for the quarters and
 * 156–161 MB for the whole file, at the same speed. At 6 MB it was lower still (140–151 MB), but
 * one run in six peaked 40 MB higher: objects promoted to the old generation too early, collected
 * late (docs/benchmarks.md, eighth round). A nested worker does not inherit its parent's limits,
 * so each is given them.
 */
export const FILE_THREAD_LIMITS = { maxYoungGenerationSizeMb: 12 } as const;
