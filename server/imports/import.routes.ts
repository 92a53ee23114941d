// Routes of contact import and export. Files come as the raw request body (the client sends the
// file as it is); big ones are read in a worker thread while the rows before are stored, all in
// one transaction.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CsvPreviewView } from '../../shared/api/contacts.js';
import { requireUser } from '../accounts/auth.js';
import type { AppContext } from '../app.js';
import { viewerOf } from '../contacts/contact.routes.js';
import { Invalid } from '../errors.js';
import { importContacts } from './contact-import.service.js';
import { fileSource } from './import-source.js';
import { IMPORT_FIELDS } from '../../shared/imports.js';
import { columnMappingSchema } from './csv.mapping.js';
import { collectExportContacts } from './contact-export.service.js';
import { previewCsv } from './csv.js';
import { exportCsv, exportVcards } from './export.js';

/** Largest file accepted: 100,000 contacts of a wide Outlook export fit comfortably. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** Content types under which a file may be sent. */
const FILE_TYPES = ['application/octet-stream', 'text/csv', 'text/vcard', 'text/x-vcard'];

/** Query of POST /api/imports/csv: the column mapping as JSON (target or null per column). */
const importCsvQuerySchema = z.object({
  mapping: z
    .string()
    .max(20_000)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'the column mapping is not JSON' });
        return z.NEVER;
      }
    })
    .pipe(columnMappingSchema),
});

function fileBody(body: unknown): Uint8Array {
  if (!(body instanceof Uint8Array) || body.length === 0) {
    throw new Invalid('Send the file as the request body', 'empty_file');
  }
  return body;
}

/** The import and export sub-app, mounted under /api. */
export function importRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, clock } = ctx;
  return async (app) => {
    app.addContentTypeParser(
      FILE_TYPES,
      { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES },
      (_req, body, done) => done(null, body),
    );

    app.post('/imports/csv/preview', async (req): Promise<CsvPreviewView> => {
      requireUser(req);
      const preview = previewCsv(fileBody(req.body));
      return { ...preview, targets: [...IMPORT_FIELDS] };
    });

    app.post('/imports/csv', { schema: { querystring: importCsvQuerySchema } }, async (req) => {
      const viewer = viewerOf(requireUser(req));
      const file = {
        format: 'csv',
        bytes: fileBody(req.body),
        mapping: req.query.mapping,
      } as const;
      return importContacts(db, clock, viewer, fileSource(file));
    });

    app.post('/imports/vcard', async (req) => {
      const viewer = viewerOf(requireUser(req));
      const file = { format: 'vcard', bytes: fileBody(req.body) } as const;
      return importContacts(db, clock, viewer, fileSource(file));
    });

    app.get('/exports/contacts.csv', async (req, reply) => {
      const viewer = viewerOf(requireUser(req));
      const csv = exportCsv(await collectExportContacts(db, viewer));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="kontakte.csv"')
        .send(Buffer.from(csv));
    });

    app.get('/exports/contacts.vcf', async (req, reply) => {
      const viewer = viewerOf(requireUser(req));
      const vcf = exportVcards(await collectExportContacts(db, viewer));
      return reply
        .header('content-type', 'text/vcard; charset=utf-8')
        .header('content-disposition', 'attachment; filename="kontakte.vcf"')
        .send(vcf);
    });
  };
}
