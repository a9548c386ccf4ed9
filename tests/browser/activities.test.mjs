// Browser test of the quick activity entry (活動を記録する) on a phone (390×844), as the 第2層
// coordinator of 八幡 (yawata-sc): the date, the coordinator, 八幡 and 第2層 are already filled in;
// the activity type, a one-line summary, the minutes and a counterpart are chosen and the form is
// sent; the record is then in the coordinator's own list and counted in the report. The form, the
// list and the report fit the phone's width and pass axe-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, assertVisible, mainMenuLink } from './support/browser.mjs';
import { seriousViolations, assertFitsWidth } from './support/page_checks.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 120_000;
const { withPages } = browserSuite();

test('a coordinator records an activity on a phone and finds it in the list and the report', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const page = await open('yawata-sc', { bypassCSP: true });  // bypassCSP: axe is injected
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, 'yawata-sc');
    await mainMenuLink(page, '活動記録').click();
    await page.waitForURL(/\/activities$/);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: '活動を記録する' }).click();
    await page.waitForURL(/\/activities\/new$/);
    assert.deepEqual(await seriousViolations(page), [], 'the entry form passes axe');
    await assertFitsWidth(page, 'the entry form');
    assert.notEqual(await page.getByLabel(/^日付/).inputValue(), '', 'the date is filled in');
    assert.equal(await page.getByLabel(/^地区/).locator('option:checked').textContent(), '八幡', 'the coordinator\'s district is chosen');

    await page.getByLabel(/^活動の種類/).selectOption({ label: '事前打ち合わせ（ネットワーク構築）' });
    await page.getByLabel(/^何をしたか/).fill('長寿会と居場所の打ち合わせ（画面試験）');
    await page.getByLabel(/^かかった時間/).fill('45');
    await page.getByRole('checkbox', { name: '八幡地区長寿会' }).check();

    // The rest is folded; opened, it still fits and shows 第2層 chosen.
    await page.locator('summary', { hasText: 'くわしく書く' }).click();
    assert.equal(await page.getByRole('radio', { name: '第2層（地区）' }).isChecked(), true, '第2層 is chosen');
    assert.equal(await page.getByRole('radio', { name: '活動の種類から決める' }).isChecked(), true, 'the function follows the type');
    await assertFitsWidth(page, 'the entry form with its details open');
    assert.deepEqual(await seriousViolations(page), [], 'the opened form passes axe');

    await page.getByRole('button', { name: '活動を記録する' }).click();
    await page.waitForURL(/\/activities\?mine=1&notice=created/);
    await assertVisible(page.getByRole('link', { name: '長寿会と居場所の打ち合わせ（画面試験）' }), 'the list shows the new record');
    const row = page.locator('tr').filter({ hasText: '長寿会と居場所の打ち合わせ（画面試験）' });
    await assertVisible(row.getByText('ネットワーク構築'), 'the function came from the type');
    await assertVisible(row.getByText('45分'), 'the minutes are shown');
    assert.deepEqual(await seriousViolations(page), [], 'the list passes axe');
    await assertFitsWidth(page, 'the list');

    await page.getByRole('link', { name: /集計/ }).first().click();
    await page.waitForURL(/\/activities\/report/);
    await assertVisible(page.getByRole('heading', { name: /活動記録の集計/, level: 1 }), 'the report opens');
    assert.deepEqual(await seriousViolations(page), [], 'the report passes axe');
    await assertFitsWidth(page, 'the report');
  }));
