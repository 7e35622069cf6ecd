import { OpenFeature } from '@openfeature/server-sdk';

const client = OpenFeature.getClient('catalog-api');

/** The ranked search; off, search falls back to the plain name match. */
export function rankedSearchEnabled(): Promise<boolean> {
  return client.getBooleanValue('ranked-search', false);
}
