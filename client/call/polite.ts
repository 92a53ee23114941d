// Which side of a peer pair is polite in perfect negotiation, decided without any message.
import type { PeerId } from '../../shared/ids';

/**
 * True when `self` is the polite peer towards `remote`: the smaller id is polite. Both sides
 * compute the same answer from the same two ids, so exactly one of them yields on a collision.
 */
export function isPolite(self: PeerId, remote: PeerId): boolean {
  return self < remote;
}
