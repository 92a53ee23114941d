// How a freshly provisioned device sends its readings: over MQTT (ThingsBoard's convention, the
// token as user name) or over HTTP, with ready-to-copy examples for the token just issued.

/** The topic every device publishes its telemetry to (the token says which device it is). */
export const TELEMETRY_TOPIC = 'v1/devices/me/telemetry';

/** The MQTT port Nahbar's embedded broker listens on unless its administrator changed it. */
export const DEFAULT_MQTT_PORT = 1883;

/** Where and how a device connects, for one token. */
export interface DeviceConnection {
  mqttHost: string;
  mqttPort: number;
  /** The MQTT user name: the token itself (no password). */
  username: string;
  topic: string;
  /** The HTTP endpoint for the same JSON payloads. */
  httpUrl: string;
  /** A JSON payload to start from. */
  examplePayload: string;
  /** A mosquitto_pub command line that sends the example. */
  mqttCommand: string;
  /** A curl command line that sends the example over HTTP. */
  httpCommand: string;
}

// Single quotes for a POSIX shell; the token alphabet needs none, but a changed one would.
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The connection details of a device with `token`, for a Nahbar reached at `origin` (the page's
 * own origin). The broker is assumed on the same host at `mqtt.port`.
 */
export function deviceConnection(
  token: string,
  origin: string,
  mqtt: { host?: string; port?: number } = {},
): DeviceConnection {
  const url = new URL(origin);
  const mqttHost = mqtt.host ?? url.hostname;
  const mqttPort = mqtt.port ?? DEFAULT_MQTT_PORT;
  const httpUrl = `${url.origin}/api/v1/${encodeURIComponent(token)}/telemetry`;
  const examplePayload = '{"temperature": 21.5}';
  return {
    mqttHost,
    mqttPort,
    username: token,
    topic: TELEMETRY_TOPIC,
    httpUrl,
    examplePayload,
    mqttCommand: [
      'mosquitto_pub',
      `-h ${shellQuote(mqttHost)}`,
      `-p ${mqttPort}`,
      `-u ${shellQuote(token)}`,
      `-t ${TELEMETRY_TOPIC}`,
      `-m ${shellQuote(examplePayload)}`,
    ].join(' '),
    httpCommand: [
      'curl',
      '-X POST',
      "-H 'content-type: application/json'",
      `-d ${shellQuote(examplePayload)}`,
      shellQuote(httpUrl),
    ].join(' '),
  };
}
