// Device tokens: the secret a sensor presents (MQTT password or HTTP bearer). Only its SHA-256 is
// stored, so a leaked devices table lets no one publish.
import { hashToken, newToken } from '../lib/random.js';

/** Every device token starts with this, so that a leaked one is recognisable in logs and scans. */
export const DEVICE_TOKEN_PREFIX = 'nbd_';

/** A device token: the prefix and 43 url-safe characters (32 random bytes, 256 bits). */
export const DEVICE_TOKEN_PATTERN = /^nbd_[A-Za-z0-9_-]{43}$/;

/** A new device token and the hash under which it is stored. */
export interface IssuedDeviceToken {
  /** Shown once to the seller, never stored. */
  token: string;
  /** SHA-256 of the token in hex, for devices.token_hash. */
  hash: string;
}

/** Issues a new random device token with its hash. */
export function issueDeviceToken(): IssuedDeviceToken {
  const token = `${DEVICE_TOKEN_PREFIX}${newToken()}`;
  return { token, hash: hashDeviceToken(token) };
}

/** SHA-256 of a device token in hex, as devices.token_hash holds it. */
export function hashDeviceToken(token: string): string {
  return hashToken(token);
}

/** Tells whether a string has the form of a device token (says nothing of whether it is valid). */
export function looksLikeDeviceToken(token: string): boolean {
  return DEVICE_TOKEN_PATTERN.test(token);
}
