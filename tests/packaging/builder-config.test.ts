// electron-builder.yml is checked by electron-builder's own loader and schema (the same code a
// packaging run uses), and for the settings locked-down deployments depend on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

  it('pins the MSI upgrade code: changing it would install side by side instead of upgrading', async () => {
    const config = await loadConfig();
    expect(config.msi?.upgradeCode).toBe('6f1d2c8e-5a4b-4c3d-9e8f-7a6b5c4d3e21');
  });

  it('installs per machine and silently: MSI (msiexec /qn) and NSIS (/S) for IT deployment', async () => {
    const config = await loadConfig();
    // Per-machine MSI needs no user interaction beyond msiexec's own /qn; oneClick skips the wizard.
    expect(config.msi).toMatchObject({ perMachine: true, oneClick: true });
    // NSIS: per machine; /S (silent) is built into every NSIS installer electron-builder writes.
    expect(config.nsis).toMatchObject({ perMachine: true });
    expect(config.nsis?.runAfterFinish ?? true).toBe(false);
    expect(config.msi?.runAfterFinish ?? true).toBe(false);
  });

  it('ships no auto-updater: none in the dependency tree, no update feed, no native rebuild at pack time', async () => {
    const config = await loadConfig();
    expect(config.publish).toBeNull();
    expect(config.buildDependenciesFromSource).toBe(false);
    expect(config.nodeGypRebuild ?? false).toBe(false);
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    const updaters = ['electron-updater', 'update-electron-app', 'electron-simple-updater', '@sentry/electron'];
    for (const name of updaters) {
      expect(manifest.dependencies?.[name], name).toBeUndefined();
      expect(manifest.devDependencies?.[name], name).toBeUndefined();
      expect(Object.keys(lock.packages).filter((path) => path.endsWith(`node_modules/${name}`)), name).toEqual([]);
    }
  });

  it('packs better-sqlite3’s prebuilt Node-API binaries instead of compiling them', async () => {
    const config = await loadConfig();
    // electron-builder normalises `files` into filter sets; look inside them.
    const patterns = JSON.stringify(config.files);
    for (const pattern of ['node_modules/better-sqlite3/prebuilds/**', 'node_modules/better-sqlite3/lib/**']) expect(patterns).toContain(pattern);
    expect(patterns).not.toContain('better-sqlite3/build/');
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
