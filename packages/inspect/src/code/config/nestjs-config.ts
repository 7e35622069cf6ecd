import { ts } from 'ts-morph';
import type { CodeBase } from '../codebase';
import { lookup, unwrap } from '../scope';
import type { Frame, Value, Values } from '../values';

/** Is a value @nestjs/config's ConfigService (by declared type, or `app.get(ConfigService)`)? */
export function isConfigService(cb: CodeBase, values: Values, v: Value): boolean {
  const type = v.kind === 'typed' && !v.path.length ? v.type : v.kind === 'parameter' ? v.node.type : undefined;
  if (type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const d = lookup(cb, type.typeName);
    return d?.kind === 'external' && d.module === '@nestjs/config' && d.imported === 'ConfigService';
  }
  if (v.kind === 'result' && v.name === 'get' && v.call.arguments[0]) {
    const arg = unwrap(v.call.arguments[0]);
    return values
      .of(arg)
      .some((a) => a.kind === 'external' && a.module === '@nestjs/config' && a.path[0] === 'ConfigService');
  }
  return false;
}

/**
 * `configService.get('app.apiPrefix')` is what the `registerAs('app', () => ({ apiPrefix: ... }))`
 * factory gives `apiPrefix`; `configService.get('PORT')` reads the environment variable.
 */
export function nestConfigValues(
  cb: CodeBase,
  values: Values,
  call: ts.CallExpression,
  frame: Frame | undefined,
): Value[] | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== 'get' && callee.name.text !== 'getOrThrow'))
    return undefined;
  const keyArg = call.arguments[0] && unwrap(call.arguments[0]);
  if (!keyArg || !ts.isStringLiteralLike(keyArg)) return undefined;
  if (!values.of(callee.expression, frame).some((v) => isConfigService(cb, values, v))) return undefined;
  const [namespace, ...rest] = keyArg.text.split('.');
  if (!rest.length) return [{ kind: 'env', name: namespace, node: call }];
  const out: Value[] = [];
  for (const register of cb.callsNamed('registerAs')) {
    if (!ts.isCallExpression(register)) continue;
    const ns = register.arguments[0] && unwrap(register.arguments[0]);
    if (!ns || !ts.isStringLiteralLike(ns) || ns.text !== namespace) continue;
    let current = values
      .of(register.arguments[1])
      .flatMap((v) =>
        v.kind === 'node' && ts.isFunctionLike(v.node) && 'body' in v.node ? values.returned(v.node, undefined) : [],
      );
    for (const key of rest) current = current.flatMap((v) => values.member(v, key));
    out.push(...current);
  }
  return out;
}
