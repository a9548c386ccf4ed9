// Browser test of a training course's attendance sheet on a phone (390×844): a city coordinator
// opens a held course, records attendance and completion of the person already registered, finds
// two more by their reading, adds them, and saves everyone in one submit; the course page then
// says who became a サービスの担い手 and that the course was held, and so does a person's page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, assertVisible, assertNotice, mainMenuLink } from './support/browser.mjs';
import { assertFitsWidth } from './support/page_checks.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 90_000;
const { withPage } = browserSuite();

const recordValue = (page, label) => page.locator('dl.record .row').filter({ has: page.locator('dt', { hasText: label }) }).locator('dd');

// The page fits the phone's width: nothing to scroll sideways.

// On a phone the main menu folds behind 「メニュー」.
async function openMenuLink(page, name) {
  await page.locator('header details.site-menu > summary').click();
  await mainMenuLink(page, name).click();
}

// Records the test starts from, through the JSON API with the session's CSRF token.
async function seed(page) {
  await page.goto('/supporters/new');
  const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
  const post = async (path, data) => {
    const res = await page.request.post(path, { headers: { 'X-CSRF-Token': csrf }, data });
    assert.equal(res.status(), 201, `${path}: ${await res.text()}`);
    return (await res.json()).id;
  };
  const districts = await (await page.request.get('/api/v1/districts?per_page=0')).json();
  const yawata = districts.items.find((d) => d.name === '八幡').id;
  const person = (name, kana) => post('/api/v1/supporters', { name, kana, district_id: yawata, status: '活動中', kinds: '地域づくりを考える人' });
  const first = await person('ブラウザ 一子', 'ぶらうざ いちこ');
  await person('ブラウザ 二郎', 'ぶらうざ じろう');
  await person('ブラウザ 三太', 'ぶらうざ さんた');
  const course = await post('/api/v1/training-courses', {
    title: '支え合いサポーター養成講座（画面試験）', qualifies_for: 'サービスの担い手', first_date: '2026-02-13', last_date: '2026-02-20',
    district_id: yawata, status: '予定', place: '八幡公民館',
  });
  await post('/api/v1/course-participants', { course_id: course, supporter_id: first });
}

test('a coordinator records a course\'s attendance and completions in one sheet on a phone', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, 'sc1');
    await seed(page);

    await page.goto('/');
    await openMenuLink(page, '養成講座');
    await page.getByRole('link', { name: '支え合いサポーター養成講座（画面試験）' }).click();
    assert.equal((await recordValue(page, '状態').textContent()).trim(), '予定');
    await page.getByRole('link', { name: '出欠・修了を記録する' }).click();
    await assertVisible(page.getByRole('heading', { name: '出欠・修了の記録', level: 1 }), 'the sheet opens');
    await assertFitsWidth(page, 'the sheet');

    // The person already registered: present and completed.
    const first = page.getByRole('group', { name: 'ブラウザ 一子' });
    await first.getByLabel('出欠').selectOption('出席');
    await first.getByLabel('修了', { exact: true }).selectOption('修了');

    // Two more, found by their reading.
    await page.getByLabel('名前・ふりがな').fill('ぶらうざ');
    await page.getByRole('button', { name: '探す' }).click();
    const second = page.getByRole('group', { name: 'ブラウザ 二郎（八幡）' });
    await second.getByLabel('この講座に追加する').check();
    await second.getByLabel('出欠').selectOption('出席');
    await second.getByLabel('修了', { exact: true }).selectOption('修了');
    const third = page.getByRole('group', { name: 'ブラウザ 三太（八幡）' });
    await third.getByLabel('この講座に追加する').check();
    await third.getByLabel('出欠').selectOption('欠席');
    // What was chosen above the search is still chosen: the search is part of the same page.
    assert.equal(await page.getByRole('group', { name: 'ブラウザ 一子' }).getByLabel('出欠').inputValue(), '出席');
    await assertFitsWidth(page, 'the sheet with people to add');

    await page.getByRole('button', { name: '出欠・修了を保存する' }).click();
    await assertNotice(page, '出欠・修了を保存しました（追加 2 人、変更 1 人）。講座を「実施済み」にしました。');
    assert.equal((await recordValue(page, '状態').textContent()).trim(), '実施済み');
    const outcome = page.getByRole('region', { name: '修了して「サービスの担い手」になった人' });
    await assertVisible(outcome, 'the course page says who became a service provider');
    assert.equal((await outcome.locator('.result-count').textContent()).trim(), '2人');
    assert.deepEqual((await outcome.getByRole('listitem').allTextContents()).map((s) => s.trim()), ['ブラウザ 一子', 'ブラウザ 二郎']);
    await assertFitsWidth(page, 'the course page');

    // The list agrees with the page.
    await openMenuLink(page, '養成講座');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: '支え合いサポーター養成講座（画面試験）' }) });
    await assertVisible(row.getByText('実施済み'), 'the list shows the course as held');

    // The person's page shows the course taken and the service role.
    await page.getByRole('link', { name: '支え合いサポーター養成講座（画面試験）' }).click();
    await outcome.getByRole('link', { name: 'ブラウザ 二郎' }).click();
    const courses = page.getByRole('region', { name: '受講した養成講座' });
    await assertVisible(courses.getByText('サービスの担い手です（令和8年2月20日から）。', { exact: false }), 'the person is a service provider');
    await assertVisible(courses.getByRole('link', { name: '支え合いサポーター養成講座（画面試験）' }), 'the course is in the history');
    assert.equal((await recordValue(page, 'サービスの担い手になった日').textContent()).trim(), '令和8年2月20日');
    await assertFitsWidth(page, 'the person\'s page');
  }),
);
