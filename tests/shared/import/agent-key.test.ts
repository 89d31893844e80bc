import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentKeyOf } from '../../../shared/import/generic-csv';

/** The rule the fast path must keep: trimmed, inner whitespace runs as one space, lower case. */
const reference = (raw: string) => raw.trim().replace(/\s+/g, ' ').toLowerCase();

describe('agentKeyOf', () => {
  it('returns an id that is already a key as it is, and normalises every other one as the rule says', () => {
    // Printable ASCII mostly, with capitals, spaces, tabs, no-break and other Unicode spaces, and accented letters.
    const char = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 33, max: 126 }).map((c) => String.fromCharCode(c)) },
      { weight: 1, arbitrary: fc.constantFrom(' ', '\t', '\u00a0', '\u2003', '\u3000', 'É', 'ß', 'İ', 'Ω', '\u007f') },
    );
    fc.assert(
      fc.property(fc.array(char, { maxLength: 16 }).map((chars) => chars.join('')), (raw) => {
        expect(agentKeyOf(raw)).toBe(reference(raw));
      }),
      { numRuns: 2000 },
    );
    expect(agentKeyOf('ag03361')).toBe('ag03361');
    expect(agentKeyOf('  Ana.Lopez@Example.com ')).toBe('ana.lopez@example.com');
    expect(agentKeyOf('agent\u00a0 7')).toBe('agent 7');
  });
});
