// electron-builder.yml is checked by electron-builder's own loader and schema (the same code a
// packaging run uses), and for the settings locked-down deployments depend on.
import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { repoRoot } from '../support/engine-fixtures';

async function loadConfig() {
  return getConfig(repoRoot, 'electron-builder.yml', null);
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema validation', async () => {
    const config = await loadConfig();
    const quietLogger = { isEnabled: false, add: () => undefined } as unknown as Parameters<typeof validateConfiguration>[1];
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
  });

  it('the validation really bites: an unknown key is refused', async () => {
    const config = await getConfig(repoRoot, 'electron-builder.yml', { autoUpdateFeed: 'https://example.invalid' } as never);
    const quietLogger = { isEnabled: false, add: () => undefined } as unknown as Parameters<typeof validateConfiguration>[1];
    await expect(validateConfiguration(config, quietLogger)).rejects.toThrow(/autoUpdateFeed/);
  });

  it('sets every security fuse as the reference requires', async () => {
    const { electronFuses } = await loadConfig();
    expect(electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('publishes nowhere, rebuilds nothing, packs an asar with native addons outside it', async () => {
    const config = await loadConfig();
    expect(config.publish).toBeNull();
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('builds deb and AppImage, per-machine MSI with a fixed upgrade code, NSIS and dmg', async () => {
    const config = await loadConfig();
    expect(config.linux?.target).toEqual(['deb', 'AppImage']);
    expect(config.win?.target).toEqual(['msi', 'nsis']);
    expect(config.msi).toMatchObject({ perMachine: true, upgradeCode: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(config.mac?.target).toEqual(['dmg']);
  });
});
