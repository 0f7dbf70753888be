import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { routes } from './routes.ts';
import { webOperationsSource } from './web-operations.ts';

/** Writes the files generated from the route table. Run with `npm run generate`. */
export const webOperationsFile = join(
  import.meta.dirname,
  '../../../web/src/api/operations.generated.ts',
);

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  writeFileSync(webOperationsFile, webOperationsSource(routes));
  console.log(`wrote ${webOperationsFile}`);
}
