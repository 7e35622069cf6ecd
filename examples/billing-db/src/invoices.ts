import { billingDb, queryErrors } from './db';

export interface Invoice {
  id: string;
  order_id: string;
  customer_email: string;
  total_cents: number;
  pdf_key: string | null;
  tax_lines: { country: string; rate: number; amount_cents: number }[] | null;
}

export async function createInvoice(orderId: string, customerEmail: string, totalCents: number): Promise<Invoice> {
  try {
    const [row] = await billingDb()<Invoice>('invoices')
      .insert({ order_id: orderId, customer_email: customerEmail, total_cents: totalCents })
      .onConflict('order_id')
      .merge()
      .returning('*');
    return row as Invoice;
  } catch (error) {
    queryErrors.inc({ query: 'createInvoice' });
    throw error;
  }
}

export async function attachPdf(invoiceId: string, pdfKey: string, taxLines: Invoice['tax_lines']): Promise<void> {
  try {
    await billingDb()('invoices')
      .where({ id: invoiceId })
      .update({ pdf_key: pdfKey, tax_lines: JSON.stringify(taxLines) });
  } catch (error) {
    queryErrors.inc({ query: 'attachPdf' });
    throw error;
  }
}
