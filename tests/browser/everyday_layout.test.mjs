// Every page fits a phone and a desktop screen, and passes axe-core.
//
// For each role (the five demo accounts and the public without signing in) the test crawls the
// same-origin links from the start page, one page per route shape (/resources/12 and
// /resources/31 are the same shape; so are /sagasu?near=… and /sagasu?weekday=1), and on
// every page, at 1366×768 and at 390×844, checks that
//   (a) the page does not scroll sideways: document.documentElement.scrollWidth <= innerWidth + 1
//       (a wide table scrolls inside its own focusable region instead), and
//   (b) axe-core reports no serious or critical violation,
// and on the phone that the page title shows near the top (the header is short).
// (a) is checked for every role on every page. axe-core, the slow part, runs on each route shape
// once, for the first role that reaches it (the roles go from the one that sees the most), and on
// every role's start page, whose header and menu differ by role.
// Failures are collected per role and reported together, each with its URL, screen and rule ids.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { browserSuite } from './support/browser.mjs';
import { signIn } from './support/auth.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const SCREENS = [
  { name: 'desktop 1366×768', width: 1366, height: 768 },
  { name: 'phone 390×844', width: 390, height: 844 },
];
// Route shapes visited per role at most; far above what any role reaches today.
const MAX_SHAPES = 300;
const TEST_TIMEOUT_MS = 900_000; // generous: on a busy machine a role takes minutes

// Links not followed: actions, downloads, machine interfaces, files.
const SKIP_PATH = [
  /^\/logout$/,
  /\/delete(\/|$)/,
  /^\/api(\/|$)/,
  /^\/static\//,
  /^\/tiles\//,
  /^\/healthz$/,
  /\.(csv|xlsx|json|geojson|pdf|zip|png|svg|db|sqlite|mbtiles|txt|ics)$/i,
  /\/(download|export)(\/|$)/,
  // PDFs: their links start a build and lead to a progress page that refreshes itself.
  /\/pdf$/,
  /^\/publications\/(district|jobs)(\/|$)/,
];

// Numbers in the path stand for any record, and a query makes one more shape of the same path
// (the coverage report after its form, search results after the search form, a list filtered);
// not so a page number, or the values a link fills into a new or edit form.
function routeShape(url) {
  const path = url.pathname.replace(/\/\d+(?=\/|$)/g, '/N');
  const keys = [...url.searchParams.keys()].filter((k) => k !== 'page');
  return keys.length > 0 && !/\/(new|edit)$/.test(path) ? `${path}?…` : path;
}

function followable(href, origin) {
  let url;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  if (SKIP_PATH.some((re) => re.test(url.pathname))) return null;
  url.hash = '';
  return url;
}

async function axeProblems(page) {
  const result = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'] }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} [${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}]`);
}

async function layoutProblems(page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  if (scrollWidth <= innerWidth + 1) return [];
  // Name the element sticking out furthest to the right: one outside any scrolling box, or one
  // positioned out of it.
  const widest = await page.evaluate(() => {
    let right = window.innerWidth + 1;
    let name = '';
    const clipped = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= right) continue;
      if (clipped(el) && !['absolute', 'fixed'].includes(getComputedStyle(el).position)) continue;
      right = r.right;
      name = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + (typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '');
    }
    return name ? `${name} (right edge ${Math.round(right)} px)` : 'not found';
  });
  return [`scrolls sideways: ${scrollWidth} px wide on a ${innerWidth} px screen; widest: ${widest}`];
}

// On a phone the header (with the demo notice) is short: the page's own content starts within
// about the first 200 px (a long name takes one more line), and its title shows on the first screen.
const HEADER_MAX = 210;
async function titleProblems(page) {
  const { mainTop, titleTop, height } = await page.evaluate(() => {
    const top = (el) => (el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : null);
    return { mainTop: top(document.querySelector('main')), titleTop: top(document.querySelector('main h1')), height: window.innerHeight };
  });
  const found = [];
  if (mainTop > HEADER_MAX) found.push(`the header takes ${mainTop} px (at most ${HEADER_MAX})`);
  if (titleTop !== null && titleTop > height - 80) found.push(`the page title starts ${titleTop} px down, below the first screen`);
  return found;
}

// Route shapes axe-core has already checked, with the screen: "/resources/N 390".
const axeChecked = new Set();

// Visits the role's pages from `starts` and returns the problems found, one line each.
async function crawl(page, starts) {
  const origin = new URL(page.url()).origin;
  const queue = starts.map((s) => new URL(s, origin));
  const seen = new Set();
  const problems = [];
  const visited = [];
  while (queue.length > 0 && visited.length < MAX_SHAPES) {
    const url = queue.shift();
    const shape = routeShape(url);
    if (seen.has(shape)) continue;
    seen.add(shape);
    await page.setViewportSize({ width: SCREENS[0].width, height: SCREENS[0].height });
    const response = await page.goto(url.href, { waitUntil: 'load' });
    if (!response || !(response.headers()['content-type'] ?? '').startsWith('text/html')) continue;
    const landed = new URL(page.url());
    if (landed.origin !== origin) continue;
    // A redirect to a page already checked (e.g. /login for a page the role may not open).
    const landedShape = routeShape(landed);
    if (landedShape !== shape) {
      if (seen.has(landedShape)) continue;
      seen.add(landedShape);
    }
    visited.push(landedShape);
    const started = Date.now();
    const before = problems.length;
    const hrefs = await page.$$eval('a[href]:not([download])', (as) => as.map((a) => a.href));
    for (const href of hrefs) {
      const next = followable(href, origin);
      if (next && !seen.has(routeShape(next))) queue.push(next);
    }
    const isStart = visited.length === 1;
    let axeLoaded = false;
    for (const screen of SCREENS) {
      await page.setViewportSize({ width: screen.width, height: screen.height });
      // Let a live map (if any) settle to the new size before measuring.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const found = await layoutProblems(page);
      if (screen.width < 500) found.push(...(await titleProblems(page)));
      const axeKey = `${landedShape} ${screen.width}`;
      if (isStart || !axeChecked.has(axeKey)) {
        axeChecked.add(axeKey);
        if (!axeLoaded) await page.evaluate(AXE_SOURCE);
        axeLoaded = true;
        found.push(...(await axeProblems(page)));
      }
      for (const p of found) problems.push(`${landed.pathname}${landed.search} at ${screen.name}: ${p}`);
    }
    if (process.env.LAYOUT_TRACE) console.log(`${Date.now() - started} ms ${landed.pathname}${landed.search}${problems.slice(before).map((p) => `\n  ${p}`).join('')}`);
  }
  return { problems, visited };
}

const { withPages } = browserSuite();

const ROLES = [
  { login: 'kanri', label: 'kanri (管理者)', starts: ['/'] },
  { login: 'sc1', label: 'sc1 (第1層コーディネーター)', starts: ['/'] },
  { login: 'yawata-sc', label: 'yawata-sc (第2層コーディネーター)', starts: ['/'] },
  { login: 'yawata-iin', label: 'yawata-iin (協議体メンバー)', starts: ['/'] },
  { login: 'etsuran', label: 'etsuran (閲覧のみ)', starts: ['/'] },
  { login: null, label: 'the public', starts: ['/', '/sagasu', '/login'] },
];

// Two roles at a time: the browser and the server each have a core to work with.
describe('every page fits both screens and passes axe-core', { concurrency: 2 }, () => {
  for (const role of ROLES) {
    test(`every page ${role.label} can reach fits a phone and a desktop screen and passes axe-core`, { timeout: TEST_TIMEOUT_MS }, (t) =>
      withPages(t, async (open) => {
        const page = await open(role.login ?? 'public', { bypassCSP: true });
        if (role.login) await signIn(page, role.login);
        else await page.goto('/');
        const { problems, visited } = await crawl(page, role.starts);
        assert.ok(visited.length >= (role.login ? 15 : 4), `the crawl reached the role's pages (${visited.join(' ')})`);
        assert.ok(visited.length < MAX_SHAPES, `the crawl stopped at ${MAX_SHAPES} route shapes before seeing them all: raise MAX_SHAPES`);
        assert.deepEqual(problems, [], `${problems.length} problems on ${visited.length} pages:\n${problems.join('\n')}`);
      }),
    );
  }
});

test('on a phone the menu folds behind メニュー and opens from the keyboard; on a desktop it is always open', { timeout: 60_000 }, (t) =>
  withPages(t, async (open) => {
    const page = await open('menu');
    await signIn(page, 'kanri');
    const menu = page.getByRole('navigation', { name: 'メインメニュー' });
    const summary = page.locator('header details.site-menu > summary');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/needs');
    assert.equal(await menu.getByRole('link', { name: '地区', exact: true }).isVisible(), false, 'the menu is folded on a phone');
    assert.equal(await summary.isVisible(), true, 'the メニュー button shows on a phone');
    assert.ok((await summary.boundingBox()).y < 60, 'the メニュー button is at the top of the screen');
    await summary.focus();
    await page.keyboard.press('Enter');
    const districts = menu.getByRole('link', { name: '地区', exact: true });
    await districts.waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await menu.locator('a[aria-current="page"]').textContent(), 'ニーズ', 'the open menu marks the current page');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'ダッシュボード', 'Tab goes from メニュー into the menu');
    await Promise.all([page.waitForURL((u) => u.pathname === '/districts'), districts.click()]);
    assert.equal(await menu.getByRole('link', { name: '地区', exact: true }).isVisible(), false, 'the next page starts with the menu folded');

    await page.setViewportSize({ width: 1366, height: 768 });
    assert.equal(await summary.isVisible(), false, 'no メニュー button on a desktop');
    assert.equal(await menu.getByRole('link', { name: '地区', exact: true }).isVisible(), true, 'the whole menu shows on a desktop');
    const header = await page.locator('header.site-header').boundingBox();
    assert.ok(header.height < 200, `the desktop header stays short: the name row and the menu (${header.height} px)`);
  }),
);
