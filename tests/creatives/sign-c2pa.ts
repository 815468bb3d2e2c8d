// Signing media with Content Credentials in the tests themselves, with the C2PA project's own
// builder (@contentauth/c2pa-wasm's WasmBuilder) and its ES256 test key and certificate chain in
// tests/fixtures/media/test-signing/. The package's signer callback must return the whole COSE_Sign1
// (it hands over the claim and leaves the COSE to us), so a few lines of CBOR are here too, and
// Node's crypto makes the ES256 signature. Test material only. Also makes small PNGs.
import { createPrivateKey, sign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { initSync, WasmBuilder } from '@contentauth/c2pa-wasm';
import { mediaPath } from '../helpers/fixture-files.js';

export const TRAINED_ALGORITHMIC_MEDIA = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';

let ready = false;
function initialise(): void {
  if (ready) return;
  initSync({ module: readFileSync(createRequire(import.meta.url).resolve('@contentauth/c2pa-wasm/c2pa.wasm')) });
  // The builder reads its source through blob.slice() and the browser's FileReaderSync.
  (globalThis as any).FileReaderSync ??= class {
    readAsArrayBuffer(blob: MemoryBlob): ArrayBuffer {
      return blob.bytes.buffer.slice(blob.bytes.byteOffset, blob.bytes.byteOffset + blob.bytes.byteLength) as ArrayBuffer;
    }
  };
  ready = true;
}

class MemoryBlob {
  constructor(readonly bytes: Uint8Array) {}
  get size(): number {
    return this.bytes.length;
  }
  slice(start = 0, end = this.bytes.length): MemoryBlob {
    return new MemoryBlob(this.bytes.subarray(start, end));
  }
}

// CBOR (RFC 8949), just what a COSE_Sign1 needs.
type Cbor = null | number | string | Uint8Array | Cbor[] | Map<Cbor, Cbor> | { tag: number; value: Cbor };
function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 256) return Buffer.from([(major << 5) | 24, length]);
  if (length < 65536) return Buffer.from([(major << 5) | 25, length >> 8, length & 255]);
  const out = Buffer.alloc(5);
  out[0] = (major << 5) | 26;
  out.writeUInt32BE(length, 1);
  return out;
}
function cbor(value: Cbor): Buffer {
  if (value === null) return Buffer.from([0xf6]);
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  if (value instanceof Map) return Buffer.concat([head(5, value.size), ...[...value].flatMap(([key, item]) => [cbor(key), cbor(item)])]);
  return Buffer.concat([head(6, value.tag), cbor(value.value)]);
}

const RESERVE_SIZE = 10_000;

/** A signer returning a COSE_Sign1 (tag 18) over the claim, with the certificate chain (x5chain, 33) and ES256 (-7), padded to the reserved size. */
function testSigner() {
  const dir = mediaPath('test-signing');
  const chain = readFileSync(join(dir, 'es256.pub'), 'utf8').match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g)!;
  const certificates = chain.map((pem) => new Uint8Array(new X509Certificate(pem).raw));
  const key = createPrivateKey(readFileSync(join(dir, 'es256.pem')));
  return {
    alg: 'es256',
    reserveSize: RESERVE_SIZE,
    async sign(claim: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
      const protectedHeader = cbor(new Map<Cbor, Cbor>([[1, -7], [33, certificates]]));
      const toBeSigned = cbor(['Signature1', protectedHeader, new Uint8Array(0), claim]);
      const signature = sign('sha256', toBeSigned, { key, dsaEncoding: 'ieee-p1363' });
      const sign1 = (pad: number) => cbor({ tag: 18, value: [protectedHeader, new Map<Cbor, Cbor>([['pad', new Uint8Array(pad)]]), null, signature] });
      let pad = RESERVE_SIZE - sign1(0).length;
      while (sign1(pad).length > RESERVE_SIZE) pad--;
      return new Uint8Array(sign1(pad));
    },
  };
}

export interface SignOptions {
  mime: string;
  digitalSourceType: string;
  softwareAgent?: string;
  generator?: { name: string; version: string };
}

/** The asset with a C2PA manifest whose c2pa.created action has the given source type. */
export async function signWithTestKey(asset: Uint8Array, options: SignOptions): Promise<Uint8Array> {
  initialise();
  const definition = {
    claim_generator_info: [options.generator ?? { name: 'Candor test generator', version: '1.0' }],
    assertions: [
      {
        label: 'c2pa.actions',
        data: { actions: [{ action: 'c2pa.created', digitalSourceType: options.digitalSourceType, ...(options.softwareAgent && { softwareAgent: options.softwareAgent }) }] },
      },
    ],
  };
  const builder = WasmBuilder.fromJson(JSON.stringify(definition));
  try {
    return await builder.sign(testSigner() as never, [], options.mime, new MemoryBlob(asset) as unknown as Blob);
  } finally {
    builder.free();
  }
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE(crc32(typed), 8 + data.length);
  return out;
}

/** A real, small RGB PNG (a gradient), with extra chunks (an XMP packet in iTXt) before its pixels. */
export function makePng(width: number, height: number, extraChunks: Array<[string, Uint8Array]> = []): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([(x * 255) / width, (y * 255) / height, 160], y * (width * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    ...extraChunks.map(([type, data]) => chunk(type, data)),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** An iTXt chunk carrying an XMP packet that declares the IPTC digital source type. */
export function xmpChunk(digitalSourceType: string): [string, Uint8Array] {
  const packet =
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    `<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" Iptc4xmpExt:DigitalSourceType="${digitalSourceType}"/>` +
    '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>';
  return ['iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), Buffer.from(packet)])];
}
