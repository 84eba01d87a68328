import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { barFigure, toHtmlPage } from '../mlkit/plots/index';
import { CHROMIUM, requireSystem } from '../scripts/test-support/require-system';
import { checkPage, launchChromium } from './browser-check';
import { chartOutputs } from './course-run';
import type { Notebook } from './notebook-source';

describe('checkPage', function () {
  this.timeout(60000);
  let browser: Browser | undefined;
  let dir = '';
  const page = (name: string, html: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, html);
    return file;
  };

  before(async function () {
    await requireSystem(this, CHROMIUM);
    browser = await launchChromium();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'browser-check-'));
  });
  after(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds a drawn chart with its traces', async () => {
    const html = page('chart.html', toHtmlPage([barFigure(['a', 'b'], [{ name: 's', values: [1, 2] }])]));
    const result = await checkPage(browser as Browser, html, 1);
    assert.equal(result.charts.length, 1);
    assert.ok(result.charts[0].traces > 0 && result.charts[0].width > 0 && result.charts[0].height > 0, JSON.stringify(result.charts));
    assert.deepEqual(result.errors, []);
  });

  it('reports a chart div that never drew as an empty chart', async () => {
    const html = page('empty.html', '<div class="mlkit-plot" style="height:100px"></div>');
    const result = await checkPage(browser as Browser, html, 1, undefined, 1000);
    assert.deepEqual(result.charts, [{ traces: 0, width: 0, height: 0 }]);
  });

  it('collects console errors and uncaught exceptions', async () => {
    const html = page('errors.html', '<script>console.error("boom"); undefinedFunction();</script>');
    const result = await checkPage(browser as Browser, html, 0);
    assert.equal(result.errors[0], 'boom');
    assert.match(result.errors[1] ?? '', /^uncaught: .*undefinedFunction/);
  });

  it('refuses and lists requests that leave the machine', async () => {
    const html = page('network.html', '<img src="http://example.invalid/pixel.png">');
    const result = await checkPage(browser as Browser, html, 0);
    assert.deepEqual(result.externalRequests, ['http://example.invalid/pixel.png']);
  });

  it('writes a screenshot when asked', async () => {
    const shot = path.join(dir, 'shot.png');
    await checkPage(browser as Browser, page('plain.html', '<p>hello</p>'), 0, shot);
    assert.ok(fs.statSync(shot).size > 0);
  });
});

describe('chartOutputs', () => {
  it('counts one chart per mlkit-plot div in HTML outputs, across cells and outputs', () => {
    const notebook = {
      cells: [
        {
          cell_type: 'code',
          id: 'a',
          metadata: {},
          source: [],
          outputs: [{ output_type: 'display_data', data: { 'text/html': ['<div class="mlkit-plot"></div>', '<script></script>'] } }],
        },
        {
          cell_type: 'code',
          id: 'b',
          metadata: {},
          source: [],
          outputs: [{ output_type: 'stream', text: 'class="mlkit-plot" in printed text is not a chart' }],
        },
        {
          cell_type: 'code',
          id: 'c',
          metadata: {},
          source: [],
          outputs: [{ output_type: 'display_data', data: { 'text/html': '<div class="mlkit-plot"></div><div class="mlkit-plot"></div>' } }],
        },
        { cell_type: 'markdown', id: 'd', metadata: {}, source: ['<div class="mlkit-plot"></div>'] },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    } as Notebook;
    assert.equal(chartOutputs(notebook), 3);
  });
});
