// Resume tokens and TURN credentials.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PeerId, RoomId, UserId } from '../../shared/ids.js';
import { iceServersFor, turnCredentials } from './ice.js';
import { RESUME_TOKEN_TTL_MS, signResumeToken, verifyResumeToken } from './tokens.js';
import type { ResumeClaims } from './tokens.js';

const secret = Buffer.alloc(32, 1);
const now = Date.UTC(2026, 10, 28, 9, 0, 0);
const claims: ResumeClaims = {
  roomId: 'room-0000000000000001' as RoomId,
  peerId: 'peer-0000000000000001' as PeerId,
  name: 'Jörg Weiß 😀',
  role: 'host',
  userId: 'user-0000000000000001' as UserId,
  exp: now + RESUME_TOKEN_TTL_MS,
};

describe('resume tokens', () => {
  it('round-trips its claims while unexpired', () => {
    const token = signResumeToken(secret, claims);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyResumeToken(secret, token, now)).toEqual(claims);
    expect(
      verifyResumeToken(secret, signResumeToken(secret, { ...claims, userId: null }), now),
    ).toMatchObject({ userId: null });
  });

  it('refuses a token once it has expired', () => {
    const token = signResumeToken(secret, claims);
    expect(verifyResumeToken(secret, token, claims.exp - 1)).not.toBeNull();
    expect(verifyResumeToken(secret, token, claims.exp)).toBeNull();
  });

  it('refuses tokens signed with another secret or altered in any part', () => {
    const token = signResumeToken(secret, claims);
    const [payload, mac] = token.split('.') as [string, string];
    const otherPayload = Buffer.from(JSON.stringify({ v: 1, ...claims, role: 'guest' })).toString(
      'base64url',
    );
    expect(verifyResumeToken(Buffer.alloc(32, 2), token, now)).toBeNull();
    expect(verifyResumeToken(secret, `${otherPayload}.${mac}`, now)).toBeNull();
    expect(verifyResumeToken(secret, `${payload}.${mac.slice(0, -2)}`, now)).toBeNull();
    for (const bad of ['', '.', 'abc', `${payload}.`, `.${mac}`, `${token}.x`, 'a.b.c']) {
      expect(verifyResumeToken(secret, bad, now)).toBeNull();
    }
  });

  it('refuses a correctly signed payload that is not a resume claim', () => {
    const payload = Buffer.from(JSON.stringify({ hello: 'world' })).toString('base64url');
    const mac = createHmac('sha256', secret)
      .update(`nahbar.resume.v1.${payload}`)
      .digest('base64url');
    expect(verifyResumeToken(secret, `${payload}.${mac}`, now)).toBeNull();
  });
});

describe('TURN credentials', () => {
  const turn = {
    urls: ['turn:127.0.0.1:3478?transport=udp', 'turns:turn.example.test:443?transport=tcp'],
    secret: 'a-shared-secret-of-coturn',
    ttlSeconds: 3600,
  };

  it('uses `${expiry}:${peerId}` and base64(HMAC-SHA1(secret, username))', () => {
    const server = turnCredentials(turn, claims.peerId, now + 999);
    const expiry = Math.floor(now / 1000) + 3600;
    expect(server.username).toBe(`${expiry}:${claims.peerId}`);
    expect(server.credential).toBe(
      createHmac('sha1', turn.secret).update(server.username!).digest('base64'),
    );
    expect(server.urls).toEqual(turn.urls);
  });

  it('adds TURN after the configured servers, and nothing without TURN', () => {
    const iceServers = [{ urls: 'stun:127.0.0.1:3478' }];
    expect(iceServersFor({ iceServers, turn: null }, claims.peerId, now)).toEqual(iceServers);
    const withTurn = iceServersFor({ iceServers, turn }, claims.peerId, now);
    expect(withTurn).toHaveLength(2);
    expect(withTurn[0]).toEqual(iceServers[0]);
    expect(withTurn[1]).toMatchObject({ urls: turn.urls });
  });
});
