import type * as v from 'valibot';
import { registry, route, routes } from '../route.ts';

// The schema converter is loaded when the document is first asked for, not at every cold start.
type ToJsonSchema = typeof import('@valibot/to-json-schema').toJsonSchema;
let toJsonSchema: ToJsonSchema;
const json = (schema: v.GenericSchema) => toJsonSchema(schema, { target: 'openapi-3.0', typeMode: 'input', errorMode: 'ignore' }) as Record<string, unknown>;

const ErrorResponse = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'] } },
};

function parameters(schema: v.GenericSchema | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const s = json(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: prop,
  }));
}

/** The OpenAPI document, built from the route registry and its valibot schemas. */
export async function openapiDocument() {
  toJsonSchema ??= (await import('@valibot/to-json-schema')).toJsonSchema;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of registry) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][r.method] = {
      summary: r.summary,
      'x-access': r.access,
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: json(r.body) } } } } : {}),
      ...(r.upload
        ? {
            requestBody: {
              required: true,
              content: {
                'text/csv': { schema: { type: 'string' } },
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
              },
            },
          }
        : {}),
      responses: {
        200: { description: 'OK' },
        '4XX': { description: 'Lỗi do yêu cầu', content: { 'application/json': { schema: ErrorResponse } } },
      },
    };
  }
  return { openapi: '3.0.3', info: { title: 'Sẵn Sàng API', version: '0.1.0' }, paths };
}

export const openapiRoutes = routes(
  route({
    method: 'get',
    path: '/api/openapi.json',
    summary: 'Tài liệu OpenAPI của API này',
    access: { public: true },
    handler: async (c) => c.json(await openapiDocument()),
  }),
);
