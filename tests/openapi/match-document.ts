// Checks a real answer against the served API document's schema for its route and status, with
// @cfworker/json-schema: a draft 2020-12 validator with no dependencies of its own.
import { Validator } from '@cfworker/json-schema';
import { expect } from 'vitest';
import type { Reply } from '../helpers/app.js';

export type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };

export function expectMatches(document: Doc, method: string, path: string, reply: Reply): void {
  const responses = document.paths[path]?.[method]?.responses;
  expect(responses, `${method} ${path} is in the document`).toBeDefined();
  const answer = responses![String(reply.status)] ?? responses!.default!;
  const schema = answer.content?.['application/json']?.schema as Record<string, unknown> | undefined;
  expect(schema, `${method} ${path} ${reply.status} has a JSON schema`).toBeDefined();
  // The route's schema as the root, with the document's components beside it for its references.
  const root = { ...schema, components: (document as unknown as { components: unknown }).components };
  const result = new Validator(root as never, '2020-12', false).validate(reply.body);
  expect(result.errors.map((error) => `${error.instanceLocation} ${error.error}`), `${method} ${path} ${reply.status}`).toEqual([]);
}

