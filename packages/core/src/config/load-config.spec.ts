import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from './load-config';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-config-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('loadConfig', () => {
  it.each([
    ['empty', ''],
    ['blank lines', '\n\n  \n'],
    ['comments only', '# deploy-plan settings go here\n# failOn: important\n'],
  ])('takes a config that is %s as an empty config, without a problem', (_name, text) => {
    fs.writeFileSync(path.join(root, 'deploy-plan.config.yaml'), text);
    expect(loadConfig(root)).toMatchObject({ file: 'deploy-plan.config.yaml', config: {}, diagnostics: [] });
  });

  it('still reports a config that is not a mapping', () => {
    fs.writeFileSync(path.join(root, 'deploy-plan.config.yaml'), '- failOn\n');
    expect(loadConfig(root).diagnostics.map((d) => d.messageId)).toEqual(['notAMapping']);
  });
});
