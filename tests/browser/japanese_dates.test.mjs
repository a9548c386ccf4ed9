// Browser test of dates in 和暦: a coordinator types a course's first day as 令和7年4月1日 (and
// its last as R7.4.3) into the ordinary form, the page writes them in 和暦, a day outside its era is
// refused by name with nothing saved, and after the administrator chooses 西暦 in 表示の設定 the same
// page writes 2025年4月1日.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, assertVisible } from './support/browser.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 90_000;
const { withPage } = browserSuite();

const recordValue = (page, label) => page.locator('dl.record .row').filter({ has: page.locator('dt', { hasText: label }) }).locator('dd');

test('dates are typed and shown in 和暦, and 西暦 is one setting away', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await signIn(page, 'kanri');
    await page.goto('/training-courses/new');
    await page.getByLabel(/^講座名/).fill('和暦で入れる講座（画面試験）');
    const first = page.getByLabel(/^開催日（初日）/);
    await assertVisible(page.getByText('和暦でも入力できます').first(), 'the form says 和暦 may be typed');
    await first.fill('平成31年5月1日');
    await page.getByLabel(/^状態/).selectOption('予定');
    await page.getByRole('button', { name: /保存|登録/ }).click();
    await assertVisible(page.getByText('「開催日（初日）」は 令和7年4月1日、R7.4.1、2025-04-01 のように正しい日付で入力してください').first(),
                        'a day outside its era is refused by name');
    await page.getByLabel(/^開催日（初日）/).fill('令和7年4月1日');
    await page.getByLabel(/^最終日/).fill('R7.4.3');
    await page.getByRole('button', { name: /保存|登録/ }).click();
    await page.waitForURL(/\/training-courses\/\d+/);
    assert.equal((await recordValue(page, '開催日（初日）').textContent()).trim(), '令和7年4月1日');
    assert.equal((await recordValue(page, '最終日').textContent()).trim(), '令和7年4月3日');
    const coursePage = page.url();

    await page.goto('/admin/settings');
    await page.getByRole('radio', { name: /西暦/ }).check();
    await page.getByRole('button', { name: '保存する' }).click();
    await assertVisible(page.getByRole('status').filter({ hasText: '日付の書き方を「西暦」にしました' }), 'the choice is confirmed');
    await page.goto(coursePage);
    assert.equal((await recordValue(page, '開催日（初日）').textContent()).trim(), '2025年4月1日');

    await page.goto('/admin/settings');
    await page.getByRole('radio', { name: /和暦/ }).check();
    await page.getByRole('button', { name: '保存する' }).click();
    await page.goto(coursePage);
    assert.equal((await recordValue(page, '開催日（初日）').textContent()).trim(), '令和7年4月1日');
  }));
