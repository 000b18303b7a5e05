// The members area's refusals and errors as problem+json ({status, title, detail}): the receiver's own and the app's.
import type { FastifyReply } from 'fastify';

export const problemReply = (reply: FastifyReply, status: number, title: string, detail: string) =>
  reply.code(status).type('application/problem+json').send({ status, title, detail });
