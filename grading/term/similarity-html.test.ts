import assert from 'node:assert/strict';
import { DEFAULT_SIMILARITY, type SimilarityReport } from './similarity';
import { escapeHtml, similarityHtml } from './similarity-html';

describe('similarity HTML report', () => {
  it('escapes everything a submission controls: ids, file text, reasons', () => {
    const evil = '<img src=x onerror="alert(1)">\'&';
    const side = { file: `src/${evil}.ts`, from_line: 1, to_line: 2, text: `// ${evil}\n</pre><script>steal()</script>` };
    const report: SimilarityReport = {
      lab: 'lab-00-x',
      submissions: 2,
      options: DEFAULT_SIMILARITY,
      left_out: [{ id: evil, reason: evil }],
      flagged: [{ left: evil, right: 'bo', similarity: 0.9, longest: 10, fragments: [{ left: side, right: side }] }],
      top: [{ left: evil, right: 'bo', similarity: 0.9 }],
    };
    const html = similarityHtml(report);
    assert.ok(!html.includes('<script') && !html.includes('<img') && !html.includes('onerror="'));
    assert.ok(html.includes(escapeHtml('</pre><script>steal()</script>')));
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });
});
