import { ts } from 'ts-morph';
import { unwrap } from '../scope';
import type { RouteContext } from './context';

/** A decorator call with where its callee comes from: `@Get(':id')` from '@nestjs/common'. */
export interface DecoratorCall {
  name: string;
  module: string;
  call: ts.CallExpression;
}

/** The decorators of a node whose callee is an export of one of `modules`. */
export function decoratorsOf(ctx: RouteContext, node: ts.Node, modules: ReadonlySet<string>): DecoratorCall[] {
  if (!ts.canHaveDecorators(node)) return [];
  const out: DecoratorCall[] = [];
  for (const d of ts.getDecorators(node) ?? []) {
    const e = d.expression;
    if (!ts.isCallExpression(e)) continue;
    for (const v of ctx.values.of(unwrap(e.expression))) {
      if (v.kind === 'external' && modules.has(v.module) && v.path.length === 1) {
        out.push({ name: v.path[0], module: v.module, call: e });
        break;
      }
    }
  }
  return out;
}

/** A class's methods, its base classes' included (an inherited route is served by the subclass). */
export function methodsWithInherited(ctx: RouteContext, cls: ts.ClassLikeDeclaration): ts.MethodDeclaration[] {
  const out: ts.MethodDeclaration[] = [];
  const names = new Set<string>();
  for (let c: ts.ClassLikeDeclaration | undefined = cls, hops = 0; c && hops < 6; c = ctx.values.baseClass(c), hops++) {
    for (const m of c.members) {
      if (!ts.isMethodDeclaration(m)) continue;
      const name = m.name.getText();
      if (names.has(name)) continue;
      names.add(name);
      out.push(m);
    }
  }
  return out;
}
