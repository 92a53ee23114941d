// How a freshly provisioned device sends its readings: over MQTT (ThingsBoard's convention, the
// token as user name, or in the topic on an external broker) or over HTTP, with ready-to-copy
// examples for the token just issued.
import type { MqttConnectionView } from '../../shared/api/machines';

/** Where and how a device connects, for one token. */
export interface DeviceConnection {
  mqttHost: string;
  mqttPort: number;
  /** The MQTT user name: the token itself (no password); null when the broker has its own. */
  username: string | null;
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
 * own origin) whose broker is described by `mqtt` (from the server, with the token).
 */
export function deviceConnection(
  token: string,
  origin: string,
  mqtt: MqttConnectionView,
): DeviceConnection {
  const url = new URL(origin);
  const mqttHost = mqtt.host ?? url.hostname;
  const mqttPort = mqtt.port;
  const username = mqtt.tokenIsUsername ? token : null;
  const httpUrl = `${url.origin}/api/v1/${encodeURIComponent(token)}/telemetry`;
  const examplePayload = '{"temperature": 21.5}';
  return {
    mqttHost,
    mqttPort,
    username,
    topic: mqtt.topic,
    httpUrl,
    examplePayload,
    mqttCommand: [
      'mosquitto_pub',
      `-h ${shellQuote(mqttHost)}`,
      `-p ${mqttPort}`,
      // An external broker's own account: the administrator fills it in.
      username === null ? "-u 'USER' -P 'PASSWORD'" : `-u ${shellQuote(username)}`,
      `-t ${shellQuote(mqtt.topic)}`,
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
