// One jest run over every package. Sources are transformed with @swc/jest, which strips types
// without checking them; type checking is `npm run typecheck`.
const path = require('node:path');

const packages = {
  '@deploy-plan/core': 'packages/core/src/index.ts',
  '@deploy-plan/core/testing': 'packages/core/src/testing/index.ts',
  '@deploy-plan/formatters': 'packages/formatters/src/index.ts',
  '@deploy-plan/formatters/formats': 'packages/formatters/src/formats.ts',
  '@deploy-plan/cli': 'packages/cli/src/index.ts',
  '@deploy-plan/cli/hooks': 'packages/cli/src/hooks/pre-commit.ts',
  '@deploy-plan/policies': 'policies/src/index.ts',
  '@deploy-plan/inspect': 'packages/inspect/src/index.ts',
  '@deploy-plan/inspect/code': 'packages/inspect/src/code/index.ts',
  '@deploy-plan/inspect/scaffold': 'packages/inspect/src/scaffold/index.ts',
  '@deploy-plan/nx': 'packages/nx-plugin/src/index.ts',
};

const swc = {
  jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022' },
  module: { type: 'commonjs' },
};

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['packages', 'policies', 'tools']
    .filter((dir) => require('node:fs').existsSync(path.join(__dirname, dir)))
    .map((dir) => `<rootDir>/${dir}`),
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/__fixtures__/'],
  modulePathIgnorePatterns: ['<rootDir>/packages/[^/]+/dist/', '<rootDir>/policies/dist/'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', swc] },
  moduleNameMapper: {
    ...Object.fromEntries(
      Object.entries(packages).map(([name, file]) => [`^${name.replace(/\//g, '\\/')}$`, `<rootDir>/${file}`]),
    ),
  },
  // A 5 MB plan and the CLI end-to-end runs take a few seconds on a loaded machine.
  testTimeout: 30000,
};
