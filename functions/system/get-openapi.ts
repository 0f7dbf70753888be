import { openApiDocument, routeById, routes } from '@weibao/api';
import { httpHandler } from '../lib/http.ts';

let document: Record<string, unknown> | undefined;

export const handler = httpHandler(
  routeById('getOpenApi'),
  async () => (document ??= openApiDocument(routes)),
);
