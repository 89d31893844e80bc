/** Plain-text table for terminal output: left-aligned text, right-aligned numbers. */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((h, col) => Math.max(h.length, ...rows.map((r) => (r[col] ?? '').length)));
  const numeric = headers.map((_, col) => rows.length > 0 && rows.every((r) => /^-?[\d.,]+$/.test(r[col] ?? '')));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, col) => (numeric[col] ? cell.padStart(widths[col]!) : cell.padEnd(widths[col]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
