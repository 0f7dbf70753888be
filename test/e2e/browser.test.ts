import { afterEach, describe, expect, it } from 'vitest';
import { assertChromium, chromiumPath } from './browser.ts';

const saved = process.env.CHROMIUM_PATH;
afterEach(() => {
  if (saved === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = saved;
});

describe('finding Chromium for the browser tests', () => {
  it('uses Debian’s Chromium unless CHROMIUM_PATH names another', () => {
    delete process.env.CHROMIUM_PATH;
    expect(chromiumPath()).toBe('/usr/bin/chromium');
    process.env.CHROMIUM_PATH = '/opt/chromium/chrome';
    expect(chromiumPath()).toBe('/opt/chromium/chrome');
  });

  it('says in one line what to install when it is missing', () => {
    process.env.CHROMIUM_PATH = '/nowhere/chromium';
    expect(() => assertChromium()).toThrow(
      /^Chromium not found at \/nowhere\/chromium: apt-get install chromium$/,
    );
  });
});
