// The signaling WebSocket endpoint; everything after the upgrade belongs to the Lounge.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorCode, SIGNALING_PATH } from '../../shared/protocol/signaling.js';
import type { AppContext } from '../app.js';

// RFC 6455 "policy violation": the handshake itself was not acceptable.
const CLOSE_POLICY_VIOLATION = 1008;

/**
 * Whether a browser's Origin matches the host it connected to. Browsers send cookies with
 * cross-site WebSocket handshakes, so without this a foreign page could act as a signed-in host.
 * Non-browser clients send no Origin and carry no cookie by accident.
 */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!host) return false;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

/** Mounts the signaling socket. */
export function loungeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Close call sockets with "server restart" (1012) before Fastify's shutdown would close them
    // with 1005, so clients know to resume. Lounge.stop() is idempotent; the service runner calls it again.
    app.addHook('preClose', async () => {
      await ctx.lounge.stop();
    });
    app.get(SIGNALING_PATH, { websocket: true }, (socket, req) => {
      // `req.host` is the Host header, or X-Forwarded-Host when the proxy is trusted.
      if (!isSameOrigin(req.headers.origin, req.host)) {
        socket.send(
          JSON.stringify({
            type: 'error',
            code: ErrorCode.Forbidden,
            message: 'Cross-origin signaling is not allowed',
          }),
        );
        socket.close(CLOSE_POLICY_VIOLATION, 'origin not allowed');
        return;
      }
      ctx.lounge.accept(socket, { user: req.user, ip: req.ip });
    });
  };
}
