// The UI texts as the client's translation files define them, so tests can assert the message a
// person reads (e.g. "No camera was found") without copying the wording into the tests.
import fs from 'node:fs';

/** A UI language of the client. */
export type UiLanguage = 'de' | 'en';
/** A translation namespace of the client. */
export type UiNamespace =
  'common' | 'accounts' | 'lounge' | 'contacts' | 'machines' | 'booking' | 'bookingSeller';

const cache = new Map<string, unknown>();

function load(lang: UiLanguage, ns: UiNamespace): unknown {
  const file = new URL(`../../client/i18n/${lang}/${ns}.json`, import.meta.url);
  const key = file.href;
  if (!cache.has(key)) cache.set(key, JSON.parse(fs.readFileSync(file, 'utf8')) as unknown);
  return cache.get(key);
}

/** The text at a dotted `key` (e.g. `device.camera.missing`), with `{{name}}` values filled in. */
export function uiText(
  lang: UiLanguage,
  ns: UiNamespace,
  key: string,
  values: Record<string, string> = {},
): string {
  let node: unknown = load(lang, ns);
  for (const part of key.split('.')) {
    node =
      typeof node === 'object' && node !== null
        ? (node as Record<string, unknown>)[part]
        : undefined;
  }
  if (typeof node !== 'string') throw new Error(`no ${lang} text ${ns}:${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}
