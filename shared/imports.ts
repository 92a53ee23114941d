// The CSV import's column targets and mapping rules, shared so that the client can show a
// problem next to the column before the server would refuse the upload.

/** Contact fields a CSV column can be imported into. */
export const IMPORT_FIELDS = [
  'name',
  'givenName',
  'middleName',
  'familyName',
  'companyName',
  'role',
  'email',
  'phone',
  'street',
  'postalCode',
  'city',
  'country',
  'language',
  'timeZone',
  'birthday',
  'notes',
  'tags',
  'family',
  'interests',
  'homeOffice',
  'preferredChannel',
  'cadenceDays',
  'bestReach',
] as const;
/** A contact field a CSV column can be imported into. */
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Fields that may take several columns: their values are collected (notes are joined). */
export const MULTI_COLUMN_FIELDS: ReadonlySet<ImportField> = new Set<ImportField>([
  'email',
  'phone',
  'notes',
  'tags',
]);

/** The fields a row's name can come from; a mapping needs at least one of them. */
export const NAME_SOURCES: ReadonlySet<ImportField> = new Set<ImportField>([
  'name',
  'givenName',
  'middleName',
  'familyName',
  'email',
]);

/** What keeps a column mapping from being imported. */
export interface MappingProblems {
  /** Columns whose target an earlier column already takes (and may take only once). */
  duplicates: ReadonlySet<number>;
  /** No column feeds the name (nor given, middle or family name, nor an e-mail address). */
  missingName: boolean;
}

/** Checks a column mapping (a target or null per column) against the rules above. */
export function mappingProblems(mapping: readonly (string | null)[]): MappingProblems {
  const seen = new Set<string>();
  const duplicates = new Set<number>();
  const isField = (t: string): t is ImportField => (IMPORT_FIELDS as readonly string[]).includes(t);
  mapping.forEach((target, column) => {
    if (target === null || (isField(target) && MULTI_COLUMN_FIELDS.has(target))) return;
    if (seen.has(target)) duplicates.add(column);
    seen.add(target);
  });
  const missingName = !mapping.some((t) => t !== null && isField(t) && NAME_SOURCES.has(t));
  return { duplicates, missingName };
}
