import { Hono } from 'hono';

const books = new Hono();
books.get('/:id', (c) => c.json({ id: c.req.param('id') }));

const app = new Hono().basePath('/hono');
app.route('/books', books);
app.get('/health', (c) => c.json({ ok: true }));

export default app;
