import type { FastifyPluginAsync } from 'fastify';

const orders: FastifyPluginAsync = async (fastify) => {
  fastify.get('/', async () => []);
  fastify.post('/', async (request) => request.body);
};

export default orders;
