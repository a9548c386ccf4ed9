// Browser test of a meeting's record, as the 第2層 coordinator of 八幡 (yawata-sc) on a desktop
// screen and on a phone: a new meeting with minutes (a list, and a <script> that neither runs nor
// shows), an attendee, an action item whose due date has passed, shown 「期限切れ」 on the list of
// action items; every page passes axe-core at 1366 px and 390 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, assertVisible } from './support/browser.mjs';
import { seriousViolations, assertFitsWidth } from './support/page_checks.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 120_000;
const { withPages } = browserSuite();

// The generic form's labels (a required field's label ends with 「必須」).
const LABEL = {
  title: /^名称/,
  kind: /^種類/,
  district: /^地区/,
  held_on: /^開催日/,
  status: /^状態/,
  visibility: /^公開/,
  minutes: /^記録（議事録）/,
};

const MINUTES = [
  '## 話し合ったこと',
  '',
  '- 見守りの当番を決めた',
  '- 移動販売の巡回先',
  '',
  '<script>window.__minutesRan = true; document.title = "RAN"</script>',
  '',
  '次回は来月です。',
].join('\n');

test('a coordinator records a meeting with minutes, an attendee and an overdue action item', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const page = await open('yawata-sc', { bypassCSP: true });  // bypassCSP: axe is injected; the minutes must be safe without the CSP too
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, 'yawata-sc');

    // A new meeting of 八幡 on the generic form.
    await page.goto('/meetings/new');
    await page.getByLabel(LABEL.title).fill('八幡 協議体会議（画面試験）');
    await page.getByLabel(LABEL.kind).selectOption({ label: '協議体会議' });
    await page.getByLabel(LABEL.district).selectOption({ label: '八幡' });
    await page.getByLabel(LABEL.held_on).fill('2026-01-20');
    await page.getByLabel(LABEL.status).selectOption('実施済み');
    await page.getByLabel(LABEL.visibility).selectOption('内部');
    await page.getByLabel(LABEL.minutes).fill(MINUTES);
    await page.getByRole('button', { name: '登録する' }).click();
    await page.waitForURL(/\/meetings\/\d+\?notice=created/);
    const meetingUrl = new URL(page.url()).pathname;

    await assertVisible(page.getByRole('heading', { name: '八幡 協議体会議（画面試験）', level: 1 }), 'the meeting page opens');
    const minutes = page.locator('.minutes');
    await assertVisible(minutes.getByRole('listitem').filter({ hasText: '見守りの当番を決めた' }), 'the minutes list is a list');
    assert.equal(await minutes.locator('script').count(), 0, 'no script element in the minutes');
    assert.ok(!(await minutes.textContent()).includes('__minutesRan'), 'the script does not show as text');
    assert.equal(await page.evaluate(() => window.__minutesRan), undefined, 'the script did not run');
    assert.notEqual(await page.title(), 'RAN');

    // An attendee, by name.
    await page.getByRole('link', { name: '出席者を記録する' }).click();
    await assertVisible(page.getByRole('heading', { name: '出席者の記録', level: 1 }), 'the attendance sheet opens');
    await page.getByLabel('氏名').fill('画面 花子');
    await page.getByLabel('立場').selectOption('住民');
    await page.getByRole('button', { name: '出席者を保存する' }).click();
    await page.waitForURL(/notice=attendance_saved/);
    await assertVisible(page.getByRole('cell', { name: '住民' }).first(), 'the attendee is listed with the role');
    await assertVisible(page.getByRole('link', { name: '画面 花子' }), 'the attendee is named to the district coordinator');

    // An action item whose due date has passed.
    await page.getByRole('link', { name: '宿題を追加する' }).click();
    await page.getByLabel(/^すること/).fill('回覧板の原稿を作る（画面試験）');
    await page.getByLabel(/^期限/).fill('2025-12-01');
    await page.getByLabel(/^状態/).selectOption('未着手');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.waitForURL(new RegExp(`${meetingUrl}\\?notice=created`));
    const itemRow = page.getByRole('row').filter({ hasText: '回覧板の原稿を作る（画面試験）' });
    await assertVisible(itemRow.getByText('期限切れ'), 'the item is overdue on the meeting page');

    await page.goto('/action-items');
    const listed = page.getByRole('row').filter({ hasText: '回覧板の原稿を作る（画面試験）' });
    await assertVisible(listed.getByText('期限切れ'), 'the list says it is overdue in words');
    assert.match(await listed.getAttribute('class'), /overdue/);

    const pages = [meetingUrl, `${meetingUrl}/attendance`, `${meetingUrl}/feedback`, '/action-items', '/'];
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const url of pages) {
        await page.goto(url);
        if (width === 390) await assertFitsWidth(page, `${url} at 390 px`);
        assert.deepEqual(await seriousViolations(page), [], `${url} at ${width} px has no serious accessibility violations`);
      }
    }

    // Done from the list: no longer overdue.
    await page.goto('/action-items');
    await page.getByRole('row').filter({ hasText: '回覧板の原稿を作る（画面試験）' }).getByRole('button', { name: '完了にする' }).click();
    await page.waitForURL(/\/action-items\?notice=updated/);
    assert.equal(await page.getByRole('row').filter({ hasText: '回覧板の原稿を作る（画面試験）' }).count(), 0, 'a done item leaves the open list');
  }),
);
