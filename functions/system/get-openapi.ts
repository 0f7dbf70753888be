import { openApiDocument } from '@weibao/api/openapi';
import { routes } from '@weibao/api/routes';
import { route } from '@weibao/api/routes/system';
import { httpHandler } from '../lib/http.ts';

let document: Record<string, unknown> | undefined;

// The one function that carries every route's schemas: the document describes them all.
export const handler = httpHandler(
  route('getOpenApi'),
  async () => (document ??= openApiDocument(routes)),
);
