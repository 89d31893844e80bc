/**
 * The native menu. Commands that belong to the UI (import, export, preferences, about) are only
 * forwarded to the window as a `MenuCommand`; the menu itself never acts on data and never opens
 * anything outside the app (no help links to web pages: the machine may have no route to them,
 * and opening a browser from an offline tool is exactly what reviewers look for).
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/contract';

export interface MenuTemplateOptions {
  platform: NodeJS.Platform;
  appName: string;
  send: (command: MenuCommand) => void;
  /** Adds reload and developer tools, which a shipped build does not offer. */
  isDev?: boolean;
}

export const ACCELERATORS = {
  import: 'CmdOrCtrl+O',
  export: 'CmdOrCtrl+E',
  preferences: 'CmdOrCtrl+,',
} as const;

export function buildMenuTemplate(options: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const { platform, appName, send, isDev = false } = options;
  const isMac = platform === 'darwin';

  const about: MenuItemConstructorOptions = { label: `About ${appName}`, click: () => send('about') };
  const preferences: MenuItemConstructorOptions = {
    label: 'Preferences…',
    accelerator: ACCELERATORS.preferences,
    click: () => send('preferences'),
  };

  const template: MenuItemConstructorOptions[] = [];

  if (isMac) {
    // macOS convention: About, Preferences and Quit live in the menu named after the app.
    template.push({
      label: appName,
      submenu: [
        about,
        { type: 'separator' },
        preferences,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }

  template.push({
    label: 'File',
    submenu: [
      { label: 'Import…', accelerator: ACCELERATORS.import, click: () => send('import') },
      // Opens the Reports screen, where a usage report is configured and exported.
      { label: 'Export…', accelerator: ACCELERATORS.export, click: () => send('export') },
      ...(isMac
        ? ([{ type: 'separator' }, { role: 'close' }] satisfies MenuItemConstructorOptions[])
        : ([{ type: 'separator' }, preferences, { type: 'separator' }, { role: 'quit' }] satisfies MenuItemConstructorOptions[])),
    ],
  });

  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(isMac ? ([{ role: 'pasteAndMatchStyle' }] satisfies MenuItemConstructorOptions[]) : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });

  template.push({
    label: 'View',
    submenu: [
      ...(isDev
        ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] satisfies MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });

  if (isMac) template.push({ role: 'windowMenu' });

  template.push({
    label: 'Help',
    ...(isMac ? { role: 'help' as const } : {}),
    submenu: [about],
  });

  return template;
}
