// ICE servers handed to an admitted participant: the configured ones plus, with coturn, fresh
// time-limited TURN credentials in the `use-auth-secret` (TURN REST API) format.
import { createHmac } from 'node:crypto';
import type { PeerId } from '../../shared/ids.js';
import type { IceServer } from '../../shared/protocol/signaling.js';
import type { Config } from '../env.js';

/** The TURN part of the lounge config. */
export type TurnConfig = NonNullable<Config['lounge']['turn']>;

/** TURN credentials: username `${expiryUnixSeconds}:${peerId}`, credential base64(HMAC-SHA1). */
export function turnCredentials(turn: TurnConfig, peerId: PeerId, now: number): IceServer {
  const expiry = Math.floor(now / 1000) + turn.ttlSeconds;
  const username = `${expiry}:${peerId}`;
  const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
  return { urls: [...turn.urls], username, credential };
}

/** The ICE servers for one participant at one moment. */
export function iceServersFor(
  config: Pick<Config['lounge'], 'iceServers' | 'turn'>,
  peerId: PeerId,
  now: number,
): IceServer[] {
  const servers = config.iceServers.map((s) => ({ ...s }));
  if (config.turn) servers.push(turnCredentials(config.turn, peerId, now));
  return servers;
}
