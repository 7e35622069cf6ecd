import { ts } from 'ts-morph';
import type { FlagFact } from '@deploy-plan/core';
import type { CodeBase } from './codebase';
import { envReads } from './env';
import { argumentSites, knownStrings, valuesOf } from './evaluate';
import { classifyGuard } from './guards';
import { calleeName, lookup, unwrap } from './scope';
import { forEachNode, type Value } from './values';

/** A flag-reading function of the project itself (`inspect.flagWrappers`). */
export interface FlagWrapper {
  callee: string;
  keyArgument?: number;
  provider?: string;
}

interface SdkMethod {
  provider: string;
  /** Packages the client comes from; when the origin can be traced it must be one of these. */
  packages: RegExp;
  /** Whether the method name alone is specific enough when the origin cannot be traced. */
  specific: boolean;
  /** Receiver names accepted when the origin cannot be traced and the name is generic. */
  receiver?: RegExp;
}

/** Method name -> the SDKs that have it. A Map: `toString` is an ordinary name in real code. */
const SDK = new Map<string, SdkMethod[]>();
const add = (provider: string, packages: RegExp, names: string[], specific: boolean, receiver?: RegExp) => {
  for (const name of names) SDK.set(name, [...(SDK.get(name) ?? []), { provider, packages, specific, receiver }]);
};
/** Receivers whose name (or declared type) says they serve flags. */
const FLAGGY = /flag|feature|toggle|unleash|experiment|launchdarkly|growthbook/i;
add('openfeature', /^@openfeature\//, ['getBooleanValue', 'getStringValue', 'getNumberValue', 'getObjectValue'], true);
add(
  'openfeature',
  /^@openfeature\//,
  ['getBooleanDetails', 'getStringDetails', 'getNumberDetails', 'getObjectDetails'],
  true,
);
add(
  'openfeature',
  /^@openfeature\//,
  ['useBooleanFlagValue', 'useStringFlagValue', 'useNumberFlagValue', 'useObjectFlagValue'],
  true,
);
add('openfeature', /^@openfeature\//, ['useBooleanFlagDetails', 'useFlag', 'useSuspenseFlag'], true);
add(
  'launchdarkly',
  /launchdarkly/,
  ['boolVariation', 'stringVariation', 'numberVariation', 'jsonVariation', 'boolVariationDetail'],
  true,
);
add(
  'launchdarkly',
  /launchdarkly/,
  ['variation', 'variationDetail'],
  false,
  /^(ld|ldclient|launchdarkly|.*ldClient|client)$/i,
);
add('unleash', /unleash/, ['isEnabled', 'getVariant'], false, FLAGGY);
add(
  'growthbook',
  /growthbook/,
  ['isOn', 'isOff', 'getFeatureValue', 'evalFeature', 'useFeatureIsOn', 'useFeatureValue'],
  true,
);
add('growthbook', /growthbook/, ['feature'], false, /^(gb|growthbook|.*growthbook)$/i);
add('flagsmith', /flagsmith/, ['hasFeature', 'isFeatureEnabled'], true);
add('flagsmith', /flagsmith/, ['getValue', 'getFeatureValue'], false, /flagsmith/i);
add('configcat', /configcat/, ['getValueAsync'], true);
add('configcat', /configcat/, ['getValue'], false, /configcat/i);

/** Environment variables whose name says they switch something on or off. */
export const FLAG_ENV_NAME =
  /(^|_)(ENABLE|ENABLED|DISABLE|DISABLED|FEATURE|FEATURES|FLAG|FF|TOGGLE|KILL_?SWITCH)(_|$)/i;
/** ...unless the name says it holds an address, a secret or a path (`FEATURE_FLAG_URL`). */
const NOT_A_SWITCH = /_(URL|URI|HOST|PORT|ADDR|ADDRESS|ENDPOINT|KEY|TOKEN|SECRET|PASSWORD|PATH|DIR|FILE|NAME|ID)$/i;

/** A read's key argument, with the call the guard is judged at (a helper's caller). */
interface KeySite {
  key: string;
  call: ts.Node;
}

/**
 * Feature-flag reads: SDK calls (OpenFeature, LaunchDarkly, Unleash, GrowthBook, Flagsmith,
 * ConfigCat), the project's own wrappers from config and the helpers that pass a key on to
 * one, generic flag methods on receivers named or typed for flags (`this.flagResolver.isEnabled`),
 * and environment variables that are flags (declared as such in the plan, or named like one).
 * Keys are resolved through constants and enums; each read is `guards` or `read-only`.
 */
export function findFlags(
  cb: CodeBase,
  wrappers: readonly FlagWrapper[] = [],
  envFlags: readonly string[] = [],
): FlagFact[] {
  const out: FlagFact[] = [];
  for (const module of cb.modules.values()) {
    for (const call of module.calls) {
      if (!ts.isCallExpression(call)) continue;
      cb.guard(call, () => out.push(...sdkReads(cb, module.source, call, wrappers)), undefined);
    }
  }
  out.push(...envFlagReads(cb, new Set(envFlags)));
  return out;
}

/**
 * Environment variables that are flags: those the plan declares as flags, and those that look
 * like switches (named like one, or compared with 'true', negated, parsed as a boolean).
 */
function envFlagReads(cb: CodeBase, declared: ReadonlySet<string>): FlagFact[] {
  const out: FlagFact[] = [];
  for (const read of envReads(cb)) {
    if (read.schema) continue;
    const named = FLAG_ENV_NAME.test(read.name) && !NOT_A_SWITCH.test(read.name);
    if (!declared.has(read.name) && !named && !isBooleanSwitch(read.node)) continue;
    cb.guard(
      read.node,
      () =>
        out.push({
          key: read.name,
          env: read.name,
          provider: 'env',
          guard: envGuard(cb, read.node),
          ...cb.site(read.node),
        }),
      undefined,
    );
  }
  return out;
}

function sdkReads(
  cb: CodeBase,
  source: ts.SourceFile,
  call: ts.CallExpression,
  wrappers: readonly FlagWrapper[],
): FlagFact[] {
  const name = calleeName(call);
  if (!name) return [];
  const callee = unwrap(call.expression);
  const written = ts.isPropertyAccessExpression(callee) ? callee.getText(source) : name;
  const wrapper = wrappers.find((w) => w.callee === name || w.callee === written);
  let provider: string | undefined;
  let keyArg = 0;
  if (wrapper) {
    provider = wrapper.provider ?? 'custom';
    keyArg = wrapper.keyArgument ?? 0;
  } else {
    provider = sdkProvider(cb, call, name);
    if (!provider) return [];
  }
  return keySites(cb, call, keyArg).map((k) => ({
    key: k.key,
    provider: provider,
    guard: classifyGuard(cb, k.call),
    ...cb.site(k.call),
  }));
}

/** The SDK a call reads a flag with, if it is one. */
function sdkProvider(cb: CodeBase, call: ts.CallExpression, name: string): string | undefined {
  const candidates = SDK.get(name);
  if (!candidates) return undefined;
  const callee = unwrap(call.expression);
  const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
  const origins = originsOf(cb, receiver ?? callee);
  const rname = receiver ? receiverName(receiver) : undefined;
  for (const m of candidates) {
    if (origins.modules.length) {
      if (origins.modules.some((o) => m.packages.test(o))) return m.provider;
      continue;
    }
    if (m.specific) return m.provider;
    if ((rname && m.receiver?.test(rname)) || origins.types.some((t) => FLAGGY.test(t))) {
      return rname && /unleash/i.test(rname) ? 'unleash' : m.receiver === FLAGGY ? 'custom' : m.provider;
    }
  }
  return undefined;
}

/** Packages a receiver comes from, and the names of the types it is declared with. */
function originsOf(cb: CodeBase, expr: ts.Expression): { modules: string[]; types: string[] } {
  const modules: string[] = [];
  const types: string[] = [];
  const visit = (v: Value, depth: number): void => {
    if (depth > 6) return;
    if (v.kind === 'external') modules.push(v.module);
    else if (v.kind === 'made') modules.push(v.callee.module);
    else if (v.kind === 'member' || v.kind === 'result') visit(v.of, depth + 1);
    else if (v.kind === 'typed' || (v.kind === 'parameter' && v.node.type)) {
      const type = v.kind === 'typed' ? v.type : v.node.type!;
      types.push(type.getText());
      if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
        const d = lookup(cb, type.typeName);
        if (d?.kind === 'external') modules.push(d.module);
      }
    } else if (v.kind === 'instance') types.push(v.cls.name?.text ?? '');
  };
  for (const v of valuesOf(cb).of(expr)) visit(v, 0);
  return { modules, types };
}

function receiverName(receiver: ts.Expression): string | undefined {
  const e = unwrap(receiver);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isCallExpression(e)) {
    const inner = unwrap(e.expression);
    return ts.isIdentifier(inner) ? inner.text : ts.isPropertyAccessExpression(inner) ? inner.name.text : undefined;
  }
  return undefined;
}

/**
 * The keys a read uses: a literal or constant at the call, or, when the key is a parameter of
 * a helper, each key its callers pass (the guard is then judged at each caller's call).
 */
function keySites(cb: CodeBase, call: ts.CallExpression, index: number): KeySite[] {
  const arg = call.arguments[index];
  if (!arg) return [];
  const out: KeySite[] = [];
  for (const site of argumentSites(cb, arg)) {
    const at = site.expr === unwrap(arg) ? call : (callOfArgument(site.expr) ?? call);
    for (const s of knownStrings(cb, site.expr, site.frame)) out.push({ key: s.text, call: at });
  }
  return out;
}

function callOfArgument(expr: ts.Expression): ts.CallExpression | undefined {
  let n: ts.Node = expr;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent))) n = n.parent;
  return n.parent && ts.isCallExpression(n.parent) ? n.parent : undefined;
}

const BOOLEAN_TEXT = /^(true|false|1|0|yes|no|on|off|enabled|disabled)$/i;

/**
 * Is an env read used as an on/off switch whatever its name: compared with `'true'`, `'1'`,
 * `'off'`..., negated (`!process.env.X`), or parsed as a boolean (`toBool(process.env.X)`)?
 */
function isBooleanSwitch(node: ts.Node): boolean {
  let n = node;
  while (
    n.parent &&
    (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent))
  )
    n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if (ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.ExclamationToken) return true;
  if (ts.isBinaryExpression(p) && /^(===|!==|==|!=)$/.test(p.operatorToken.getText())) {
    const other = unwrap(p.left === n ? p.right : p.left);
    return ts.isStringLiteralLike(other) && BOOLEAN_TEXT.test(other.text);
  }
  if (ts.isCallExpression(p) && p.arguments[0] === n) {
    const name = calleeName(p);
    return Boolean(name && /^(to)?bool(ean)?$|^parse(Env)?(Var)?Bool(ean)?$|^is(True|Truthy|Enabled)$/i.test(name));
  }
  return false;
}

/** The guard of an env read: a destructured binding behaves like `const x = <read>`. */
function envGuard(cb: CodeBase, node: ts.Node): FlagFact['guard'] {
  if (!ts.isBindingElement(node)) return classifyGuard(cb, node);
  if (!ts.isIdentifier(node.name)) return 'read-only';
  const local = node.name;
  let scope: ts.Node = local;
  while (scope.parent && !ts.isBlock(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  let result: FlagFact['guard'] = 'read-only';
  forEachNode(scope, (n) => {
    if (result === 'guards') return false;
    if (
      ts.isIdentifier(n) &&
      n !== local &&
      n.text === local.text &&
      !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) &&
      !ts.isBindingElement(n.parent)
    ) {
      if (classifyGuard(cb, n) === 'guards') result = 'guards';
    }
    return true;
  });
  return result;
}
