/**
 * One access-log line per request, written when it ends (method, url, address, status, time),
 * instead of Fastify's two (« incoming request » then « request completed »): pino's work is a
 * visible share of a page's cost (issue 8), and the second line added nothing the first had not.
 * At `debug` the arrival is logged too, to follow a request that never ends. Bodies, cookies and authorization headers are never logged (logging.ts).
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

export class AccessLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
