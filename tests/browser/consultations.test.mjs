// Browser test of a consultation (相談記録) from entry to つながった, as the 第2層 coordinator of
// 八幡 (yawata-sc): the quick entry form on a phone-width screen (today, the coordinator and 八幡
// already filled in), a 個人の困りごと with the need 買い物, the consultation's page with its
// suggestions, 「紹介する」 on the 八幡 mobile shop, then 「つながった」. The form, the page, the list
// and the stale introductions pass axe-core and fit the phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, assertVisible, mainMenuLink } from './support/browser.mjs';
import { seriousViolations, assertFitsWidth } from './support/page_checks.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 120_000;
const { withPages } = browserSuite();

test('a coordinator enters a consultation, introduces a suggestion and records that it connected', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const page = await open('yawata-sc', { bypassCSP: true });  // bypassCSP: axe is injected
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, 'yawata-sc');

    await mainMenuLink(page, '相談記録').click();
    await page.waitForURL(/\/consultations$/);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: '相談を記録する' }).click();
    await page.waitForURL(/\/consultations\/new$/);
    assert.deepEqual(await seriousViolations(page), [], 'the entry form passes axe');
    await assertFitsWidth(page, 'the entry form');
    assert.match(await page.getByLabel(/^相談日/).inputValue(), /^令和\d+年\d+月\d+日$/, 'the date is filled in, in 和暦');
    assert.equal(await page.getByLabel(/^地区/).locator('option:checked').textContent(), '八幡', 'the coordinator\'s district is chosen');

    await page.getByRole('radio', { name: '家族' }).check();
    await page.getByRole('radio', { name: '個人の困りごと' }).check();
    await page.getByLabel(/^件名/).fill('買い物の付き添いがほしい（画面試験）');
    await page.getByRole('checkbox', { name: '買い物', exact: true }).check();
    await page.getByLabel(/^年代/).selectOption('80代');
    await page.getByRole('button', { name: '相談を記録する' }).click();
    await page.waitForURL(/\/consultations\/\d+\?notice=created/);
    await assertVisible(page.getByRole('heading', { name: '買い物の付き添いがほしい（画面試験）', level: 1 }), 'the consultation page opens');

    const suggestion = page.locator('.suggestion').filter({ hasText: '移動販売（八幡地区）' });
    await assertVisible(suggestion, 'the 八幡 mobile shop is suggested');
    assert.deepEqual(await seriousViolations(page), [], 'the consultation page passes axe');
    await assertFitsWidth(page, 'the consultation page');
    await suggestion.getByRole('button', { name: /紹介する/ }).click();
    await page.waitForURL(/notice=introduced/);
    const introduction = page.locator('.introduction').filter({ hasText: '移動販売（八幡地区）' });
    await assertVisible(introduction.locator('.introduction-status', { hasText: '紹介した' }), 'the introduction is recorded');

    await introduction.getByRole('button', { name: '「つながった」にする' }).click();
    await page.waitForURL(/notice=moved/);
    await assertVisible(
      page.locator('.introduction').filter({ hasText: '移動販売（八幡地区）' }).locator('.introduction-status', { hasText: 'つながった' }),
      'the introduction shows つながった',
    );

    // The list (with the new consultation) and the stale introductions also fit the phone and pass axe.
    for (const path of ['/consultations', '/introductions/stale']) {
      await page.goto(path);
      assert.deepEqual(await seriousViolations(page), [], `${path} passes axe`);
      await assertFitsWidth(page, path);
      if (path === '/consultations') {
        await assertVisible(page.getByRole('link', { name: '買い物の付き添いがほしい（画面試験）' }), 'the list shows the consultation');
      }
    }
  }));
