import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, chromiumPath, requireSystem } from '../../scripts/test-support/require-system';
import { startRecsFixture, type RecsFixture } from './testing';

describe('the recommendations page in a browser', () => {
  let browser: Browser | undefined;
  let s: RecsFixture | undefined;

  before(async function () {
    await requireSystem(this, CHROMIUM);
    s = await startRecsFixture();
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await s?.dispose();
  });

  async function ask(user: string, k: string): Promise<import('playwright-core').Page> {
    const page = await (browser as Browser).newPage();
    await page.goto(`${(s as RecsFixture).url}/`);
    await page.getByLabel('Customer id').fill(user);
    await page.getByLabel('How many').fill(k);
    await page.getByRole('button', { name: 'Recommend' }).click();
    await page
      .locator('#status')
      .filter({ hasText: /answered|Error/ })
      .waitFor({ timeout: 10_000 });
    return page;
  }

  it("shows a known customer's history beside their recommendations, with titles and no overlap", async () => {
    const page = await ask('3', '4');
    const history = await page.locator('#history li').allTextContents();
    const recs = await page.locator('#recommendations li').allTextContents();
    assert.equal(history.length, 5);
    assert.equal(recs.length, 4);
    for (const line of [...history, ...recs]) assert.match(line, /^Film \d+/);
    const titles = recs.map((r) => r.replace(/ \(score.*$/, ''));
    for (const t of titles) assert.ok(!history.includes(t), `${t} is in the history`);
    assert.match((await page.locator('#status').textContent()) ?? '', /recs 2010\.5\.0/);
  });

  it('says when popularity answers for a customer the model has never seen', async () => {
    const page = await ask('999999', '3');
    assert.equal(await page.locator('#history li').count(), 0);
    assert.equal(await page.locator('#recommendations li').count(), 3);
    assert.match((await page.locator('#recs-note').textContent()) ?? '', /fallback/);
  });

  it("shows the API's reason for a bad customer id", async () => {
    const page = await ask('abc', '3');
    assert.match((await page.locator('#status').textContent()) ?? '', /^Error: .*user/);
  });
});
