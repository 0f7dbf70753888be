import type { Server } from 'node:http';
import { LocalStackError, portTakenMessage } from './preflight.ts';

/** Listens on 127.0.0.1 only: the local stack is for this machine, never the network. */
export function listenOnLoopback(
  server: Server,
  port: number,
  component: string,
  basePort: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new LocalStackError(portTakenMessage(port, component, basePort))
          : err,
      );
    };
    server.once('error', onError);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      server.removeListener('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Closes the server and drops idle keep-alive connections (browsers hold them open). */
export function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeIdleConnections();
    // Whatever is still mid-request after a moment is cut; stopping must not hang on a slow client.
    setTimeout(() => server.closeAllConnections(), 1_000).unref();
  });
}
