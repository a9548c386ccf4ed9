// Browser test of everyday administration: the administrator re-issues a password through its
// confirmation page (the first click only asks; やめる changes nothing), then reads the audit
// log in Japanese, with Japan's time and a link to the account it is about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, assertVisible, mainMenuLink } from './support/browser.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 60_000;
const { withPage } = browserSuite();

// Japan's wall-clock date now, as the pages write it: 和暦 (令和8年12月1日; 令和 began in 2019).
function japanToday() {
  const jst = new Date(Date.now() + 9 * 3600 * 1000);
  return `令和${jst.getUTCFullYear() - 2018}年${jst.getUTCMonth() + 1}月${jst.getUTCDate()}日`;
}

test('a password is re-issued only after the confirmation page, and the audit log tells it in Japanese', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await signIn(page, 'kanri');
    await mainMenuLink(page, 'アカウント').click();

    // The first click asks; やめる goes back with nothing done.
    await page.getByRole('link', { name: /^パスワード再発行\s*（etsuran）$/ }).click();
    await assertVisible(page.getByRole('heading', { name: 'パスワードを再発行しますか' }), 'the confirmation page asks first');
    await page.getByRole('link', { name: 'やめる' }).click();
    assert.equal(new URL(page.url()).pathname, '/admin/accounts');

    await mainMenuLink(page, '監査ログ').click();
    assert.equal(await page.locator('td[data-action="password_reset"]').count(), 0, 'nothing was re-issued yet');

    // Asked again, the answer re-issues it.
    await mainMenuLink(page, 'アカウント').click();
    await page.getByRole('link', { name: /^パスワード再発行\s*（etsuran）$/ }).click();
    await page.getByRole('button', { name: 'パスワードを再発行する' }).click();
    await assertVisible(page.getByRole('heading', { name: 'パスワードを再発行しました' }), 'the new password is shown');

    await mainMenuLink(page, '監査ログ').click();
    const row = page.locator('table.audit tbody tr').filter({ has: page.locator('td[data-action="password_reset"]') }).first();
    await assertVisible(row, 'the re-issue is in the audit log');
    assert.equal((await row.locator('td[data-action]').textContent()).trim(), 'パスワード再発行');
    const when = (await row.locator('time').textContent()).trim();
    assert.match(when, /^令和(元|\d{1,2})年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}$/);
    assert.ok(when.startsWith(japanToday()), `${when} is today in Japan`);
    await assertVisible(page.getByRole('columnheader', { name: '日時', exact: true }), 'the time column');
    assert.equal(await page.getByText('UTC').count(), 0, 'no UTC times');

    // The entry links to the account it is about.
    await row.getByRole('link', { name: /^アカウント #\d+$/ }).click();
    assert.match(new URL(page.url()).pathname, /^\/admin\/accounts\/\d+\/edit$/);
    await assertVisible(page.getByRole('heading', { name: 'アカウントの編集' }), 'the account opens');
  }),
);

test('the audit log filter names registers in Japanese', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await signIn(page, 'kanri');
    await page.goto('/admin/audit');
    await page.getByLabel('対象').selectOption({ label: 'バックアップ' });
    await page.getByRole('button', { name: '絞り込む' }).click();
    assert.equal(new URL(page.url()).searchParams.get('register'), 'backup');
    assert.equal(await page.getByLabel('対象').inputValue(), 'backup');
  }),
);
