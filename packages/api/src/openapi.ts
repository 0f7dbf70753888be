import * as z from 'zod';
import { pathParamNames, type RouteDef } from './route.ts';
import { problemSchema } from './schemas.ts';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

/** OpenAPI 3.1 from the route table; no second description of the API exists. */
export function openApiDocument(routes: readonly RouteDef[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const parameters: unknown[] = pathParamNames(r.path).map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (r.query) {
      const q = jsonSchema(r.query, 'input') as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        parameters.push({
          name,
          in: 'query',
          required: q.required?.includes(name) ?? false,
          schema,
        });
      }
    }
    if (r.idempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'Repeat a request safely: the same key with the same body answers the first result; with another body, 422',
        schema: { type: 'string', maxLength: 200 },
      });
    }
    const problem = {
      description: 'Problem details',
      content: { 'application/problem+json': { schema: jsonSchema(problemSchema, 'output') } },
    };
    const op: Record<string, unknown> = {
      operationId: r.operationId,
      summary: r.summary,
      'x-handler': r.handler,
      'x-roles': r.access.kind === 'public' ? [] : r.access.roles,
      parameters,
      responses: {
        [String(r.status ?? 200)]: {
          description: 'Success',
          content: r.produces
            ? { [r.produces]: { schema: { type: 'string', format: 'binary' } } }
            : { 'application/json': { schema: jsonSchema(r.response, 'output') } },
        },
        '400': problem,
        ...(r.access.kind === 'public' ? {} : { '401': problem, '403': problem }),
        ...(r.path.includes('{') ? { '404': problem } : {}),
        ...(r.method === 'PATCH' || r.method === 'PUT' || r.method === 'DELETE'
          ? { '409': problem }
          : {}),
        ...(r.idempotent ? { '422': problem } : {}),
      },
      ...(r.access.kind === 'public' ? { security: [] } : {}),
    };
    if (r.body) {
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(r.body, 'input') } },
      };
    }
    (paths[r.path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'weibao API',
      version: '1',
      description: '维保: after-sales maintenance contracts for hospital software',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
