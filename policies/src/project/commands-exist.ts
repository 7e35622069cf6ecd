import { definePolicy, didYouMean, knownTargets, type DeployPlan } from '@deploy-plan/core';
import { commandReferences } from '../util/commands';

/** Calls `visit` with every command in the plan and (built on demand) its pointer. */
function eachCommand(plan: DeployPlan, visit: (command: string, pointer: () => string) => void): void {
  const add = (command: string | undefined, pointer: () => string) => {
    if (command) visit(command, pointer);
  };
  (plan.functionality.verification ?? []).forEach((v, i) =>
    add(v.command, () => `/functionality/verification/${i}/command`),
  );
  (plan.deployment.steps ?? []).forEach((s, i) => {
    (s.commands ?? []).forEach((c, j) => add(c, () => `/deployment/steps/${i}/commands/${j}`));
    add(s.verify?.command, () => `/deployment/steps/${i}/verify/command`);
  });
  add(plan.migrations?.command, () => '/migrations/command');
  (plan.rollout?.stages ?? []).forEach((s, i) => add(s.command, () => `/rollout/stages/${i}/command`));
  (plan.rollback.levels ?? []).forEach((l, i) => {
    (l.actions ?? []).forEach((a, j) => add(a, () => `/rollback/levels/${i}/actions/${j}`));
    (l.verification ?? []).forEach((v, j) => add(v.command, () => `/rollback/levels/${i}/verification/${j}/command`));
  });
}

export default definePolicy({
  id: 'project/commands-exist',
  meta: {
    severity: 'critical',
    checklist: ['step-2', 'step-4'],
    description: "Every npm script and Nx target the plan's commands run exists in the project",
    rationale:
      'Step 2 of the method reads package.json scripts and CI configs before planning, ' +
      'and Step 4 gives exact commands. A plan that runs `npm run deploy:stagin` or ' +
      '`nx e2e api` when no such script or target exists fails at the worst moment: ' +
      'during the deployment or the rollback.',
    messages: {
      noScript: '`{{command}}` runs the npm script `{{name}}`, which is not in {{packageJson}}.',
      noTarget: '`{{command}}` runs the Nx target `{{target}}` of `{{project}}`, which it does not have.',
      noPackageJson: '`{{command}}` runs an npm script, but neither the project nor the workspace has a package.json.',
    },
    needs: ['files'],
    examples: {
      fail:
        '# package.json scripts: { "deploy:staging": "..." }\nsteps:\n  - { id: deploy, ' +
        'commands: [npm run deploy:stage] }',
      pass:
        '# package.json scripts: { "deploy:staging": "..." }\nsteps:\n  - { id: deploy, ' +
        'commands: [npm run deploy:staging] }',
    },
  },
  check({ plan, facts, report }) {
    const files = facts.files;
    if (!files) return;
    // `npm run` from a project without a package.json finds the workspace root's (integrated repos).
    const scripts = files.packageJson?.scripts ?? files.workspaceScripts;
    const packageJson = files.packageJson ? `${files.root}/package.json` : 'package.json';
    const own = knownTargets(files, facts.graph, plan.project);
    eachCommand(plan, (command, pointer) => {
      for (const ref of commandReferences(command)) {
        if (ref.kind === 'script') {
          if (!scripts) report({ messageId: 'noPackageJson', data: { command: ref.text }, pointer: pointer() });
          else if (!Object.hasOwn(scripts, ref.name)) {
            const guess = didYouMean(ref.name, Object.keys(scripts));
            report({
              messageId: 'noScript',
              data: { command: ref.text, name: ref.name, packageJson },
              pointer: pointer(),
              hint: guess ? `Did you mean \`${guess}\`?` : undefined,
            });
          }
          continue;
        }
        const project = ref.project ?? plan.project;
        // Another project's targets are only known from the Nx graph; inferred ones only from it
        // too, so without it a target a plugin may infer is not called missing.
        const known =
          project === plan.project || project === files.packageJson?.name
            ? own.complete
              ? own.targets
              : undefined
            : facts.graph?.targets && Object.hasOwn(facts.graph.targets, project)
              ? facts.graph.targets[project]
              : undefined;
        if (known && !known.includes(ref.target)) {
          const guess = didYouMean(ref.target, known);
          report({
            messageId: 'noTarget',
            data: { command: ref.text, target: ref.target, project },
            pointer: pointer(),
            hint: guess ? `Did you mean \`${guess}\`?` : undefined,
          });
        }
      }
    });
  },
});
