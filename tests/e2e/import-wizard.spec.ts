/**
 * The mapping wizard in Chromium: an export no preset knows (odd headers, a banner line,
 * semicolons, day-first dates) is mapped column by column, the preview follows each change, the
 * import lands in the history and can be undone. Screenshots of the wizard in both themes.
 */
import { fileURLToPath } from 'node:url';
import { AppShell } from './pages/AppShell';
import { ImportPage } from './pages/ImportPage';
import { expect, openApp, test } from './fixtures';

const UNKNOWN_EXPORT = [
  'Relevé des connexions — centre Lyon — généré le 15/04/2025',
  'Matricule;Nom;Entrée;Sortie;Équipe',
  'L-101;Ana Lima;03/04/2025 08:00;03/04/2025 16:30;Nord',
  'L-102;Bo Chen;03/04/2025 09:15;03/04/2025 17:45;Nord',
  'L-103;Chloé Roy;14/04/2025 22:00;15/04/2025 06:00;Sud',
  'L-104;Dan Ito;15/04/2025 07:30;15/04/2025 15:30;Sud',
  '',
].join('\n');

const connectEvents = fileURLToPath(new URL('../fixtures/import/amazon-connect-agent-events.ndjson', import.meta.url));

test.describe('the import mapping wizard', () => {
  test.use({ demo: false });

  test('maps an unknown CSV, previews it live, imports it and undoes it', async ({ page, server }) => {
    await openApp(page, server);
    const shell = new AppShell(page);
    const imports = new ImportPage(page);
    await shell.goTo('imports');

    await page.getByTestId('file-input').setInputFiles({ name: 'lyon-connexions.csv', mimeType: 'text/csv', buffer: Buffer.from(UNKNOWN_EXPORT) });
    await expect(imports.review).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('review-detected')).toContainText('Not a format Seatcast recognises');
    await expect(page.getByTestId('review-mapping')).toBeVisible();
    await expect(imports.reviewImport).toBeDisabled();
    // The banner line is read as the header until it is skipped.
    await expect(page.getByTestId('map-agent').locator('option').nth(1)).toContainText('Relevé des connexions');

    // Skip the banner: the real header's names become the choices.
    const skip = page.getByTestId('map-skip');
    await skip.fill('1');
    await skip.press('Enter');
    await expect(page.getByTestId('map-agent').locator('option', { hasText: 'Matricule' })).toHaveCount(1);

    await imports.mapColumn('agent', 'Matricule');
    await imports.mapColumn('name', 'Nom');
    await imports.mapColumn('login', 'Entrée');
    await imports.mapColumn('logout', 'Sortie');
    await imports.mapColumn('team', 'Équipe');
    await page.getByTestId('review-zone').locator('input').fill('Europe/Paris');
    await page.getByTestId('review-zone').locator('input').press('Enter');

    // Month-first (the default) cannot read 14/04 or 15/04: those cells are outlined, with the reason.
    await expect(imports.previewRows).toHaveCount(4);
    await expect(page.getByTestId('review-error-count')).toHaveText('2 with problems');
    const bad = page.getByTestId('preview-cell-error').first();
    await expect(bad).toBeVisible();
    await bad.locator('.cell-error').focus();
    await expect(bad.getByRole('tooltip')).toContainText('month 14 does not exist');
    await expect(imports.reviewImport).toBeEnabled();
    await page.screenshot({ path: '/tmp/wizard-e2e-mdy-errors.png' });

    // Day-first: the preview updates, every row reads.
    await page.getByTestId('map-date-order').getByText('D/M/Y').click();
    await expect(page.getByTestId('review-error-count')).toHaveText('No problems');
    await expect(imports.previewRows.first()).toContainText('L-101 2025-04-03 08:00 → 2025-04-03 16:30');
    await expect(imports.previewRows.nth(2)).toContainText('2025-04-14 22:00 → 2025-04-15 06:00');

    await imports.reviewImport.click();
    await imports.waitForResult();
    await expect(imports.stat('added')).toHaveText('4');
    await expect(imports.stat('rejected')).toHaveText('0');
    await expect(imports.rows()).toHaveCount(1);
    await expect(imports.rows().first()).toContainText('lyon-connexions.csv');
    await expect(imports.rows().first()).toContainText('Europe/Paris');

    // The same report next week: the saved mapping is offered, one click imports it.
    const nextWeek = UNKNOWN_EXPORT.replace(/04\/2025/g, '05/2025').replace('L-104', 'L-105');
    await page.getByTestId('file-input').setInputFiles({ name: 'lyon-connexions-2.csv', mimeType: 'text/csv', buffer: Buffer.from(nextWeek) });
    await expect(imports.review).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('review-detected')).toContainText('Using the mapping you saved');
    await expect(page.getByTestId('review-error-count')).toHaveText('No problems');
    await expect(imports.reviewImport).toBeFocused();
    await page.getByTestId('review-cancel').click();
    await expect(imports.review).toBeHidden();

    await imports.rows().first().getByTestId('undo-import').click();
    await shell.confirm();
    await expect(imports.rows()).toHaveCount(0);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`wizard screenshot, ${theme} theme`, async ({ page, server }) => {
      await page.emulateMedia({ colorScheme: theme });
      await openApp(page, server);
      const shell = new AppShell(page);
      const imports = new ImportPage(page);
      await shell.goTo('imports');
      await page.getByTestId('file-input').setInputFiles({ name: 'lyon-connexions.csv', mimeType: 'text/csv', buffer: Buffer.from(UNKNOWN_EXPORT) });
      await expect(imports.review).toBeVisible({ timeout: 30_000 });
      const skip = page.getByTestId('map-skip');
      await skip.fill('1');
      await skip.press('Enter');
      await expect(page.getByTestId('map-agent').locator('option', { hasText: 'Matricule' })).toHaveCount(1);
      await imports.mapColumn('agent', 'Matricule');
      await imports.mapColumn('login', 'Entrée');
      await imports.mapColumn('logout', 'Sortie');
      await expect(page.getByTestId('review-error-count')).toHaveText('2 with problems');
      await page.getByTestId('preview-cell-error').first().locator('.cell-error').focus();
      await page.screenshot({ path: `/tmp/wizard-${theme}.png` });
    });
  }

  test('a recognised state stream: its logged-in states are editable chips, and it imports in one keystroke', async ({ page, server }) => {
    await openApp(page, server);
    const shell = new AppShell(page);
    const imports = new ImportPage(page);
    await shell.goTo('imports');
    await imports.importThroughInput(connectEvents);
    await expect(imports.review).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('review-detected')).toContainText('Amazon Connect');
    await expect(page.getByTestId('review-mapping')).toHaveCount(0);
    const chips = page.getByTestId('review-states').getByTestId('chip');
    await expect(chips.first()).toBeVisible();
    const before = await chips.count();
    await page.getByTestId('review-states').locator('input').fill('Training');
    await page.getByTestId('review-states').locator('input').press('Enter');
    await expect(chips).toHaveCount(before + 1);
    await page.screenshot({ path: '/tmp/wizard-states.png' });
    // Back to the preset's own states, then the quick path: Import has the focus, Enter imports.
    await page.getByRole('button', { name: 'Back to the preset’s states' }).click();
    await expect(chips).toHaveCount(before);
    await imports.reviewImport.focus();
    await page.keyboard.press('Enter');
    await imports.waitForResult();
    await expect(imports.rows()).toHaveCount(1);
  });
});
