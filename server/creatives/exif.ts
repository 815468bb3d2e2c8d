// The one EXIF fact the slot's shape depends on: whether a JPEG's orientation (tag 0x0112, in
// IFD0) turns it a quarter turn, as browsers do when they show it. Pure.

/** `app1` is an APP1 segment's payload (after its length). Orientations 5 to 8 swap width and height. */
export function exifTurnsSideways(app1: Uint8Array): boolean {
  const bytes = Buffer.from(app1.buffer, app1.byteOffset, app1.byteLength);
  if (bytes.length < 14 || bytes.toString('latin1', 0, 6) !== 'Exif\0\0') return false;
  const tiff = 6;
  const order = bytes.toString('latin1', tiff, tiff + 2);
  if (order !== 'II' && order !== 'MM') return false;
  const little = order === 'II';
  const read16 = (at: number) => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const read32 = (at: number) => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const ifd = tiff + read32(tiff + 4);
  if (ifd + 2 > bytes.length) return false;
  const entries = read16(ifd);
  for (let index = 0; index < entries; index++) {
    const entry = ifd + 2 + index * 12;
    if (entry + 12 > bytes.length) return false;
    if (read16(entry) === 0x0112) {
      const orientation = read16(entry + 8);
      return orientation >= 5 && orientation <= 8;
    }
  }
  return false;
}
