// npm run docs:data-model: writes docs/data-model.md from the keys module and the table definition.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { formattedDataModel } from '../src/data-model-format.ts';

const target = fileURLToPath(new URL('../../../docs/data-model.md', import.meta.url));
await writeFile(target, await formattedDataModel(target));
console.log(`wrote ${target}`);
