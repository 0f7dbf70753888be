import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyResultV2,
  Context,
} from 'aws-lambda';

export type ApiHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyResultV2<unknown>>;

/** Finds the handler a route names ('hospitals/get-hospital'). */
export type HandlerLoader = (handler: string) => Promise<ApiHandler>;

/** A route names a handler; it can never name a file outside functions/. */
const handlerName = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

export class HandlerNotFoundError extends Error {
  override name = 'HandlerNotFoundError';
}

/**
 * Imports functions/<handler>.ts on first use and keeps the module, as a warm Lambda keeps its
 * sandbox: clients built at module load are built once. A missing file is looked up again on the
 * next request, so a handler written while the stack runs is picked up. Edits to a loaded handler
 * need a restart.
 */
export function fileHandlerLoader(functionsDir: string): HandlerLoader {
  const cache = new Map<string, Promise<ApiHandler>>();
  return (handler) => {
    const cached = cache.get(handler);
    if (cached) return cached;
    const loading = (async () => {
      if (!handlerName.test(handler))
        throw new HandlerNotFoundError(`not a handler name: ${handler}`);
      const file = join(functionsDir, `${handler}.ts`);
      try {
        await access(file);
      } catch {
        throw new HandlerNotFoundError(`functions/${handler}.ts does not exist`);
      }
      const mod = (await import(pathToFileURL(file).href)) as { handler?: unknown };
      if (typeof mod.handler !== 'function') {
        throw new HandlerNotFoundError(
          `functions/${handler}.ts does not export a handler function`,
        );
      }
      return mod.handler as ApiHandler;
    })();
    cache.set(handler, loading);
    loading.catch(() => cache.delete(handler));
    return loading;
  };
}
