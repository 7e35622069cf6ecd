/**
 * How the text formats (stylish, JUnit, Markdown, the runbook) write what comes from input: plan
 * keys and values inside messages, file paths, project names, rule ids of user policies, hints,
 * related-location messages, waiver fields. Such text must not reach a terminal as a control
 * sequence, nor start a line a CI runner acts on. One scheme, in three rules:
 *
 * 1. Control characters are written as the escape a programmer would type: LF `\n`, CR `\r`, every
 *    other C0 control, DEL and C1 control as `\xHH` (ESC is `\x1b`, NUL `\x00`, CSI `\x9b`), and the
 *    Unicode line and paragraph separators as `\u2028` and `\u2029`. TAB stays: it is whitespace
 *    that can neither end a line nor start a sequence. Names, paths and ids are one line, so their
 *    LF is `\n` ({@link oneLine}); free text (messages, hints, reasons) keeps its line breaks where
 *    the format shows them ({@link freeText}), and Markdown writes a line break as the space it
 *    would render anyway.
 * 2. GitHub's legacy command prefix `##[`, which the Actions runner acts on anywhere in a line, is
 *    written `##\[`.
 * 3. No line may begin, after blanks, with `::`: the GitHub Actions runner trims leading
 *    whitespace and runs any such line as a workflow command. A kept line break that would start
 *    one is written as an escape instead (`\n`, or `&#10;` in XML), and where input text itself
 *    begins a line, the first colon is written `\x3a` (or `&#58;` in XML and Markdown, the same
 *    character once parsed): {@link guardLines}.
 *
 * Backslashes are not doubled, so `\x1b` in the output may also be those four characters in the
 * input: the point is that the reader sees what the input holds, not a reversible encoding
 * (JSON and SARIF are that).
 */

/* eslint-disable no-control-regex -- finding control characters is what these are for */
/** Every control character this scheme escapes: C0 but TAB, DEL, C1, U+2028 and U+2029. */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;
/** The same, LF excepted. */
const CONTROL_BUT_LF = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Whether {@link oneLine} or {@link lines} has anything to do (most text has nothing to escape). */
const NEEDS_ONE_LINE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]|##\[/;
const NEEDS_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]|##\[/;
/* eslint-enable no-control-regex */
const LEGACY_COMMAND = /##\[/g;
/** A line break followed (after blanks) by `::`. */
const BREAK_BEFORE_COMMAND = /\n(?=[^\S\r\n]*::)/g;
/** A line that begins, after blanks, with `::`; the first colon is captured apart. */
const COMMAND_LINE = /^([^\S\r\n]*):(?=:)/gm;
const HAS_COMMAND_LINE = /^[^\S\r\n]*::/m;

function escapeControl(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
}

/** A name, path or id: one line, with every control character escaped. */
export function oneLine(text: string): string {
  if (!NEEDS_ONE_LINE.test(text)) return text;
  return text.replace(CONTROL, escapeControl).replace(LEGACY_COMMAND, '##\\[');
}

/** Text that may span lines: control characters but LF escaped, line breaks kept as they are. */
export function lines(text: string): string {
  if (!NEEDS_LINES.test(text)) return text;
  return text.replace(CONTROL_BUT_LF, escapeControl).replace(LEGACY_COMMAND, '##\\[');
}

/** Free text: as {@link lines}, but a line break that would start a `::` line is written `\n`. */
export function freeText(text: string): string {
  const escaped = lines(text);
  return escaped.includes('\n') ? escaped.replace(BREAK_BEFORE_COMMAND, '\\n') : escaped;
}

/**
 * The whole output, last: any line that begins (after blanks) with `::` has its first colon
 * written as `colon`. With `lineBreak` (XML, where any line break in a message is inside an
 * attribute or text), a line break that starts such a line is written as `lineBreak` instead.
 * The formats never start a line with `::` themselves (the `github` format, whose annotations
 * are its whole point, is not guarded), so only input is changed.
 */
export function guardLines(output: string, colon: string, lineBreak?: string): string {
  // `includes` first: most reports hold no `::` at all, and it is much faster than the regex.
  if (!output.includes('::') || !HAS_COMMAND_LINE.test(output)) return output;
  const text = lineBreak === undefined ? output : output.replace(BREAK_BEFORE_COMMAND, lineBreak);
  return text.replace(COMMAND_LINE, (_, blanks: string) => `${blanks}${colon}`);
}
