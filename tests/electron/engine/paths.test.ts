import { describe, expect, it } from 'vitest';
import { defaultDatabasePath, resolveDatabasePath } from '../../../electron/engine/paths';

describe('database location', () => {
  it('uses the OS app-data folder the desktop app uses', () => {
    expect(defaultDatabasePath('linux', {}, '/home/ana')).toBe('/home/ana/.config/Seatcast/seatcast.db');
    expect(defaultDatabasePath('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ana')).toBe('/cfg/Seatcast/seatcast.db');
    expect(defaultDatabasePath('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Application Support/Seatcast/seatcast.db');
    expect(defaultDatabasePath('win32', { APPDATA: 'C:/Users/ana/AppData/Roaming' }, 'C:/Users/ana').replace(/\\/g, '/')).toBe(
      'C:/Users/ana/AppData/Roaming/Seatcast/seatcast.db',
    );
  });

  it('lets --db win over SEATCAST_DB, and SEATCAST_DB win over the default', () => {
    expect(resolveDatabasePath('/x/flag.db', { SEATCAST_DB: '/x/env.db' })).toBe('/x/flag.db');
    expect(resolveDatabasePath(undefined, { SEATCAST_DB: '/x/env.db' })).toBe('/x/env.db');
    expect(resolveDatabasePath(undefined, { HOME: '/home/ana' })).toMatch(/Seatcast[\\/]seatcast\.db$/);
  });
});
