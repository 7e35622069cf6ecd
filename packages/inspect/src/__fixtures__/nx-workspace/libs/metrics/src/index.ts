import { Counter } from 'prom-client';

const PREFIX = 'acme';

export const uploads = new Counter({ name: `${PREFIX}_uploads_total`, help: 'Uploads', labelNames: ['outcome'] });
