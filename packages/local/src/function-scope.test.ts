import { afterEach, describe, expect, it } from 'vitest';
import { runInLocalFunction, type LocalFunction } from './function-scope.ts';

const fn = (name: string, vars: Record<string, string>): LocalFunction => ({
  name,
  environment: new Map(Object.entries(vars)),
});

describe('process.env inside a local function', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('shows the function’s own variables and hides every other granted one', async () => {
    process.env.FILES_BUCKET = 'weibao-files';
    process.env.MAIL_FROM = 'service@vendor.example';
    process.env.HOME_OF_TEST = 'kept';
    const upload = fn('upload', { TABLE_NAME: 't', FILES_BUCKET: 'weibao-files' });
    const seen = await runInLocalFunction(upload, async () => ({
      files: process.env.FILES_BUCKET,
      mail: process.env.MAIL_FROM,
      hasMail: 'MAIL_FROM' in process.env,
      keys: Object.keys(process.env),
      copy: { ...process.env },
      host: process.env.HOME_OF_TEST,
    }));
    expect(seen.files).toBe('weibao-files');
    expect(seen.mail).toBeUndefined();
    expect(seen.hasMail).toBe(false);
    expect(seen.keys).toContain('FILES_BUCKET');
    expect(seen.keys).not.toContain('MAIL_FROM');
    expect(seen.copy.MAIL_FROM).toBeUndefined();
    expect(seen.host).toBe('kept');
    // Outside any function: the process's own environment, unchanged.
    expect(process.env.MAIL_FROM).toBe('service@vendor.example');
  });

  it('keeps concurrent functions apart across awaits, and a function’s writes to itself', async () => {
    const a = fn('a', { TABLE_NAME: 'a' });
    const b = fn('b', { TABLE_NAME: 'b' });
    const read = (f: LocalFunction) =>
      runInLocalFunction(f, async () => {
        const before = process.env.TABLE_NAME;
        await new Promise((resolve) => setTimeout(resolve, 5));
        process.env.WRITTEN_BY = f.name;
        await new Promise((resolve) => setTimeout(resolve, 5));
        return [before, process.env.TABLE_NAME, process.env.WRITTEN_BY];
      });
    expect(await Promise.all([read(a), read(b), read(a)])).toEqual([
      ['a', 'a', 'a'],
      ['b', 'b', 'b'],
      ['a', 'a', 'a'],
    ]);
    expect(process.env.WRITTEN_BY).toBeUndefined();
  });

  it('is installed again when someone replaced process.env meanwhile', async () => {
    process.env = { ...saved, MAIL_FROM: 'x@vendor.example' };
    const none = fn('none', { TABLE_NAME: 't' });
    expect(await runInLocalFunction(none, async () => process.env.MAIL_FROM)).toBeUndefined();
  });
});
