import Router from '@koa/router';
import Koa from 'koa';

const app = new Koa();
const router = new Router({ prefix: '/koa' });
const nested = new Router();

nested.get('/items', (ctx) => {
  ctx.body = [];
});
router.use('/v1', nested.routes());
router.get('/ping', (ctx) => {
  ctx.body = 'pong';
});

app.use(router.routes()).use(router.allowedMethods());
export default app;
