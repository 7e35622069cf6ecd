import { DEFAULT_ROLLBACK_BUDGETS, parseDuration, type JsonSchemaObject } from '@deploy-plan/core';

/** Time budgets per rollback level, shared by the policies that compare against them. */
export interface BudgetOptions {
  level1: string;
  level2: string;
  level3: string;
}

export const BUDGET_OPTIONS: { schema: JsonSchemaObject; defaults: BudgetOptions } = {
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      level1: {
        type: 'string',
        pattern: '^([0-9]+(ms|s|m|h|d))+$',
        description: 'Budget of level 1 (feature flag); default 5m.',
      },
      level2: {
        type: 'string',
        pattern: '^([0-9]+(ms|s|m|h|d))+$',
        description: 'Budget of level 2 (configuration); default 10m.',
      },
      level3: {
        type: 'string',
        pattern: '^([0-9]+(ms|s|m|h|d))+$',
        description: 'Budget of level 3 (code); default 15m.',
      },
    },
  },
  defaults: { ...DEFAULT_ROLLBACK_BUDGETS },
};

export function budgetFor(options: BudgetOptions, level: number): { text: string; ms: number } {
  const text = options[`level${level}` as keyof BudgetOptions] ?? DEFAULT_ROLLBACK_BUDGETS.level3;
  return { text, ms: parseDuration(text) ?? 0 };
}
