import { config } from './config';

export class PaymentsError extends Error {}

/** Thin client for the payments service (POST /v2/charges). */
export const paymentsClient = {
  async charge(orderId: string, amountCents: number): Promise<{ chargeId: string }> {
    const res = await fetch(`${config.paymentsApiUrl}/v2/charges`, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.paymentsApiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ orderId, amountCents }),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) throw new PaymentsError(`payments answered ${res.status}`);
    return (await res.json()) as { chargeId: string };
  },

  async ping(): Promise<boolean> {
    const res = await fetch(`${config.paymentsApiUrl}/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  },
};
