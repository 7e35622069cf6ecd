import { initialize } from 'unleash-client';

const unleash = initialize({ url: 'https://unleash.example.com/api', appName: 'shop' });

export const shouldArchive = () => unleash.isEnabled('archive-orders');

export function nightly() {
  if (shouldArchive()) {
    return 'archived';
  }
  return 'kept';
}
