import assert from 'node:assert/strict';
import { plotlyScriptTag } from '../mlkit/plots/html';
import { type Notebook, notebookOf } from './notebook-source';
import { escapeHtml, framePage, linkPlotly, plotlyAssetSource } from './site-page';

/** A lesson whose first chart output inlines plotly.js, as `show()` writes it, split into lines as nbformat stores it. */
function lessonWithChart(): Notebook {
  const notebook = notebookOf([
    { cell_type: 'markdown', text: '# 00 · A lesson' },
    { cell_type: 'code', text: 'show(figure)' },
    { cell_type: 'code', text: 'console.log(1)' },
  ]);
  const html = `${plotlyScriptTag()}<div id="mlkit-plot-1" class="mlkit-plot"></div>\n<script>draw()</script>`;
  const lines = html.split(/(?<=\n)/);
  notebook.cells[1] = { ...notebook.cells[1]!, outputs: [{ output_type: 'display_data', data: { 'text/html': lines }, metadata: {} }] };
  notebook.cells[2] = { ...notebook.cells[2]!, outputs: [{ output_type: 'stream', name: 'stdout', text: ['1\n'] }] };
  return notebook;
}

describe('plotlyAssetSource', () => {
  it('is the script show() inlines, without its <script> element', () => {
    assert.equal(`<script type="text/javascript">${plotlyAssetSource()}</script>`, plotlyScriptTag());
    assert.match(plotlyAssetSource(), /^\(function \(module, exports, define\) \{\nif \(window\.Plotly\) return;/);
  });
});

describe('linkPlotly', () => {
  it('replaces the inlined bundle with a script element loading the shared asset, keeping the chart', () => {
    const lesson = lessonWithChart();
    const { notebook, replaced } = linkPlotly(lesson, 'assets/plotly.js');
    assert.equal(replaced, 1);
    const [output] = (notebook.cells[1]?.outputs ?? []) as Array<{ data: Record<string, string> }>;
    const html = output?.data['text/html'];
    assert.equal(
      html,
      '<script type="text/javascript" src="assets/plotly.js"></script><div id="mlkit-plot-1" class="mlkit-plot"></div>\n<script>draw()</script>',
    );
    assert.deepEqual(notebook.cells[2], lesson.cells[2], 'an output without HTML changed');
  });

  it('leaves its input unchanged and reports 0 for a lesson without charts', () => {
    const lesson = lessonWithChart();
    const before = JSON.stringify(lesson);
    linkPlotly(lesson, 'assets/plotly.js');
    assert.equal(JSON.stringify(lesson), before);
    assert.equal(linkPlotly(notebookOf([{ cell_type: 'code', text: '1' }]), 'x.js').replaced, 0);
  });
});

describe('framePage', () => {
  const rendered = `<!DOCTYPE html><html><head><title>00-a-lesson</title>
<script src="file:///usr/share/javascript/requirejs/require.min.js"></script>
<script src="https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/latest.js?config=TeX-AMS_CHTML-full,Safe"> </script>
<link rel="stylesheet" href="//fonts.example.org/font.css">
<script type="text/x-mathjax-config">init_mathjax = function () {};</script>
</head><body class="jp-Notebook" data-x="1"><script type="text/javascript" src="assets/plotly.js"></script><p>content</p></body></html>`;
  const page = framePage(rendered, {
    title: 'Costs $& <benefits>',
    nav: [
      { href: 'index.html', label: '↑ Course index' },
      { href: '01-b.html', label: '01 · Next & last →' },
    ],
  });

  it("drops scripts and stylesheets from other hosts or the building machine, keeping the site's own", () => {
    assert.doesNotMatch(page, /require\.min\.js|mathjax\/2\.7\.7|fonts\.example\.org/);
    assert.match(page, /<script type="text\/javascript" src="assets\/plotly\.js"><\/script>/);
    assert.match(page, /<script type="text\/x-mathjax-config">/);
  });

  it('sets the title, escaped and taken literally', () => {
    assert.match(page, /<title>Costs \$&amp; &lt;benefits&gt;<\/title>/);
  });

  it('puts the navigation links first in the body', () => {
    assert.match(
      page,
      /<body class="jp-Notebook" data-x="1">\n<nav class="site-nav" [^>]*><a href="index.html">↑ Course index<\/a><a href="01-b.html">01 · Next &amp; last →<\/a><\/nav><script/,
    );
  });
});

describe('escapeHtml', () => {
  it('escapes what would end an element or an attribute', () => {
    assert.equal(escapeHtml('<a href="x">&</a>'), '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});
