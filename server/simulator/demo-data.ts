// What the demo fleet is made of: German customers with personal context, machine names, and one
// device per WunderBar module with the meaning of each of its keys. Sellers are German, so the
// names are too.
import type { ContactDraft } from '../../shared/contacts.js';
import type { KeyMetaInput } from '../machines/machine.schemas.js';
import type { WunderbarModule } from './wunderbar.js';

/** Every demo company's name starts with this, so demo data is recognisable (and erasable). */
export const DEMO_PREFIX = 'Demo: ';

/** A demo customer: the company and the person there whose machine it is. */
export interface DemoCustomer {
  company: string;
  contact: Omit<ContactDraft, 'companyName'> & { name: string };
}

const context: Pick<ContactDraft, 'language' | 'timeZone' | 'preferredChannel' | 'tags' | 'notes'> =
  {
    language: 'de',
    timeZone: 'Europe/Berlin',
    preferredChannel: 'lounge',
    tags: ['demo', 'kunde'],
    notes: 'Demo-Kontakt: die Maschinendaten kommen vom Simulator (npm run simulate).',
  };

/** The demo customers; machine n belongs to customer n modulo their number. */
export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  {
    company: 'Müller Maschinenbau GmbH',
    contact: {
      ...context,
      name: 'Jürgen Müller',
      role: 'Werkleiter',
      address: { city: 'Augsburg', country: 'Deutschland' },
      family: 'Verheiratet mit Sabine, zwei Töchter (Lena und Marie).',
      interests: 'Segelt auf dem Ammersee, Dauerkarte beim FC Augsburg.',
      homeOffice: 'Freitags im Homeoffice, dann gut per Lounge erreichbar.',
      birthday: { month: 4, day: 17 },
    },
  },
  {
    company: 'Schneider Präzisionstechnik GmbH',
    contact: {
      ...context,
      name: 'Petra Schneider',
      role: 'Leiterin Instandhaltung',
      address: { city: 'Stuttgart', country: 'Deutschland' },
      family: 'Ein Sohn (Felix), der gerade Abitur macht.',
      interests: 'Läuft Halbmarathon, backt Sauerteigbrot.',
      birthday: { month: 9, day: 3 },
    },
  },
  {
    company: 'Becker Antriebstechnik AG',
    contact: {
      ...context,
      name: 'Thomas Becker',
      role: 'Produktionsleiter',
      address: { city: 'Bielefeld', country: 'Deutschland' },
      family: 'Zwei Labradore, Bruno und Frieda.',
      interests: 'Restauriert Oldtimer-Traktoren.',
    },
  },
  {
    company: 'Hoffmann Blechbearbeitung GmbH & Co. KG',
    contact: {
      ...context,
      name: 'Anja Hoffmann',
      role: 'Geschäftsführerin',
      address: { city: 'Chemnitz', country: 'Deutschland' },
      family: 'Zwillinge im Kindergartenalter.',
      interests: 'Klettert im Elbsandsteingebirge.',
    },
  },
  {
    company: 'Wagner Werkzeugbau GmbH',
    contact: {
      ...context,
      name: 'Klaus Wagner',
      role: 'Meister Fräserei',
      address: { city: 'Pforzheim', country: 'Deutschland' },
      family: 'Seit Kurzem Großvater.',
      interests: 'Schach im Verein, hört Jazz.',
    },
  },
  {
    company: 'Schulz Kunststofftechnik GmbH',
    contact: {
      ...context,
      name: 'Sabine Schulz',
      role: 'Einkaufsleiterin',
      address: { city: 'Lüdenscheid', country: 'Deutschland' },
      interests: 'Reitet; ihr Pferd heißt Kalle.',
    },
  },
  {
    company: 'Koch Feinmechanik GmbH',
    contact: {
      ...context,
      name: 'Markus Koch',
      role: 'Technischer Leiter',
      address: { city: 'Jena', country: 'Deutschland' },
      family: 'Zwei Söhne, beide im Handball.',
      interests: 'Trainiert die D-Jugend im Handball.',
    },
  },
  {
    company: 'Richter Stahlbau GmbH',
    contact: {
      ...context,
      name: 'Claudia Richter',
      role: 'Betriebsleiterin',
      address: { city: 'Duisburg', country: 'Deutschland' },
      interests: 'Fotografiert Industriekultur im Ruhrgebiet.',
    },
  },
  {
    company: 'Klein Automation GmbH',
    contact: {
      ...context,
      name: 'Stefan Klein',
      role: 'Leiter Fertigung',
      address: { city: 'Regensburg', country: 'Deutschland' },
      family: 'Eine Tochter, die in Wien studiert.',
      interests: 'Fährt Rennrad, am liebsten den Donauradweg.',
    },
  },
  {
    company: 'Wolf Gießerei GmbH',
    contact: {
      ...context,
      name: 'Monika Wolf',
      role: 'Qualitätsleiterin',
      address: { city: 'Siegen', country: 'Deutschland' },
      interests: 'Singt im Kirchenchor, Gärtnerin aus Leidenschaft.',
    },
  },
];

const MACHINE_KINDS = [
  'CNC-Fräse',
  'Drehzentrum',
  'Laserschneidanlage',
  'Abkantpresse',
  'Schleifmaschine',
] as const;

/** The company of demo machine `index` (0, 1, …); past the customer list, further plants. */
export function demoCompanyName(index: number): string {
  const customer = demoCustomerOf(index);
  const plant = Math.floor(index / DEMO_CUSTOMERS.length);
  return `${DEMO_PREFIX}${customer.company}${plant > 0 ? ` – Werk ${plant + 1}` : ''}`;
}

/** The customer of demo machine `index`. */
export function demoCustomerOf(index: number): DemoCustomer {
  return DEMO_CUSTOMERS[index % DEMO_CUSTOMERS.length]!;
}

/** The name of demo machine `index`: "CNC-Fräse 1", "Drehzentrum 1", …, "CNC-Fräse 2". */
export function demoMachineName(index: number): string {
  const kind = MACHINE_KINDS[index % MACHINE_KINDS.length]!;
  return `${kind} ${Math.floor(index / MACHINE_KINDS.length) + 1}`;
}

/** One device of a demo machine: the module it simulates and what its keys mean. */
export interface DemoDeviceSpec {
  module: WunderbarModule;
  name: string;
  keys: Readonly<Record<string, KeyMetaInput>>;
}

const meta = (displayName: string, unit: string | null, meaning: string | null = null) => ({
  displayName,
  unit,
  meaning,
});

/** The devices of every demo machine, one per WunderBar module. */
export const DEMO_DEVICES: readonly DemoDeviceSpec[] = [
  {
    module: 'htu',
    name: 'Klima',
    keys: {
      temp: meta('Temperatur', '°C', 'Hallentemperatur an der Maschine'),
      hum: meta('Luftfeuchte', '%rH', 'Relative Luftfeuchte in der Halle'),
    },
  },
  {
    module: 'gyro',
    name: 'Vibration',
    keys: {
      'accel.x': meta('Beschleunigung X', 'g', 'Schwingung am Spindelgehäuse'),
      'accel.y': meta('Beschleunigung Y', 'g', 'Schwingung am Spindelgehäuse'),
      'accel.z': meta(
        'Beschleunigung Z',
        'g',
        'Schwingung am Spindelgehäuse, mit Erdbeschleunigung',
      ),
      'gyro.x': meta('Drehrate X', '°/s'),
      'gyro.y': meta('Drehrate Y', '°/s'),
      'gyro.z': meta('Drehrate Z', '°/s'),
    },
  },
  {
    module: 'light',
    name: 'Licht',
    keys: {
      light: meta('Helligkeit', 'lx', 'Beleuchtung am Arbeitsplatz'),
      'clr.r': meta('Farbanteil Rot', null),
      'clr.g': meta('Farbanteil Grün', null),
      'clr.b': meta('Farbanteil Blau', null),
      prox: meta('Annäherung', null, 'Hoch, solange jemand an der Maschine steht'),
    },
  },
  {
    module: 'mic',
    name: 'Mikrofon',
    keys: { snd_level: meta('Schallpegel', 'dB', 'Lautstärke an der Maschine') },
  },
  {
    module: 'battery',
    name: 'Batterie',
    keys: { val: meta('Batterieladung', '%', 'Ladestand des Sensormoduls') },
  },
];
