import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WriteError, writeFileAtomically } from './write';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-write-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomically', () => {
  it('writes through a temporary file and leaves nothing else behind', () => {
    writeFileAtomically(path.join(dir, 'a/b/report.sarif'), 'one');
    writeFileAtomically(path.join(dir, 'a/b/report.sarif'), 'two');
    expect(fs.readFileSync(path.join(dir, 'a/b/report.sarif'), 'utf8')).toBe('two');
    expect(fs.readdirSync(path.join(dir, 'a/b'))).toEqual(['report.sarif']);
  });

  it('says in a sentence why it cannot write, and removes its temporary file', () => {
    fs.mkdirSync(path.join(dir, 'report.sarif'));
    expect(() => writeFileAtomically(path.join(dir, 'report.sarif'), 'x')).toThrow(WriteError);
    expect(() => writeFileAtomically(path.join(dir, 'report.sarif'), 'x')).toThrow(/: it is a folder\.$/);
    expect(fs.readdirSync(dir)).toEqual(['report.sarif']);
  });

  it('leaves no temporary file when interrupted (SIGINT) in the middle of large writes', async () => {
    // A child (the built module) writes 64 MB reports one after another until it is interrupted.
    const built = path.resolve(__dirname, '../../dist/files/write.js');
    const script = `
      const { writeFileAtomically } = require(${JSON.stringify(built)});
      const big = 'x'.repeat(64 * 1024 * 1024);
      const out = ${JSON.stringify(path.join(dir, 'out.sarif'))};
      const loop = () => { writeFileAtomically(out, big); setImmediate(loop); };
      process.stdout.write('writing\\n');
      loop();
    `;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise((resolve) => child.stdout.once('data', resolve));
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.once('exit', (c, signal) => resolve(c ?? signal)));
    expect(code).toBe(130);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
