// The alarm API on SQLite and PostgreSQL: rules validated at the edge, machines visible only to
// the seller who owns them (and the account owner), and a rule created over HTTP that the running
// monitor evaluates at once, with its alarm on the machine and on the customer's Today entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ALARM_RULES_PER_DEVICE } from '../../shared/api/machines.js';
import type { AlarmRuleView, AlarmView } from '../../shared/api/machines.js';
import type { CompanyId, ContactId, DeviceId, MachineId } from '../../shared/ids.js';
import { inviteSeller, setupOwner } from '../test/actors.js';
import type { SignedIn } from '../test/actors.js';
import { insertDevice, insertMachine } from '../test/alarm-fixtures.js';
import { createTestApp } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { DIALECTS } from '../test/databases.js';

describe.each(DIALECTS)('alarm API on %s', (dialect) => {
  let t: TestApp;
  let owner: SignedIn;
  let a: SignedIn;
  let b: SignedIn;
  /** Seller A's customer, machine and device. */
  let mine: { contactId: ContactId; machineId: MachineId; deviceId: DeviceId };

  /** Creates a customer contact (with a company) of `who`, and a machine with one device. */
  async function customerOf(who: SignedIn, name: string) {
    const res = await who.agent.post('/api/contacts', { name, companyName: `${name} GmbH` });
    expect(res.statusCode).toBe(201);
    const contact = res.json<{ contact: { id: ContactId; companyId: CompanyId } }>().contact;
    const machineId = await insertMachine(t.db, {
      ownerId: who.user.id,
      companyId: contact.companyId,
      contactId: contact.id,
      name: `Presse von ${name}`,
    });
    const deviceId = await insertDevice(t.db, { machineId });
    return { contactId: contact.id, machineId, deviceId };
  }

  const postRule = (who: SignedIn, deviceId: DeviceId, body: unknown) =>
    who.agent.post(`/api/devices/${deviceId}/alarm-rules`, body);

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    owner = await setupOwner(t, { name: 'Olga Owner' });
    a = await inviteSeller(t, owner.agent, { name: 'Anton Seller' });
    b = await inviteSeller(t, owner.agent, { name: 'Berta Seller' });
    mine = await customerOf(a, 'Carla Kundin');
  });

  afterAll(async () => {
    await t.close();
  });

  it('creates threshold and offline rules with defaults and lists them', async () => {
    const { deviceId } = await customerOf(a, 'Rita Regel');
    const above = await postRule(a, deviceId, {
      kind: 'above',
      key: 'spindle.temp',
      threshold: 80,
    });
    expect(above.statusCode).toBe(201);
    expect(above.json<{ rule: AlarmRuleView }>().rule).toMatchObject({
      deviceId,
      kind: 'above',
      key: 'spindle.temp',
      threshold: 80,
      hysteresis: 0,
      minDurationSeconds: 0,
    });
    const offline = await postRule(a, deviceId, { kind: 'offline', intervals: 5 });
    expect(offline.statusCode).toBe(201);
    const list = await a.agent.get(`/api/devices/${deviceId}/alarm-rules`);
    expect(list.statusCode).toBe(200);
    const rules = list.json<{ rules: AlarmRuleView[] }>().rules;
    expect(rules.map((r) => r.kind)).toEqual(['above', 'offline']);
    expect(rules[1]).toEqual({
      id: offline.json<{ rule: AlarmRuleView }>().rule.id,
      deviceId,
      kind: 'offline',
      intervals: 5,
    });
    // No state or other columns leak out.
    expect(Object.keys(rules[0] ?? {}).sort()).toEqual(
      ['deviceId', 'hysteresis', 'id', 'key', 'kind', 'minDurationSeconds', 'threshold'].sort(),
    );
  });

  it('returns 400 for rules that break the limits', async () => {
    const bad: [string, unknown][] = [
      ['no key', { kind: 'above', threshold: 1 }],
      ['an invalid key', { kind: 'above', key: 'temp erature', threshold: 1 }],
      ['an empty key', { kind: 'below', key: '', threshold: 1 }],
      ['no threshold', { kind: 'above', key: 'temp' }],
      ['a text threshold', { kind: 'above', key: 'temp', threshold: '80' }],
      ['a negative hysteresis', { kind: 'above', key: 'temp', threshold: 1, hysteresis: -0.1 }],
      ['a negative duration', { kind: 'above', key: 'temp', threshold: 1, minDurationSeconds: -1 }],
      ['over a day', { kind: 'above', key: 'temp', threshold: 1, minDurationSeconds: 86_401 }],
      [
        'a fractional duration',
        { kind: 'above', key: 'temp', threshold: 1, minDurationSeconds: 1.5 },
      ],
      ['no intervals', { kind: 'offline' }],
      ['zero intervals', { kind: 'offline', intervals: 0 }],
      ['too many intervals', { kind: 'offline', intervals: 1001 }],
      ['an unknown kind', { kind: 'equal', key: 'temp', threshold: 1 }],
    ];
    for (const [what, body] of bad) {
      const res = await postRule(a, mine.deviceId, body);
      expect(res.statusCode, what).toBe(400);
    }
    // JSON can spell a number too large for a double; it parses to Infinity, which is refused.
    const infinite = await a.agent.request({
      method: 'POST',
      url: `/api/devices/${mine.deviceId}/alarm-rules`,
      body: '{"kind":"above","key":"temp","threshold":1e999}',
      headers: { 'content-type': 'application/json' },
    });
    expect(infinite.statusCode).toBe(400);
    const edge = await postRule(a, mine.deviceId, {
      kind: 'below',
      key: 'temp',
      threshold: -40.5,
      hysteresis: 0,
      minDurationSeconds: 86_400,
    });
    expect(edge.statusCode).toBe(201);
    const rules = await a.agent.get(`/api/devices/${mine.deviceId}/alarm-rules`);
    expect(rules.json<{ rules: AlarmRuleView[] }>().rules).toHaveLength(1);
    await a.agent.delete(`/api/alarm-rules/${edge.json<{ rule: AlarmRuleView }>().rule.id}`);
  });

  it('refuses a rule beyond the per-device limit with 409, until one is deleted', async () => {
    const { deviceId } = await customerOf(a, 'Lena Limit');
    const rule = (i: number) => ({ kind: 'above', key: `k${i}`, threshold: i });
    const ids: string[] = [];
    for (let i = 0; i < MAX_ALARM_RULES_PER_DEVICE; i++) {
      const res = await postRule(a, deviceId, rule(i));
      expect(res.statusCode).toBe(201);
      ids.push(res.json<{ rule: AlarmRuleView }>().rule.id);
    }
    const over = await postRule(a, deviceId, rule(99));
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ error: { code: 'too_many_rules' } });
    await a.agent.delete(`/api/alarm-rules/${ids[0]}`);
    expect((await postRule(a, deviceId, rule(99))).statusCode).toBe(201);
  });

  it("returns 404 to seller B on every alarm route of seller A's machine", async () => {
    const created = await postRule(a, mine.deviceId, { kind: 'offline', intervals: 3 });
    const ruleId = created.json<{ rule: AlarmRuleView }>().rule.id;
    const requests = [
      { method: 'GET', url: `/api/machines/${mine.machineId}/alarms` },
      { method: 'GET', url: `/api/devices/${mine.deviceId}/alarm-rules` },
      {
        method: 'POST',
        url: `/api/devices/${mine.deviceId}/alarm-rules`,
        body: { kind: 'offline', intervals: 2 },
      },
      { method: 'DELETE', url: `/api/alarm-rules/${ruleId}` },
    ] as const;
    for (const req of requests) {
      const res = await b.agent.request(req);
      expect(res.statusCode, `${req.method} ${req.url}`).toBe(404);
    }
    // Nothing changed for A; unknown ids are just as unknown.
    const rules = await a.agent.get(`/api/devices/${mine.deviceId}/alarm-rules`);
    expect(rules.json<{ rules: AlarmRuleView[] }>().rules.map((r) => r.id)).toEqual([ruleId]);
    expect((await a.agent.get('/api/machines/nosuchmachine/alarms')).statusCode).toBe(404);
    expect((await a.agent.delete('/api/alarm-rules/nosuchrule0')).statusCode).toBe(404);
    // The account owner sees and changes every machine's rules.
    expect((await owner.agent.get(`/api/machines/${mine.machineId}/alarms`)).statusCode).toBe(200);
    expect((await owner.agent.delete(`/api/alarm-rules/${ruleId}`)).statusCode).toBe(204);
    const after = await a.agent.get(`/api/devices/${mine.deviceId}/alarm-rules`);
    expect(after.json<{ rules: AlarmRuleView[] }>().rules).toEqual([]);
  });

  it('has the running monitor evaluate a new rule, and shows its alarm on the machine and Today', async () => {
    const customer = await customerOf(a, 'Dora Druck');
    const created = await postRule(a, customer.deviceId, {
      kind: 'below',
      key: 'pressure',
      threshold: 2,
      hysteresis: 0.5,
    });
    const rule = created.json<{ rule: AlarmRuleView }>().rule;
    const ts = Date.now();
    await t.ctx.alarms.onReadings([
      { deviceId: customer.deviceId, key: 'pressure', ts, value: 1.2 },
    ]);
    const alarms = await a.agent.get(`/api/machines/${customer.machineId}/alarms`);
    expect(alarms.json<{ alarms: AlarmView[] }>().alarms).toEqual([
      {
        id: expect.any(String) as string,
        ruleId: rule.id,
        machineId: customer.machineId,
        deviceId: customer.deviceId,
        kind: 'below',
        key: 'pressure',
        value: 1.2,
        openedAt: ts,
        closedAt: null,
      },
    ]);
    const today = await a.agent.get('/api/today');
    const entries = today.json<{
      entries: { contact: { id: string }; reasons: { kind: string; detail: object }[] }[];
    }>().entries;
    const entry = entries.find((e) => e.contact.id === customer.contactId);
    expect(entry?.reasons.map((r) => r.kind)).toContain('machine_alarm');
    expect(entry?.reasons.find((r) => r.kind === 'machine_alarm')?.detail).toMatchObject({
      machineName: 'Presse von Dora Druck',
      link: `/machines/${customer.machineId}?at=${ts}`,
    });
    // Seller B's Today never shows A's customer.
    const theirs = await b.agent.get('/api/today');
    expect(JSON.stringify(theirs.json())).not.toContain(customer.contactId);
  });
});
