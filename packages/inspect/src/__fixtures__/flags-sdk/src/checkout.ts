import { isNewCheckoutOn } from './openfeature';

export async function checkout(userId: string) {
  if (await isNewCheckoutOn(userId)) {
    return 'new';
  }
  return 'classic';
}
