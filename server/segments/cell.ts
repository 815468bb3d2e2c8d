// A segment cell as one text: the levels a fact has, one canonical string per combination, so a
// cell is a key of the sums (segment_sums.segment) and decodes back to its levels. Dimensions
// without a level are simply absent; no level at all is ''.

/** `device=mobile&source=search&visit=new`: names sorted, each part URI-encoded. */
export function encodeCell(levels: Readonly<Record<string, string>>): string {
  return Object.keys(levels)
    .sort()
    .map((name) => `${encodeURIComponent(name)}=${encodeURIComponent(levels[name]!)}`)
    .join('&');
}

export function decodeCell(cell: string): Record<string, string> {
  const levels: Record<string, string> = {};
  if (cell === '') return levels;
  for (const part of cell.split('&')) {
    const at = part.indexOf('=');
    levels[decodeURIComponent(part.slice(0, at))] = decodeURIComponent(part.slice(at + 1));
  }
  return levels;
}
