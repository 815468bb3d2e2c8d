// The document is generated from the schemas the code uses: the error codes are errors.ts's
// closed set, request bodies are the validating zod schemas, the results answer is the declared
// results document; and the validator the answer tests rely on does refuse a drifted answer.
import { Validator } from '@cfworker/json-schema';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../server/errors.js';
import { siteInput } from '../../server/experiments/site-input.js';
import { buildOpenApiDocument } from '../../server/openapi/document.js';
import { resultsDocumentSchema } from '../../server/results/document-schema.js';

const document = buildOpenApiDocument('test') as any;

describe('the generated document', () => {
  it('lists exactly the error codes of errors.ts', () => {
    expect(document.components.schemas.Error.properties.error.properties.code.enum).toEqual(Object.keys(ERROR_STATUS));
  });

  it("takes a site's body as the schema that validates it", () => {
    const body = document.paths['/api/sites'].post.requestBody.content['application/json'].schema;
    const { $schema: _, ...expected } = z.toJSONSchema(siteInput, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    expect(body).toEqual(expected);
  });

  it('answers the results route with the declared results document', () => {
    expect(document.paths['/api/experiments/{id}/results'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ResultsDocument' });
    // zod names a schema with an id as a definition of its own: that definition is the component.
    const generated = z.toJSONSchema(resultsDocumentSchema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }) as { $defs: Record<string, unknown> };
    expect(document.components.schemas.ResultsDocument).toEqual(generated.$defs.ResultsDocument);
  });

  it('refuses a site answer that lost a field or gained one', () => {
    const validate = (value: unknown) => new Validator({ $ref: '#/components/schemas/Site', components: document.components } as never, '2020-12', false).validate(value).valid;
    const site = { id: 's', publicKey: 'pk_a', name: 'Shop', allowedOrigins: [], disclosurePresets: ['strict'], disclosurePolicy: 'strict', currency: 'USD', shopifyWebhook: { secretSet: false, lastAt: null, lastResult: null }, createdAt: 1, updatedAt: 1 };
    expect(validate(site)).toBe(true);
    const { publicKey: _, ...withoutKey } = site;
    expect(validate(withoutKey)).toBe(false);
    expect(validate({ ...site, shopifyWebhookSecret: 'leaked' })).toBe(false);
  });

  it('marks admin routes as needing the token, and the document itself as public', () => {
    expect(document.paths['/api/sites'].get.security).toEqual([{ adminToken: [] }, { session: [] }]);
    expect(document.paths['/api/openapi.json'].get.security).toBeUndefined();
    expect(document.paths['/v1/events'].post.security).toBeUndefined();
  });
});
