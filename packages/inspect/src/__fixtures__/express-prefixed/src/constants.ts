export const API_PREFIX = '/api';

export enum Version {
  V1 = 'v1',
}

export const Paths = {
  Health: '/health',
  Ready: 'ready',
} as const;
