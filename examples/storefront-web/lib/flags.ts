import { GrowthBook } from '@growthbook/growthbook';

export const EXPRESS_CHECKOUT = 'express-checkout-button';

/** One GrowthBook instance per request; features load from the GrowthBook API. */
export async function loadFlags(userId: string): Promise<GrowthBook> {
  const gb = new GrowthBook({
    apiHost: process.env.GROWTHBOOK_API_HOST,
    clientKey: process.env.GROWTHBOOK_CLIENT_KEY,
    attributes: { id: userId },
  });
  await gb.init({ timeout: 1000 });
  return gb;
}
