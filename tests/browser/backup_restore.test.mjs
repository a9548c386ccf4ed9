// Browser test of restoring a backup from the administration pages: 管理者 keeps a backup on the
// server, a record is deleted afterwards, the confirmation says what will be lost, and after the
// restore the deleted record is back and the administrator is still signed in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, assertVisible } from './support/browser.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 60_000;
const { withPage } = browserSuite();

test('the administrator restores a backup through the pages and sees the deleted record back', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await signIn(page, 'kanri');
    await page.goto('/admin/backup');
    await page.getByRole('button', { name: /サーバーに保存する/ }).click();
    await assertVisible(page.getByRole('status').getByText(/をサーバーに保存しました/), 'the backup is kept');
    const name = (await page.getByRole('status').textContent()).match(/sasaeai-[\d-]+\.db/)[0];

    // After the backup a resource is deleted (through the API, as the signed-in administrator).
    const resource = await page.evaluate(async () => {
      const list = await (await fetch('/api/v1/resources?per_page=1')).json();
      return list.items[0];
    });
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const status = await page.evaluate(
      async ({ id, token }) => (await fetch(`/api/v1/resources/${id}?reason=${encodeURIComponent('試験で削除')}`, { method: 'DELETE', headers: { 'X-CSRF-Token': token } })).status,
      { id: resource.id, token: csrf },
    );
    assert.equal(status, 204, 'the resource is deleted');
    assert.equal((await page.goto(`/resources/${resource.id}`)).status(), 404, 'the resource is gone');

    await page.goto('/admin/backup');
    await page.getByRole('row', { name: new RegExp(name) }).getByRole('link', { name: /この時点に戻す/ }).click();
    await assertVisible(page.getByRole('heading', { level: 1, name: 'バックアップから復元（確認）' }), 'a confirmation comes first');
    await assertVisible(page.getByText(/（日本時間）より後に入力・変更・削除した内容は、すべて消えます/), 'it says what will be lost, in Japan time');
    await assertVisible(page.getByText(/その後の変更は \d+件です/), 'it counts the changes that will be lost');
    await page.getByRole('button', { name: 'この時点に戻す（復元する）' }).click();
    await page.waitForURL(/\/admin\/backup\?restored=/);
    await assertVisible(page.getByRole('status').getByText(new RegExp(`バックアップ「${name.replace(/\./g, '\\.')}」から復元しました`)), 'the result is shown');
    await assertVisible(page.getByRole('cell', { name: '復元の直前に自動で保存' }), 'the state before the restore is kept as a backup');

    const back = await page.goto(`/resources/${resource.id}`);
    assert.equal(back.status(), 200, 'the deleted resource is back');
    await assertVisible(page.getByRole('heading', { level: 1, name: resource.name }), 'its page shows it');
  }),
);
