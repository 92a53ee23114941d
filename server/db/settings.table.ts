// Table type of the key-value settings store (server secret, setup token).
/** One server-wide setting. */
export interface SettingsTable {
  key: string;
  value: string;
}
