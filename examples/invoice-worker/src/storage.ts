import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { INVOICE_BUCKET } from './config';

const s3 = new S3Client({});

export async function storeInvoice(invoiceId: string, pdf: Buffer): Promise<string> {
  const key = `invoices/${invoiceId}.pdf`;
  await s3.send(new PutObjectCommand({ Bucket: INVOICE_BUCKET, Key: key, Body: pdf, ContentType: 'application/pdf' }));
  return key;
}
