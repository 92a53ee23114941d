// Routes of the relationship memory: contacts, their timelines, touchpoints, snoozing and search.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { TagCadencesView } from '../../shared/api/contacts.js';
import { contactInputSchema, FALLBACK_CADENCE_DAYS } from '../../shared/contacts.js';
import type { CompanyId, ContactId } from '../../shared/ids.js';
import { requireOwner, requireUser } from '../accounts/auth.js';
import type { AuthUser } from '../accounts/auth.js';
import type { AppContext } from '../app.js';
import { presentTouchpoint } from '../touchpoints/touchpoint.presenters.js';
import { listTouchpoints } from '../touchpoints/touchpoint.repository.js';
import { completeNextStep, logTouchpoint } from '../touchpoints/touchpoint.service.js';
import { presentContact } from './contact.presenters.js';
import {
  findContactRecordsByIds,
  findCompanyById,
  listVisibleContacts,
  loadContactRecords,
} from './contact.repository.js';
import type { Viewer } from './contact.repository.js';
import {
  contactIdParamsSchema,
  listContactsQuerySchema,
  logTouchpointBodySchema,
  mergeBodySchema,
  searchQuerySchema,
  snoozeBodySchema,
  tagCadenceBodySchema,
  tagParamsSchema,
  touchpointIdParamsSchema,
} from './contact.schemas.js';
import { loadTagCadences, setTagCadence } from './cadence.js';
import { createContact, getContact, snoozeContact, updateContact } from './contact.service.js';
import { personalLinkUrl } from './link.service.js';
import { mergeContacts } from './merge.service.js';
import { searchDocs } from './search.repository.js';

const DAY_MS = 86_400_000;
/** Most timeline entries sent with a contact. */
const TIMELINE_LIMIT = 200;

/** The viewer a signed-in user is. */
export function viewerOf(user: AuthUser): Viewer {
  return { id: user.id, isOwner: user.role === 'owner' };
}

/** The contacts sub-app, mounted under /api. */
export function contactRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, clock } = ctx;
  return async (app) => {
    app.get('/contacts', { schema: { querystring: listContactsQuerySchema } }, async (req) => {
      const viewer = viewerOf(requireUser(req));
      const rows = await listVisibleContacts(db, viewer, req.query);
      const records = await loadContactRecords(db, rows);
      return { contacts: records.map((r) => presentContact(r, viewer)) };
    });

    app.post('/contacts', { schema: { body: contactInputSchema } }, async (req, reply) => {
      const viewer = viewerOf(requireUser(req));
      const record = await db
        .transaction()
        .execute((trx) => createContact(trx, clock, { viewer, input: req.body }));
      return reply.status(201).send({ contact: presentContact(record, viewer) });
    });

    // The team's cadences per tag: every seller reads them, the account owner changes them.
    app.get('/tag-cadences', async (req): Promise<TagCadencesView> => {
      requireUser(req);
      const cadences = Object.entries(await loadTagCadences(db))
        .map(([tag, days]) => ({ tag, days }))
        .sort((a, b) => a.days - b.days || a.tag.localeCompare(b.tag));
      return { cadences, fallbackDays: FALLBACK_CADENCE_DAYS };
    });

    app.put(
      '/tag-cadences/:tag',
      { schema: { params: tagParamsSchema, body: tagCadenceBodySchema } },
      async (req) => {
        requireOwner(req);
        await setTagCadence(db, req.params.tag, req.body.days);
        return { cadence: { tag: req.params.tag, days: req.body.days } };
      },
    );

    app.delete(
      '/tag-cadences/:tag',
      { schema: { params: tagParamsSchema } },
      async (req, reply) => {
        requireOwner(req);
        await setTagCadence(db, req.params.tag, null);
        return reply.status(204).send();
      },
    );

    app.post('/contacts/merge', { schema: { body: mergeBodySchema } }, async (req) => {
      const viewer = viewerOf(requireUser(req));
      const record = await mergeContacts(db, clock, { viewer, ...req.body });
      return { contact: presentContact(record, viewer) };
    });

    app.get('/contacts/:id', { schema: { params: contactIdParamsSchema } }, async (req) => {
      const viewer = viewerOf(requireUser(req));
      const record = await getContact(db, viewer, req.params.id);
      const timeline = await listTouchpoints(db, { contactId: record.row.id }, TIMELINE_LIMIT);
      return {
        contact: presentContact(record, viewer),
        timeline: timeline.map(presentTouchpoint),
      };
    });

    app.put(
      '/contacts/:id',
      { schema: { params: contactIdParamsSchema, body: contactInputSchema } },
      async (req) => {
        const viewer = viewerOf(requireUser(req));
        const record = await updateContact(db, clock, {
          viewer,
          contactId: req.params.id,
          input: req.body,
        });
        return { contact: presentContact(record, viewer) };
      },
    );

    app.post(
      '/contacts/:id/touchpoints',
      { schema: { params: contactIdParamsSchema, body: logTouchpointBodySchema } },
      async (req, reply) => {
        const viewer = viewerOf(requireUser(req));
        const row = await logTouchpoint(db, clock, {
          viewer,
          contactId: req.params.id,
          ...req.body,
        });
        return reply.status(201).send({ touchpoint: presentTouchpoint(row) });
      },
    );

    app.post(
      '/touchpoints/:id/next-step-done',
      { schema: { params: touchpointIdParamsSchema } },
      async (req) => {
        const viewer = viewerOf(requireUser(req));
        const row = await completeNextStep(db, clock, { viewer, touchpointId: req.params.id });
        return { touchpoint: presentTouchpoint(row) };
      },
    );

    app.post(
      '/contacts/:id/snooze',
      { schema: { params: contactIdParamsSchema, body: snoozeBodySchema } },
      async (req, reply) => {
        const viewer = viewerOf(requireUser(req));
        const until = req.body.days === 0 ? null : clock.now() + req.body.days * DAY_MS;
        await snoozeContact(db, viewer, req.params.id, until);
        return reply.status(204).send();
      },
    );

    app.post('/contacts/:id/link', { schema: { params: contactIdParamsSchema } }, async (req) => {
      const viewer = viewerOf(requireUser(req));
      const url = await personalLinkUrl(db, clock, {
        viewer,
        contactId: req.params.id,
        publicUrl: ctx.config.publicUrl,
      });
      return { url };
    });

    app.get('/search', { schema: { querystring: searchQuerySchema } }, async (req) => {
      const viewer = viewerOf(requireUser(req));
      const hits = await searchDocs(db, viewer, req.query.q, req.query.limit);
      const contactIds = hits.filter((h) => h.kind === 'contact').map((h) => h.id as ContactId);
      const records = await findContactRecordsByIds(db, contactIds);
      const byId = new Map(records.map((r) => [r.row.id as string, r]));
      const results = [];
      for (const hit of hits) {
        if (hit.kind === 'contact') {
          const record = byId.get(hit.id);
          if (record)
            results.push({ kind: 'contact' as const, contact: presentContact(record, viewer) });
        } else {
          const company = await findCompanyById(db, hit.id as CompanyId);
          if (company) {
            results.push({
              kind: 'company' as const,
              company: { id: company.id, name: company.name },
            });
          }
        }
      }
      return { results };
    });
  };
}
