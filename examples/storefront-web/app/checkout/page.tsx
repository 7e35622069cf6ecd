import { cookies } from 'next/headers';
import { CheckoutButton } from '../../components/CheckoutButton';
import { EXPRESS_CHECKOUT, loadFlags } from '../../lib/flags';
import { placeOrder } from '../../lib/orders-client';

export default async function CheckoutPage() {
  const userId = (await cookies()).get('uid')?.value ?? 'anonymous';
  const flags = await loadFlags(userId);

  async function checkout(express: boolean) {
    'use server';
    const order = await placeOrder(userId, 4200, express);
    if (order.status !== 'paid') throw new Error('payment failed');
  }

  return (
    <main>
      <h1>Checkout</h1>
      <CheckoutButton express={false} onCheckout={checkout} />
      {flags.isOn(EXPRESS_CHECKOUT) && <CheckoutButton express onCheckout={checkout} />}
    </main>
  );
}
