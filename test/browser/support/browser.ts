import { mkdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM } from './require-chromium';
import { ensureTestUser, TEST_PASSWORD, type TestUser } from '../../support/users';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOTS = resolve(__dirname, '../../screenshots');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Debian's Chromium, driven by playwright-core (no browser download). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** A person at a browser: their own context (cookies), signed in through the console's sign-in page. */
export async function signedIn(
  browser: Browser,
  baseUrl: string,
  databaseUrl: string,
  user: TestUser,
  viewport = DESKTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  await ensureTestUser(databaseUrl, user);
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await signInWithKeyboard(page, user.user);
  await page.getByTestId('signed-in-user').waitFor({ state: 'attached' });
  return { context, page };
}

/** Signs in with the keyboard only: the sign-in form is reachable and usable without a mouse. */
export async function signInWithKeyboard(page: Page, username: string, password = TEST_PASSWORD): Promise<void> {
  const field = page.getByLabel('用户名');
  await field.waitFor();
  await field.focus();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

/** axe-core in the page: no serious or critical violation. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Elements fading in (antd's motion) are judged once they stand still, not half transparent.
  await page.evaluate(`Promise.all(document.getAnimations()
    .filter((animation) => animation.effect && animation.effect.getComputedTiming().iterations !== Infinity)
    .map((animation) => animation.finished.catch(() => undefined)))`);
  // Evaluated rather than added as a <script>: the API's Content-Security-Policy rightly refuses inline scripts.
  await page.evaluate(AXE_SOURCE);
  // A string, so that no DOM types enter the Node program: it runs in the page.
  const violations = await page.evaluate<string[]>(`
    axe.run(document, { resultTypes: ['violations'] }).then((results) =>
      results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => violation.id + ': ' + violation.help + ' (' +
          violation.nodes.map((node) => node.target.join(' ')).join(', ') + ')'))
  `);
  // The violations in the message too: a failure's one-line summary then says what was wrong.
  expect(violations, `accessibility of ${name}: ${violations.join('; ')}`).toEqual([]);
}

/** Where a screenshot named `name` goes (test/screenshots, ignored by git), the folder made. */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}

/**
 * Every action in the signed-in frame's header (the year picker, the bell, the language, signing out) lies
 * wholly inside the window. The header is fixed, so an action pushed past the right edge widens no page: the
 * sideways-scroll check below cannot see it. Pages without the frame (sign-in, a public board) pass.
 */
export async function expectHeaderInside(page: Page, name: string): Promise<void> {
  const outside = await page.evaluate<string[]>(`
    [...document.querySelectorAll('.ant-pro-global-header-header-actions-item')]
      .map((item) => ({ item, box: item.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0)
      .filter(({ box }) => box.left < 0 || box.right > innerWidth + 0.5)
      .map(({ item, box }) =>
        (item.querySelector('[aria-label]')?.getAttribute('aria-label') ?? item.textContent) +
        ' at ' + Math.round(box.left) + '-' + Math.round(box.right))
  `);
  const width = page.viewportSize()?.width;
  expect(outside, `${name}: header actions outside the ${width} px window: ${outside.join('; ')}`).toEqual([]);
}

/** Screenshots of the page at desktop and phone width into test/screenshots (ignored by git), for people to look at. */
export async function screenshots(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const original = page.viewportSize() ?? DESKTOP;
  // At the width the page was opened at, before any resizing.
  await expectHeaderInside(page, name);
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    // Nothing scrolls the page sideways (a table may scroll inside its own box).
    const widths = await page.evaluate<{ page: number; window: number }>(
      '({ page: document.scrollingElement.scrollWidth, window: innerWidth })',
    );
    expect(widths.page, `${name} at ${size} width is wider than the window`).toBeLessThanOrEqual(widths.window);
    await expectHeaderInside(page, `${name} at ${size} width`);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size}.png`), fullPage: true });
  }
  await page.setViewportSize(original);
}

/** Every main page is checked the same way: accessible, and photographed at both widths. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expectAccessible(page, name);
  await screenshots(page, name);
}
