/**
 * The inspector's page in a real browser, for tests: Debian's Chromium driven by
 * playwright-core (never a downloaded browser), and waits on what the page shows.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** The page's document, in functions that run in the browser. */
declare const document: {
  querySelector(
    selector: string,
  ): { getAttribute(name: string): string | null; textContent: string | null } | null;
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
};

/** Start headless Chromium (call in beforeAll). */
export function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium).`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** A page of `browser` at `url`, waiting up to 20 s for what tests look for. */
export async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  page.setDefaultTimeout(20_000);
  await page.goto(url);
  return page;
}

/** The number in `attribute` of the first element matching `selector`. */
export const number = async (page: Page, selector: string, attribute: string) =>
  Number(await page.locator(selector).first().getAttribute(attribute));

/** Wait until an element matching `selector` shows text matching `text`; resolves with it. */
export async function shows(page: Page, selector: string, text: string | RegExp): Promise<string> {
  const pattern =
    typeof text === 'string' ? text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : text.source;
  const handle = await page.waitForFunction(
    ([s, source]) => {
      const re = new RegExp(source);
      for (const element of Array.from(document.querySelectorAll(s))) {
        const shown = element.textContent ?? '';
        if (re.test(shown)) return shown;
      }
      return false;
    },
    [selector, pattern] as const,
  );
  return (await handle.jsonValue()) as string;
}

/** Wait until an element matching `selector` has `attribute` set to `value`. */
export async function has(
  page: Page,
  selector: string,
  attribute: string,
  value: string,
): Promise<void> {
  await page.waitForFunction(([s, a, v]) => document.querySelector(s)?.getAttribute(a) === v, [
    selector,
    attribute,
    value,
  ] as const);
}

/** Wait until the first element matching `selector` has `attribute` set to `value` and shows `text`, both at once. */
export async function hasShowing(
  page: Page,
  selector: string,
  attribute: string,
  value: string,
  text: string,
): Promise<void> {
  await page.waitForFunction(
    ([s, a, v, t]) => {
      const element = document.querySelector(s);
      return element?.getAttribute(a) === v && (element.textContent ?? '').includes(t);
    },
    [selector, attribute, value, text] as const,
  );
}

/** Wait until the number in `attribute` of `selector` is above `than`; resolves with it. */
export async function above(
  page: Page,
  selector: string,
  attribute: string,
  than: number,
): Promise<number> {
  const handle = await page.waitForFunction(
    ([s, a, n]) => {
      const value = Number(document.querySelector(s as string)?.getAttribute(a as string));
      return value > (n as number) ? value : false;
    },
    [selector, attribute, than] as const,
  );
  return (await handle.jsonValue()) as number;
}
