import * as fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { LineIndex, type Position } from './line-index';

/** Largest plan read by default: realistic plans are a few KiB; this leaves room, not risk. */
export const DEFAULT_MAX_FILE_SIZE = 8 * 1024 * 1024;

export type ReadFailure =
  | { ok: false; messageId: 'directory' | 'missing' | 'permission' | 'symlinkLoop'; data: Record<string, string> }
  | { ok: false; messageId: 'ioError'; data: { code: string } }
  | { ok: false; messageId: 'notAFile'; data: { kind: string } }
  | { ok: false; messageId: 'tooLarge'; data: { size: string; limit: string } }
  | { ok: false; messageId: 'notUtf8'; data: { byte: string }; position: Position };

export type ReadResult = { ok: true; text: string; bom: boolean } | ReadFailure;

/** What the reader checks before it reads a file. */
export interface SourceStat {
  isDirectory(): boolean;
  isFIFO?(): boolean;
  isSocket?(): boolean;
  size: number;
}

/** The file-system calls the reader needs, so tests can simulate failures root cannot cause. */
export interface SourceFileSystem {
  /** Opens `path`, checks it with `accept` (size, kind) before reading, and returns its bytes. */
  readFile(path: string, accept: (stat: SourceStat) => void): Buffer;
  /** Whether this file system has `path` even when the disk does not (the git index). */
  readonly has?: (path: string) => boolean;
}

/**
 * One open, one fstat, one read: no separate stat of the path. The open does not wait for a
 * writer when the path is a named pipe (`accept` then refuses it).
 */
const nodeFs: SourceFileSystem = {
  readFile(path, accept) {
    const fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      const stat = fs.fstatSync(fd);
      accept(stat);
      const buffer = Buffer.allocUnsafe(stat.size);
      let read = 0;
      while (read < stat.size) {
        const n = fs.readSync(fd, buffer, read, stat.size - read, null);
        if (n === 0) break;
        read += n;
      }
      return read === stat.size ? buffer : buffer.subarray(0, read);
    } finally {
      fs.closeSync(fd);
    }
  },
};

/** Thrown by the size/kind check to stop before reading. */
class Refused extends Error {
  constructor(readonly failure: ReadFailure) {
    super(failure.messageId);
  }
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= bytes.length) return i; // truncated sequence at the end
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function failureFor(error: unknown): ReadFailure {
  const code = (error as NodeJS.ErrnoException)?.code ?? 'EUNKNOWN';
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { ok: false, messageId: 'missing', data: {} };
    case 'EACCES':
    case 'EPERM':
      return { ok: false, messageId: 'permission', data: {} };
    case 'ELOOP':
      return { ok: false, messageId: 'symlinkLoop', data: {} };
    case 'EISDIR':
      return { ok: false, messageId: 'directory', data: {} };
    case 'ENXIO': // opening a socket (or a device with nothing behind it)
    case 'EOPNOTSUPP':
      return { ok: false, messageId: 'notAFile', data: { kind: 'a socket or a device' } };
    default:
      return { ok: false, messageId: 'ioError', data: { code } };
  }
}

/**
 * Reads a small text file (a plan, a config, a project file): refuses directories, pipes,
 * sockets and files over `maxBytes` before reading them (the open does not wait for a pipe's
 * writer), strips a UTF-8 byte-order mark, and refuses bytes that are not UTF-8 (naming the
 * position). The one reader of such files.
 */
export function readSourceFile(
  path: string,
  maxBytes = DEFAULT_MAX_FILE_SIZE,
  fileSystem: SourceFileSystem = nodeFs,
): ReadResult {
  let bytes: Buffer;
  try {
    bytes = fileSystem.readFile(path, (stat) => {
      if (stat.isDirectory()) throw new Refused({ ok: false, messageId: 'directory', data: {} });
      if (stat.isFIFO?.() || stat.isSocket?.())
        throw new Refused({
          ok: false,
          messageId: 'notAFile',
          data: { kind: stat.isFIFO?.() ? 'a named pipe' : 'a socket or a device' },
        });
      if (stat.size > maxBytes)
        throw new Refused({
          ok: false,
          messageId: 'tooLarge',
          data: { size: String(stat.size), limit: String(maxBytes) },
        });
    });
  } catch (error) {
    return error instanceof Refused ? error.failure : failureFor(error);
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (!isUtf8(body)) {
    const at = Math.max(0, firstInvalidUtf8(body));
    const prefix = body.subarray(0, at).toString('utf8');
    const position = new LineIndex(prefix).position(prefix.length);
    return {
      ok: false,
      messageId: 'notUtf8',
      data: { byte: `0x${body[at].toString(16).padStart(2, '0').toUpperCase()}` },
      position,
    };
  }
  return { ok: true, text: body.toString('utf8'), bom };
}
