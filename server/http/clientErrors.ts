// What Node's HTTP parser refuses before Fastify sees a request (a malformed request line,
// headers too large, a request that took too long to arrive) is answered in the endpoint's
// words too: Fastify's own answer was `{"error":"Bad Request","message":"Client Error"}`
// (issue 12, finding 9). The connection is closed after it.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Refusal } from '../errors';
import { refusal, statusOf } from '../errors';

export function refusalOfClientError(error: NodeJS.ErrnoException): Refusal {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return refusal('request-timeout', 'the request took too long to arrive; send it again');
    case 'HPE_HEADER_OVERFLOW':
      return refusal('headers-too-large', 'the request headers are larger than this endpoint reads');
    default:
      return refusal('invalid-request', 'the request could not be read as HTTP/1.1');
  }
}

export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const refused = refusalOfClientError(error);
    const status = statusOf(refused.error);
    const body = JSON.stringify(refused);
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  }
  socket.destroy();
}
