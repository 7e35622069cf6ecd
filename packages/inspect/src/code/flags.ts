import { ts } from 'ts-morph';
import type { FlagFact } from '@deploy-plan/core';
import type { CodeBase } from './codebase';
import { envName, knownString } from './evaluate';
import { classifyGuard } from './guards';
import { calleeName, lookup, unwrap } from './scope';

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

const SDK: Record<string, SdkMethod[]> = {};
const add = (provider: string, packages: RegExp, names: string[], specific: boolean, receiver?: RegExp) => {
  for (const name of names) (SDK[name] ??= []).push({ provider, packages, specific, receiver });
};
add('openfeature', /^@openfeature\//, ['getBooleanValue', 'getStringValue', 'getNumberValue', 'getObjectValue', 'getBooleanDetails', 'getStringDetails', 'getNumberDetails', 'getObjectDetails', 'useBooleanFlagValue', 'useFlag'], true);
add('launchdarkly', /launchdarkly/, ['boolVariation', 'stringVariation', 'numberVariation', 'jsonVariation', 'boolVariationDetail', 'variationDetail'], true);
add('launchdarkly', /launchdarkly/, ['variation'], false, /^(ld|ldclient|launchdarkly|.*ldClient|client)$/i);
add('unleash', /unleash/, ['isEnabled', 'getVariant'], false, /unleash/i);
add('growthbook', /growthbook/, ['isOn', 'isOff', 'getFeatureValue', 'evalFeature', 'useFeatureIsOn', 'useFeatureValue'], true);
add('growthbook', /growthbook/, ['feature'], false, /^(gb|growthbook|.*growthbook)$/i);
add('flagsmith', /flagsmith/, ['hasFeature', 'isFeatureEnabled'], true);
add('flagsmith', /flagsmith/, ['getValue', 'getFeatureValue'], false, /flagsmith/i);
add('configcat', /configcat/, ['getValueAsync'], true);
add('configcat', /configcat/, ['getValue'], false, /configcat/i);

/** Environment variables whose name says they switch something on or off. */
export const FLAG_ENV_NAME = /(^|_)(ENABLE|ENABLED|DISABLE|DISABLED|FEATURE|FEATURES|FLAG|FF|TOGGLE|KILL_?SWITCH)(_|$)/i;

function receiverOf(call: ts.CallExpression): ts.Expression | undefined {
  return ts.isPropertyAccessExpression(call.expression) ? call.expression.expression : undefined;
}

/** The package a receiver (or a bare imported function) comes from, when it can be traced. */
function originOf(cb: CodeBase, call: ts.CallExpression, depth = 0): string | undefined {
  let e: ts.Expression | undefined = receiverOf(call) ?? call.expression;
  for (let i = 0; e && i < 6; i++) {
    e = unwrap(e);
    if (ts.isIdentifier(e)) {
      const d = lookup(cb, e);
      if (d?.kind === 'external') return d.module;
      if (d?.kind === 'variable' && d.init) {
        e = d.init;
        continue;
      }
      return undefined;
    }
    if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
      e = e.expression;
      continue;
    }
    if (ts.isPropertyAccessExpression(e)) {
      e = e.expression;
      continue;
    }
    if (ts.isAwaitExpression(e)) {
      e = e.expression;
      continue;
    }
    return undefined;
  }
  void depth;
  return undefined;
}

function receiverName(call: ts.CallExpression): string | undefined {
  const r = receiverOf(call);
  if (!r) return undefined;
  const e = unwrap(r);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isCallExpression(e)) return calleeName(e);
  return undefined;
}

/**
 * Feature-flag reads: SDK calls (OpenFeature, LaunchDarkly, Unleash, GrowthBook, Flagsmith,
 * ConfigCat), the project's own wrappers from config, and environment variables that are flags
 * (declared as such in the plan, or named like one). Keys are resolved through constants and
 * enums; each read is classified as `guards` or `read-only`.
 */
export function findFlags(cb: CodeBase, wrappers: readonly FlagWrapper[] = [], envFlags: readonly string[] = []): FlagFact[] {
  const out: FlagFact[] = [];
  for (const module of cb.modules.values()) {
    for (const call of module.calls) {
      if (!ts.isCallExpression(call)) continue;
      const name = calleeName(call);
      if (!name) continue;
      const wrapper = wrappers.find((w) => w.callee === name || (ts.isPropertyAccessExpression(call.expression) && w.callee === call.expression.getText(module.source)));
      let provider: string | undefined;
      let keyArg = 0;
      if (wrapper) {
        provider = wrapper.provider ?? 'custom';
        keyArg = wrapper.keyArgument ?? 0;
      } else {
        const candidates = SDK[name];
        if (!candidates) continue;
        const origin = originOf(cb, call);
        const rname = receiverName(call);
        const match = candidates.find((m) => (origin ? m.packages.test(origin) : m.specific || (rname !== undefined && m.receiver?.test(rname))));
        if (!match) continue;
        provider = match.provider;
      }
      const key = knownString(cb, call.arguments[keyArg]);
      if (key === undefined) continue;
      out.push({ key, provider, guard: classifyGuard(cb, call), ...cb.site(call) });
    }
    for (const access of module.envAccesses) {
      if (ts.isVariableDeclaration(access)) {
        // const { FEATURE_X_ENABLED } = process.env
        if (!ts.isObjectBindingPattern(access.name)) continue;
        for (const el of access.name.elements) {
          const env = (el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName : el.name) as ts.Identifier;
          if (!ts.isIdentifier(env) || !(envFlags.includes(env.text) || FLAG_ENV_NAME.test(env.text))) continue;
          // The binding's uses decide: treat the binding like `const x = process.env.X`.
          const local = ts.isIdentifier(el.name) ? el.name : undefined;
          const guard = local ? guardOfBinding(cb, local) : 'read-only';
          out.push({ key: env.text, env: env.text, provider: 'env', guard, ...cb.site(el) });
        }
        continue;
      }
      const name = envName(cb, access as ts.Expression);
      if (!name || !(envFlags.includes(name) || FLAG_ENV_NAME.test(name))) continue;
      out.push({ key: name, env: name, provider: 'env', guard: classifyGuard(cb, access), ...cb.site(access) });
    }
  }
  return out;
}

/** A destructured binding behaves like `const x = <read>`: its uses decide. */
function guardOfBinding(cb: CodeBase, local: ts.Identifier): FlagFact['guard'] {
  let scope: ts.Node = local;
  while (scope.parent && !ts.isBlock(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  let result: FlagFact['guard'] = 'read-only';
  const visit = (n: ts.Node): void => {
    if (result === 'guards') return;
    if (ts.isIdentifier(n) && n !== local && n.text === local.text && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) && !ts.isBindingElement(n.parent)) {
      if (classifyGuard(cb, n) === 'guards') result = 'guards';
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return result;
}
