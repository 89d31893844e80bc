import { describe, expect, it } from 'vitest';
import { compileStateRule, isLoggedIn, stateRuleFor } from '../../../shared/import/presets/states';

describe('state rules', () => {
  const rule = { loggedIn: ['AVAILABLE', 'ON_QUEUE'], loggedOut: ['OFFLINE'], otherwise: 'logged-in' as const };

  it('matches case- and punctuation-insensitively; logged-out names win; unknown states follow `otherwise`', () => {
    expect(isLoggedIn(rule, 'On Queue')).toBe(true);
    expect(isLoggedIn(rule, 'offline')).toBe(false);
    expect(isLoggedIn(rule, 'Lunch')).toBe(true);
    expect(isLoggedIn(rule, 'Available', 'OFFLINE')).toBe(false);
  });

  it('an explicit list makes every other state logged out', () => {
    const explicit = compileStateRule(stateRuleFor(rule, ['Available']));
    expect(explicit('available')).toBe(true);
    expect(explicit('Lunch')).toBe(false);
    expect(explicit('ON_QUEUE')).toBe(false);
    expect(stateRuleFor(rule, undefined)).toBe(rule);
    expect(stateRuleFor(rule, [])).toBe(rule);
  });
});
