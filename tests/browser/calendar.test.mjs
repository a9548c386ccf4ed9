// Browser test of the calendar: a coordinator's month on a desktop screen is a grid of weeks with
// the meeting on its day; on a phone the same month is a list (the grid is not shown and nothing
// scrolls sideways); a visitor sees the public meeting and not the internal one; axe-core finds
// no serious or critical problem on either screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { browserSuite, assertVisible } from './support/browser.mjs';
import { signIn, signOut } from './support/auth.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TEST_TIMEOUT_MS = 90_000;
const { withPages } = browserSuite();

async function axeProblems(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} [${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}]`);
}

async function seed(page) {
  await page.goto('/account');
  const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
  const get = async (path) => (await page.request.get(path)).json();
  const id = async (reg, name) => (await get(`/api/v1/${reg}?per_page=0`)).items.find((r) => r.name === name).id;
  const post = async (data) => {
    const res = await page.request.post('/api/v1/meetings', { headers: { 'X-CSRF-Token': csrf }, data });
    assert.equal(res.status(), 201, await res.text());
  };
  const base = {
    municipality_id: await id('municipalities', '高崎市'), district_id: await id('districts', '八幡'),
    kind_id: await id('meeting-kinds', '協議体会議'), status: '予定',
  };
  await post({ ...base, title: '八幡地区協議体 定例会（画面試験）', held_on: '2026-09-15', starts_at: '13:30', ends_at: '15:00', visibility: '公開', venue: '八幡公民館' });
  await post({ ...base, title: '打ち合わせ（内部・画面試験）', held_on: '2026-09-16', visibility: '内部' });
}

test('the month is a grid on a desktop, a list on a phone, and visitors see public meetings only', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const page = await open('sc1', { bypassCSP: true });  // bypassCSP: axe is injected as a script
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, 'sc1');
    await seed(page);

    await page.goto('/');
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'カレンダー', exact: true }).click();
    await page.goto('/calendar?month=2026-09');
    await assertVisible(page.getByRole('heading', { name: '令和8年9月のカレンダー', level: 1 }), 'the month opens');
    const grid = page.locator('table.calendar');
    await assertVisible(grid, 'a desktop screen shows the grid');
    const day = grid.locator('td:not(.other-month)').filter({ has: page.locator('.day-number', { hasText: /^15$/ }) });
    await assertVisible(day.getByRole('link', { name: /八幡地区協議体 定例会（画面試験）/ }), 'the meeting is on its day');
    await assertVisible(grid.getByRole('link', { name: /打ち合わせ（内部・画面試験）/ }), 'signed in, the internal meeting is there too');
    assert.deepEqual(await axeProblems(page), [], 'axe on the desktop month');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    assert.equal(await grid.isVisible(), false, 'a phone shows no grid');
    const list = page.locator('section.calendar-list');
    await assertVisible(list.getByRole('link', { name: '八幡地区協議体 定例会（画面試験）' }), 'a phone lists the meeting');
    assert.match(await list.locator('li').filter({ hasText: '定例会（画面試験）' }).textContent(), /13:30〜15:00/);
    const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
    assert.ok(scroll <= width, `the month is ${scroll}px wide on a ${width}px screen`);
    assert.deepEqual(await axeProblems(page), [], 'axe on the phone month');

    await signOut(page);
    await page.goto('/calendar?month=2026-09');
    await assertVisible(list.getByRole('link', { name: '八幡地区協議体 定例会（画面試験）' }), 'a visitor sees the public meeting');
    assert.equal(await page.getByText('打ち合わせ（内部・画面試験）').count(), 0, 'a visitor does not see the internal one');
    await list.getByRole('link', { name: '八幡地区協議体 定例会（画面試験）' }).click();
    await assertVisible(page.getByRole('heading', { name: '八幡地区協議体 定例会（画面試験）', level: 1 }), 'its public page opens');
    assert.deepEqual(await axeProblems(page), [], 'axe on the public page');
  }));
