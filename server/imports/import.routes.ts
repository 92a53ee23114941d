// Routes of contact import and export. Files come as the raw request body (the client sends the
// file as it is); big ones are read in a worker thread while the rows before are stored, all in
// one transaction.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {
  CsvPreviewView,
  ImportAnswerLine,
  ImportProgressView,
  ImportResultView,
} from '../../shared/api/contacts.js';
import { requireUser } from '../accounts/auth.js';
import type { AppContext } from '../app.js';
import type { Viewer } from '../contacts/contact.repository.js';
import { viewerOf } from '../contacts/contact.routes.js';
import { AppError, Invalid } from '../errors.js';
import { importContacts } from './contact-import.service.js';
import { fileSource } from './import-source.js';
import type { ImportFile } from './import-source.js';
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

/** The media type of an import's answer with progress lines. */
const NDJSON = 'application/x-ndjson';

/** What the import routes answer, for the API docs. */
const IMPORT_ANSWER =
  'Answers `{created, updated, errors}`. With `Accept: application/x-ndjson` the answer is one ' +
  'JSON object per line instead: `{"progress": {"done", "total"}}` after each stored batch ' +
  '(the first with `done` 0 as soon as the rows are counted), then `{"result": …}`, or ' +
  '`{"error": {"code", "message"}}` if storing failed after the progress began (nothing is ' +
  'stored then). A file that cannot be read is refused with 400 before any progress.';

/**
 * Answers an import: one JSON object, or, for a client that accepts NDJSON (the import page), a
 * line of progress after each stored batch and the result as the last line. A file that cannot
 * be read at all (empty, a mapping that does not fit) fails before the first progress line, so
 * it still gets its 400; an error after that ends the lines with `{"error": …}`.
 */
async function answerImport(
  req: FastifyRequest,
  reply: FastifyReply,
  run: (onProgress: (progress: ImportProgressView) => void) => Promise<ImportResultView>,
): Promise<ImportResultView | FastifyReply> {
  if (!req.headers.accept?.includes(NDJSON)) return run(() => undefined);
  const lines = new PassThrough();
  const send = (line: ImportAnswerLine) => lines.write(`${JSON.stringify(line)}\n`);
  let begin: () => void = () => undefined;
  const begun = new Promise<'progress'>((resolve) => (begin = () => resolve('progress')));
  const result = run((progress) => {
    begin();
    send({ progress });
  });
  if ((await Promise.race([begun, result])) !== 'progress') return result;
  result.then(
    (answer) => lines.end(`${JSON.stringify({ result: answer } satisfies ImportAnswerLine)}\n`),
    (err: unknown) => {
      req.log.error({ err }, 'import failed after it had begun');
      const known = err instanceof AppError;
      send({
        error: {
          code: known ? err.code : 'internal',
          message: known ? err.message : 'The import failed; nothing of it was stored',
        },
      });
      lines.end();
    },
  );
  return reply.type(NDJSON).send(lines);
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

    const runImport = (
      req: FastifyRequest,
      reply: FastifyReply,
      viewer: Viewer,
      file: ImportFile,
    ) =>
      answerImport(req, reply, (onProgress) =>
        importContacts(db, clock, viewer, fileSource(file), onProgress),
      );

    app.post(
      '/imports/csv',
      {
        schema: {
          summary: 'Imports a CSV file (the body) with a column mapping',
          description: IMPORT_ANSWER,
          querystring: importCsvQuerySchema,
        },
      },
      async (req, reply) => {
        const viewer = viewerOf(requireUser(req));
        const bytes = fileBody(req.body);
        return runImport(req, reply, viewer, { format: 'csv', bytes, mapping: req.query.mapping });
      },
    );

    app.post(
      '/imports/vcard',
      { schema: { summary: 'Imports a vCard file (the body)', description: IMPORT_ANSWER } },
      async (req, reply) => {
        const viewer = viewerOf(requireUser(req));
        return runImport(req, reply, viewer, { format: 'vcard', bytes: fileBody(req.body) });
      },
    );

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
