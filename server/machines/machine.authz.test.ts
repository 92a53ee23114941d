// Seller A against seller B on every machines route, on SQLite and PostgreSQL: B's machines and
// devices do not exist for A (read, change, delete, provision, tokens, keys, list), while the
// account owner sees and may change every machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceTokenView, MachineView } from '../../shared/api/machines.js';
import { inviteSeller, setupOwner } from '../test/actors.js';
import type { SignedIn } from '../test/actors.js';
import { createTestApp } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { DIALECTS } from '../test/databases.js';
import { createMachineFor, provisionDeviceFor } from '../test/machines.js';

describe.each(DIALECTS)('machines of seller A and seller B on %s', (dialect) => {
  let t: TestApp;
  let owner: SignedIn;
  let a: SignedIn;
  let b: SignedIn;
  let bMachine: MachineView;
  let bDevice: DeviceTokenView;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    owner = await setupOwner(t, { name: 'Olga Owner' });
    a = await inviteSeller(t, owner.agent, { name: 'Anton Seller' });
    b = await inviteSeller(t, owner.agent, { name: 'Berta Seller' });
    await createMachineFor(a.agent, { name: 'Antons Drehbank' });
    bMachine = await createMachineFor(b.agent, { name: 'Bertas Presse' });
    bDevice = await provisionDeviceFor(b.agent, bMachine.id, { name: 'Bertas Sensor' });
  });

  afterAll(async () => {
    await t.close();
  });

  it("gives seller A a 404 on every route for seller B's machine and device", async () => {
    const m = bMachine.id;
    const d = bDevice.device.id;
    const requests = [
      { method: 'GET', url: `/api/machines/${m}` },
      { method: 'PATCH', url: `/api/machines/${m}`, body: { name: 'Gekapert' } },
      { method: 'POST', url: `/api/machines/${m}/devices`, body: { name: 'Wanze' } },
      { method: 'PATCH', url: `/api/devices/${d}`, body: { name: 'Gekapert' } },
      { method: 'PUT', url: `/api/devices/${d}/keys/temp`, body: { unit: 'K' } },
      { method: 'POST', url: `/api/devices/${d}/token` },
      { method: 'DELETE', url: `/api/devices/${d}/token` },
      { method: 'DELETE', url: `/api/devices/${d}` },
      { method: 'DELETE', url: `/api/machines/${m}` },
    ] as const;
    for (const req of requests) {
      const res = await a.agent.request(req);
      expect(res.statusCode, `${req.method} ${req.url}`).toBe(404);
    }
    // Nothing changed for B: same machine, same device, same working token, no new device.
    const mine = await b.agent.get(`/api/machines/${m}`);
    expect(mine.json<{ machine: MachineView }>().machine).toEqual({
      ...bMachine,
      devices: [bDevice.device],
    });
    expect(await t.ctx.devices.authenticate(bDevice.token)).not.toBeNull();
  });

  it("keeps seller B's machines out of A's list", async () => {
    const list = await a.agent.get('/api/machines');
    const names = list.json<{ machines: MachineView[] }>().machines.map((m) => m.name);
    expect(names).toEqual(['Antons Drehbank']);
  });

  it('lets the owner list, read and change every machine and device', async () => {
    const list = await owner.agent.get('/api/machines');
    const names = list.json<{ machines: MachineView[] }>().machines.map((m) => m.name);
    expect(names).toEqual(['Antons Drehbank', 'Bertas Presse']);
    expect((await owner.agent.get(`/api/machines/${bMachine.id}`)).statusCode).toBe(200);
    const renamed = await owner.agent.patch(`/api/devices/${bDevice.device.id}`, {
      name: 'Vom Chef benannt',
    });
    expect(renamed.statusCode).toBe(200);
    const seen = await b.agent.get(`/api/machines/${bMachine.id}`);
    expect(seen.json<{ machine: MachineView }>().machine.devices[0]?.name).toBe('Vom Chef benannt');
  });
});
