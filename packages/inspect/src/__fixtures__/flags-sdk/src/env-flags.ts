const { FEATURE_REPORTS_ENABLED } = process.env;

export function reports() {
  const enabled = FEATURE_REPORTS_ENABLED === 'true';
  if (!enabled) return [];
  return ['monthly'];
}

export function describeSearch() {
  console.log('search flag', process.env.SEARCH_V2_ENABLED);
  return 'search';
}
