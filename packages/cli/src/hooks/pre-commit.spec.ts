import { addToHook, detectHookSetup, HOOK_COMMAND, type HookFiles } from './pre-commit';

const repo = (files: Record<string, string>): HookFiles => ({
  exists: (p) => Object.keys(files).some((f) => f === p || f.startsWith(`${p}/`)),
  read: (p) => files[p],
});

describe('detectHookSetup', () => {
  it('finds husky by its folder or its dependency, then lefthook, else a plain git hook', () => {
    expect(detectHookSetup(repo({ '.husky/pre-commit': 'npm test\n' }))).toEqual({
      kind: 'husky',
      file: '.husky/pre-commit',
    });
    expect(detectHookSetup(repo({ 'package.json': '{ "devDependencies": { "husky": "^9.1.0" } }' }))).toEqual({
      kind: 'husky',
      file: '.husky/pre-commit',
    });
    expect(detectHookSetup(repo({ 'lefthook.yml': 'pre-push:\n' }))).toEqual({
      kind: 'lefthook',
      file: 'lefthook.yml',
    });
    expect(detectHookSetup(repo({ 'package.json': '{}' }))).toEqual({ kind: 'git', file: '.git/hooks/pre-commit' });
  });
});

describe('addToHook', () => {
  it('appends to a husky hook and keeps what was there', () => {
    expect(addToHook({ kind: 'husky', file: '.husky/pre-commit' }, 'npx lint-staged')).toEqual({
      changed: true,
      content: `npx lint-staged\n${HOOK_COMMAND}\n`,
      executable: true,
    });
  });

  it('writes a new git hook, and extends an existing one without clobbering it', () => {
    const fresh = addToHook({ kind: 'git', file: '.git/hooks/pre-commit' }, undefined);
    expect(fresh).toMatchObject({ changed: true, executable: true });
    expect((fresh as { content: string }).content).toMatch(/^#!\/bin\/sh\n/);
    const extended = addToHook({ kind: 'git', file: '.git/hooks/pre-commit' }, '#!/bin/sh\nmake lint');
    expect((extended as { content: string }).content).toBe(`#!/bin/sh\nmake lint\n${HOOK_COMMAND} || exit $?\n`);
  });

  it('is idempotent', () => {
    expect(addToHook({ kind: 'husky', file: '.husky/pre-commit' }, `npx lint-staged\n${HOOK_COMMAND}\n`)).toEqual({
      changed: false,
      reason: '.husky/pre-commit already runs deploy-plan',
    });
  });

  it('adds a lefthook command under existing pre-commit commands, with their indentation', () => {
    const current = [
      'pre-commit:',
      '  parallel: true',
      '  commands:',
      '    eslint:',
      '      run: npx eslint {staged_files}',
      'pre-push:',
      '  commands:',
      '    test:',
      '      run: npm test',
      '',
    ].join('\n');
    expect((addToHook({ kind: 'lefthook', file: 'lefthook.yml' }, current) as { content: string }).content).toBe(
      [
        'pre-commit:',
        '  parallel: true',
        '  commands:',
        '    deploy-plan:',
        `      run: ${HOOK_COMMAND}`,
        '    eslint:',
        '      run: npx eslint {staged_files}',
        'pre-push:',
        '  commands:',
        '    test:',
        '      run: npm test',
        '',
      ].join('\n'),
    );
  });

  it('adds a pre-commit section to lefthook when there is none, and edits lefthook.json', () => {
    expect(
      (
        addToHook({ kind: 'lefthook', file: 'lefthook.yml' }, 'pre-push:\n  commands:\n    t:\n      run: x\n') as {
          content: string;
        }
      ).content,
    ).toBe(
      'pre-push:\n  commands:\n    t:\n      run: x\n\n' +
        `pre-commit:\n  commands:\n    deploy-plan:\n      run: ${HOOK_COMMAND}\n`,
    );
    expect(
      JSON.parse(
        (addToHook({ kind: 'lefthook', file: 'lefthook.json' }, '{"pre-push":{}}') as { content: string }).content,
      ),
    ).toEqual({ 'pre-push': {}, 'pre-commit': { commands: { 'deploy-plan': { run: HOOK_COMMAND } } } });
  });
});
