// Browser test of making a print-ready PDF, as the 第2層 coordinator of 八幡 (yawata-sc): from the
// main menu's 印刷物, the district's guidebook is chosen; the progress page follows the build
// without JavaScript-only controls and offers the PDF, which downloads as a real PDF. The
// publications page and the progress page pass axe-core and fit a phone's width.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, assertVisible, mainMenuLink } from './support/browser.mjs';
import { seriousViolations, assertFitsWidth } from './support/page_checks.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 120_000;
const { withPages } = browserSuite();

test('a coordinator makes the district guidebook and downloads the PDF', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const page = await open('yawata-sc', { bypassCSP: true, acceptDownloads: true });  // bypassCSP: axe is injected
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, 'yawata-sc');
    await mainMenuLink(page, '印刷物').click();
    await page.waitForURL(/\/publications$/);
    await assertVisible(page.getByRole('heading', { name: '印刷物（PDF）', level: 1 }), 'the publications page opens');
    assert.deepEqual(await seriousViolations(page), [], 'the publications page passes axe');

    await page.setViewportSize({ width: 390, height: 844 });
    await assertFitsWidth(page, 'the publications page');
    await page.locator('form[aria-label="地区のガイドブック"]').getByLabel('地区').selectOption({ label: '八幡' });
    await page.getByRole('button', { name: 'この地区のガイドブック' }).click();
    await page.waitForURL(/\/publications\/jobs\/[0-9a-f]{32}$/);
    await assertVisible(page.getByRole('heading', { name: '八幡地区 生活支援ガイドブック', level: 1 }), 'the progress page names the document');

    // The page refreshes itself until the file is ready.
    const link = page.getByRole('link', { name: 'PDFをダウンロード' });
    await link.waitFor({ timeout: 60_000 });
    assert.deepEqual(await seriousViolations(page), [], 'the progress page passes axe');
    await assertFitsWidth(page, 'the progress page');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), /^guidebook-district-\d+\.pdf$/);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(path);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'the download is a PDF');
  }));
