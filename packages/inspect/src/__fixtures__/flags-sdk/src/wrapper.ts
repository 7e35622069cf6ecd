declare function isFeatureEnabledFor(user: string, key: string): boolean;

export function lounge(user: string) {
  return isFeatureEnabledFor(user, 'vip-lounge') ? 'lounge' : 'lobby';
}
