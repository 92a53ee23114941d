// Test data for the relationship-memory benchmark: a German CSV export of contacts as Outlook or
// Excel writes it (";"-separated, CRLF, UTF-8 with BOM, quoted cells with ";", quotes and line
// breaks), and search queries drawn from the people in it. Everything comes from a seeded random
// source, so every run imports the same file and asks the same questions.
import { foldText } from '../../shared/fold.js';

/** A seeded source of numbers in [0, 1) (mulberry32). */
export type Random = () => number;

/** A seeded random source; the same seed gives the same sequence. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One element of a list; `skew` > 1 favours the first ones (common names come first). */
export function pick<T>(random: Random, list: readonly T[], skew = 1): T {
  const item = list[Math.floor(random() ** skew * list.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

// Name lists are written as text so that they stay a few lines long.
const words = (text: string): string[] => text.split(' ').filter(Boolean);
const phrases = (text: string): string[] => text.split('|');

const FIRST_NAMES = words(
  'Michael Thomas Andreas Stefan Sabine Petra Jürgen Claudia Christian Susanne Markus ' +
    'Andrea Frank Nicole Klaus Stefanie Peter Katrin Wolfgang Julia Jörg Anna Björn Lena ' +
    'Sören Laura Günter Lukas Bärbel Jonas Hans-Jürgen Anna-Lena Felix Maximilian Paul ' +
    'Marie Sophie Hannah Jan Tobias Sebastian Daniel Alexander Matthias Martin Uwe Dieter ' +
    'Heike Birgit Ute Monika Gerhard Helmut Ursula Renate Karin Jens Sven Dirk Kai Nils ' +
    'Malte Merle Maren Silke Anke Tanja Jörn Käthe Ömer Renée André Zoë Mehmet Agnieszka ' +
    'Tomasz Dörte Götz Hendrik Friederike',
);

const LAST_NAMES = words(
  'Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer ' +
    'Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger ' +
    'Hofmann Hartmann Lange Schmitt Werner Krause Meier Lehmann Schmid Schulze Maier ' +
    'Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß ' +
    'Jung Hahn Schubert Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck ' +
    'Lorenz Baumann Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus Martin ' +
    'Schumacher Krämer Vogt Stein Jäger Otto Sommer Groß Seidel Heinrich Brandt Haas ' +
    'Schreiber Graf Schulte Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Busch Bergmann ' +
    'Thomas Voigt Sauer Arnold Wolff Pfeiffer Förster Kröger Fröhlich Löffler Süß Grün ' +
    'Böttcher Dörr Höfer Strauß Voß Preuß Heß Rößler Yılmaz Öztürk Çelik Kowalski Nowak ' +
    'Schütz Jürgens',
);

/** Cities with their area codes; a company sits in one, its people work there. */
const CITIES: readonly { name: string; adjective: string; areaCode: string }[] = [
  { name: 'München', adjective: 'Münchner', areaCode: '089' },
  { name: 'Köln', adjective: 'Kölner', areaCode: '0221' },
  { name: 'Düsseldorf', adjective: 'Düsseldorfer', areaCode: '0211' },
  { name: 'Nürnberg', adjective: 'Nürnberger', areaCode: '0911' },
  { name: 'Würzburg', adjective: 'Würzburger', areaCode: '0931' },
  { name: 'Lübeck', adjective: 'Lübecker', areaCode: '0451' },
  { name: 'Göttingen', adjective: 'Göttinger', areaCode: '0551' },
  { name: 'Saarbrücken', adjective: 'Saarbrücker', areaCode: '0681' },
  { name: 'Osnabrück', adjective: 'Osnabrücker', areaCode: '0541' },
  { name: 'Tübingen', adjective: 'Tübinger', areaCode: '07071' },
  { name: 'Stuttgart', adjective: 'Stuttgarter', areaCode: '0711' },
  { name: 'Hamburg', adjective: 'Hamburger', areaCode: '040' },
  { name: 'Berlin', adjective: 'Berliner', areaCode: '030' },
  { name: 'Frankfurt am Main', adjective: 'Frankfurter', areaCode: '069' },
  { name: 'Dresden', adjective: 'Dresdner', areaCode: '0351' },
  { name: 'Bremen', adjective: 'Bremer', areaCode: '0421' },
  { name: 'Leipzig', adjective: 'Leipziger', areaCode: '0341' },
  { name: 'Hannover', adjective: 'Hannoversche', areaCode: '0511' },
  { name: 'Essen', adjective: 'Essener', areaCode: '0201' },
  { name: 'Dortmund', adjective: 'Dortmunder', areaCode: '0231' },
  { name: 'Freiburg im Breisgau', adjective: 'Freiburger', areaCode: '0761' },
  { name: 'Mannheim', adjective: 'Mannheimer', areaCode: '0621' },
  { name: 'Karlsruhe', adjective: 'Karlsruher', areaCode: '0721' },
  { name: 'Regensburg', adjective: 'Regensburger', areaCode: '0941' },
  { name: 'Bonn', adjective: 'Bonner', areaCode: '0228' },
  { name: 'Ulm', adjective: 'Ulmer', areaCode: '0731' },
  { name: 'Augsburg', adjective: 'Augsburger', areaCode: '0821' },
];

const SECTORS = phrases(
  'Maschinenbau|Präzisionstechnik|Fördertechnik|Metallbau|Kunststofftechnik|' +
    'Elektrotechnik|Anlagenbau|Werkzeugbau|Holzverarbeitung|Lebensmitteltechnik|' +
    'Drucklufttechnik|Antriebstechnik|Automatisierung|Umwelttechnik|Logistik|' +
    'Verpackungstechnik|Gießerei|Stahlhandel|Hydraulik|Lüftungstechnik|Kältetechnik|' +
    'Feinmechanik|Oberflächentechnik|Schweißtechnik|Messtechnik|Medizintechnik|' +
    'Bürosysteme|Glasbau|Fahrzeugbau|Landtechnik',
);
const TRADES = ['Autohaus', 'Bäckerei', 'Elektro', 'Sanitär', 'Druckerei', 'Schreinerei', 'Optik'];
const LEGAL_FORMS = ['GmbH', 'GmbH', 'GmbH', 'GmbH & Co. KG', 'AG', 'KG', 'e.K.', 'OHG', 'SE'];

const POSITIONS = phrases(
  'Geschäftsführer|Geschäftsführerin|Einkaufsleiter|Einkäuferin|Leiter Instandhaltung|' +
    'Technische Leiterin|Produktionsleiter|Prokurist|Vertriebsleiterin|' +
    'Assistenz der Geschäftsführung|Werksleiter|Betriebsleiterin|Konstrukteur|' +
    'Projektleiterin|Leiter Qualitätssicherung|Inhaber|Inhaberin|Fertigungsplaner|' +
    'Teamleiterin Logistik|Bereichsleiter Beschaffung',
);

const NOTE_SENTENCES = [
  'Hat Interesse an der neuen Förderanlage.',
  'Rückruf nach der Messe in Köln vereinbart.',
  'Bevorzugt Termine am Vormittag.',
  'Spricht gern über Fußball; Fan vom 1. FC Nürnberg.',
  'Angebot über 12 Maschinen läuft bis Ende März.',
  'Erstkontakt auf der Hannover Messe.',
  'Entscheidet zusammen mit dem Einkauf, Budget steht im Herbst fest.',
  'Möchte Unterlagen per Post, nicht per E-Mail.',
  'Zwei Kinder, fährt im Sommer immer an den Gardasee.',
  'Wartungsvertrag läuft Ende des Jahres aus.',
  'Nennt das Projekt intern "Förderband 2.0".',
  'Sehr preisbewusst; Rabatt nur bei Abnahme über 50 Stück.',
  'Hat früher bei einem Wettbewerber gearbeitet.',
  'Ist donnerstags im Homeoffice.',
  'Will die Schulung für sein Team vor Ort.',
  'Reklamation vom Frühjahr ist erledigt, Stimmung wieder gut.',
  'Plant eine zweite Fertigungslinie in Würzburg.',
  'Kennt unseren Außendienst aus Düsseldorf.',
];

/** A person as written into the file, for drawing search queries. */
export interface GeneratedPerson {
  first: string;
  last: string;
  company: string;
  email: string;
  mobile: string;
}

/** The CSV file's bytes and the people in it. */
export interface GeneratedCsv {
  bytes: Uint8Array;
  people: GeneratedPerson[];
  companies: string[];
}

/** The header German Outlook writes for these columns. */
export const CSV_HEADER =
  'Vorname;Nachname;Firma;Position;E-Mail-Adresse;Mobiltelefon;Telefon geschäftlich;' +
  'Ort geschäftlich;Geburtstag;Kategorien;Notizen';

interface Company {
  name: string;
  domain: string;
  city: (typeof CITIES)[number];
  /** Switchboard number without extension, distinct per company. */
  switchboard: string;
  staff: number;
}

/** Letters and digits of folded text, joined by hyphens: what a domain or mailbox can hold. */
function asciiSlug(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function makeCompanies(random: Random, count: number): Company[] {
  const names = new Set<string>();
  const domains = new Set<string>();
  const companies: Company[] = [];
  while (companies.length < count) {
    const city = pick(random, CITIES, 1.4);
    const last = pick(random, LAST_NAMES, 1.3);
    const form = pick(random, LEGAL_FORMS);
    const shape = random();
    const core =
      shape < 0.45
        ? `${last} ${pick(random, SECTORS)}`
        : shape < 0.7
          ? `${city.adjective} ${pick(random, SECTORS)}`
          : shape < 0.82
            ? `${last} & ${pick(random, LAST_NAMES)}`
            : shape < 0.9
              ? `${last} & Söhne`
              : `${pick(random, TRADES)} ${last}`;
    const name = shape >= 0.9 ? core : `${core} ${form}`;
    if (names.has(foldText(name))) continue;
    names.add(foldText(name));
    let domain = `${asciiSlug(core)}.de`;
    for (let n = 2; domains.has(domain); n++) domain = `${asciiSlug(core)}-${n}.de`;
    domains.add(domain);
    companies.push({
      name,
      domain,
      city,
      switchboard: `${city.areaCode} ${1000 + companies.length}`,
      staff: 0,
    });
  }
  return companies;
}

/** Quotes a cell when it holds the separator, a quote or a line break, as Excel does. */
function csvCell(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function birthday(random: Random): string {
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * (DAYS_IN_MONTH[month - 1] ?? 28));
  const year = 1955 + Math.floor(random() * 46);
  return `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year}`;
}

function categories(random: Random): string {
  const r = random();
  if (r < 0.04) return 'Key Account; Kunde';
  if (r < 0.07) return 'Key Account';
  if (r < 0.5) return 'Kunde';
  if (r < 0.9) return 'Interessent';
  return '';
}

function notes(random: Random): string {
  const first = pick(random, NOTE_SENTENCES);
  if (random() < 0.5) return first;
  // Outlook keeps the line breaks of multi-line notes inside the quoted cell.
  const glue = random() < 0.1 ? '\r\n' : ' ';
  return `${first}${glue}${pick(random, NOTE_SENTENCES)}`;
}

/**
 * Writes `rows` contacts at `companyCount` companies as a German CSV export. Every person has a
 * distinct mobile number ("0171 1234567") and, where given, distinct e-mail and extension, so
 * that the importer's duplicate detection merges nothing: all rows should be created.
 */
export function generateContactsCsv(
  random: Random,
  rows: number,
  companyCount: number,
): GeneratedCsv {
  const companies = makeCompanies(random, companyCount);
  const emails = new Set<string>();
  const people: GeneratedPerson[] = [];
  const lines = [CSV_HEADER];
  for (let i = 0; i < rows; i++) {
    const first = pick(random, FIRST_NAMES, 1.2);
    const last = pick(random, LAST_NAMES, 1.3);
    // A few companies are large, most have a handful of contacts; 5 % have none (private).
    const company = random() < 0.05 ? null : pick(random, companies, 1.5);
    const mailbox = `${asciiSlug(first)}.${asciiSlug(last)}`;
    const host = company && random() < 0.9 ? company.domain : pick(random, ['gmx.de', 'web.de']);
    let email = random() < 0.03 ? '' : `${mailbox}@${host}`;
    for (let n = 2; email && emails.has(email); n++) email = `${mailbox}${n}@${host}`;
    if (email) emails.add(email);
    // i ↦ i · 7919 mod 10^7 is one-to-one, so no two people share a mobile number.
    const subscriber = String((i * 7919 + 1_234_567) % 10_000_000).padStart(7, '0');
    const prefix = pick(random, ['0151', '0160', '0170', '0171', '0172', '0175', '0176']);
    // 0151 and 0160 numbers have eight digits after the prefix.
    const mobile = `${prefix} ${subscriber}${/^01[56]/.test(prefix) ? i % 10 : ''}`;
    let office = '';
    if (company && company.staff < 900 && random() < 0.6) {
      office = `${company.switchboard}-${100 + company.staff}`;
      company.staff++;
    }
    people.push({ first, last, company: company?.name ?? '', email, mobile });
    lines.push(
      [
        first,
        last,
        company?.name ?? '',
        random() < 0.9 ? pick(random, POSITIONS) : '',
        email,
        mobile,
        office,
        company?.city.name ?? pick(random, CITIES).name,
        random() < 0.3 ? birthday(random) : '',
        categories(random),
        random() < 0.6 ? notes(random) : '',
      ]
        .map(csvCell)
        .join(';'),
    );
  }
  const bytes = new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
  return { bytes, people, companies: companies.map((c) => c.name) };
}
