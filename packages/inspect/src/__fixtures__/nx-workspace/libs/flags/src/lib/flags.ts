export const UPLOADS_FLAG = 'UPLOADS_ENABLED';

/** Guard function shared by every app. */
export function uploadsOn(): boolean {
  return process.env.UPLOADS_ENABLED === 'true';
}
