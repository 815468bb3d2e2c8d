// Builds the OpenAPI 3.1 document from the operations table (operations.ts) with zod's own JSON
// Schema output: requests as the schemas take them (io: input, defaults optional), answers as the
// routes send them. Schemas named with .meta({id}) become shared components.
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/session.js';
import { ERROR_STATUS } from '../errors.js';
import { errorBodySchema } from '../http/error-schema.js';
import { OPERATIONS, type Answer, type Operation } from './operations.js';

type Json = Record<string, unknown>;

/** The statuses an error answer can have, each with the codes that produce it. */
function errorStatuses(): Map<number, string[]> {
  const byStatus = new Map<number, string[]>();
  for (const [code, status] of Object.entries(ERROR_STATUS)) byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  return byStatus;
}

export function buildOpenApiDocument(version: string): Json {
  const components: Record<string, Json> = {};

  /** zod → JSON Schema, its named parts moved to components and their references pointed there. */
  const toSchema = (schema: z.ZodType, io: 'input' | 'output'): Json => {
    const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' }) as Json;
    const { $schema: _, $defs, id, ...rest } = converted;
    for (const [name, def] of Object.entries(($defs ?? {}) as Record<string, Json>)) components[componentName(name, io)] = pointRefs(def, io) as Json;
    if (typeof id === 'string') {
      components[componentName(id, io)] = pointRefs(rest, io) as Json;
      return { $ref: `#/components/schemas/${componentName(id, io)}` };
    }
    return pointRefs(rest, io) as Json;
  };

  const errorRef = toSchema(errorBodySchema, 'output');
  const paths: Record<string, Record<string, Json>> = {};
  for (const operation of OPERATIONS) {
    const path = operation.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][operation.method] = describeOperation(operation, toSchema, errorRef);
  }
  const errors = [...errorStatuses()].map(([status, codes]) => `${status}: ${codes.join(', ')}`).join('; ');
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'Candor',
      version,
      description:
        'Self-hosted A/B testing for campaign creatives. Admin routes take the admin token as a Bearer token (or the dashboard\'s session cookie). ' +
        `Every error is {"error": {"code", "message", "field"?}}; codes by status: ${errors}.`,
    },
    tags: ['public', 'ingestion', 'admin', 'session', 'docs', 'demo'].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        adminToken: { type: 'http', scheme: 'bearer', description: 'The admin token (CANDOR_ADMIN_TOKEN).' },
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: "The dashboard's session, from POST /api/session." },
      },
    },
  };
}

function describeOperation(operation: Operation, toSchema: (schema: z.ZodType, io: 'input' | 'output') => Json, errorRef: Json): Json {
  const parameters: Json[] = [...operation.path.matchAll(/:(\w+)/g)].map((match) => ({ name: match[1], in: 'path', required: true, schema: { type: 'string' } }));
  if (operation.query) {
    const query = toSchema(operation.query, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema, ...(schema.type === 'array' && { explode: true }) });
    }
  }
  const responses: Record<string, Json> = {};
  for (const [status, answer] of Object.entries(operation.answers)) responses[status] = describeAnswer(answer ?? null, toSchema);
  responses.default = { description: 'An error; its code says which (see the description of the API).', content: { 'application/json': { schema: errorRef } } };
  return {
    operationId: operationId(operation),
    summary: operation.summary,
    tags: [operation.tag],
    ...(operation.admin && { security: [{ adminToken: [] }, { session: [] }] }),
    ...(parameters.length > 0 && { parameters }),
    ...(operation.body && {
      requestBody: {
        required: operation.body.mediaType !== 'application/json' || operation.path !== '/api/demo',
        ...(operation.body.description && { description: operation.body.description }),
        content: { [operation.body.mediaType]: operation.body.schema ? { schema: toSchema(operation.body.schema, 'input') } : {} },
      },
    }),
    responses,
  };
}

function describeAnswer(answer: Answer, toSchema: (schema: z.ZodType, io: 'input' | 'output') => Json): Json {
  if (answer === null) return { description: 'No body.' };
  if ('mediaType' in answer && !(answer instanceof z.ZodType)) return { description: answer.description, content: { [answer.mediaType]: {} } };
  return { description: 'OK', content: { 'application/json': { schema: toSchema(answer as z.ZodType, 'output') } } };
}

/** `post /api/sites/:siteId/experiments` → `postApiSitesSiteIdExperiments`. */
export function operationId(operation: Pick<Operation, 'method' | 'path'>): string {
  const words = operation.path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return operation.method + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
}

/** Requests and answers of one named schema can differ (defaults are optional in, present out). */
function componentName(id: string, io: 'input' | 'output'): string {
  return io === 'input' ? `${id}Input` : id;
}

function pointRefs(value: unknown, io: 'input' | 'output'): unknown {
  if (Array.isArray(value)) return value.map((item) => pointRefs(item, io));
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof item === 'string' && item.startsWith('#/$defs/') ? `#/components/schemas/${componentName(item.slice(8), io)}` : pointRefs(item, io);
  }
  return out;
}
