import { describe, expect, it } from 'vitest';
import { textFromHtml } from './html-text.ts';

describe('textFromHtml', () => {
  it('breaks lines at blocks and <br>, and decodes entities', () => {
    expect(
      textFromHtml(
        '<div>住院医生站&nbsp;无法开医嘱<br />请尽快处理</div><p>A &amp; B &lt;1&gt;</p>',
      ),
    ).toBe('住院医生站 无法开医嘱\n请尽快处理\nA & B <1>');
  });

  it('marks blockquote lines with "> " per level, so quoted history is found in HTML replies', () => {
    expect(
      textFromHtml('<p>好的</p><blockquote><p>原文</p><blockquote>更早</blockquote></blockquote>'),
    ).toBe('好的\n\n> 原文\n>\n> > 更早');
  });

  it('lists items with "- ", separates table cells and keeps <pre> lines', () => {
    expect(
      textFromHtml(
        '<ul><li>一</li><li>二</li></ul><table><tr><td>a</td><td>b</td></tr></table><pre>x  y\nz</pre>',
      ),
    ).toBe('- 一\n- 二\na b\nx  y\nz');
  });
});
