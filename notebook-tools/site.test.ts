/**
 * `npm run site` end to end, on lesson 00 and a lesson that fails on purpose (building all ten
 * lessons takes too long for a test): the command's exit code and messages, then the pages in
 * headless Chromium, served from 127.0.0.1 as a static host would and opened from file://.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, requireSystem } from '../scripts/test-support/require-system';
import { checkPage, launchChromium } from './browser-check';
import { jupyterAvailable } from './execute';
import { notebookOf, serializeNotebook } from './notebook-source';
import { findLabs } from './site-contents';
import { serveFolder, type StaticServer } from './site-server';

const REPO_ROOT = path.resolve(__dirname, '..');
// Inside the course (the kernel finds the course from the notebook's folder) and git-ignored.
const WORK = path.join(REPO_ROOT, 'build', 'site-test');
const NOTEBOOKS = path.join(WORK, 'notebooks');
const SITE = path.join(WORK, 'site');
const SHOTS = path.join(SITE, 'screenshots');
// A lesson page parses plotly.js (5 MB) and draws its charts: seconds on an idle machine, but
// well over a minute on a loaded CI runner, where a tighter limit fails for no fault of the site.
const PAGE_TIMEOUT_MS = 180_000;

function site(args: string[]) {
  const run = spawnSync('npm', ['run', '--silent', 'site', '--', ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 8 * 60 * 1000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Lesson 00 as the course ships it, lesson 01 (not selected), and a lesson that throws in its 4th cell. */
function writeFixtureNotebooks(): void {
  fs.mkdirSync(NOTEBOOKS, { recursive: true });
  for (const name of ['00-what-is-a-model.ipynb', '01-framing-the-problem.ipynb']) {
    fs.copyFileSync(path.join(REPO_ROOT, 'solutions', 'notebooks', name), path.join(NOTEBOOKS, name));
  }
  const broken = notebookOf([
    { cell_type: 'markdown', text: '# 98 · A lesson that breaks\n\n## Setup' },
    { cell_type: 'code', text: "console.log('this cell runs');" },
    { cell_type: 'markdown', text: '## The broken part' },
    { cell_type: 'code', text: "throw new Error('broken on purpose');" },
  ]);
  fs.writeFileSync(path.join(NOTEBOOKS, '98-a-broken-lesson.ipynb'), serializeNotebook(broken));
}

interface Visit {
  errors: string[];
  /** Requests for anything but the site itself (refused). */
  outside: string[];
  /** Same-site links on the page, without their #fragment. */
  links: string[];
}

/** Opens `url`, refusing requests that leave `origin`; `ready` waits for what the page must show. */
async function visit(
  browser: Browser,
  url: string,
  origin: string,
  ready?: (page: Page) => Promise<unknown>,
  shot?: string,
): Promise<Visit> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  const visited: Visit = { errors: [], outside: [], links: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') visited.errors.push(message.text());
  });
  page.on('pageerror', (error) => visited.errors.push(`uncaught: ${error.message}`));
  await page.route(
    (address) => !address.href.startsWith(origin) && !/^(data|blob):/.test(address.protocol),
    async (route) => {
      visited.outside.push(route.request().url());
      await route.abort();
    },
  );
  try {
    await page.goto(url, { waitUntil: 'load' });
    await ready?.(page);
    const hrefs = await page.$$eval('a[href]', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    visited.links = [...new Set(hrefs.filter((href) => href.startsWith(origin)).map((href) => href.replace(/#.*$/, '')))];
    if (shot) await page.screenshot({ path: shot, fullPage: true });
    return visited;
  } finally {
    await page.close();
  }
}

/** Waits until every chart div on the page holds a drawn plotly SVG with data in it. */
function chartsDrawn(page: Page): Promise<unknown> {
  return page
    .waitForFunction(
      () => {
        const plots = Array.from(document.querySelectorAll('.mlkit-plot'));
        return plots.length > 0 && plots.every((plot) => plot.querySelector('svg.main-svg') && plot.querySelector('.trace, .hm'));
      },
      undefined,
      { timeout: PAGE_TIMEOUT_MS, polling: 250 },
    )
    .catch(() => undefined); // the assertions on the page's charts say what is missing
}

describe('npm run site', function () {
  this.timeout(10 * 60 * 1000);

  describe('its command line', () => {
    it('prints its usage with --help and exits 0', () => {
      const run = site(['--help']);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^usage: npm run site -- \[--lessons LIST\] \[--out DIR\]/);
      assert.match(run.stdout, /--lessons LIST +only these lessons/);
    });

    it('refuses an unknown option, naming it, with exit code 2 and the usage', () => {
      const run = site(['--colour', 'blue']);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /^error: unknown option --colour\nusage: npm run site/);
    });
  });

  describe('built from lesson 00 and a lesson that fails', () => {
    let run: ReturnType<typeof site>;
    before(() => {
      assert.ok(
        jupyterAvailable(),
        'Jupyter (with nbclient) is not installed: run npm start first, which installs it, then run the tests again',
      );
      fs.rmSync(WORK, { recursive: true, force: true });
      writeFixtureNotebooks();
      const started = Date.now();
      run = site(['--notebooks', NOTEBOOKS, '--out', SITE, '--lessons', '00,98-a-broken-lesson']);
      console.log(`      built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    });

    it('exits 1 and names the lesson and the cell that failed, and what it printed', () => {
      assert.equal(run.status, 1, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
      assert.match(run.stderr, /✗ lesson 98-a-broken-lesson did not execute: cell 4 of 4 \(under "The broken part"\) failed\n/);
      assert.match(run.stderr, /throw new Error\('broken on purpose'\)/);
      assert.match(run.stderr, /Error: broken on purpose/);
      assert.match(run.stderr, /1 lesson\(s\) failed and are missing from the site: 98-a-broken-lesson/);
      assert.match(run.stdout, /✓ 00-what-is-a-model ran/);
    });

    it('still writes the lesson that ran, the labs and the index, and no page for the failed one', () => {
      assert.ok(fs.existsSync(path.join(SITE, '00-what-is-a-model.html')));
      assert.ok(!fs.existsSync(path.join(SITE, '98-a-broken-lesson.html')));
      assert.ok(!fs.existsSync(path.join(SITE, '01-framing-the-problem.html')), 'a lesson that was not selected was built');
      for (const lab of findLabs(path.join(REPO_ROOT, 'labs'))) assert.ok(fs.existsSync(path.join(SITE, 'labs', `${lab.id}.html`)), lab.id);
    });

    it('loads plotly.js once, from the site, instead of inlining it in every lesson', () => {
      const lesson = fs.readFileSync(path.join(SITE, '00-what-is-a-model.html'), 'utf8');
      assert.ok(fs.statSync(path.join(SITE, 'assets', 'plotly.js')).size > 1_000_000, 'assets/plotly.js is missing or truncated');
      assert.ok(!lesson.includes('if (window.Plotly) return;'), 'the lesson page still inlines plotly.js');
      assert.match(lesson, /<script type="text\/javascript" src="assets\/plotly\.js"><\/script>/);
      assert.doesNotMatch(lesson, /<script[^>]*src="(file:|https?:|\/\/)/, 'the page loads a script from outside the site');
    });

    describe('opened in Chromium', () => {
      let browser: Browser | undefined;
      let server: StaticServer;

      before(async function () {
        await requireSystem(this, CHROMIUM);
        browser = await launchChromium();
        server = await serveFolder(SITE);
        fs.mkdirSync(SHOTS, { recursive: true });
      });
      after(async () => {
        await browser?.close();
        await server?.close();
        if (fs.existsSync(SHOTS)) console.log(`      screenshots: ${path.relative(process.cwd(), SHOTS)}`);
      });

      /** Every same-site link answers 200 from the static server. */
      async function assertLinksResolve(links: string[]): Promise<void> {
        for (const link of links) assert.equal((await fetch(link)).status, 200, `broken link ${link}`);
      }

      it('the index lists the selected lessons in order, marks the failed one, and links to lessons and labs', async () => {
        let items: string[] = [];
        const lessonItems = async (page: Page) => {
          items = await page.$$eval('ul:first-of-type li', (lis) => lis.map((li) => li.textContent ?? ''));
        };
        const index = await visit(browser as Browser, server.origin, server.origin, lessonItems, path.join(SHOTS, 'index.png'));
        assert.deepEqual(items, [
          '00 · What is a model?',
          '98 · A lesson that breaks (not built: cell 4 of 4 (under "The broken part") failed)',
        ]);
        assert.deepEqual(index.errors, []);
        assert.deepEqual(index.outside, []);
        const labs = findLabs(path.join(REPO_ROOT, 'labs')).map((lab) => `${server.origin}labs/${lab.id}.html`);
        assert.deepEqual(index.links, [`${server.origin}00-what-is-a-model.html`, ...labs]);
        await assertLinksResolve(index.links);
      });

      it('the lesson draws its charts from the local plotly.js, asks nothing of the network, and logs no error', async () => {
        const url = `${server.origin}00-what-is-a-model.html`;
        const shot = path.join(SHOTS, '00-what-is-a-model.png');
        let charts: Array<{ svg: boolean; traces: number }> = [];
        const lesson = await visit(
          browser as Browser,
          url,
          server.origin,
          async (page) => {
            await chartsDrawn(page);
            charts = await page.$$eval('.mlkit-plot', (plots) =>
              plots.map((plot) => ({
                svg: plot.querySelector('svg.main-svg') !== null,
                traces: plot.querySelectorAll('.trace, .hm').length,
              })),
            );
          },
          shot,
        );
        assert.deepEqual(lesson.outside, [], 'the lesson asked for files outside the site');
        assert.deepEqual(lesson.errors, [], 'the browser console reported errors');
        assert.ok(charts.length > 0, 'the lesson shows no chart');
        charts.forEach((chart, i) => assert.ok(chart.svg && chart.traces > 0, `chart ${i + 1} did not draw: ${JSON.stringify(chart)}`));
        assert.ok(lesson.links.includes(server.origin + 'index.html'), 'the lesson has no link back to the index');
        await assertLinksResolve(lesson.links);
        assert.ok(fs.statSync(shot).size > 0);
      });

      it('a lab brief opens cleanly and links back to the index', async () => {
        const lab = findLabs(path.join(REPO_ROOT, 'labs'))[0];
        assert.ok(lab, 'no lab found');
        const brief = await visit(
          browser as Browser,
          `${server.origin}labs/${lab.id}.html`,
          server.origin,
          undefined,
          path.join(SHOTS, `${lab.id}.png`),
        );
        assert.deepEqual(brief.errors, []);
        assert.deepEqual(brief.outside, []);
        assert.ok(brief.links.includes(server.origin + 'index.html'));
        await assertLinksResolve(brief.links);
      });

      it('the lesson also works opened straight from disk (file://)', async () => {
        const file = path.join(SITE, '00-what-is-a-model.html');
        const expected = (fs.readFileSync(file, 'utf8').match(/class="mlkit-plot"/g) ?? []).length;
        const page = await checkPage(browser as Browser, file, expected, undefined, PAGE_TIMEOUT_MS);
        assert.deepEqual(page.externalRequests, []);
        assert.deepEqual(page.errors, []);
        assert.equal(page.charts.length, expected);
        page.charts.forEach((chart, i) => assert.ok(chart.traces > 0 && chart.width > 0, `chart ${i + 1} did not draw from file://`));
      });
    });
  });
});
