import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { firstInvalidUtf8, readSourceFile, type SourceFileSystem } from './read-source';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-read-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

describe('readSourceFile', () => {
  it('reads UTF-8 text and strips a byte-order mark', () => {
    const file = write('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a: é\n')]));
    expect(readSourceFile(file)).toEqual({ ok: true, text: 'a: é\n', bom: true });
  });

  it('refuses bytes that are not UTF-8 and names the position', () => {
    const file = write(
      'latin1.yaml',
      Buffer.concat([Buffer.from('a: ok\nb: caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    );
    expect(readSourceFile(file)).toEqual({
      ok: false,
      messageId: 'notUtf8',
      data: { byte: '0xE9' },
      position: { line: 2, column: 7 },
    });
  });

  it('tells a real U+FFFD in the text from bytes that are not UTF-8', () => {
    expect(readSourceFile(write('replacement.yaml', 'a: \uFFFD ok\n'))).toEqual({
      ok: true,
      text: 'a: \uFFFD ok\n',
      bom: false,
    });
    const bad = write(
      'both.yaml',
      Buffer.concat([Buffer.from('a: \uFFFD\nb: '), Buffer.from([0xff]), Buffer.from('\n')]),
    );
    expect(readSourceFile(bad)).toEqual({
      ok: false,
      messageId: 'notUtf8',
      data: { byte: '0xFF' },
      position: { line: 2, column: 4 },
    });
  });

  it('reads what is not a regular file (a FIFO, a device) through the byte-level path', () => {
    // /dev/null reports size 0 and is not a regular file: read as empty text, no hang.
    expect(readSourceFile('/dev/null')).toEqual({ ok: true, text: '', bom: false });
  });

  it('refuses a named pipe without waiting for a writer', () => {
    const fifo = path.join(dir, 'deploy-plan.yaml');
    execFileSync('mkfifo', [fifo]);
    // In a child with a deadline: a reader that waits would block this process, deadline and all.
    const built = path.resolve(__dirname, '../../dist/source/read-source.js');
    const readSourceFile = `require(${JSON.stringify(built)}).readSourceFile`;
    const script = `process.stdout.write(JSON.stringify(${readSourceFile}(process.argv[1])))`;
    const run = spawnSync(process.execPath, ['-e', script, fifo], { encoding: 'utf8', timeout: 10_000 });
    expect(run.signal).toBeNull();
    expect(JSON.parse(run.stdout)).toEqual({ ok: false, messageId: 'notAFile', data: { kind: 'a named pipe' } });
  });

  it('refuses a socket', () => {
    const socket = path.join(dir, 'deploy-plan.yaml');
    const server = net.createServer().listen(socket);
    return new Promise<void>((resolve) => server.once('listening', resolve)).then(() => {
      try {
        expect(readSourceFile(socket)).toEqual({
          ok: false,
          messageId: 'notAFile',
          data: { kind: 'a socket or a device' },
        });
      } finally {
        server.close();
      }
    });
  });

  it('refuses a directory', () => {
    const sub = path.join(dir, 'deploy-plan.yaml');
    fs.mkdirSync(sub);
    expect(readSourceFile(sub)).toMatchObject({ ok: false, messageId: 'directory' });
  });

  it('refuses a file over the limit without reading it', () => {
    const file = write('big.yaml', 'x'.repeat(2048));
    const reads: string[] = [];
    const spy: SourceFileSystem = {
      readFile: (p, accept) => {
        accept(fs.statSync(p));
        reads.push(p);
        return fs.readFileSync(p);
      },
    };
    expect(readSourceFile(file, 1024, spy)).toEqual({
      ok: false,
      messageId: 'tooLarge',
      data: { size: '2048', limit: '1024' },
    });
    expect(reads).toEqual([]);
  });

  it('reports a symbolic link that loops', () => {
    const link = path.join(dir, 'loop.yaml');
    fs.symlinkSync(link, link);
    expect(readSourceFile(link)).toMatchObject({ ok: false, messageId: 'symlinkLoop' });
  });

  it('reports a broken symbolic link as missing', () => {
    const link = path.join(dir, 'broken.yaml');
    fs.symlinkSync(path.join(dir, 'nowhere.yaml'), link);
    expect(readSourceFile(link)).toMatchObject({ ok: false, messageId: 'missing' });
  });

  it('reports a permission error', () => {
    // Tests may run as root, for whom chmod 000 does not stop a read: simulate the OS answer.
    const denied: SourceFileSystem = {
      readFile: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
    };
    expect(readSourceFile('/x/deploy-plan.yaml', 1024, denied)).toMatchObject({ ok: false, messageId: 'permission' });
  });

  it('reports other I/O errors with their code', () => {
    const broken: SourceFileSystem = {
      readFile: () => {
        throw Object.assign(new Error('EIO'), { code: 'EIO' });
      },
    };
    expect(readSourceFile('/x', 1024, broken)).toEqual({ ok: false, messageId: 'ioError', data: { code: 'EIO' } });
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    ['valid multi-byte text', Buffer.from('é€😀'), -1],
    ['a lone continuation byte', Buffer.from([0x61, 0x80]), 1],
    ['an overlong encoding', Buffer.from([0xc0, 0xaf]), 0],
    ['a truncated sequence at the end', Buffer.from([0x61, 0xe2, 0x82]), 1],
    ['an encoded surrogate', Buffer.from([0xed, 0xa0, 0x80]), 0],
  ])('%s', (_name, bytes, expected) => {
    expect(firstInvalidUtf8(bytes)).toBe(expected);
  });
});
