// A request whose client went away mid-body is told apart from a server fault (route-handlers logs it
// as a warning): Node's own error for an aborted incoming request, and the fetch-style AbortError.
import { createServer, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientWentAway } from '@/server/http';

/** The error Node raises on the server's side when the client closes the connection mid-body. */
function serverSideAbort(): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const server = createServer((req) => {
      req.on('error', (error) => {
        server.close();
        resolve(error);
      });
      req.on('data', () => client.destroy());
    });
    let client: ReturnType<typeof request>;
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      client = request({ host: '127.0.0.1', port, method: 'POST', headers: { 'content-length': '1000000' } });
      client.on('error', () => undefined);
      client.write(Buffer.alloc(1000));
    });
    setTimeout(() => reject(new Error('no abort seen')), 5000);
  });
}

describe('clientWentAway', () => {
  it('is true for the error Node gives a request whose client left mid-body', async () => {
    const error = await serverSideAbort();
    expect(clientWentAway(error)).toBe(true);
  });
  it('is true for an AbortError, false for other failures', () => {
    expect(clientWentAway(new DOMException('gone', 'AbortError'))).toBe(true);
    expect(clientWentAway(new Error('connection refused by the database'))).toBe(false);
    expect(clientWentAway('aborted')).toBe(false);
  });
});
