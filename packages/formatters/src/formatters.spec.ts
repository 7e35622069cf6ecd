import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Diagnostic } from '@deploy-plan/core';
import {
  BROKEN,
  CONFIG_DIAGNOSTICS,
  DIAGNOSTICS,
  HOSTILE,
  INPUT,
  ORDERS,
  RULES,
  WEB,
} from './__fixtures__/shared-input';
import {
  escapeData,
  escapeProperty,
  fingerprint,
  FORMAT_NAMES,
  formatterFor,
  formatters,
  isFormatName,
  github,
  json,
  junit,
  markdown,
  MAX_ANNOTATIONS,
  sarif,
  stylish,
} from './index';
import type { FormatInput } from './types';

const ROOT = path.resolve(__dirname, '../../..');

describe('every format on the shared findings', () => {
  it.each(Object.keys(formatters))('%s', (name) => {
    expect(formatters[name](INPUT, { color: false, root: '/work/repo' })).toMatchSnapshot();
  });

  it('stylish in colour', () => {
    expect(stylish(INPUT, { color: true })).toMatchSnapshot();
  });

  it.each(Object.keys(formatters))('%s is pure: same input, same text', (name) => {
    expect(formatters[name](INPUT)).toBe(formatters[name](INPUT));
  });

  it('loads each format by name, the same function as the index exports', () => {
    expect([...FORMAT_NAMES]).toEqual(Object.keys(formatters));
    for (const name of FORMAT_NAMES) expect(formatterFor(name)).toBe(formatters[name]);
    expect([isFormatName('sarif'), isFormatName('toString'), isFormatName('xml')]).toEqual([true, false, false]);
  });
});

type SarifLocation = {
  physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
};
type SarifResult = {
  ruleId: string;
  ruleIndex: number;
  level: string;
  locations: SarifLocation[];
  [key: string]: unknown;
};

describe('sarif', () => {
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'specs/sarif-schema-2.1.0.json'), 'utf8')));
  type Log = {
    runs: {
      tool: {
        driver: {
          rules: {
            id: string;
            helpUri: string;
            shortDescription: { text: string };
            fullDescription: { text: string };
            defaultConfiguration: { level: string };
          }[];
        };
      };
      results: SarifResult[];
    }[];
  };
  const parse = (input: FormatInput = INPUT) => JSON.parse(sarif(input)) as Log;

  it('validates against the OASIS SARIF 2.1.0 schema', () => {
    const log = parse();
    expect(validate.errors ?? []).toEqual([]);
    expect(validate(log)).toBe(true);
  });

  it('the schema check can fail: a result without a message is rejected', () => {
    const log = parse();
    delete log.runs[0].results[0].message;
    expect(validate(log)).toBe(false);
  });

  it('names the analysis category, by default and per project', () => {
    expect(JSON.parse(sarif(INPUT)).runs[0].automationDetails).toEqual({ id: 'deploy-plan/' });
    const log = JSON.parse(sarif(INPUT, { sarifCategory: 'deploy-plan/orders-api/' }));
    expect(log.runs[0].automationDetails).toEqual({ id: 'deploy-plan/orders-api/' });
    expect(validate(log)).toBe(true);
  });

  it('lists every rule with helpUri and descriptions, and points results at them', () => {
    const run = parse().runs[0];
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual([...RULES.map((r) => r.id)].sort());
    for (const rule of run.tool.driver.rules) {
      expect(rule.helpUri).toMatch(/^https:\/\/.+\.md$/);
      expect(rule.shortDescription.text).toMatch(/\.$/);
      expect(rule.fullDescription.text.length).toBeGreaterThan(10);
    }
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
  });

  it('maps critical to error, important to warning, minor to note', () => {
    const levels = Object.fromEntries(parse().runs[0].results.map((r) => [r.ruleId, r.level]));
    expect(levels).toEqual({
      'config/invalid': 'error',
      'plan/schema': 'error',
      'code/health-route-exists': 'error',
      'flags/safe-default': 'warning',
      'monitoring/alerts-match-thresholds': 'note',
      'plan/yaml-syntax': 'error',
    });
    const defaults = Object.fromEntries(
      parse().runs[0].tool.driver.rules.map((r) => [r.id, r.defaultConfiguration.level]),
    );
    expect(defaults['rollout/stages-rise-to-full']).toBe('warning');
  });

  it('uses relative, percent-encoded URIs and keeps every line at 1 or more', () => {
    const zero: Diagnostic = { ...DIAGNOSTICS[4], line: 0, column: 0 };
    const results = parse({ ...INPUT, diagnostics: [...DIAGNOSTICS, zero] }).runs[0].results;
    const uris = results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toContain('apps/web%20app/deploy-plan.yaml');
    expect(uris.every((u: string) => !u.startsWith('/') && !u.includes('://'))).toBe(true);
    const regions = results.map((r) => r.locations[0].physicalLocation.region);
    expect(Math.min(...regions.map((r) => r.startLine))).toBe(1);
    expect(Math.min(...regions.map((r) => r.startColumn))).toBe(1);
  });

  it('links a code finding to the code, and marks waived findings as accepted suppressions', () => {
    const results = parse().runs[0].results;
    const code = results.find((r) => r.ruleId === 'code/health-route-exists')!;
    expect(code.locations[0].physicalLocation.artifactLocation.uri).toBe(ORDERS);
    expect(code.relatedLocations).toEqual([
      {
        id: 1,
        message: { text: 'the health router only serves /health/live' },
        physicalLocation: {
          artifactLocation: { uri: 'examples/orders-api/src/routes/health.ts', uriBaseId: '%SRCROOT%' },
          region: { startLine: 8, startColumn: 3, endLine: 8, endColumn: 40 },
        },
      },
    ]);
    const waived = results.find((r) => r.ruleId === 'flags/safe-default')!;
    expect(waived.suppressions).toEqual([
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'Flag is on for the beta cohort only (owner team-orders, until 2027-01-31)',
      },
    ]);
  });

  it('fingerprints from rule, project and pointer survive lines moving, and differ between findings', () => {
    const moved = DIAGNOSTICS.map((d) => ({
      ...d,
      line: d.line + 25,
      endLine: d.endLine === undefined ? undefined : d.endLine + 25,
    }));
    const before = parse().runs[0].results.map((r) => r.partialFingerprints);
    const after = parse({ ...INPUT, diagnostics: moved }).runs[0].results.map((r) => r.partialFingerprints);
    expect(after).toEqual(before);
    expect(new Set(DIAGNOSTICS.map(fingerprint)).size).toBe(DIAGNOSTICS.length);
    expect(fingerprint({ ...DIAGNOSTICS[1], project: 'other' })).not.toBe(fingerprint(DIAGNOSTICS[1]));
    expect(fingerprint({ ...DIAGNOSTICS[1], pointer: '/healthChecks/0/path' })).not.toBe(fingerprint(DIAGNOSTICS[1]));
  });
});

describe('junit', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['testsuite', 'testcase'].includes(name),
  });
  type Case = {
    name: string;
    classname: string;
    file: string;
    failure?: { message: string; type: string; '#text': string };
    skipped?: { message: string };
    error?: { message: string };
  };
  type Suite = {
    name: string;
    tests: string;
    failures: string;
    errors: string;
    skipped: string;
    file: string;
    testcase: Case[];
  };
  const parse = (input: FormatInput = INPUT) => {
    const text = junit(input);
    expect(XMLValidator.validate(text)).toBe(true);
    return parser.parse(text).testsuites as {
      tests: string;
      failures: string;
      errors: string;
      skipped: string;
      testsuite: Suite[];
    };
  };

  it('parses as XML with the attributes CI servers read', () => {
    const doc = parse();
    const suites = doc.testsuite;
    expect(suites.map((s) => s.name)).toEqual(['orders-api', 'web-app', 'clean', 'broken', 'config']);
    for (const suite of suites) {
      expect(Number(suite.tests)).toBe(suite.testcase.length);
      expect(Number(suite.failures)).toBe(suite.testcase.filter((c) => c.failure).length);
      expect(Number(suite.skipped)).toBe(suite.testcase.filter((c) => c.skipped).length);
      expect(Number(suite.errors)).toBe(suite.testcase.filter((c) => c.error).length);
      for (const c of suite.testcase) expect(c.classname).toBe(suite.name);
    }
    const sum = (key: 'tests' | 'failures' | 'errors' | 'skipped') => suites.reduce((n, s) => n + Number(s[key]), 0);
    expect([doc.tests, doc.failures, doc.errors, doc.skipped].map(Number)).toEqual([
      sum('tests'),
      sum('failures'),
      sum('errors'),
      sum('skipped'),
    ]);
  });

  it(
    'has a test case per check, fails with locations, and skips waived findings and ' + 'policies that could not run',
    () => {
      const [orders, web, clean, broken] = parse().testsuite;
      const byName = (s: Suite) => Object.fromEntries(s.testcase.map((c) => [c.name, c]));
      expect(Object.keys(byName(orders))).toEqual([...RULES.map((r) => r.id)].sort());
      expect(byName(orders)['plan/schema'].failure!.message).toBe(
        `${ORDERS}:12:11 \`deployment.method\` is \`kubernets\`, which is not one of docker, kubernetes, serverless.`,
      );
      expect(byName(orders)['code/health-route-exists'].failure!.type).toBe('critical');
      expect(byName(orders)['flags/safe-default'].skipped!.message).toBe(
        'waived until 2027-01-31 by team-orders: Flag is on for the beta cohort only',
      );
      // Turned off for web-app in the config: not a test case there.
      expect(byName(web)['rollout/stages-rise-to-full']).toBeUndefined();
      expect(byName(web)['monitoring/alerts-match-thresholds'].failure!.message).toBe(`${WEB}:40:5 ${HOSTILE}`);
      expect(clean.testcase.every((c) => !c.failure && !c.skipped)).toBe(true);
      expect(byName(broken)['plan/yaml-syntax'].failure!.message).toContain(`${BROKEN}:3:7`);
      expect(byName(broken)['flags/safe-default'].skipped!.message).toMatch(/not run/);
    },
  );

  it('reports config problems as an errored suite', () => {
    const config = parse().testsuite[4];
    expect(config.testcase[0].error!.message).toBe(`deploy-plan.config.yaml:4:5 ${CONFIG_DIAGNOSTICS[0].message}`);
  });

  it('writes control characters as escapes and drops what XML cannot hold, instead of writing invalid XML', () => {
    const bad = { ...DIAGNOSTICS[3], message: 'bell \u0007 and nul \u0000 and lone surrogate \ud800 here' };
    const doc = parse({ ...INPUT, diagnostics: [bad] });
    expect(doc.testsuite[1].testcase.find((c) => c.failure)!.failure!.message).toBe(
      `${WEB}:40:5 bell \\x07 and nul \\x00 and lone surrogate  here`,
    );
  });
});

describe('github', () => {
  it('escapes data and properties as the workflow command parser expects', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    const lines = github(INPUT).split('\n');
    expect(lines).toContain(
      '::notice file=apps/web app/deploy-plan.yaml,line=40,col=5,title=deploy-plan ' +
        'monitoring/alerts-match-thresholds::Alert `a|b` fires at 95%25 but <threshold> ' +
        '& "limit" is 40:%0Asee dashboard, é ✓',
    );
    expect(lines).toContain(
      '::error file=examples/orders-api/deploy-plan.yaml,line=12,col=11,endLine=12,endColumn=20,title=deploy-plan ' +
        'plan/schema::`deployment.method` is `kubernets`, which is not one of docker, ' +
        'kubernetes, serverless. Did you mean `kubernetes`?',
    );
  });

  it('leaves waived findings out and ends with a summary', () => {
    const text = github(INPUT);
    expect(text).not.toContain('express-checkout');
    expect(text.trimEnd().split('\n').pop()).toBe(
      'deploy-plan: 4 problems (3 critical, 0 important, 1 minor, 1 waived) in 4 plans.',
    );
  });

  it(`caps annotations at ${MAX_ANNOTATIONS} and says how many were left out`, () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ ...DIAGNOSTICS[3], line: i + 1 }));
    const lines = github({ ...INPUT, diagnostics: many, configDiagnostics: [] })
      .trimEnd()
      .split('\n');
    expect(lines.filter((l) => l.startsWith('::notice'))).toHaveLength(MAX_ANNOTATIONS);
    expect(lines).toContain(
      '::warning title=deploy-plan::70 more findings are not shown as annotations; see ' +
        'the job log or the SARIF report.',
    );
  });
});

describe('markdown', () => {
  it('has a summary row per project with its readiness, and escapes table cells', () => {
    const text = markdown(INPUT);
    expect(text).toContain('| orders-api | not ready | 2 | 0 | 0 | 1 |');
    expect(text).toContain('| web-app | silver | 0 | 0 | 1 | 0 |');
    expect(text).toContain('| clean | gold | 0 | 0 | 0 | 0 |');
    const escaped = 'Alert `a\\|b` fires at 95% but &lt;threshold&gt; &amp; "limit" is 40: see dashboard, é ✓';
    expect(text).toContain(escaped);
    // Every table row has the same number of unescaped cell separators as its header.
    for (const table of text.split('\n\n').filter((t) => t.startsWith('|'))) {
      const counts = table.split('\n').map((row) => row.replace(/\\\|/g, '').split('|').length);
      expect(new Set(counts).size).toBe(1);
    }
  });

  it('says when everything passes', () => {
    expect(markdown({ ...INPUT, diagnostics: [], configDiagnostics: [] })).toContain('All 4 plans pass.');
  });
});

describe('json', () => {
  it('keeps every diagnostic with its positions', () => {
    const report = JSON.parse(json(INPUT));
    expect(report.diagnostics).toEqual(DIAGNOSTICS);
    expect(report.summary).toEqual({
      plans: 4,
      problems: 4,
      critical: 3,
      important: 0,
      minor: 1,
      waived: 1,
      suppressed: 0,
    });
  });
});
