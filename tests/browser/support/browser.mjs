// One server and one Chromium per test file, a fresh browser context per test, and a screenshot
// of every open page when a test fails.
//
//   const { withPage, withPages } = browserSuite();   // at the top level of a *.test.mjs file
//
// registers before/after hooks that start a throw-away sasaeai server (support/server.mjs) and
// the system Chromium (driven by playwright-core), and stop both at the end of the file.
//
// Environment: CHROMIUM (default /usr/bin/chromium); the server's variables are in server.mjs.
// Screenshots go to tests/browser/artifacts/ (git-ignored).
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, repoRoot } from './server.mjs';

export const ARTIFACTS = path.join(repoRoot, 'tests', 'browser', 'artifacts');

// `serverArgs`: options for the server (default: no base map, as on a closed network without
// tiles); `beforeServer` runs first (to write files the options name).
export function browserSuite({ serverArgs = ['--tiles', 'none'], beforeServer } = {}) {
  let server;
  let browser;

  before(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    if (beforeServer) await beforeServer();
    server = await startServer({ args: typeof serverArgs === 'function' ? serverArgs() : serverArgs });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  after(async () => {
    // Each step on its own, so a failing browser close still stops the server.
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  // For tests with more than one person: `open(label)` gives a page in a fresh browser context of
  // its own (own cookies, so its own session). All are closed at the end; on failure each one's
  // screenshot is kept.
  async function withPages(t, fn) {
    const opened = [];
    const open = async (label = '', options = {}) => {
      const context = await browser.newContext({ baseURL: server.baseURL, locale: 'ja-JP', ...options });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      opened.push({ label, context, page });
      return page;
    };
    try {
      await fn(open);
    } catch (err) {
      for (const { label, page } of opened) {
        const file = path.join(ARTIFACTS, `failed-${t.name.replace(/[^\w-]+/g, '_')}${label ? `-${label}` : ''}.png`);
        await page.screenshot({ path: file, fullPage: true }).catch(() => {});
        err.message += `\n(${label || 'page'}: ${page.url()}; screenshot: ${file})`;
      }
      throw err;
    } finally {
      for (const { context } of opened) await context.close().catch(() => {});
    }
  }

  // A fresh browser context per test; on failure a screenshot of where it stopped is kept.
  const withPage = (t, fn) => withPages(t, async (open) => fn(await open()));

  return { withPage, withPages, server: () => server };
}

// Waits a little for the element to be visible, then fails with `message`.
export async function assertVisible(locator, message) {
  try {
    await locator.waitFor({ state: 'visible', timeout: 5_000 });
  } catch {
    assert.fail(message);
  }
}

// The notice (role=status) a page shows after a form was answered with a redirect.
export async function assertNotice(page, text) {
  await assertVisible(page.locator('main p.notice[role="status"]').getByText(text, { exact: true }), `the notice 「${text}」 is shown`);
}

// A link of the header's main menu (「社会資源」「提案」「ニーズ」…), by its exact name.
export const mainMenuLink = (page, name) =>
  page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name, exact: true });
