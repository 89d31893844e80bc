/**
 * Turns CRLF and lone CR into LF across chunk boundaries. Papa parse picks the first line ending
 * it sees and treats the others as data, so a file mixing CRLF, LF and CR (a concatenation of
 * exports, an editor's "fix") had rows run together into one another's last field. Found by the
 * hostile-input corpus (tests/fixtures/hostile/make-hostile.mjs, mixed-line-endings.csv).
 */
export async function* unifiedLineEndings(source: AsyncIterable<string>): AsyncGenerator<string> {
  let carryCr = false;
  for await (const chunk of source) {
    if (chunk.length === 0) continue;
    let text: string = carryCr ? `\r${chunk}` : chunk;
    // A CR at the end may be the first half of a CRLF split across chunks: decide with the next one.
    carryCr = text.endsWith('\r');
    if (carryCr) text = text.slice(0, -1);
    // Most exports use LF alone: a scan for CR is cheaper than running the replacement.
    yield text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  }
  if (carryCr) yield '\n';
}
