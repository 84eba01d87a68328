import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, chromiumPath, requireSystem } from '../../scripts/test-support/require-system';
import { startFixtureService, type FixtureService } from './testing';

describe('web page in a browser', () => {
  let browser: Browser | undefined;
  let s: FixtureService | undefined;

  before(async function () {
    await requireSystem(this, CHROMIUM);
    s = await startFixtureService();
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    });
  });
  after(async () => {
    await browser?.close();
    await s?.dispose();
  });

  it('types a message, submits, and shows spam with probability and model version', async () => {
    const page = await (browser as Browser).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${(s as FixtureService).url}/`);
    await page.getByLabel('Message text').fill('Free money now!!!');
    await page.getByRole('button', { name: 'Check message' }).click();
    await page.locator('#prediction').filter({ hasText: /\w/ }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('#prediction').textContent(), 'spam');
    assert.match((await page.locator('#probability').textContent()) ?? '', /^\d+\.\d %$/);
    assert.equal(await page.locator('#model').textContent(), 'spam 1.0.0');
    assert.match((await page.locator('#status').textContent()) ?? '', /spam/);
    assert.deepEqual(errors, []);
  });

  it('shows the API error message for a text the API refuses', async () => {
    const page = await (browser as Browser).newPage();
    await page.goto(`${(s as FixtureService).url}/`);
    await page.getByLabel('Message text').fill('x'.repeat(2001));
    await page.getByRole('button', { name: 'Check message' }).click();
    await page
      .locator('#status')
      .filter({ hasText: /^Error:/ })
      .waitFor({ timeout: 10_000 });
    assert.match((await page.locator('#status').textContent()) ?? '', /limit is 2000/);
    assert.equal(await page.locator('#answer').isHidden(), true);
  });
});
