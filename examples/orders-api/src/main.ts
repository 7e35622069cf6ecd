import { OpenFeature } from '@openfeature/server-sdk';
import { createApp } from './app';
import { config } from './config';

async function start() {
  // The flagd provider is registered by the platform's preload; without it every flag reads its default.
  await OpenFeature.setProviderAndWait(OpenFeature.getProvider());
  createApp().listen(config.port, () => {
    console.log(`orders-api listening on ${config.port}`);
  });
}

void start();
