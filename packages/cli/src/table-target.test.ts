import { afterEach, describe, expect, it } from 'vitest';
import { tableTarget, type TableTarget } from './table-target.ts';

let target: TableTarget | undefined;
afterEach(() => target?.close());

describe('the table an operator command works on', () => {
  it('is the local stack’s when nothing is set, never AWS by accident', () => {
    target = tableTarget({});
    expect(target.describe).toBe('table weibao at http://127.0.0.1:3001');
    expect(target.db.tableName).toBe('weibao');
  });

  it('is the named table on AWS when only TABLE_NAME is set', () => {
    target = tableTarget({ TABLE_NAME: 'weibao-prod-data-Table1' });
    expect(target.describe).toBe('table weibao-prod-data-Table1 on AWS');
  });

  it('follows PORT like npm start: the local stack of PORT=3100 has its table at 3101', () => {
    target = tableTarget({ PORT: '3100' });
    expect(target.describe).toBe('table weibao at http://127.0.0.1:3101');
    expect(() => tableTarget({ PORT: 'abc' })).toThrow('PORT must be a port number');
  });

  it('honours an explicit endpoint', () => {
    target = tableTarget({ AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:3101' });
    expect(target.describe).toBe('table weibao at http://127.0.0.1:3101');
  });
});
