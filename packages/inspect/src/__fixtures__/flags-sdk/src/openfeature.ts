import { OpenFeature } from '@openfeature/server-sdk';
import { Flags } from './flags';

const client = OpenFeature.getClient('shop');

/** A guard function: callers test what it returns. */
export async function isNewCheckoutOn(userId: string): Promise<boolean> {
  return client.getBooleanValue(Flags.NewCheckout, false, { targetingKey: userId });
}
