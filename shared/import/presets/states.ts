/**
 * Which agent states count as "logged in". Each event/interval preset has a default rule (from
 * formats.md: Offline / logged out ends a session; Away, Break, Meal and custom "not ready"
 * statuses do not); an import may replace it with an explicit list of logged-in states, in which
 * case every other state is logged out.
 */
export type StateRule = {
  /** States that are logged in (matched case- and punctuation-insensitively). */
  loggedIn: readonly string[];
  /** States that are logged out; checked first. */
  loggedOut: readonly string[];
  /** What a state in neither list is. */
  otherwise: 'logged-in' | 'logged-out';
};

export function normaliseState(state: string): string {
  return state.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The rule for an import: the user's explicit list when given, else the preset's default. */
export function stateRuleFor(defaultRule: StateRule | null, loggedInStates: readonly string[] | undefined): StateRule {
  if (loggedInStates && loggedInStates.length > 0) return { loggedIn: loggedInStates, loggedOut: [], otherwise: 'logged-out' };
  return defaultRule ?? { loggedIn: [], loggedOut: [], otherwise: 'logged-in' };
}

/**
 * Whether an agent in a state is logged in. A state may go by several names (Amazon Connect's
 * status name and its type, Genesys' organisation and system presence): any of them can match.
 */
export function isLoggedIn(rule: StateRule, ...names: ReadonlyArray<string | null | undefined>): boolean {
  return compileStateRule(rule)(...names);
}

/** A compiled rule, for readers that test every row. */
export function compileStateRule(rule: StateRule): (...names: ReadonlyArray<string | null | undefined>) => boolean {
  const out = new Set(rule.loggedOut.map(normaliseState));
  const inn = new Set(rule.loggedIn.map(normaliseState));
  const cache = new Map<string, boolean>();
  return (...names) => {
    const cacheKey = names.join('\u0000');
    const cached = cache.get(cacheKey);
    if (cached !== undefined) return cached;
    const keys = names.filter((n): n is string => typeof n === 'string' && n.trim() !== '').map(normaliseState);
    const result = keys.some((k) => out.has(k)) ? false : keys.some((k) => inn.has(k)) ? true : rule.otherwise === 'logged-in';
    if (cache.size < 10_000) cache.set(cacheKey, result);
    return result;
  };
}
