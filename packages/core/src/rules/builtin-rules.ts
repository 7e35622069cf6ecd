import type { Severity } from '../diagnostic';

/** Meta of a check built into the loader (not a policy): it runs before any policy can. */
export interface BuiltinRule {
  id: string;
  severity: Severity;
  description: string;
  /** Why the rule exists, for its docs page. */
  rationale: string;
  messages: Record<string, string>;
}

const SCHEMA_MESSAGES = {
  unknownKey: 'Unknown key `{{key}}` in {{where}}.',
  missingKey: 'Missing required key `{{key}}` in {{where}}.',
  wrongType: '{{path}} must be {{expected}}, but it is {{actual}}.',
  notAllowed: '{{path}} is {{actual}}, which is not one of {{allowed}}.',
  wrongValue: '{{path}} must be {{expected}}, but it is {{actual}}.',
  badFormat: '{{path}} must be {{expected}}, but it is {{actual}}.',
  tooSmall: '{{path}} is {{actual}}, below the minimum of {{limit}}.',
  tooLarge: '{{path}} is {{actual}}, above the maximum of {{limit}}.',
  tooFew: '{{path}} needs at least {{limit}} {{unit}}(s).',
  tooMany: '{{path}} allows at most {{limit}} {{unit}}(s).',
  duplicateItem: '{{path}} lists {{actual}} twice (items {{first}} and {{second}}).',
  invalid: '{{path}} is not valid: {{reason}}.',
  truncated: '{{count}} more schema problems in this file are not shown; fix the ones above first.',
} as const;

export const BUILTIN_RULES = {
  unreadable: {
    id: 'plan/unreadable',
    severity: 'critical',
    description: 'The plan file can be read as UTF-8 text within the size limit',
    rationale: 'A plan that cannot be read cannot be checked; the run reports it and goes on with the other plans.',
    messages: {
      directory: '`{{name}}` is a directory, not a plan file.',
      missing: 'The plan file does not exist (a broken symbolic link?).',
      permission: 'The plan file cannot be read: permission denied.',
      symlinkLoop: 'The plan file is a symbolic link that loops back on itself.',
      ioError: 'The plan file cannot be read ({{code}}).',
      notAFile: '`{{name}}` is {{kind}}, not a file: a plan is read from a file.',
      outsideRoot:
        '`{{name}}` is a symbolic link to a file outside the workspace; it is not read. ' +
        'Plans and configs are read only from inside the workspace.',
      tooLarge:
        'The plan file is {{size}} bytes, over the {{limit}}-byte limit; it was not ' +
        'parsed. Raise `maxFileSize` in deploy-plan.config.yaml if it is really a plan.',
      notUtf8: 'The plan file is not UTF-8 text: byte {{byte}} here is not valid UTF-8. Save the file as UTF-8.',
    },
  },
  yaml: {
    id: 'plan/yaml-syntax',
    severity: 'critical',
    description: 'The plan is well-formed YAML: one document, no duplicate keys, bounded aliases',
    rationale:
      'Policies can only check what the YAML parser understood. Duplicate keys ' +
      'silently lose one value; alias bombs and deep nesting are refused so a hostile ' +
      'file cannot stall the run.',
    messages: {
      syntaxError: 'YAML syntax error: {{reason}}.',
      tabIndentation: 'YAML syntax error: a tab is used for indentation.',
      duplicateKey: 'The key `{{key}}` appears more than once in the same mapping; YAML would keep only one value.',
      multipleDocuments:
        'The file holds more than one YAML document; a plan is a single document, and only the first is checked.',
      aliasExpansion: 'YAML aliases expand this document to more than {{limit}} nodes; refusing it (an alias bomb?).',
      recursiveAlias: 'The YAML alias `*{{name}}` is inside the node its anchor names, so it never ends; refusing it.',
      tooDeep: 'YAML syntax error: collections are nested too deeply ({{reason}}).',
    },
  },
  document: {
    id: 'plan/not-a-plan',
    severity: 'critical',
    description: 'The plan file holds a YAML mapping',
    rationale:
      'A plan is a mapping of sections (`apiVersion`, `project`, ...); an empty file ' +
      'or a bare list or value is not one.',
    messages: {
      empty: 'The plan file is empty. Start from `deploy-plan scaffold` or a plan under examples/.',
      notAMapping:
        'A plan must be a mapping of sections (`apiVersion: deploy-plan/v1`, `project: ' +
        '...`), but this file holds {{found}}.',
    },
  },
  schema: {
    id: 'plan/schema',
    severity: 'critical',
    description: 'The plan matches schemas/deploy-plan.schema.json',
    rationale:
      'Unknown keys are usually typos (`maxDuraton`) that would make a policy see ' +
      'nothing; wrong types and values make every later check unreliable.',
    messages: SCHEMA_MESSAGES,
  },
  configSchema: {
    id: 'config/schema',
    severity: 'critical',
    description: 'deploy-plan.config.yaml matches schemas/config.schema.json',
    rationale: 'A broken config would silently change which findings fail the build.',
    messages: SCHEMA_MESSAGES,
  },
  configInvalid: {
    id: 'config/invalid',
    severity: 'critical',
    description: 'deploy-plan.config.yaml is readable YAML and names existing policies',
    rationale: 'A config that cannot be applied would silently change which findings fail the build.',
    messages: {
      unreadable: 'The config file cannot be used: {{reason}}',
      unknownPolicy: 'Unknown policy `{{policy}}`.',
      badOptions: 'Options for `{{policy}}`: {{reason}}',
      badGlob: 'The project glob `{{glob}}` cannot be used ({{reason}}); it matches no project.',
      badIgnore: 'The ignore pattern `{{pattern}}` cannot be used ({{reason}}); it ignores nothing.',
      policyDirFailed: 'Policies in `{{dir}}` could not be loaded: {{reason}}',
    },
  },
  suppressions: {
    id: 'config/suppressions',
    severity: 'critical',
    description: 'deploy-plan-suppressions.json is JSON in the shape `check --suppress-all` writes',
    rationale:
      'The suppressions file decides which findings fail the build; one that cannot be read would ' +
      'silently suppress nothing, or everything.',
    messages: {
      syntax: 'The suppressions file is not valid JSON: {{reason}}.',
      unreadable: 'The suppressions file cannot be read: {{reason}}.',
      shape: '{{where}} must be {{expected}}.',
    },
  },
} as const satisfies Record<string, BuiltinRule>;

export type BuiltinRuleKey = keyof typeof BUILTIN_RULES;
