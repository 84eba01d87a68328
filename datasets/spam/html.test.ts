import assert from 'node:assert/strict';
import { htmlToPlainText } from './html';

describe('htmlToPlainText', () => {
  it('keeps words from neighbouring table cells and blocks apart', () => {
    assert.equal(
      htmlToPlainText('<table><tr><td>FREE</td><td>MONEY</td></tr></table><div>one</div><div>two</div>'),
      'FREE MONEY\n\none\ntwo',
    );
  });

  it('keeps heading case and does not wrap long lines', () => {
    const long = 'word '.repeat(40).trim();
    assert.equal(htmlToPlainText(`<h1>Big Title</h1><p>${long}</p>`), `Big Title\n\n${long}`);
  });

  it('writes a link as its text followed by its address, once', () => {
    assert.equal(
      htmlToPlainText('<a href="http://x.example/a">click here</a> <a href="http://y.example">http://y.example</a>'),
      'click here [http://x.example/a] http://y.example',
    );
  });

  it('drops an href that broken markup filled with tags', () => {
    const text = htmlToPlainText('email <a href="mailto:m@x.example> Moderator </a><p> posting: <a href=">Amy</a>');
    assert.equal(text, 'email Amy');
  });

  it('drops images, scripts and styles and decodes entities', () => {
    assert.equal(
      htmlToPlainText('<style>p{}</style><script>x=1</script><img src="a.gif" alt="pic">caf&eacute;&nbsp;&amp;&#33;'),
      'café &!',
    );
  });
});
