// Translations: German and English, chosen from the browser language and switchable by the user.
import i18next from 'i18next';
import type { BackendModule, ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import deAccounts from './de/accounts.json';
import deCommon from './de/common.json';
import deLounge from './de/lounge.json';
import enAccounts from './en/accounts.json';
import enCommon from './en/common.json';
import enLounge from './en/lounge.json';

/** Languages the UI speaks. */
export const LANGUAGES = ['de', 'en'] as const;
/** A UI language. */
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'nahbar.language';

/** Translation resources, one namespace per feature. */
export const resources = {
  de: { common: deCommon, accounts: deAccounts, lounge: deLounge },
  en: { common: enCommon, accounts: enAccounts, lounge: enLounge },
} as const;

/**
 * Namespaces only some pages use (seller pages, and the guest's booking pages). They load with
 * the first page that asks for them (the page suspends meanwhile), so the guest's lounge page
 * never downloads them.
 */
const lazyNamespaces: Readonly<
  Record<string, Readonly<Record<Language, () => Promise<{ default: ResourceKey }>>>>
> = {
  contacts: {
    de: () => import('./de/contacts.json'),
    en: () => import('./en/contacts.json'),
  },
  machines: {
    de: () => import('./de/machines.json'),
    en: () => import('./en/machines.json'),
  },
  // The guest's booking and manage pages.
  booking: {
    de: () => import('./de/booking.json'),
    en: () => import('./en/booking.json'),
  },
  bookingSeller: {
    de: () => import('./de/bookingSeller.json'),
    en: () => import('./en/bookingSeller.json'),
  },
};

/** An i18next backend that loads the lazy namespaces as separate chunks of the build. */
const lazyBackend: BackendModule = {
  type: 'backend',
  callbackApi: true,
  init() {},
  read(language, namespace, callback) {
    const load = lazyNamespaces[namespace]?.[language as Language];
    if (!load) {
      callback(null, {});
      return;
    }
    load().then(
      (module) => callback(null, module.default),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), false),
    );
  },
};

/** Picks the stored choice, else the first browser language we speak, else English. */
export function detectLanguage(stored: string | null, browser: readonly string[]): Language {
  if (stored === 'de' || stored === 'en') return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'de' || base === 'en') return base;
  }
  return 'en';
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Initialises i18next; call once before rendering. */
export async function initI18n(): Promise<void> {
  const lng = detectLanguage(readStored(), navigator.languages ?? [navigator.language]);
  await i18next
    .use(initReactI18next)
    .use(lazyBackend)
    .init({
      resources,
      // The bundled namespaces come from `resources`, the lazy ones from `lazyBackend`.
      partialBundledLanguages: true,
      lng,
      fallbackLng: 'en',
      defaultNS: 'common',
      ns: ['common', 'accounts', 'lounge'],
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  document.documentElement.lang = lng;
}

/** Switches the UI language and remembers the choice. */
export async function switchLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private mode without storage: the switch still applies to this tab.
  }
  await i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
}
