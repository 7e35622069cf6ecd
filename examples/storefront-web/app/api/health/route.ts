import { ordersApiReady } from '../../../lib/orders-client';

export const dynamic = 'force-dynamic';

/** Readiness of the checkout: the orders API must answer for checkout to work. */
export async function GET() {
  const orders = await ordersApiReady().catch(() => false);
  return Response.json({ status: orders ? 'ok' : 'degraded', checks: { orders } }, { status: orders ? 200 : 503 });
}
