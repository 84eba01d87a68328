/**
 * Opens a rendered lesson in headless Chromium and reports what a reader would see broken:
 * charts that did not draw, and errors in the browser console.
 */
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/test-support/require-system';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/** One plotly chart on the page. */
export interface ChartCheck {
  /** Drawn trace elements (lines, bars, heatmap images, pie slices) inside the chart's SVG. */
  traces: number;
  width: number;
  height: number;
}

export interface PageCheck {
  charts: ChartCheck[];
  /** Console errors and uncaught exceptions, in order. */
  errors: string[];
  /** Requests that left the machine (a rendered lesson must not need the network). */
  externalRequests: string[];
}

function collectCharts(page: Page): Promise<ChartCheck[]> {
  // `.mlkit-plot` is the div `show()` writes; plotly marks every div it drew `.js-plotly-plot`.
  return page.$$eval('.mlkit-plot, .js-plotly-plot', (plots) =>
    plots.map((plot) => {
      const svg = plot.querySelector('svg.main-svg');
      const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
      return { traces: plot.querySelectorAll('.trace, .hm, .slice').length, width: box.width, height: box.height };
    }),
  );
}

/**
 * Loads `htmlFile`, waits (at most `timeoutMs`) until `expectedCharts` plotly charts exist,
 * and reports them with any console errors. Requests to other hosts are refused and listed.
 */
export async function checkPage(
  browser: Browser,
  htmlFile: string,
  expectedCharts: number,
  screenshot?: string,
  timeoutMs = 20000,
): Promise<PageCheck> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors: string[] = [];
  const externalRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  await page.route(/^(?!file:|data:|blob:)/, async (route) => {
    externalRequests.push(route.request().url());
    await route.abort();
  });
  try {
    await page.goto('file://' + htmlFile, { waitUntil: 'load', timeout: timeoutMs });
    if (expectedCharts > 0) {
      await page
        .waitForFunction(
          (n) =>
            document.querySelectorAll('.js-plotly-plot .main-svg .trace, .js-plotly-plot .main-svg .hm').length > 0 &&
            document.querySelectorAll('.js-plotly-plot svg.main-svg').length >= n,
          expectedCharts,
          { timeout: timeoutMs },
        )
        .catch(() => undefined); // the count assertion below reports what is missing
    }
    const charts = await collectCharts(page);
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    return { charts, errors, externalRequests };
  } finally {
    await page.close();
  }
}
