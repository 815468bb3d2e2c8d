// Shopify signs each webhook with the shared secret: X-Shopify-Hmac-Sha256 is the base64
// HMAC-SHA256 of the raw body bytes. Compared in constant time, on digests of equal length.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck = 'verified' | 'missing_signature' | 'invalid_signature';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function signShopifyBody(body: Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

export function checkShopifySignature(body: Uint8Array, header: string | undefined, secret: string): SignatureCheck {
  if (header === undefined || header.trim() === '') return 'missing_signature';
  const expected = createHmac('sha256', secret).update(body).digest();
  const value = header.trim();
  if (!BASE64.test(value)) return 'invalid_signature';
  const given = Buffer.from(value, 'base64');
  // Lengths are public (always 32 for a real signature); only equal-length buffers are compared.
  if (given.length !== expected.length) return 'invalid_signature';
  return timingSafeEqual(given, expected) ? 'verified' : 'invalid_signature';
}
