'use client';

import { useState } from 'react';

export function CheckoutButton({ express, onCheckout }: { express: boolean; onCheckout: (express: boolean) => Promise<void> }) {
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const run = async () => {
    setState('busy');
    try {
      await onCheckout(express);
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <div>
      <button disabled={state === 'busy'} onClick={run}>
        {express ? 'Buy now with saved card' : 'Checkout'}
      </button>
      {state === 'failed' && <p role="alert">Payment failed. Your card was not charged; please try again.</p>}
    </div>
  );
}
