import * as configcat from 'configcat-node';

const client = configcat.getClient(process.env.CONFIGCAT_KEY ?? '');

export async function promo() {
  const on = await client.getValueAsync('promo', false);
  if (on) return 'promo';
  return 'regular';
}
