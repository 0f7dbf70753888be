import type { RouteDef } from './route.ts';

/**
 * The source of web/src/api/operations.generated.ts: method, path and access of every route, as
 * plain data the browser can bundle without zod. `npm run generate` writes it; a test fails when
 * the committed file differs, so the SPA cannot drift from the route table.
 */
export function webOperationsSource(routes: readonly RouteDef[]): string {
  const entries = routes.map((r) => {
    const access =
      r.access.kind === 'public'
        ? { kind: 'public' }
        : { kind: r.access.kind, roles: [...r.access.roles] };
    const idempotent = r.idempotent ? { idempotent: true } : {};
    return `  ${r.operationId}: ${JSON.stringify({ method: r.method, path: r.path, access, ...idempotent })},`;
  });
  return [
    '// Generated from the route table by `npm run generate`; do not edit.',
    '// prettier-ignore',
    'export const generatedOperations = {',
    ...entries,
    '} as const;',
    '',
  ].join('\n');
}
