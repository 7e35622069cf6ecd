import { load } from 'js-yaml';
import {
  addToHook,
  detectHookSetup,
  HOOK_COMMAND,
  PLAIN_HOOK_COMMAND,
  type HookEdit,
  type HookFiles,
  type HookSetup,
} from './pre-commit';

const repo = (files: Record<string, string>): HookFiles => ({
  exists: (p) => Object.keys(files).some((f) => f === p || f.startsWith(`${p}/`)),
  read: (p) => files[p],
});

const husky: HookSetup = { kind: 'husky', file: '.husky/pre-commit' };
const git: HookSetup = { kind: 'git', file: '.git/hooks/pre-commit' };
const lefthook: HookSetup = { kind: 'lefthook', file: 'lefthook.yml' };
const lefthookJson: HookSetup = { kind: 'lefthook', file: 'lefthook.json' };

/** The new content of a changed hook (fails the test when nothing changed). */
function changed(edit: HookEdit): Extract<HookEdit, { changed: true }> {
  if (!edit.changed) throw new Error(`expected a change, got: ${edit.reason}`);
  return edit;
}
const content = (setup: HookSetup, current: string | undefined) => changed(addToHook(setup, current)).content;
const GIT_LINE = `${PLAIN_HOOK_COMMAND} || exit $?`;

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
  it('appends to a husky hook, keeps what was there, and says where', () => {
    expect(addToHook(husky, 'npx lint-staged')).toEqual({
      changed: true,
      created: false,
      content: `npx lint-staged\n${HOOK_COMMAND}\n`,
      executable: false,
      line: 2,
      message: `Added \`${HOOK_COMMAND}\` to .husky/pre-commit at line 2.`,
    });
  });

  it('creates a missing hook as an executable file, and says so', () => {
    expect(addToHook(husky, undefined)).toEqual({
      changed: true,
      created: true,
      content: `${HOOK_COMMAND}\n`,
      executable: true,
      line: 1,
      message: `Created .husky/pre-commit (executable) with \`${HOOK_COMMAND}\`.`,
    });
    const fresh = changed(addToHook(git, undefined));
    expect(fresh).toMatchObject({ created: true, executable: true, line: 3 });
    expect(fresh.content.split('\n')).toEqual(['#!/bin/sh', expect.stringMatching(/^# /), PLAIN_HOOK_COMMAND, '']);
    expect(fresh.message).toBe(`Created .git/hooks/pre-commit (executable) with \`${PLAIN_HOOK_COMMAND}\`.`);
  });

  it('extends an existing git hook without clobbering it, and leaves its mode alone', () => {
    expect(addToHook(git, '#!/bin/sh\nmake lint')).toEqual({
      changed: true,
      created: false,
      content: `#!/bin/sh\nmake lint\n${GIT_LINE}\n`,
      executable: false,
      line: 3,
      message: `Added \`${GIT_LINE}\` to .git/hooks/pre-commit at line 3.`,
    });
  });

  it('is idempotent, and says so', () => {
    expect(addToHook(husky, `npx lint-staged\n${HOOK_COMMAND}\n`)).toEqual({
      changed: false,
      refused: false,
      reason: 'Already present in .husky/pre-commit; nothing changed.',
    });
    const hook = content(git, '#!/bin/sh\nmake lint\nexit 0\n');
    expect(addToHook(git, hook)).toEqual({
      changed: false,
      refused: false,
      reason: 'Already present in .git/hooks/pre-commit; nothing changed.',
    });
    const yaml = content(lefthook, 'pre-commit:\n  parallel: true\n');
    expect(addToHook(lefthook, yaml)).toMatchObject({ reason: 'Already present in lefthook.yml; nothing changed.' });
  });

  it('does not count a commented-out command as present', () => {
    expect(content(husky, `# ${HOOK_COMMAND}\nnpx lint-staged\n`)).toBe(
      `# ${HOOK_COMMAND}\nnpx lint-staged\n${HOOK_COMMAND}\n`,
    );
  });
});

describe('addToHook: hooks that end with exit or exec', () => {
  it('adds the check before a final exec, where it runs', () => {
    const hook = '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\nexec npx lint-staged\n';
    expect(addToHook(husky, hook)).toMatchObject({
      content: `#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n${HOOK_COMMAND}\nexec npx lint-staged\n`,
      line: 3,
      message: `Added \`${HOOK_COMMAND}\` to .husky/pre-commit at line 3 (before \`exec npx lint-staged\`).`,
    });
  });

  it('adds the check to a git hook before a final exit, stopping the commit when it fails', () => {
    expect(addToHook(git, '#!/bin/sh\nmake lint\nexit 0\n')).toMatchObject({
      content: `#!/bin/sh\nmake lint\n${GIT_LINE}\nexit 0\n`,
      message: `Added \`${GIT_LINE}\` to .git/hooks/pre-commit at line 3 (before \`exit 0\`).`,
    });
  });

  it.each([
    ['npx lint-staged\nexit\n', 2, 'exit'],
    ['npx lint-staged\nexit $?\n', 2, 'exit $?'],
    ['npx lint-staged\nexit 0', 2, 'exit 0'],
    ['npx lint-staged\nexit 0 # all good\n\n# the end\n\n', 2, 'exit 0 # all good'],
    ['npx lint-staged\r\nexit 0\r\n', 2, 'exit 0'],
    ['#!/bin/bash\nset -e\nexec make lint\n', 3, 'exec make lint'],
    ['exec -a lint make lint\n', 1, 'exec -a lint make lint'],
    ['npx lint-staged; exit $?\n', 1, 'npx lint-staged; exit $?'],
    ['npx lint-staged\nexit 0\necho never\n', 2, 'exit 0'],
    ['npx lint-staged \\\n  --quiet\nexit 0\n', 3, 'exit 0'],
    ['if [ -n "$CI" ]; then\n  echo ci\nfi; exit 0\n', 1, 'if [ -n "$CI" ]; then'],
    ['make lint &&\n  exit 0\nexit 1\n', 3, 'exit 1'],
  ])('adds the check before the top-level command that ends %j', (hook, line, before) => {
    const eol = hook.includes('\r\n') ? '\r' : '';
    const lines = hook.split('\n');
    lines.splice(line - 1, 0, HOOK_COMMAND + eol);
    expect(addToHook(husky, hook)).toMatchObject({
      content: lines.join('\n'),
      line,
      message: `Added \`${HOOK_COMMAND}\` to .husky/pre-commit at line ${line} (before \`${before}\`).`,
    });
  });

  it('appends when exit and exec only occur in blocks, heredocs, strings, conditionals or as redirections', () => {
    const hook = [
      '#!/bin/sh',
      'exec 1>&2',
      'exec < /dev/tty',
      'exec 3>/tmp/hook.log 2>&1',
      'if [ -n "$SKIP_HOOKS" ]; then',
      '  exit 0',
      'fi',
      'fail() {',
      '  echo "$1"; exit 1',
      '}',
      'function finish {',
      '  exec true',
      '}',
      'case "$1" in',
      '  --skip) exit 0 ;;',
      '  (--quiet|-q) exec >/dev/null ;;',
      '  *) ;;',
      'esac',
      'for f in $(git diff --cached --name-only); do',
      '  [ -f "$f" ] || exit 1',
      'done',
      'cat <<EOF',
      'exit 0',
      'EOF',
      'cat <<-"END" >&2',
      '\texec nothing',
      '\tEND',
      'git diff --cached --quiet && exit 0',
      'make lint || exit 1',
      '( cd docs && exec make check )',
      'echo "exit 0" \'exec x\' `echo exit`',
      'x=$(exit 1)',
      'while false; do exit; done',
      '{ exit 0; } || true',
      'exit 0 &',
      'make test',
      '',
    ].join('\n');
    expect(addToHook(git, hook)).toMatchObject({
      content: `${hook}${GIT_LINE}\n`,
      line: 37,
      message: `Added \`${GIT_LINE}\` to .git/hooks/pre-commit at line 37.`,
    });
  });

  it('adds the check before an if whose every branch ends the script, as in the pre-commit framework hook', () => {
    const hook = [
      '#!/usr/bin/env bash',
      '# File generated by pre-commit: https://pre-commit.com',
      'INSTALL_PYTHON=/usr/bin/python3',
      'ARGS=(hook-impl --config=.pre-commit-config.yaml --hook-type=pre-commit)',
      'HERE="$(cd "$(dirname "$0")" && pwd)"',
      'ARGS+=(--hook-dir "$HERE" -- "$@")',
      '',
      'if [ -x "$INSTALL_PYTHON" ]; then',
      '    exec "$INSTALL_PYTHON" -mpre_commit "${ARGS[@]}"',
      'elif command -v pre-commit > /dev/null; then',
      '    exec pre-commit "${ARGS[@]}"',
      'else',
      "    echo '`pre-commit` not found.  Did you forget to activate your virtualenv?' 1>&2",
      '    exit 1',
      'fi',
      '',
    ];
    const expected = [...hook];
    expected.splice(7, 0, GIT_LINE);
    expect(addToHook(git, hook.join('\n'))).toMatchObject({
      content: expected.join('\n'),
      line: 8,
      message:
        `Added \`${GIT_LINE}\` to .git/hooks/pre-commit at line 8 ` + '(before `if [ -x "$INSTALL_PYTHON" ]; then`).',
    });
  });

  it.each([
    ['without an else', 'if [ -n "$CI" ]; then\n  exit 0\nfi\n'],
    ['with a branch that goes on', 'if [ -n "$CI" ]; then\n  exit 0\nelif true; then\n  echo\nelse\n  exit 1\nfi\n'],
    ['after &&', 'true && if [ -n "$CI" ]; then exit 0; else exit 1; fi\n'],
    ['in a loop', 'for x in a; do\n  if true; then exit 0; else exit 1; fi\ndone\n'],
    ['exiting a subshell', 'if true; then ( exit 0 ); else ( exit 1 ); fi\n'],
  ])('appends after an if %s', (_, hook) => {
    expect(content(husky, hook)).toBe(`${hook}${HOOK_COMMAND}\n`);
  });

  it('sees an if nested in a branch that ends the script', () => {
    const hook = 'if a; then\n  if b; then exit 1; else exec c; fi\nelse\n  exit 2\nfi\necho never\n';
    expect(content(husky, hook)).toBe(`${HOOK_COMMAND}\n${hook}`);
  });

  it('moves a check that an earlier version appended after the final exit', () => {
    expect(addToHook(husky, `npx lint-staged\nexit 0\n${HOOK_COMMAND}\n`)).toMatchObject({
      content: `npx lint-staged\n${HOOK_COMMAND}\nexit 0\n`,
      line: 2,
      message:
        `Moved \`${HOOK_COMMAND}\` in .husky/pre-commit from line 3, ` +
        'after `exit 0` where it never ran, to line 2.',
    });
    expect(addToHook(git, `#!/bin/sh\nexec make lint\n\n${GIT_LINE}\n`)).toMatchObject({
      content: `#!/bin/sh\n${GIT_LINE}\nexec make lint\n\n`,
      line: 2,
    });
  });

  it('refuses to move a hand-written check after the final exit', () => {
    expect(addToHook(husky, 'exit 0\nnpx deploy-plan check --staged --fail-on important\n')).toEqual({
      changed: false,
      refused: true,
      reason:
        '.husky/pre-commit runs `deploy-plan check --staged` at line 2, after `exit 0` at line 1, so it never runs; ' +
        'nothing was changed. Move it above that line by hand.',
    });
  });
});

describe('addToHook: hooks that are not shell scripts', () => {
  it.each([
    ['#!/usr/bin/env python3\nimport sys\nsys.exit(0)\n', 'python3', '#!/usr/bin/env python3'],
    ['#!/usr/bin/env node\nprocess.exit(0);\n', 'node', '#!/usr/bin/env node'],
    ['#!/usr/bin/perl -w\nexit 0;\n', 'perl', '#!/usr/bin/perl -w'],
    ['#!/usr/bin/env -S ruby --disable-gems\nexit 0\n', 'ruby', '#!/usr/bin/env -S ruby --disable-gems'],
    ['#!/usr/bin/env fish\nexit 0\n', 'fish', '#!/usr/bin/env fish'],
  ])('refuses to add shell to %j, saying what to add by hand', (hook, interpreter, shebang) => {
    for (const setup of [git, husky])
      expect(addToHook(setup, hook)).toEqual({
        changed: false,
        refused: true,
        reason:
          `${setup.file} is a ${interpreter} script (\`${shebang}\`), not a shell script, so nothing was changed. ` +
          `Add this command to it by hand, and stop the commit when it fails: ` +
          (setup === husky ? HOOK_COMMAND : PLAIN_HOOK_COMMAND),
      });
  });

  it('says a non-shell hook that already runs the check needs nothing', () => {
    expect(addToHook(git, `#!/usr/bin/env python3\nimport os\nos.system("${HOOK_COMMAND}")\n`)).toMatchObject({
      changed: false,
      refused: false,
    });
  });

  it.each([
    '#!/bin/sh',
    '#!/bin/bash',
    '#!/usr/bin/env bash',
    '#!/bin/bash -e',
    '#!/usr/bin/env zsh',
    '#!/bin/dash',
    '#!/bin/ksh',
    '#!/usr/local/bin/bash -eu',
    '#!/usr/bin/env -S bash -e',
    '#! /bin/sh -e',
  ])('extends shell scripts (%j)', (shebang) => {
    expect(content(git, `${shebang}\nmake lint\n`)).toBe(`${shebang}\nmake lint\n${GIT_LINE}\n`);
  });

  it('extends a shell script with CRLF line endings in kind', () => {
    expect(content(git, '#!/bin/sh\r\nmake lint\r\n')).toBe(`#!/bin/sh\r\nmake lint\r\n${GIT_LINE}\r\n`);
  });

  it('falls back to the last command for a script it cannot follow', () => {
    const hook = 'echo $(case y in b) echo b;; esac)\nexit 0\n';
    expect(content(husky, hook)).toBe(`echo $(case y in b) echo b;; esac)\n${HOOK_COMMAND}\nexit 0\n`);
    expect(content(husky, 'fi\nmake lint || exit 1\n')).toBe(`fi\nmake lint || exit 1\n${HOOK_COMMAND}\n`);
    expect(content(husky, 'fi\nexec >&2\n')).toBe(`fi\nexec >&2\n${HOOK_COMMAND}\n`);
  });
});

describe('addToHook: lefthook', () => {
  const add = (current: string) => content(lefthook, current);

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
    expect(addToHook(lefthook, current)).toMatchObject({
      content: [
        'pre-commit:',
        '  parallel: true',
        '  commands:',
        '    deploy-plan:',
        `      run: ${PLAIN_HOOK_COMMAND}`,
        '    eslint:',
        '      run: npx eslint {staged_files}',
        'pre-push:',
        '  commands:',
        '    test:',
        '      run: npm test',
        '',
      ].join('\n'),
      line: 5,
      message: `Added \`${PLAIN_HOOK_COMMAND}\` to lefthook.yml at line 5, as the pre-commit command \`deploy-plan\`.`,
    });
  });

  it('adds commands next to parallel and scripts, keeping them', () => {
    const current = [
      '# lefthook',
      'pre-commit:',
      '  parallel: true',
      '  scripts:',
      '    "check.sh":',
      '      runner: bash',
      '',
      'pre-push:',
      '  commands:',
      '    test:',
      '      run: npm test',
      '',
    ].join('\n');
    const result = add(current);
    expect(load(result)).toEqual({
      'pre-commit': {
        commands: { 'deploy-plan': { run: PLAIN_HOOK_COMMAND } },
        parallel: true,
        scripts: { 'check.sh': { runner: 'bash' } },
      },
      'pre-push': { commands: { test: { run: 'npm test' } } },
    });
    expect(result).toBe(
      current.replace(
        'pre-commit:\n',
        `pre-commit:\n  commands:\n    deploy-plan:\n      run: ${PLAIN_HOOK_COMMAND}\n`,
      ),
    );
  });

  it('follows four-space indentation and a quoted key', () => {
    const current = [
      '"pre-commit":',
      '    scripts:',
      '        "x.sh":',
      '            runner: sh',
      '    commands:',
      '        lint:',
      '            run: make lint',
      '',
    ].join('\n');
    const result = add(current);
    expect(result).toContain(
      `    commands:\n        deploy-plan:\n            run: ${PLAIN_HOOK_COMMAND}\n        lint:\n`,
    );
    expect(load(result)).toMatchObject({ 'pre-commit': { commands: { lint: {}, 'deploy-plan': {} }, scripts: {} } });
  });

  it('adds a pre-commit section when there is none, and to an empty pre-commit', () => {
    expect(add('pre-push:\n  commands:\n    t:\n      run: x\n')).toBe(
      'pre-push:\n  commands:\n    t:\n      run: x\n\n' +
        `pre-commit:\n  commands:\n    deploy-plan:\n      run: ${PLAIN_HOOK_COMMAND}\n`,
    );
    expect(load(add('pre-commit:\npre-push:\n  commands: {}\n'))).toEqual({
      'pre-commit': { commands: { 'deploy-plan': { run: PLAIN_HOOK_COMMAND } } },
      'pre-push': { commands: {} },
    });
  });

  it('keeps CRLF line endings', () => {
    expect(add('pre-commit:\r\n  commands:\r\n    lint:\r\n      run: x\r\n')).toBe(
      'pre-commit:\r\n  commands:\r\n    deploy-plan:\r\n' +
        `      run: ${PLAIN_HOOK_COMMAND}\r\n    lint:\r\n      run: x\r\n`,
    );
  });

  it.each([
    ['pre-commit: { commands: { lint: { run: x } } }\n', 'pre-commit'],
    ['pre-commit:\n  commands: {}\n', 'pre-commit.commands'],
    [
      'pre-commit:\n  commands:\n    deploy-plan:\n      run: npx deploy-plan check\n',
      'pre-commit.commands.deploy-plan',
    ],
  ])('refuses what it cannot edit safely: %j', (current, what) => {
    const edit = addToHook(lefthook, current);
    expect(edit).toMatchObject({ changed: false, refused: true });
    expect((edit as { reason: string }).reason).toBe(
      `lefthook.yml: cannot add to ${what} safely, so nothing was changed. Add this by hand under ` +
        `pre-commit → commands: \`deploy-plan: { run: ${PLAIN_HOOK_COMMAND} }\``,
    );
  });

  it('edits lefthook.json with its own indentation, and refuses what it cannot edit', () => {
    const edit = changed(addToHook(lefthookJson, '{\n    "pre-push": {}\n}\n'));
    expect(edit.content).toBe(
      `{\n    "pre-push": {},\n    "pre-commit": {\n        "commands": {\n            "deploy-plan": {\n` +
        `                "run": ${JSON.stringify(PLAIN_HOOK_COMMAND)}\n            }\n        }\n    }\n}\n`,
    );
    expect(edit.message).toBe(
      `Added \`${PLAIN_HOOK_COMMAND}\` to lefthook.json at line 6, as the pre-commit command \`deploy-plan\`.`,
    );
    expect(changed(addToHook(lefthookJson, '{"pre-push":{}}')).message).toBe(
      `Added \`${PLAIN_HOOK_COMMAND}\` to lefthook.json at line 6, as the pre-commit command \`deploy-plan\` ` +
        '(the file was rewritten as formatted JSON).',
    );
    for (const bad of ['{', '{"pre-commit": []}', '{"pre-commit": {"commands": {"deploy-plan": {"run": "x"}}}}'])
      expect(addToHook(lefthookJson, bad)).toMatchObject({ changed: false, refused: true });
  });
});
