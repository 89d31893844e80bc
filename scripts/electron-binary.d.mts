// Types for electron-binary.mjs, so TypeScript tests and the Playwright spec can import it.
export function electronExecutableName(platform: string): string;

export type ElectronBinaryResolution =
  | { found: true; path: string; source: 'ELECTRON_OVERRIDE_DIST_PATH' | 'node_modules/electron' }
  | { found: false; checked: string[] };

export function resolveElectronBinary(options: {
  repoRoot: string;
  env?: Record<string, string | undefined>;
  platform?: string;
  exists?: (path: string) => boolean;
  readText?: (path: string) => string;
}): ElectronBinaryResolution;

export function missingElectronMessage(checked?: readonly string[]): string;
