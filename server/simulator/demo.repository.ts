// The lookups that let the demo fleet find what an earlier run of the simulator created.
import type { CompanyId, ContactId, MachineId, UserId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';

/** Finds a contact of the owner at the company by exact name, oldest first. */
export async function findContactAtCompany(
  db: Db,
  ownerId: UserId,
  companyId: CompanyId,
  name: string,
): Promise<ContactId | undefined> {
  const row = await db
    .selectFrom('contacts')
    .select('id')
    .where('owner_id', '=', ownerId)
    .where('company_id', '=', companyId)
    .where('name', '=', name)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  return row?.id;
}

/** Finds a machine of the owner at the company by exact name, oldest first. */
export async function findMachineAtCompany(
  db: Db,
  ownerId: UserId,
  companyId: CompanyId,
  name: string,
): Promise<MachineId | undefined> {
  const row = await db
    .selectFrom('machines')
    .select('id')
    .where('owner_id', '=', ownerId)
    .where('company_id', '=', companyId)
    .where('name', '=', name)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  return row?.id;
}
