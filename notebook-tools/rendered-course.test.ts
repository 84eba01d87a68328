/**
 * The course as a reader sees it: every lesson executed, rendered to HTML, and opened in a
 * headless browser. Every chart must draw, and the console must stay clean. Reuses the
 * execution of `course-run.ts`, so the course is executed once per `npm test`.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { planNotebooks } from './build';
import { CHROMIUM, requireSystem } from '../scripts/test-support/require-system';
import { checkPage, launchChromium } from './browser-check';
import { chartOutputs, executeAllOnce, executeOnce, RENDER_DIR, renderAllOnce, renderOnce } from './course-run';
import { jupyterAvailable } from './execute';
import type { Notebook } from './notebook-source';

describe('the rendered course, opened in a browser', function () {
  this.timeout(10 * 60 * 1000);
  const plans = planNotebooks();
  let browser: Browser | undefined;
  let screenshot = '';

  before(async function () {
    this.timeout(30 * 60 * 1000); // run alone, the whole course executes here
    assert.ok(
      jupyterAvailable(),
      'Jupyter (with nbclient) is not installed: run npm start first, which installs it, then run the tests again',
    );
    await requireSystem(this, CHROMIUM);
    browser = await launchChromium();
    // Already executed when notebooks.test.ts ran first in this process; rendered in one go.
    const lessons = plans.map((plan) => plan.solution.target);
    await executeAllOnce(lessons);
    renderAllOnce(lessons);
  });
  after(async () => {
    await browser?.close();
    if (screenshot) console.log(`      screenshot of a rendered lesson: ${path.relative(process.cwd(), screenshot)}`);
  });

  for (const plan of plans) {
    const name = path.basename(plan.solution.target, '.ipynb');
    it(`${name}: every chart draws and the console shows no errors`, async () => {
      const html = renderOnce(plan.solution.target);
      const expected = chartOutputs(executeOnce(plan.solution.target).executed as Notebook);
      // Keep one picture of a lesson with charts, for a human to glance at.
      const shot = !screenshot && expected > 0 ? path.join(RENDER_DIR, `${name}.png`) : undefined;
      const page = await checkPage(browser as Browser, html, expected, shot);
      if (shot) screenshot = shot;
      assert.deepEqual(page.externalRequests, [], 'the rendered lesson asked the network for files');
      assert.deepEqual(page.errors, [], 'the browser console reported errors');
      assert.equal(page.charts.length, expected, `${expected} charts were drawn by the notebook, ${page.charts.length} appear on the page`);
      page.charts.forEach((chart, i) => {
        assert.ok(chart.width > 0 && chart.height > 0, `chart ${i + 1} has an empty SVG (${chart.width}×${chart.height})`);
        assert.ok(chart.traces > 0, `chart ${i + 1} drew no data (no trace in its SVG)`);
      });
    });
  }
});
