/**
 * A minimal .zip writer (stored entries, no compression): enough to build test archives,
 * including the malformed ones (`../` names, symbolic links) that graders must refuse.
 */
import * as zlib from 'node:zlib';

export interface ZipItem {
  name: string;
  data: string;
  /** Unix mode stored in the external attributes, e.g. 0o100644 or 0o120777 (a link). */
  mode?: number;
}

function header(sig: number, fields: [number, 2 | 4][]): Buffer {
  const size = 4 + fields.reduce((s, [, n]) => s + n, 0);
  const b = Buffer.alloc(size);
  b.writeUInt32LE(sig, 0);
  let o = 4;
  for (const [v, n] of fields) {
    if (n === 2) b.writeUInt16LE(v, o);
    else b.writeUInt32LE(v >>> 0, o);
    o += n;
  }
  return b;
}

/** The bytes of a zip archive holding `items`. */
export function makeZip(items: ZipItem[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const it of items) {
    const name = Buffer.from(it.name, 'utf8');
    const data = Buffer.from(it.data, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.concat([
      header(0x04034b50, [
        [20, 2],
        [0, 2],
        [0, 2],
        [0, 2],
        [0, 2],
        [crc, 4],
        [data.length, 4],
        [data.length, 4],
        [name.length, 2],
        [0, 2],
      ]),
      name,
      data,
    ]);
    const ext = ((it.mode ?? 0o100644) << 16) >>> 0;
    centrals.push(
      Buffer.concat([
        header(0x02014b50, [
          [0x031e, 2],
          [20, 2],
          [0, 2],
          [0, 2],
          [0, 2],
          [0, 2],
          [crc, 4],
          [data.length, 4],
          [data.length, 4],
          [name.length, 2],
          [0, 2],
          [0, 2],
          [0, 2],
          [0, 2],
          [ext, 4],
          [offset, 4],
        ]),
        name,
      ]),
    );
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = header(0x06054b50, [
    [0, 2],
    [0, 2],
    [items.length, 2],
    [items.length, 2],
    [central.length, 4],
    [offset, 4],
    [0, 2],
  ]);
  return Buffer.concat([...locals, central, end]);
}
