import { describe, expect, it } from 'vitest';
import { sanitiseHtml } from './sanitise-html.ts';

describe('sanitiseHtml', () => {
  it('removes script, style, iframe, object, embed and form elements', () => {
    // Prepare
    const html =
      '<style>p{color:red}</style><p>故障</p><script>alert(1)</script><iframe src="https://x.cn"></iframe>' +
      '<object data="x.swf">fallback</object><embed src="x.swf"><form action="https://x.cn"><input name="p"></form>';

    // Act
    const safe = sanitiseHtml(html);

    // Assess
    expect(safe).toBe('<p>故障</p>fallback');
  });

  it('removes on* handlers, class, id and javascript: links, and opens links in a new tab', () => {
    const safe = sanitiseHtml(
      '<p onclick="x()" class="btn" id="login">' +
        '<a href="javascript:alert(1)">a</a><a href="https://his.whzx.cn/">b</a></p>',
    );
    expect(safe).toBe(
      '<p><a target="_blank" rel="noopener noreferrer nofollow">a</a>' +
        '<a href="https://his.whzx.cn/" target="_blank" rel="noopener noreferrer nofollow">b</a></p>',
    );
  });

  it('keeps cid: and raster data: images, and drops remote, relative and SVG ones', () => {
    const safe = sanitiseHtml(
      '<img src="cid:image001.png@01DA" onerror="alert(1)" alt="截图">' +
        '<img src="data:image/png;base64,iVBORw0KGgo=">' +
        '<img src="https://tracker.example.com/open.gif"><img src="open.gif">' +
        '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
    );
    expect(safe).toBe(
      '<img src="cid:image001.png@01DA" alt="截图" /><img src="data:image/png;base64,iVBORw0KGgo=" />',
    );
  });

  it('keeps harmless inline styles and drops those that load anything', () => {
    const safe = sanitiseHtml(
      '<span style="color:#1f497d;font-size:10.5pt;background-image:url(https://x.cn/t.gif);' +
        'width:expression(alert(1))">紧急</span>',
    );
    expect(safe).toBe('<span style="color:#1f497d;font-size:10.5pt">紧急</span>');
  });
});
