import type { InvoiceJob } from './queue';

/** The v2 renderer adds tax lines per country; it ships behind INVOICE_RENDERER_V2_ENABLED. */
const RENDERER_V2 = process.env.INVOICE_RENDERER_V2_ENABLED === 'true';

export function renderInvoice(job: InvoiceJob): Buffer {
  const total = job.lines.reduce((sum, line) => sum + line.amountCents, 0);
  const header = RENDERER_V2 ? renderHeaderV2(job) : `Invoice ${job.invoiceId}`;
  const body = job.lines.map((line) => `${line.description}\t${(line.amountCents / 100).toFixed(2)}`).join('\n');
  return Buffer.from(`${header}\n${body}\nTotal\t${(total / 100).toFixed(2)}\n`);
}

function renderHeaderV2(job: InvoiceJob): string {
  return `INVOICE ${job.invoiceId} (tax lines included)`;
}
