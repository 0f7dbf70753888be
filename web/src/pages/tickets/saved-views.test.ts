import { describe, expect, it } from 'vitest';
import { readViews, withView, writeViews } from './saved-views.ts';

function memory() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
}

describe('the queue’s saved views', () => {
  it('keeps views by name in this browser, replacing one saved again under its name', () => {
    const storage = memory();
    let views = withView([], { name: '致命', filters: { severity: 'fatal' } });
    views = withView(views, { name: '武汉', filters: { hospitalId: 'whzx' } });
    views = withView(views, { name: '致命', filters: { severity: 'fatal', state: 'breached' } });
    writeViews(views, storage);
    expect(readViews(storage)).toEqual([
      { name: '致命', filters: { severity: 'fatal', state: 'breached' } },
      { name: '武汉', filters: { hospitalId: 'whzx' } },
    ]);
  });

  it('ignores what it cannot read instead of failing the page', () => {
    const storage = memory();
    storage.setItem('weibao.queue.views', '{not json');
    expect(readViews(storage)).toEqual([]);
    storage.setItem(
      'weibao.queue.views',
      JSON.stringify([{ name: 1 }, { name: 'a', filters: {} }]),
    );
    expect(readViews(storage)).toEqual([{ name: 'a', filters: {} }]);
  });
});
