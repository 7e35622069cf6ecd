import { commandReferences } from './commands';

describe('commandReferences', () => {
  it.each([
    ['npm run deploy:staging', [{ kind: 'script', name: 'deploy:staging' }]],
    ['npm run migrate:status -- --env production', [{ kind: 'script', name: 'migrate:status' }]],
    ['npm test', [{ kind: 'script', name: 'test' }]],
    ['npm start', [{ kind: 'script', name: 'start' }]],
    ['BASE_URL=https://x CI=1 npm run test:e2e', [{ kind: 'script', name: 'test:e2e' }]],
    [
      'pnpm run build && yarn run lint',
      [
        { kind: 'script', name: 'build' },
        { kind: 'script', name: 'lint' },
      ],
    ],
    ['npx nx build orders-api', [{ kind: 'target', target: 'build', project: 'orders-api' }]],
    ['nx run api:build:production', [{ kind: 'target', target: 'build', project: 'api' }]],
    ['npx --yes nx test api -- --watch=false', [{ kind: 'target', target: 'test', project: 'api' }]],
    ['npx nx release publish --projects billing-db', []],
    ['npx nx affected -t test', []],
    ['npm run -w other-pkg build', []],
    ['npm install', []],
    ['curl -fsS "https://x/health" | jq .status', []],
    ['kubectl patch configmap flags -p \'{"data":{"a":"off"}}\'', []],
  ])('%s', (command, expected) => {
    expect(commandReferences(command).map(({ text: _text, ...rest }) => rest)).toEqual(expected);
  });
});

describe('commandReferences, repeated', () => {
  it('parses a command once and shares the frozen result, however many commands come', () => {
    const first = commandReferences('npm run deploy:staging');
    expect(commandReferences('npm run deploy:staging')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first[0])).toBe(true);
    // More distinct commands than are kept: the answers stay right after the memory is cleared.
    for (let i = 0; i < 5000; i++)
      expect(commandReferences(`npx nx build app-${i}`)[0]).toMatchObject({
        kind: 'target',
        target: 'build',
        project: `app-${i}`,
      });
    expect(commandReferences('npm run deploy:staging')).toEqual(first);
  });
});
