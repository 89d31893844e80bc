import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from '../../../electron/main/menu';
import { MenuCommand } from '../../../shared/contract';

type Item = MenuItemConstructorOptions;

function build(platform: NodeJS.Platform, isDev = false) {
  const sent: string[] = [];
  const template = buildMenuTemplate({ platform, appName: 'Seatcast', send: (command) => sent.push(command), isDev });
  return { template, sent };
}

function submenuOf(item: Item | undefined): Item[] {
  if (!item || !Array.isArray(item.submenu)) throw new Error(`no submenu on ${item?.label}`);
  return item.submenu as Item[];
}

function topLevel(template: Item[], label: string): Item[] {
  return submenuOf(template.find((item) => item.label === label));
}

function find(items: Item[], label: string): Item {
  const item = items.find((candidate) => candidate.label === label);
  if (!item) throw new Error(`no item "${label}" in [${items.map((i) => i.label ?? i.role).join(', ')}]`);
  return item;
}

function allItems(items: Item[]): Item[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? allItems(item.submenu as Item[]) : [])]);
}

function click(item: Item): void {
  (item.click as unknown as () => void)();
}

describe.each(['win32', 'linux', 'darwin'] as const)('menu on %s', (platform) => {
  it('File › Import… is CmdOrCtrl+O and sends "import"', () => {
    const { template, sent } = build(platform);
    const item = find(topLevel(template, 'File'), 'Import…');
    expect(item.accelerator).toBe('CmdOrCtrl+O');
    click(item);
    expect(sent).toEqual(['import']);
  });

  it('File › Export… is CmdOrCtrl+E, enabled, and sends "export" (the Reports screen)', () => {
    const { template, sent } = build(platform);
    const item = find(topLevel(template, 'File'), 'Export…');
    expect(item.accelerator).toBe('CmdOrCtrl+E');
    expect(item.enabled).not.toBe(false);
    click(item);
    expect(sent).toEqual(['export']);
  });

  it('Help › About Seatcast sends "about"', () => {
    const { template, sent } = build(platform);
    click(find(topLevel(template, 'Help'), 'About Seatcast'));
    expect(sent).toEqual(['about']);
  });

  it('has Edit roles, zoom and full screen, but no reload or devtools in a shipped build', () => {
    const { template } = build(platform);
    const editRoles = topLevel(template, 'Edit').map((item) => item.role).filter(Boolean);
    expect(editRoles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    const viewRoles = topLevel(template, 'View').map((item) => item.role).filter(Boolean);
    expect(viewRoles).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
    const everyRole = allItems(template).map((item) => item.role);
    expect(everyRole).not.toContain('reload');
    expect(everyRole).not.toContain('forceReload');
    expect(everyRole).not.toContain('toggleDevTools');
  });

  it('offers reload and devtools under npm run dev', () => {
    const { template } = build(platform, true);
    const viewRoles = topLevel(template, 'View').map((item) => item.role);
    expect(viewRoles).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('has exactly one Preferences… (CmdOrCtrl+,) and one Quit', () => {
    const { template, sent } = build(platform);
    const items = allItems(template);
    const preferences = items.filter((item) => item.label === 'Preferences…');
    expect(preferences).toHaveLength(1);
    expect(preferences[0]!.accelerator).toBe('CmdOrCtrl+,');
    click(preferences[0]!);
    expect(sent).toEqual(['preferences']);
    expect(items.filter((item) => item.role === 'quit')).toHaveLength(1);
  });

  it('only ever sends valid MenuCommands, and links nowhere', () => {
    const { template, sent } = build(platform, true);
    for (const item of allItems(template)) if (item.click) click(item);
    expect(sent.length).toBeGreaterThan(0);
    for (const command of sent) expect(MenuCommand.safeParse(command).success).toBe(true);
    expect(JSON.stringify(template)).not.toMatch(/https?:|mailto:|file:|www\./i);
  });

  it('accelerators are unique', () => {
    const { template } = build(platform, true);
    const accelerators = allItems(template).flatMap((item) => (item.accelerator ? [String(item.accelerator)] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });
});

describe('platform placement', () => {
  it('puts Preferences under the app menu on macOS', () => {
    const { template } = build('darwin');
    expect(template[0]!.label).toBe('Seatcast');
    expect(submenuOf(template[0]).map((item) => item.label)).toContain('Preferences…');
    expect(topLevel(template, 'File').map((item) => item.label)).not.toContain('Preferences…');
  });

  it.each(['win32', 'linux'] as const)('puts Preferences under File on %s', (platform) => {
    const { template } = build(platform);
    expect(template.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(topLevel(template, 'File').map((item) => item.label)).toContain('Preferences…');
    expect(topLevel(template, 'File').some((item) => item.role === 'quit')).toBe(true);
  });
});
