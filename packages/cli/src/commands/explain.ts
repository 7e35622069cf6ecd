import { Command, Option } from 'commander';
import { didYouMean } from '@deploy-plan/core';
import type * as Pack from '@deploy-plan/policies';
import { EXIT, UsageError, type CliIo } from '../io';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when the command runs, not at CLI start
const pack = () => require('@deploy-plan/policies') as typeof Pack;

export function explainCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('explain')
    .description('Explain a policy: what it checks, why, its options, and a failing and a passing plan fragment.')
    .argument('<policy-id>', 'e.g. rollout/stages-rise-to-full')
    .action((id: string) => {
      const { builtinPolicies, documentedRules, renderPolicyDoc } = pack();
      const policy = builtinPolicies.find((p) => p.id === id);
      if (!policy) {
        const rule = documentedRules().find((r) => r.rule.id === id)?.rule;
        if (rule) {
          const severity = `Severity: ${rule.severity}. A built-in check; it cannot be turned off.`;
          io.stdout(`${rule.id}: ${rule.description}.\n${severity}\n\n${rule.rationale}\n`);
          setExit(EXIT.ok);
          return;
        }
        const guess = didYouMean(
          id,
          builtinPolicies.map((p) => p.id),
        );
        const suggestion = guess ? ` Did you mean \`${guess}\`?` : '';
        throw new UsageError(`Unknown policy \`${id}\`.${suggestion} Run \`deploy-plan policies\` to list them.`);
      }
      io.stdout(renderPolicyDoc(policy).replace(/^<!--.*-->\n\n/, ''));
      setExit(EXIT.ok);
    });
}

export function policiesCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('policies')
    .description('List the built-in policies with their default severity and checklist item.')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['table', 'json']).default('table'))
    .action((flags: { format: string }) => {
      const { builtinPolicies } = pack();
      if (flags.format === 'json') {
        const list = builtinPolicies.map((p) => ({
          id: p.id,
          severity: p.meta.severity,
          checklist: p.meta.checklist,
          description: p.meta.description,
          needs: p.meta.needs ?? [],
        }));
        io.stdout(JSON.stringify(list, null, 2) + '\n');
      } else {
        const idWidth = Math.max(...builtinPolicies.map((p) => p.id.length));
        for (const p of builtinPolicies) {
          const checklist = (Array.isArray(p.meta.checklist) ? p.meta.checklist : [p.meta.checklist]).join(',');
          io.stdout(
            `${p.id.padEnd(idWidth)}  ${p.meta.severity.padEnd(9)}  ${checklist.padEnd(22)}  ${p.meta.description}\n`,
          );
        }
        io.stdout(`\n${builtinPolicies.length} policies. \`deploy-plan explain <id>\` tells more about one.\n`);
      }
      setExit(EXIT.ok);
    });
}
