/**
 * The command a husky hook runs: husky puts `node_modules/.bin` on the PATH (and `npx` would add
 * most of a second to every commit).
 */
export const HOOK_COMMAND = 'deploy-plan check --staged';

/** The command of a plain git hook or lefthook, which run at the top of the work tree, PATH as it is. */
export const PLAIN_HOOK_COMMAND = 'PATH="node_modules/.bin:$PATH" deploy-plan check --staged';

/** The lines earlier versions wrote, which `hook install` may move. */
const EARLIER_COMMANDS = ['npx --no-install deploy-plan check --staged'];

/** What counts as the check being there already (a hand-written variant with more options too). */
const PRESENT = 'deploy-plan check --staged';

/** Which hook manager a repository uses, and the file to extend. */
export type HookSetup =
  { kind: 'husky'; file: string } | { kind: 'lefthook'; file: string } | { kind: 'git'; file: string };

/** What the hook installer can see of a repository (paths relative to its root). */
export interface HookFiles {
  exists(relative: string): boolean;
  read(relative: string): string | undefined;
}

const LEFTHOOK_FILES = [
  'lefthook.yml',
  'lefthook.yaml',
  '.lefthook.yml',
  '.lefthook.yaml',
  'lefthook.json',
  '.lefthook.json',
];

/** Husky when `.husky/` exists or package.json uses husky; lefthook when its config exists; else a plain git hook. */
export function detectHookSetup(files: HookFiles): HookSetup {
  const pkg = files.read('package.json');
  const usesHusky = files.exists('.husky') || (pkg !== undefined && /"husky"\s*:/.test(pkg));
  if (usesHusky) return { kind: 'husky', file: '.husky/pre-commit' };
  const lefthook = LEFTHOOK_FILES.find((f) => files.exists(f));
  if (lefthook) return { kind: 'lefthook', file: lefthook };
  return { kind: 'git', file: '.git/hooks/pre-commit' };
}

/**
 * What adding the check to a hook file comes to. Messages name the file as `setup.file` says.
 *
 * - `changed: false`: the file stays as it is, because the check is already there (`reason` says
 *   so), or because it cannot be edited safely (`refused`; `reason` says why and what to add by hand).
 * - `changed: true`: `content` is the file's new content, `line` the (1-based) line that now holds
 *   the command, `message` what changed. `executable` is set only for a hook this creates
 *   (`created`): an existing hook keeps its mode.
 */
export type HookEdit =
  | { changed: false; refused: boolean; reason: string }
  | { changed: true; created: boolean; content: string; executable: boolean; line: number; message: string };

const present = (file: string): HookEdit => ({
  changed: false,
  refused: false,
  reason: `Already present in ${file}; nothing changed.`,
});
const refuse = (reason: string): HookEdit => ({ changed: false, refused: true, reason });

/** Lines that run something (not comments) and mention the check. */
const liveLines = (lines: readonly string[]) =>
  lines.flatMap((l, i) => (!l.trim().startsWith('#') && l.includes(PRESENT) ? [i] : []));

/**
 * Adds the deploy-plan check to a hook file's current content without touching what is already
 * there. Idempotent: when the command is present, nothing changes.
 */
export function addToHook(setup: HookSetup, current: string | undefined): HookEdit {
  if (setup.kind === 'lefthook') {
    if (current !== undefined && liveLines(current.split('\n')).length) return present(setup.file);
    return /\.json$/.test(setup.file) ? addToLefthookJson(setup.file, current) : addToLefthookYaml(setup.file, current);
  }
  // Husky runs its hooks with `sh -e`, so a failing check stops the commit; a plain git hook may
  // not stop at errors, so its line exits on failure itself.
  const base = setup.kind === 'husky' ? HOOK_COMMAND : PLAIN_HOOK_COMMAND;
  if (current === undefined) {
    const content =
      setup.kind === 'husky'
        ? `${base}\n`
        : `#!/bin/sh\n# Added by deploy-plan: checks the deploy plans of the projects this commit touches.\n${base}\n`;
    return {
      changed: true,
      created: true,
      content,
      executable: true,
      line: content.split('\n').length - 1,
      message: `Created ${setup.file} (executable) with \`${base}\`.`,
    };
  }
  return addToShellHook(setup.file, current, base, setup.kind === 'git');
}

// ---------------------------------------------------------------------------------------------
// Shell hooks (husky, plain git)

/** Shells that run `cmd || exit $?` as POSIX sh does. */
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ksh93', 'mksh', 'pdksh', 'ash', 'yash', 'posh']);

/** The program a script's `#!` line runs (through `env` or `busybox`), or undefined without a `#!` line. */
function interpreter(content: string): { shebang: string; program: string } | undefined {
  const shebang = content
    .replace(/^\uFEFF/, '')
    .split('\n', 1)[0]
    .replace(/\r$/, '');
  if (!shebang.startsWith('#!')) return undefined;
  const words = shebang.slice(2).trim().split(/\s+/);
  const base = (word: string | undefined) => (word ?? '').split('/').pop() ?? '';
  let at = 0;
  while (['env', 'busybox'].includes(base(words[at])) && at < words.length - 1) {
    at++;
    // env's own options and VAR=value settings come before the program.
    while (at < words.length - 1 && (words[at].startsWith('-') || words[at].includes('='))) at++;
  }
  return { shebang, program: base(words[at]) };
}

function addToShellHook(file: string, current: string, base: string, git: boolean): HookEdit {
  const command = git ? `${base} || exit $?` : base;
  const lines = current.split('\n');
  const live = liveLines(lines);
  const script = interpreter(current);
  const shell = !script || SHELLS.has(script.program);
  if (live.length && !shell) return present(file);
  if (!shell)
    return refuse(
      `${file} is a ${script.program || 'non-shell'} script (\`${script.shebang}\`), not a shell script, so nothing ` +
        `was changed. Add this command to it by hand, and stop the commit when it fails: ${base}`,
    );
  const cr = current.includes('\r\n') ? '\r' : '';
  const text = (i: number) =>
    lines[i]
      .replace(/\r$/, '')
      .trim()
      .replace(/\s*\\$/, '');
  const end = scriptEnd(current, lines);

  if (live.length) {
    if (!end || live.some((i) => i <= end.line)) return present(file);
    // An earlier version appended after a final `exit`/`exec`, where the check never runs.
    const ours = [HOOK_COMMAND, PLAIN_HOOK_COMMAND, ...EARLIER_COMMANDS].flatMap((c) => [c, `${c} || exit $?`]);
    if (!live.every((i) => ours.includes(text(i))))
      return refuse(
        `${file} runs \`${PRESENT}\` at line ${live[0] + 1}, after \`${text(end.line)}\` at line ${end.line + 1}, ` +
          'so it never runs; nothing was changed. Move it above that line by hand.',
      );
    const moved = text(live[0]);
    const kept = lines.filter((_, i) => !live.includes(i));
    kept.splice(end.start, 0, lines[live[0]].trimStart());
    return {
      changed: true,
      created: false,
      content: kept.join('\n'),
      executable: false,
      line: end.start + 1,
      message:
        `Moved \`${moved}\` in ${file} from line ${live[0] + 1}, after \`${text(end.line)}\` where it never ran, ` +
        `to line ${end.start + 1}.`,
    };
  }

  if (current.trim() === '' && git) {
    const content = `#!/bin/sh\n${base}\n`;
    return {
      changed: true,
      created: false,
      content,
      executable: false,
      line: 2,
      message: added(file, base, 2),
    };
  }
  if (end) {
    const before = text(end.start);
    lines.splice(end.start, 0, command + cr);
    return {
      changed: true,
      created: false,
      content: lines.join('\n'),
      executable: false,
      line: end.start + 1,
      message: added(file, command, end.start + 1, ` (before \`${before}\`)`),
    };
  }
  const body = current === '' || current.endsWith('\n') ? current : `${current}${cr}\n`;
  const line = body.split('\n').length;
  return {
    changed: true,
    created: false,
    content: `${body}${command}${cr}\n`,
    executable: false,
    line,
    message: added(file, command, line),
  };
}

const added = (file: string, command: string, line: number, where = '') =>
  `Added \`${command}\` to ${file} at line ${line}${where}.`;

/**
 * The first top-level command that ends the script: `exit`, `exec` with a command to run (not
 * `exec >&2`), or an `if … else … fi` whose branches all end it. `line` is where that command is,
 * `start` where the top-level command list holding it begins (the check goes there). Undefined
 * when the script runs to its end. A script the scanner cannot follow is judged by its last line.
 */
function scriptEnd(content: string, lines: readonly string[]): { line: number; start: number } | undefined {
  const scan = scanShell(content);
  if (scan.clean) return scan.end;
  // A script the scanner does not follow: only its last command counts.
  let last = lines.length - 1;
  while (last >= 0 && (!lines[last].trim() || lines[last].trim().startsWith('#'))) last--;
  if (last < 0) return undefined;
  const endsScript = /^\s*(exit(\s|;|$)|exec\s+(?![0-9]*[<>&])\S)/.test(lines[last]);
  const continued = last > 0 && /\\\r?$/.test(lines[last - 1]);
  return endsScript && !continued ? { line: last, start: last } : undefined;
}

interface Frame {
  kind: 'if' | 'loop' | 'case' | '{' | '(';
  /** In a `case`: reading its word (before `in`), a pattern (before `)`), or an arm's commands. */
  state?: 'word' | 'pattern' | 'body';
  /** In an `if`: in a branch (after `then`/`else`) rather than a condition. */
  inBranch?: boolean;
  /** In an `if`: the current branch ends the script; every branch so far did; there is an `else`. */
  branchEnds?: boolean;
  allEnd?: boolean;
  hasElse?: boolean;
  /** Whether the compound command came after `&&`, `||` or `|` (so may not run). */
  linked?: boolean;
}

/**
 * Follows a shell script far enough to tell its top-level commands from those in `if`, loops,
 * `case`, `{ }`, subshells, functions, heredocs, quotes and substitutions, and finds the first
 * top-level command that ends it unconditionally (not after `&&`, `||` or `|`, not in the
 * background): `exit`, `exec` with a command, or an `if … else … fi` all of whose branches end
 * the script (as in the hook the pre-commit framework installs). `clean`: the scan ended at the
 * top level with nothing left open, so it can be trusted.
 */
function scanShell(text: string): { clean: boolean; end?: { line: number; start: number } } {
  const stack: Frame[] = [];
  let clean = true;
  let line = 0;
  /** The line where the current top-level command list begins. */
  let topStart = 0;
  let cmdPos = true;
  let expectTarget = false;
  let funcName = false;
  let afterCommandWord = false;
  let funcParens = false;
  /** `&&`, `||` or `|` last: the list goes on, even on the next line. */
  let linked = false;
  let listLinked = false;
  /** An `exit`/`exec`/`if` that ends the script if nothing links it to what follows; `depth` is where it is. */
  let candidate: { kind: string; line: number; start: number; runs: boolean; depth: number } | undefined;
  let end: { line: number; start: number } | undefined;
  let heredocs: { delimiter: string; stripTabs: boolean }[] = [];

  const top = (): Frame | undefined => stack[stack.length - 1];
  const finish = (background: boolean) => {
    if (candidate && !background && (candidate.kind === 'exit' || candidate.runs)) {
      const frame = top();
      if (candidate.depth === 0) end ??= { line: candidate.line, start: candidate.start };
      else if (candidate.depth === stack.length && frame?.kind === 'if' && frame.inBranch) frame.branchEnds = true;
    }
    candidate = undefined;
    listLinked = false;
  };

  const word = (w: string, at: number) => {
    linked = false;
    const frame = top();
    if (expectTarget) {
      expectTarget = false;
      return;
    }
    if (frame?.kind === 'case' && frame.state !== 'body') {
      if (frame.state === 'word' && w === 'in') frame.state = 'pattern';
      else if (frame.state === 'pattern' && w === 'esac') {
        stack.pop();
        cmdPos = false;
      }
      return;
    }
    if (funcName) {
      funcName = false;
      afterCommandWord = true;
      cmdPos = true;
      return;
    }
    if (!cmdPos) {
      afterCommandWord = false;
      if (candidate?.kind === 'exec') candidate.runs = true;
      return;
    }
    afterCommandWord = false;
    switch (w) {
      case 'if':
        stack.push({ kind: 'if', allEnd: true, linked: listLinked });
        return;
      case 'while':
      case 'until':
        stack.push({ kind: 'loop' });
        return;
      case 'for':
      case 'select':
        stack.push({ kind: 'loop' });
        cmdPos = false;
        return;
      case 'case':
        stack.push({ kind: 'case', state: 'word' });
        cmdPos = false;
        return;
      case '{':
        stack.push({ kind: '{' });
        return;
      case 'then':
      case 'else':
      case 'elif':
        if (frame?.kind === 'if') {
          if (w !== 'then') {
            frame.allEnd &&= frame.branchEnds;
            frame.branchEnds = false;
          }
          frame.inBranch = w !== 'elif';
          if (w === 'else') frame.hasElse = true;
        }
        return;
      case 'do':
      case '!':
      case 'time':
        return;
      case 'fi':
        cmdPos = false;
        if (frame?.kind !== 'if') {
          clean = false;
          return;
        }
        stack.pop();
        if (frame.hasElse && frame.allEnd && frame.branchEnds && !frame.linked)
          candidate = { kind: 'exit', line: at, start: topStart, runs: true, depth: stack.length };
        return;
      case 'done':
      case 'esac':
      case '}': {
        const want = { done: 'loop', esac: 'case', '}': '{' }[w];
        if (frame?.kind === want) stack.pop();
        else clean = false;
        cmdPos = false;
        return;
      }
      case 'function':
        funcName = true;
        cmdPos = false;
        return;
    }
    cmdPos = false;
    afterCommandWord = true;
    if (!listLinked && (w === 'exit' || w === 'exec'))
      candidate = { kind: w, line: at, start: topStart, runs: false, depth: stack.length };
  };

  const op = (o: string) => {
    const frame = top();
    const wasAfterCommandWord = afterCommandWord;
    afterCommandWord = false;
    linked = false;
    if (frame?.kind === 'case' && frame.state !== 'body') {
      if (frame.state === 'pattern' && o === ')') {
        frame.state = 'body';
        cmdPos = true;
      }
      return;
    }
    expectTarget = false;
    switch (o) {
      case '(':
        if (wasAfterCommandWord && !cmdPos) funcParens = true;
        else stack.push({ kind: '(' });
        cmdPos = true;
        return;
      case ')':
        if (funcParens) {
          funcParens = false;
          cmdPos = true;
          return;
        }
        if (frame?.kind === '(') stack.pop();
        else clean = false;
        cmdPos = false;
        return;
      case ';;':
      case ';&':
      case ';;&':
        if (frame?.kind === 'case') frame.state = 'pattern';
        finish(false);
        cmdPos = true;
        return;
      case ';':
      case '&':
        finish(o === '&');
        cmdPos = true;
        return;
      case '&&':
      case '||':
      case '|':
      case '|&':
        listLinked = true;
        linked = true;
        candidate = undefined;
        cmdPos = true;
        return;
      default: // a redirection: its target is not a command word
        expectTarget = true;
    }
  };

  const newline = () => {
    const frame = top();
    if (linked || (frame?.kind === 'case' && frame.state !== 'body')) return;
    finish(false);
    cmdPos = true;
    expectTarget = false;
  };

  let i = 0;
  let buf = '';
  let bufLine = 0;
  let quote: string | undefined;
  let subst = 0;
  const flush = () => {
    if (buf) word(buf, bufLine);
    buf = '';
  };
  const take = (s: string) => {
    if (!buf) bufLine = line;
    buf += s;
  };
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote !== "'") {
        if (text[i + 1] === '\n') line++;
        buf += text.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (c === '\n') line++;
      if (c === quote) quote = undefined;
      buf += c;
      i++;
      continue;
    }
    if (c === '\\') {
      if (text[i + 1] === '\n' || text.startsWith('\r\n', i + 1)) {
        i += text[i + 1] === '\n' ? 2 : 3;
        line++;
        continue;
      }
      take(text.slice(i, i + 2));
      i += 2;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      take(c);
      quote = c;
      i++;
      continue;
    }
    if (subst > 0) {
      // Inside $( ), <( ) or >( ): part of a word; only its parentheses matter.
      if (c === '(') subst++;
      else if (c === ')') subst--;
      else if (c === '\n') line++;
      buf += c;
      i++;
      continue;
    }
    if ((c === '$' || c === '<' || c === '>') && text[i + 1] === '(') {
      take(text.slice(i, i + 2));
      subst = 1;
      i += 2;
      continue;
    }
    if (c === '#' && !buf) {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      flush();
      i++;
      continue;
    }
    if (c === '\n') {
      flush();
      newline();
      i++;
      line++;
      for (const heredoc of heredocs) {
        let closed = false;
        while (i < n && !closed) {
          const next = text.indexOf('\n', i);
          const stop = next < 0 ? n : next;
          let body = text.slice(i, stop).replace(/\r$/, '');
          if (heredoc.stripTabs) body = body.replace(/^\t+/, '');
          closed = body === heredoc.delimiter;
          i = stop + 1;
          line++;
        }
        if (!closed) clean = false;
      }
      heredocs = [];
      if (stack.length === 0 && !linked && !funcParens && !funcName) topStart = line;
      continue;
    }
    const operator = /^(;;&|;;|;&|;|&&|&>>|&>|&|\|\||\|&|\||<<<|<<-|<<|<&|<>|<|>>|>&|>\||>|\(|\))/.exec(
      text.slice(i, i + 3),
    );
    if (operator) {
      const o = operator[1];
      if ((c === '<' || c === '>') && /^\d+$/.test(buf)) buf = ''; // `2>&1`: the 2 is a file descriptor
      flush();
      i += o.length;
      if (o === '<<' || o === '<<-') {
        while (text[i] === ' ' || text[i] === '\t') i++;
        let delimiter = '';
        let q: string | undefined;
        while (i < n) {
          const d = text[i];
          if (q) {
            if (d === q) q = undefined;
            else delimiter += d;
          } else if (d === "'" || d === '"') q = d;
          else if (d === '\\') delimiter += text[++i] ?? '';
          else if (/[\s;&|()<>]/.test(d)) break;
          else delimiter += d;
          i++;
        }
        heredocs.push({ delimiter, stripTabs: o === '<<-' });
        continue;
      }
      op(o);
      continue;
    }
    take(c);
    i++;
  }
  flush();
  newline();
  clean &&= !quote && subst === 0 && stack.length === 0 && heredocs.length === 0 && !funcParens && !linked;
  return { clean, end };
}

// ---------------------------------------------------------------------------------------------
// lefthook

const LEFTHOOK_BY_HAND =
  'Add this by hand under pre-commit → commands: ' + `\`deploy-plan: { run: ${PLAIN_HOOK_COMMAND} }\``;
const lefthookRefusal = (file: string, what: string) =>
  refuse(`${file}: cannot add to ${what} safely, so nothing was changed. ${LEFTHOOK_BY_HAND}`);

function lefthookEdit(file: string, current: string | undefined, content: string, note = ''): HookEdit {
  const line = liveLines(content.split('\n'))[0] + 1;
  return current === undefined
    ? {
        changed: true,
        created: true,
        content,
        executable: false,
        line,
        message: `Created ${file} with \`${PLAIN_HOOK_COMMAND}\` as the pre-commit command \`deploy-plan\`.`,
      }
    : {
        changed: true,
        created: false,
        content,
        executable: false,
        line,
        message:
          `Added \`${PLAIN_HOOK_COMMAND}\` to ${file} at line ${line}, ` +
          `as the pre-commit command \`deploy-plan\`${note}.`,
      };
}

/**
 * Adds a `deploy-plan` command to the `pre-commit` hook of a lefthook YAML config, as lines
 * inserted into it: everything else (comments, `parallel`, `scripts`, other hooks) stays as it is.
 * Refuses what it cannot do by inserting lines: a `pre-commit` or `commands` written in flow style,
 * or a `deploy-plan` command that runs something else.
 */
function addToLefthookYaml(file: string, current: string | undefined): HookEdit {
  const text = current ?? '';
  const cr = text.includes('\r\n') ? '\r' : '';
  const lines = text.split('\n');
  const bare = (l: string) => l.replace(/\r$/, '');
  const indentOf = (l: string) => /^[ \t]*/.exec(l)![0];
  const isContent = (l: string) => l.trim() !== '' && !l.trim().startsWith('#');
  const block = (indent: string, step: string) => [
    `${indent}deploy-plan:${cr}`,
    `${indent}${step}run: ${PLAIN_HOOK_COMMAND}${cr}`,
  ];
  const onlyComment = (rest: string) => rest.trim() === '' || rest.trim().startsWith('#');

  const key = /^(["']?)pre-commit\1[ \t]*:(.*)$/;
  const start = lines.findIndex((l) => key.test(bare(l)));
  if (start < 0) {
    const sep = text.endsWith('\n') || text === '' ? '' : `${cr}\n`;
    const gap = text.trim() ? `${cr}\n` : '';
    const section = [`pre-commit:${cr}`, `  commands:${cr}`, ...block('    ', '  '), ''].join('\n');
    return lefthookEdit(file, current, `${text}${sep}${gap}${section}`);
  }
  if (!onlyComment(key.exec(bare(lines[start]))![2])) return lefthookRefusal(file, 'pre-commit');
  // The pre-commit block runs until the next top-level key.
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++)
    if (/^\S/.test(lines[i]) && !lines[i].startsWith('#')) {
      end = i;
      break;
    }
  const firstChild = lines.slice(start + 1, end).find(isContent);
  const step = firstChild ? indentOf(firstChild) : '  ';
  const commandsKey = new RegExp(`^${step}(["']?)commands\\1[ \\t]*:(.*)$`);
  const offset = lines.slice(start + 1, end).findIndex((l) => commandsKey.test(bare(l)));
  if (offset < 0) {
    lines.splice(start + 1, 0, `${step}commands:${cr}`, ...block(step + step, step));
    return lefthookEdit(file, current, lines.join('\n'));
  }
  const at = start + 1 + offset;
  if (!onlyComment(commandsKey.exec(bare(lines[at]))![2])) return lefthookRefusal(file, 'pre-commit.commands');
  let commandsEnd = end;
  for (let i = at + 1; i < end; i++)
    if (isContent(lines[i]) && indentOf(lines[i]).length <= step.length) {
      commandsEnd = i;
      break;
    }
  const commands = lines.slice(at + 1, commandsEnd);
  const child = commands.find(isContent);
  const indent = child ? indentOf(child) : step + step;
  const ours = new RegExp(`^${indent}(["']?)deploy-plan\\1[ \\t]*:`);
  if (commands.some((l) => ours.test(l))) return lefthookRefusal(file, 'pre-commit.commands.deploy-plan');
  lines.splice(at + 1, 0, ...block(indent, step));
  return lefthookEdit(file, current, lines.join('\n'));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Adds the command to a lefthook JSON config, written back with the file's own indentation. */
function addToLefthookJson(file: string, current: string | undefined): HookEdit {
  let config: unknown;
  try {
    config = current ? JSON.parse(current) : {};
  } catch {
    return refuse(`${file} is not valid JSON, so nothing was changed. ${LEFTHOOK_BY_HAND}`);
  }
  if (!isObject(config)) return lefthookRefusal(file, 'the top level');
  const indent = /\n([ \t]+)"/.exec(current ?? '')?.[1] ?? '  ';
  const format = (value: unknown) => `${JSON.stringify(value, null, indent)}\n`;
  const unchanged = current === undefined || format(config) === current.replace(/\r\n/g, '\n');
  const pre = (config['pre-commit'] ??= {});
  if (!isObject(pre)) return lefthookRefusal(file, 'pre-commit');
  const commands = (pre.commands ??= {});
  if (!isObject(commands)) return lefthookRefusal(file, 'pre-commit.commands');
  if ('deploy-plan' in commands) return lefthookRefusal(file, 'pre-commit.commands.deploy-plan');
  commands['deploy-plan'] = { run: PLAIN_HOOK_COMMAND };
  let content = format(config);
  if (current?.includes('\r\n')) content = content.replace(/\n/g, '\r\n');
  return lefthookEdit(file, current, content, unchanged ? '' : ' (the file was rewritten as formatted JSON)');
}
