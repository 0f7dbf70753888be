import { describe, expect, it } from 'vitest';
import { hospitalNamer } from './hospital-names.ts';

const words = { loading: '加载中…', unavailable: '（已删除或无权查看的医院）' };
const whzx = { id: 'whzx', name: '武汉市中心医院' };
const jcey = { id: 'jcey', name: '江城第二人民医院' };

describe('hospitalNamer', () => {
  it('names what the answer holds and never shows an id', () => {
    const n = hospitalNamer(
      [['gone', 'jcey', 'whzx']],
      [{ data: [jcey, whzx], isError: false, isPlaceholderData: false }],
      words,
    );
    expect(n.nameOf('whzx')).toBe('武汉市中心医院');
    expect(n.nameOf('jcey')).toBe('江城第二人民医院');
    expect(n.nameOf('gone')).toBe('（已删除或无权查看的医院）');
    expect(n.hospital('jcey')).toBe(jcey);
    expect(n.hospital('gone')).toBeUndefined();
  });

  it('says 加载中… until its own request answers, — when it failed', () => {
    const n = hospitalNamer(
      [['whzx'], ['jcey'], ['xyz']],
      [
        { data: [whzx], isError: false, isPlaceholderData: false },
        { isError: false, isPlaceholderData: false },
        { isError: true, isPlaceholderData: false },
      ],
      words,
    );
    expect(n.nameOf('whzx')).toBe('武汉市中心医院');
    expect(n.nameOf('jcey')).toBe('加载中…');
    expect(n.nameOf('xyz')).toBe('—');
    // An id no request asked for yet is loading, not unknown.
    expect(n.nameOf('later')).toBe('加载中…');
  });

  it('a placeholder answer names what it holds but does not call the rest removed', () => {
    const n = hospitalNamer(
      [['jcey', 'whzx']],
      [{ data: [whzx], isError: false, isPlaceholderData: true }],
      words,
    );
    expect(n.nameOf('whzx')).toBe('武汉市中心医院');
    expect(n.nameOf('jcey')).toBe('加载中…');
  });
});
