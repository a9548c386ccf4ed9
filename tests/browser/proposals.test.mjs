// Browser test of a proposal from both sides: the 協議体メンバー of 八幡 proposes a new schedule
// on the short form; the 八幡 coordinator sees the count beside 提案 and the proposal on the
// dashboard, opens it, confirms the approval after seeing what will change, and then undoes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, assertVisible, assertNotice, mainMenuLink } from './support/browser.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 90_000;
const { withPages } = browserSuite();

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The value shown for `label` on a record page (<dl class="record">).
async function recordValue(page, label) {
  const rows = page.locator('dl.record > div.row').filter({ has: page.locator('dt', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
  assert.equal(await rows.count(), 1, `exactly one row 「${label}」 on ${page.url()}`);
  return (await rows.locator('dd').textContent()).trim();
}

// The count in the badge beside 提案 in the main menu (0 without one).
async function pendingBadge(page) {
  const badge = page.getByRole('navigation', { name: 'メインメニュー' }).locator('a[href="/proposals"] .badge');
  if ((await badge.count()) === 0) return 0;
  const text = (await badge.textContent()).replace(/[^0-9]/g, '');
  return Number(text);
}

test('a schedule change: proposed, counted, confirmed, applied and undone', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    // The member opens the first 八幡 resource.
    const member = await open('yawata-iin');
    await signIn(member, 'yawata-iin', { next: '/resources' });
    assert.equal(await pendingBadge(member), 0, 'a member has no count of proposals to review');
    const search = member.getByRole('search');
    await search.getByLabel('地区', { exact: true }).selectOption({ label: '八幡' });
    await Promise.all([
      member.waitForURL((url) => url.pathname === '/resources' && url.searchParams.get('district_id')),
      search.getByRole('button', { name: 'さがす' }).click(),
    ]);
    const link = member.locator('table.data tbody tr').first().locator('th a');
    const name = (await link.textContent()).trim();
    const resourcePath = await link.getAttribute('href');
    await Promise.all([member.waitForURL((u) => u.pathname === resourcePath), link.click()]);
    const scheduleBefore = await recordValue(member, '開催日時');
    const scheduleAfter = `毎週金曜 14:00-15:${10 + Math.floor(Math.random() * 49)}`;

    // The short form: the schedule is there, coordinates and administrative fields are not.
    await Promise.all([
      member.waitForURL((u) => u.pathname === `${resourcePath}/propose`),
      member.getByRole('main').getByRole('link', { name: '変更を提案する', exact: true }).click(),
    ]);
    for (const label of ['緯度', '経度', '市町村', '分類', '状態']) {
      assert.equal(await member.getByLabel(label, { exact: true }).count(), 0, `no 「${label}」 on the proposal form`);
    }
    await member.getByLabel('開催日時', { exact: true }).fill(scheduleAfter);
    await member.getByLabel('提案の理由・メモ', { exact: true }).fill('曜日が変わりました');
    await Promise.all([
      member.waitForURL((u) => u.pathname === resourcePath && u.searchParams.get('notice') === 'proposed'),
      member.getByRole('button', { name: '提案する', exact: true }).click(),
    ]);
    await assertVisible(member.getByRole('main').getByText('審査待ちの提案があります。'), 'the resource says a proposal is pending');
    assert.equal(await recordValue(member, '開催日時'), scheduleBefore, 'unchanged until approved');

    // The coordinator is told on every page and on the dashboard.
    const coordinator = await open('yawata-sc');
    await signIn(coordinator, 'yawata-sc');
    assert.equal(new URL(coordinator.url()).pathname, '/');
    const count = await pendingBadge(coordinator);
    assert.ok(count >= 1, `the menu shows the pending count (${count})`);
    const menuLink = mainMenuLink(coordinator, new RegExp(`^提案.*審査待ち ${count} 件`));
    await assertVisible(menuLink, 'the count is part of the menu link’s name');
    const pending = coordinator.getByRole('region', { name: /審査待ちの提案/ });
    await assertVisible(pending, 'the dashboard has a block of pending proposals');
    const entry = pending.getByRole('link', { name, exact: true });
    await assertVisible(entry, `the dashboard lists the proposal on ${name}`);
    await Promise.all([coordinator.waitForURL(/\/proposals\/\d+$/), entry.click()]);
    const proposalPath = new URL(coordinator.url()).pathname;

    // 承認 first shows what will change, and changes nothing yet.
    await Promise.all([
      coordinator.waitForURL((u) => u.pathname === `${proposalPath}/approve`),
      coordinator.getByRole('link', { name: '承認する（内容の確認へ）', exact: true }).click(),
    ]);
    const diff = coordinator.locator('table.proposal-diff tbody tr');
    assert.equal(await diff.count(), 1, 'only the schedule changes');
    assert.equal((await diff.locator('th').textContent()).trim(), '開催日時');
    const cells = (await diff.locator('td').allTextContents()).map((s) => s.trim());
    // The demo resources have no schedule yet: an empty value reads 「（空欄）」.
    assert.deepEqual([cells[0], cells[2]], [scheduleBefore || '（空欄）', scheduleAfter]);
    await coordinator.getByLabel('判断の理由・メモ（任意）', { exact: true }).fill('確認しました');
    await Promise.all([
      coordinator.waitForURL((u) => u.pathname === proposalPath && u.searchParams.get('notice') === 'approved'),
      coordinator.getByRole('button', { name: '承認して反映する', exact: true }).click(),
    ]);
    await assertNotice(coordinator, '提案を承認し、社会資源に反映しました。');
    assert.equal(await pendingBadge(coordinator), count - 1, 'the count goes down once decided');

    // The resource has the new schedule.
    await Promise.all([
      coordinator.waitForURL((u) => u.pathname === resourcePath),
      coordinator.locator('dl.record').getByRole('link', { name, exact: true }).click(),
    ]);
    assert.equal(await recordValue(coordinator, '開催日時'), scheduleAfter);
    assert.equal(await coordinator.getByRole('main').getByText('審査待ちの提案があります。').count(), 0, 'no longer pending');

    // Undo puts the old schedule back.
    await coordinator.goto(proposalPath);
    await Promise.all([
      coordinator.waitForURL((u) => u.pathname === proposalPath && u.searchParams.get('notice') === 'undone'),
      coordinator.getByRole('button', { name: '元に戻す', exact: true }).click(),
    ]);
    await assertNotice(coordinator, '承認した変更を元に戻しました。');
    assert.equal((await coordinator.locator('dl.record strong.status').textContent()).trim(), '取り消し');
    await coordinator.goto(resourcePath);
    assert.equal(await recordValue(coordinator, '開催日時'), scheduleBefore, 'the old schedule is back');
    await member.goto(resourcePath);
    assert.equal(await recordValue(member, '開催日時'), scheduleBefore, 'for the member too');
  }),
);
