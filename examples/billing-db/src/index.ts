export { billingDb } from './db';
export { attachPdf, createInvoice } from './invoices';
export type { Invoice } from './invoices';
