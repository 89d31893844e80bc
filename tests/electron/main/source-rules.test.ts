/**
 * Source-level promises that a unit test of behaviour cannot see: what the desktop code never
 * mentions at all. Cheap to check, and it catches a well-meant "just add auto-update" early.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry.name))
    .map((entry) => path.relative(repoRoot, path.join(entry.parentPath, entry.name)));
}

function offenders(files: string[], pattern: RegExp): string[] {
  return files.flatMap((file) =>
    readFileSync(path.join(repoRoot, file), 'utf8')
      .split('\n')
      .flatMap((line, index) => (pattern.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
  );
}

const everythingUnderElectron = sourceFiles('electron');
const desktopShell = [...sourceFiles('electron/main'), ...sourceFiles('electron/preload')];

describe('desktop sources', () => {
  it('found the sources to check', () => {
    expect(desktopShell).toContain(path.join('electron', 'main', 'index.ts'));
    expect(desktopShell).toContain(path.join('electron', 'preload', 'index.ts'));
  });

  it('never mention the auto-updater, the crash reporter or opening external URLs', () => {
    expect(offenders(everythingUnderElectron, /autoUpdater|crashReporter|openExternal/)).toEqual([]);
  });

  it('never use the file scheme (the window is served from app://)', () => {
    expect(offenders(desktopShell, /file:\/\/|loadFile\s*\(|pathToFileURL/)).toEqual([]);
  });

  it('never use Electron net, shell or remote', () => {
    expect(offenders(desktopShell, /\b(net|shell)\s*\.\s*(fetch|request|open\w*)\b|@electron\/remote/)).toEqual([]);
  });

  it('load the electron module at runtime only in the two entry points', () => {
    // Whole-file match, so an import statement spread over several lines is seen too.
    const runtimeImport = /^\s*(import|export)\s+(?!type\b)[^;]*?from\s+['"]electron(\/[\w-]+)?['"]|require\(\s*['"]electron|import\(\s*['"]electron/m;
    const importers = desktopShell.filter((file) => runtimeImport.test(readFileSync(path.join(repoRoot, file), 'utf8')));
    expect(importers).toEqual([
      path.join('electron', 'main', 'index.ts'),
      path.join('electron', 'preload', 'index.ts'),
    ]);
  });

  it('bridge-types.ts (imported by the renderer) has type-only imports and nothing from electron', () => {
    const source = readFileSync(path.join(repoRoot, 'electron', 'preload', 'bridge-types.ts'), 'utf8');
    const imports = source.split('\n').filter((line) => /^\s*import\b/.test(line));
    expect(imports.length).toBeGreaterThan(0);
    for (const line of imports) expect(line).toMatch(/^import type /);
    expect(source).not.toMatch(/from 'electron'/);
  });
});
