import { RequestMethod, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.setGlobalPrefix('api', {
    exclude: ['health', { path: 'health/ready', method: RequestMethod.GET }],
  });
  app.enableVersioning({ type: VersioningType.URI });
  await app.listen(3000);
}
void bootstrap();
