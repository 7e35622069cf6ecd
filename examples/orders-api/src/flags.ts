import { OpenFeature } from '@openfeature/server-sdk';

/** Flag keys as the flag provider (flagd) knows them. */
export enum Flag {
  ExpressCheckout = 'express-checkout',
}

const client = OpenFeature.getClient('orders-api');

/** Off when the provider cannot be reached: new functionality stays dark. */
export async function isExpressCheckoutEnabled(customerId: string): Promise<boolean> {
  return client.getBooleanValue(Flag.ExpressCheckout, false, { targetingKey: customerId });
}
