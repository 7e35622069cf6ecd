export const config = {
  port: Number(process.env.PORT ?? 8080),
  databaseUrl: process.env.DATABASE_URL ?? '',
  flagdHost: process.env.FLAGD_HOST ?? 'localhost',
};
