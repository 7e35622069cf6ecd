import Flagsmith from 'flagsmith-nodejs';

const flagsmith = new Flagsmith({ environmentKey: process.env.FLAGSMITH_KEY ?? '' });

export async function beta() {
  const flags = await flagsmith.getEnvironmentFlags();
  return flags.isFeatureEnabled('beta') ? 'beta' : 'stable';
}
