import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractFromTemplate, seedCpoeTemplate } from '@weibao/domain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../command.ts';
import { main } from '../index.ts';
import { command } from './calendar.ts';

async function printed(args: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const code = await command.run(args);
  return { code, json: JSON.parse(String(log.mock.calls[0]?.[0])) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('weibao calendar YEAR', () => {
  it('prints the year’s holidays and 调休 make-up working days with where each came from', async () => {
    // Act
    const { code, json } = await printed(['2026']);
    // Assess
    expect(code).toBe(0);
    expect(json.holidays).toContain('2026-10-01');
    expect(json.makeUpWorkdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect((json.sources as Record<string, unknown>)['2026-10-10']).toEqual({
      source: 'chinese-days',
      name: '国庆节',
    });
  });

  it('adds a contract’s own closures when given its terms', async () => {
    // Prepare
    const terms = contractFromTemplate(seedCpoeTemplate, { signedOn: '2026-01-05' });
    terms.calendarOverrides = [{ date: '2026-03-16', working: false, reason: '医院停电检修' }];
    const file = join(await mkdtemp(join(tmpdir(), 'weibao-cal-')), 'terms.json');
    await writeFile(file, JSON.stringify(terms));
    // Act
    const { json } = await printed(['2026', '--contract', file]);
    // Assess
    expect(json.holidays).toContain('2026-03-16');
    expect((json.sources as Record<string, unknown>)['2026-03-16']).toEqual({
      source: 'contract-override',
      name: '医院停电检修',
    });
  });

  it('fails with a usage error naming the year and the file to edit for an unpublished year', async () => {
    // Act
    const act = command.run(['2099']);
    // Assess
    await expect(act).rejects.toThrow(UsageError);
    await expect(command.run(['2099'])).rejects.toThrow(/2099.*vendor-additions\.ts/);
  });

  it('exits 2 with one line for a year that is not a year', async () => {
    // Prepare
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    // Act
    const code = await main(['calendar', 'next']);
    // Assess
    expect(code).toBe(2);
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).not.toContain('\n');
  });
});
