// Settings of the test suite itself (not of Nahbar): where PostgreSQL and Chromium are.
import { z } from 'zod';

const schema = z.object({
  NAHBAR_TEST_POSTGRES_URL: z.string().default('postgres://postgres@127.0.0.1:5432/test'),
  NAHBAR_TEST_CHROMIUM: z.string().default('/usr/bin/chromium'),
  NAHBAR_TEST_TURNSERVER: z.string().default('/usr/bin/turnserver'),
});

/** The validated test settings, read once. */
export const testEnv = schema.parse(process.env);
