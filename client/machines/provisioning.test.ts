import { describe, expect, it } from 'vitest';
import type { MqttConnectionView } from '../../shared/api/machines';
import { deviceConnection } from './provisioning';

const embedded: MqttConnectionView = {
  host: null,
  port: 1884,
  topic: 'v1/devices/me/telemetry',
  tokenIsUsername: true,
};

describe('deviceConnection', () => {
  const how = deviceConnection('tok_ABC-123', 'https://nahbar.example.com', embedded);

  it("uses the page host, the server's MQTT port and the token as user name", () => {
    expect(how).toMatchObject({
      mqttHost: 'nahbar.example.com',
      mqttPort: 1884,
      username: 'tok_ABC-123',
      topic: 'v1/devices/me/telemetry',
      httpUrl: 'https://nahbar.example.com/api/v1/tok_ABC-123/telemetry',
    });
  });

  it('gives command lines that send the example payload', () => {
    expect(how.mqttCommand).toBe(
      "mosquitto_pub -h 'nahbar.example.com' -p 1884 -u 'tok_ABC-123' -t 'v1/devices/me/telemetry' -m '{\"temperature\": 21.5}'",
    );
    expect(how.httpCommand).toContain("'https://nahbar.example.com/api/v1/tok_ABC-123/telemetry'");
    expect(how.httpCommand).toContain('-X POST');
  });

  it("sends to an external broker's host with its own account and the token in the topic", () => {
    const external = deviceConnection('t', 'http://localhost:8080', {
      host: 'mqtt.lan',
      port: 8883,
      topic: 'v1/devices/t/telemetry',
      tokenIsUsername: false,
    });
    expect(external).toMatchObject({
      mqttHost: 'mqtt.lan',
      mqttPort: 8883,
      username: null,
      topic: 'v1/devices/t/telemetry',
      httpUrl: 'http://localhost:8080/api/v1/t/telemetry',
    });
    expect(external.mqttCommand).toContain("-u 'USER' -P 'PASSWORD' -t 'v1/devices/t/telemetry'");
  });

  it('quotes what a shell would otherwise read', () => {
    expect(deviceConnection("it's", 'http://h', embedded).mqttCommand).toContain("-u 'it'\\''s'");
  });
});
