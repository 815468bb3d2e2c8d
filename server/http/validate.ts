// The edge of every route: read a JSON body within its cap, check it against a zod schema, and
// turn the first problem into a 4xx that names the field. Inside, the types are trusted.
import type { Context } from 'hono';
import { z } from 'zod';
import { HttpError } from '../errors.js';
import { readText } from './read-body.js';
import { findUnstorableText, UNSTORABLE_MESSAGE } from './text-rule.js';

/** Formats zod's path as people write it: `variants[1].disclosure.text`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

/** Refuses a value holding text no dialect stores faithfully, naming the field (text-rule.ts). */
export function refuseUnstorableText(value: unknown): void {
  const path = findUnstorableText(value);
  if (path === null) return;
  const field = formatPath(path);
  throw new HttpError('invalid_field', field ? `${field}: ${UNSTORABLE_MESSAGE}` : `The body ${UNSTORABLE_MESSAGE}.`, field || undefined);
}

export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  // Before the schema, so every schema of admin input (query or body) keeps the rule.
  refuseUnstorableText(value);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = [...issue.path];
  // An unknown key is reported on the object holding it; name the key itself.
  if (issue.code === 'unrecognized_keys' && issue.keys[0]) path.push(issue.keys[0]);
  const field = formatPath(path);
  const message = field ? `${field}: ${issue.message}` : issue.message;
  throw new HttpError('invalid_field', message, field || undefined);
}

export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError('unsupported_media_type', 'Send the body as application/json.');
  }
  const text = await readText(c);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new HttpError('invalid_json', 'The body is not valid JSON.');
  }
  // Here too: some fields are looked up before a schema sees them (a variant's creative id).
  refuseUnstorableText(value);
  return value;
}

export async function readInput<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  return parseInput(schema, await readJson(c));
}
