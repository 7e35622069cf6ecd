/** Settings read once at start-up; a missing required variable stops the process early. */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing required environment variable ${name}`);
  return value;
}

export const config = {
  port: Number(process.env.PORT ?? 3000),
  databaseUrl: required('DATABASE_URL'),
  paymentsApiUrl: required('PAYMENTS_API_URL'),
  paymentsApiKey: required('PAYMENTS_API_KEY'),
  flagdHost: process.env.FLAGD_HOST ?? 'localhost',
};
