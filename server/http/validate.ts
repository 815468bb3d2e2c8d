// The edge of every route: read a JSON body within its cap, check it against a zod schema, and
// turn the first problem into a 4xx that names the field. Inside, the types are trusted.
import type { Context } from 'hono';
import { z } from 'zod';
import { HttpError } from '../errors.js';

/** Formats zod's path as people write it: `variants[1].disclosure.text`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
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
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError('invalid_json', 'The body is not valid JSON.');
  }
}

export async function readInput<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  return parseInput(schema, await readJson(c));
}
