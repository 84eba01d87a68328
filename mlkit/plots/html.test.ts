import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { confusionMatrixFigure, rocFigure } from './classification';
import { histogramFigure, scatterFigure } from './charts';
import { CHROMIUM, CHROMIUM_ARGS, chromiumPath, requireSystem } from '../../scripts/test-support/require-system';
import { figureHtml, plotlyScriptTag, toHtmlPage } from './html';

const figures = [
  rocFigure([{ name: 'model', fpr: [0, 0.1, 1], tpr: [0, 0.7, 1], auc: 0.8 }]),
  confusionMatrixFigure(
    [
      [50, 3],
      [4, 20],
    ],
    ['ham', 'spam'],
  ),
  histogramFigure([
    { name: 'reference', values: [1, 2, 2, 3] },
    { name: 'current', values: [2, 3, 3, 4] },
  ]),
  // A trace name that would end the script element if it were not escaped.
  scatterFigure([{ name: '</script><b id="escaped">x</b>', x: [1, 2], y: [3, 4] }]),
];

describe('plots/html', () => {
  it('toHtmlPage inlines plotly.js once and gives figures ids plot-1, plot-2, ...', () => {
    const page = toHtmlPage(figures, { title: 'Report <1>' });
    assert.equal(page.split('window.Plotly = Plotly').length, 2, 'one bundle');
    assert.deepEqual(
      [...page.matchAll(/<div id="(plot-\d+)"/g)].map((m) => m[1]),
      ['plot-1', 'plot-2', 'plot-3', 'plot-4'],
    );
    assert.ok(page.includes('<title>Report &lt;1&gt;</title>'));
    assert.ok(!/src="http/.test(page), 'no network resources');
  });

  it('figureHtml keeps "</script>" in data from closing the script element', () => {
    const html = figureHtml(figures[3], 'x');
    assert.equal(html.split('</script>').length, 2, 'only the real closing tag');
  });

  it('toHtmlPage rejects an empty list', () => {
    assert.throws(() => toHtmlPage([]), /at least one figure/);
  });

  describe('rendered in headless Chromium', () => {
    let dir = '';
    let browser: Browser | undefined;
    before(async function () {
      await requireSystem(this, CHROMIUM);
      dir = mkdtempSync(join(tmpdir(), 'plots-html-'));
      browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    });
    after(async () => {
      await browser?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** Opens `html` from a file and records console errors and any non-local request. */
    async function open(html: string): Promise<{ page: Page; errors: string[]; remote: string[] }> {
      const file = join(dir, `page-${Date.now()}-${Math.random().toString(36).slice(2)}.html`);
      writeFileSync(file, html);
      const page = await browser!.newPage();
      const errors: string[] = [];
      const remote: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (r) => {
        if (!/^(file|data|blob):/.test(r.url())) remote.push(r.url());
      });
      await page.goto(`file://${file}`);
      return { page, errors, remote };
    }

    it('draws a non-empty SVG for every figure, offline and without console errors', async () => {
      const { page, errors, remote } = await open(toHtmlPage(figures));
      await page.waitForFunction((n) => document.querySelectorAll('.mlkit-plot[data-drawn] svg.main-svg').length >= n, figures.length, {
        timeout: 30_000,
      });
      const marks = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.mlkit-plot')).map((d) => d.querySelectorAll('svg path, svg rect, svg image').length),
      );
      assert.equal(marks.length, figures.length);
      marks.forEach((n, i) => assert.ok(n > 5, `figure ${i + 1} drew only ${n} shapes`));
      assert.equal(await page.locator('#escaped').count(), 0, 'trace name was not parsed as HTML');
      assert.deepEqual(errors, []);
      assert.deepEqual(remote, []);
    });

    it('explains a missing plotly.js, then draws once the bundle is embedded again', async () => {
      const { page, errors } = await open(`<!DOCTYPE html><body>${figureHtml(figures[0], 'late')}</body>`);
      await page.waitForFunction(() => /embedPlotly\(\)/.test(document.getElementById('late')?.textContent ?? ''), null, {
        timeout: 30_000,
      });
      await page.evaluate((tag) => {
        const holder = document.createElement('div');
        holder.innerHTML = tag;
        const script = document.createElement('script');
        script.text = holder.querySelector('script')?.text ?? '';
        document.body.appendChild(script);
      }, plotlyScriptTag());
      await page.waitForFunction(() => document.querySelectorAll('#late[data-drawn] svg.main-svg').length > 0, null, { timeout: 30_000 });
      assert.deepEqual(errors, []);
    });
  });
});
