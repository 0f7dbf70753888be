import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderDataModel } from './data-model.ts';
import { formattedDataModel } from './data-model-format.ts';
import { hospitalPartitions } from './key-layout.ts';
import { keys } from './keys.ts';

const docPath = fileURLToPath(new URL('../../../docs/data-model.md', import.meta.url));

describe('docs/data-model.md', () => {
  it('is what the keys module and the table definition say today (else: npm run docs:data-model)', async () => {
    const committed = readFileSync(docPath, 'utf8');
    expect(committed, 'docs/data-model.md is out of date: run npm run docs:data-model').toBe(
      await formattedDataModel(docPath),
    );
  });

  it('names every key builder and every partition of a hospital', () => {
    const doc = renderDataModel();
    for (const name of Object.keys(keys)) expect(doc).toContain(`\`${name}(`);
    for (const pk of hospitalPartitions('<hospitalId>')) expect(doc).toContain(`\`${pk}\``);
  });
});
