// Settings of the test suite itself (not of Nahbar): where PostgreSQL, Chromium, coturn and
// the built client are, and how verbosely the browser tests' in-process server logs.
import { z } from 'zod';

const schema = z.object({
  NAHBAR_TEST_POSTGRES_URL: z.string().default('postgres://postgres@127.0.0.1:5432/test'),
  NAHBAR_TEST_CHROMIUM: z.string().default('/usr/bin/chromium'),
  NAHBAR_TEST_TURNSERVER: z.string().default('/usr/bin/turnserver'),
  /** The built client the browser tests serve; `npm test` builds it into dist/client first. */
  NAHBAR_TEST_CLIENT_DIR: z.string().default('dist/client'),
  /** Level of the server log that each browser test writes to its temp dir (printed on failure). */
  NAHBAR_TEST_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('debug'),
});

/** The validated test settings, read once. */
export const testEnv = schema.parse(process.env);
