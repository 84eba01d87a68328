/**
 * Unpacks a submission archive safely: any entry with an absolute path, a `..` segment, a
 * link, or a special file makes the whole submission invalid (with the reason); so does an
 * archive that unpacks to more than the size limit.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tar from 'tar';
import yauzl from 'yauzl';

/** A submission we refuse to grade; the message says why. */
export class InvalidSubmission extends Error {
  override name = 'InvalidSubmission';
}

/** Largest unpacked size accepted (bytes). */
export const MAX_BYTES = 50 * 1024 * 1024;

/** Throws InvalidSubmission when `name` would land outside the destination. */
export function checkEntryPath(name: string): void {
  const p = name.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[a-zA-Z]:/.test(p)) throw new InvalidSubmission(`archive entry "${name}" has an absolute path`);
  if (p.split('/').includes('..')) throw new InvalidSubmission(`archive entry "${name}" climbs out of the submission (..)`);
}

/** Checks then extracts a .tar.gz / .tgz into `dest`. */
export async function unpackTar(file: string, dest: string): Promise<void> {
  let bytes = 0;
  let problem: InvalidSubmission | undefined;
  await tar
    .t({
      file,
      onReadEntry: (e) => {
        try {
          checkEntryPath(e.path);
          if (e.type !== 'File' && e.type !== 'OldFile' && e.type !== 'Directory')
            throw new InvalidSubmission(`archive entry "${e.path}" is a ${e.type}, not a file or folder`);
          bytes += e.size ?? 0;
          if (bytes > MAX_BYTES) throw new InvalidSubmission(`archive unpacks to more than ${MAX_BYTES / 1048576} MiB`);
        } catch (err) {
          problem ??= err as InvalidSubmission;
        }
      },
    })
    .catch((e: Error) => {
      throw new InvalidSubmission(`not a readable .tar.gz (${e.message})`);
    });
  if (problem) throw problem;
  await tar.x({ file, cwd: dest, preservePaths: false, noChmod: true, preserveOwner: false });
}

/** Checks then extracts a .zip into `dest` (every entry is checked before any is written). */
export function unpackZip(file: string, dest: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, strictFileNames: false, autoClose: false }, (err, zip) => {
      if (err || !zip) return reject(new InvalidSubmission(`not a readable .zip (${err?.message ?? 'unknown error'})`));
      const entries: yauzl.Entry[] = [];
      let bytes = 0;
      const bad = (e: Error): void => {
        zip.close();
        // yauzl refuses unsafe names itself before we see the entry; say what it means.
        const unsafe = /invalid relative path|absolute path/.test(e.message);
        reject(
          e instanceof InvalidSubmission
            ? e
            : new InvalidSubmission(
                unsafe ? `archive entry climbs out of the submission or is absolute (${e.message})` : `not a readable .zip (${e.message})`,
              ),
        );
      };
      zip.on('error', bad);
      zip.on('entry', (e: yauzl.Entry) => {
        try {
          checkEntryPath(e.fileName);
          const kind = (e.externalFileAttributes >>> 16) & 0o170000;
          if (kind !== 0 && kind !== 0o100000 && kind !== 0o040000)
            throw new InvalidSubmission(`archive entry "${e.fileName}" is a link or special file`);
          bytes += e.uncompressedSize;
          if (bytes > MAX_BYTES) throw new InvalidSubmission(`archive unpacks to more than ${MAX_BYTES / 1048576} MiB`);
        } catch (x) {
          return bad(x as Error);
        }
        entries.push(e);
        zip.readEntry();
      });
      zip.on('end', () =>
        extractZip(zip, entries, dest).then(() => {
          zip.close();
          resolve();
        }, bad),
      );
      zip.readEntry();
    });
  });
}

async function extractZip(zip: yauzl.ZipFile, entries: yauzl.Entry[], dest: string): Promise<void> {
  for (const e of entries) {
    const target = path.join(dest, e.fileName);
    if (e.fileName.endsWith('/')) {
      fs.mkdirSync(target, { recursive: true });
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await new Promise<void>((resolve, reject) => {
      zip.openReadStream(e, (err, stream) => {
        if (err || !stream) return reject(err ?? new Error('cannot read entry'));
        stream
          .pipe(fs.createWriteStream(target))
          .on('finish', () => resolve())
          .on('error', reject);
      });
    });
  }
}

/** Throws InvalidSubmission when a folder holds a link or special file. */
export function checkFolder(dir: string, rel = ''): void {
  for (const d of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = path.join(rel, d.name);
    if (d.isSymbolicLink()) throw new InvalidSubmission(`"${child}" is a symbolic link`);
    if (d.isDirectory()) checkFolder(dir, child);
    else if (!d.isFile()) throw new InvalidSubmission(`"${child}" is not a regular file`);
  }
}
