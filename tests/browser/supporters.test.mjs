// Browser test of supporters and training courses: a coordinator registers a supporter (several
// kinds by checkbox), holds a qualifying course, registers the person as a participant from the
// course page and marks completion; the person becomes a サービスの担い手 on the course's last day.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, assertVisible, assertNotice, mainMenuLink } from './support/browser.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 60_000;
const { withPage } = browserSuite();

const recordValue = (page, label) => page.locator('dl.record .row').filter({ has: page.locator('dt', { hasText: label }) }).locator('dd');

test('registering a participant to a course and marking completion makes a service provider', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await signIn(page, 'yawata-sc');
    await mainMenuLink(page, 'サポーター').click();
    await page.getByRole('link', { name: '新しく登録する' }).click();
    await page.getByLabel('氏名').fill('試験 さくら');
    await page.getByLabel('ふりがな').fill('しけん さくら');
    await page.getByLabel('地区', { exact: true }).selectOption({ label: '八幡' });
    await page.getByRole('group', { name: 'サポーターの種類' }).getByLabel('地域づくりを考える人').check();
    await page.getByRole('group', { name: 'サポーターの種類' }).getByLabel('オレンジサポーター').check();
    await page.getByRole('group', { name: 'できること' }).getByLabel('話し相手').check();
    await page.getByLabel('状態').selectOption('活動中');
    await page.getByRole('button', { name: '登録する' }).click();
    await assertNotice(page, '登録しました。');
    assert.equal((await recordValue(page, 'サポーターの種類').textContent()).trim(), '地域づくりを考える人、オレンジサポーター');
    const personUrl = page.url().split('?')[0];

    await mainMenuLink(page, '養成講座').click();
    await page.getByRole('link', { name: '新しく登録する' }).click();
    await page.getByLabel('講座名').fill('地域支え合いサポーター養成講座（試験）');
    await page.getByLabel('修了でなれるサポーター').selectOption('サービスの担い手');
    await page.getByLabel('開催日（初日）').fill('2026-02-13');
    await page.getByLabel('最終日').fill('2026-02-20');
    await page.getByLabel('地区', { exact: true }).selectOption({ label: '八幡' });
    await page.getByLabel('当日参加（登録していない人）の人数').fill('12');
    await page.getByLabel('状態').selectOption('実施済み');
    await page.getByRole('button', { name: '登録する' }).click();
    await assertNotice(page, '登録しました。');

    // From the course page: add the participant, present but not yet completed.
    await page.getByRole('link', { name: '講座の受講者を追加する' }).click();
    await page.getByLabel('受講者（サポーター）').selectOption({ label: '試験 さくら' });
    await page.getByLabel('出欠').selectOption('出席');
    await page.getByLabel('修了', { exact: true }).selectOption('未修了');
    await page.getByRole('button', { name: '登録する' }).click();
    await assertNotice(page, '登録しました。');
    await assertVisible(page.getByRole('link', { name: '試験 さくら' }), 'the course lists its participant');

    // Mark completion.
    await page.getByRole('link', { name: '試験 さくら' }).click();
    await page.getByRole('link', { name: '編集する' }).click();
    await page.getByLabel('修了', { exact: true }).selectOption('修了');
    await page.getByRole('button', { name: '更新する' }).click();
    await assertNotice(page, '更新しました。');

    await page.goto(personUrl);
    assert.equal((await recordValue(page, 'サポーターの種類').textContent()).trim(), '地域づくりを考える人、サービスの担い手、オレンジサポーター');
    assert.equal((await recordValue(page, 'サービスの担い手になった日').textContent()).trim(), '令和8年2月20日');
  }),
);
