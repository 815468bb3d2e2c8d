// A reader for one member of a zip file, which ab_data comes in: the central directory gives the
// member's place and sizes (its local header leaves them to a trailing descriptor), and zlib
// inflates it.
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** The bytes of one member of a zip file, stored (method 0) or deflated (method 8). */
export function readZipMember(zipPath: string, member: string): Buffer {
  const zip = readFileSync(zipPath);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== END_OF_DIRECTORY) end--;
  if (end < 0) throw new Error(`${zipPath} is not a zip file`);
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new Error(`${zipPath}: broken central directory`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + skip;
    if (name !== member) continue;
    if (zip.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`${zipPath}: broken local header for ${member}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressedSize);
    const bytes = method === 0 ? Buffer.from(data) : method === 8 ? inflateRawSync(data) : null;
    if (!bytes) throw new Error(`${zipPath}: ${member} uses compression method ${method}, which this reader does not know`);
    if (bytes.length !== size) throw new Error(`${zipPath}: ${member} inflated to ${bytes.length} bytes, not ${size}`);
    return bytes;
  }
  throw new Error(`${zipPath} has no member ${member}`);
}
