import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { webOperationsFile } from './generate.ts';
import { routes } from './routes.ts';
import { webOperationsSource } from './web-operations.ts';

describe('the web client’s operations', () => {
  it('are generated from the current route table (run `npm run generate` after changing a route)', () => {
    expect(readFileSync(webOperationsFile, 'utf8')).toBe(webOperationsSource(routes));
  });
});
