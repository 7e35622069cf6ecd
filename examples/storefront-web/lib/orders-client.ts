const ORDERS_API_URL = process.env.ORDERS_API_URL ?? 'http://localhost:3000';

export interface PlacedOrder {
  id: string;
  status: 'paid' | 'failed';
}

export async function placeOrder(customerId: string, totalCents: number, express: boolean): Promise<PlacedOrder> {
  const res = await fetch(`${ORDERS_API_URL}/api/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customerId, totalCents, express }),
  });
  if (res.status >= 500) throw new Error(`orders-api answered ${res.status}`);
  return (await res.json()) as PlacedOrder;
}

export async function ordersApiReady(): Promise<boolean> {
  const res = await fetch(`${ORDERS_API_URL}/health/ready`, { cache: 'no-store' });
  return res.ok;
}
