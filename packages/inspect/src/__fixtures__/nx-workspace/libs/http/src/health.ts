export const HEALTH_PATH = '/healthz';
