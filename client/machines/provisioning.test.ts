import { describe, expect, it } from 'vitest';
import { deviceConnection, TELEMETRY_TOPIC } from './provisioning';

describe('deviceConnection', () => {
  const how = deviceConnection('tok_ABC-123', 'https://nahbar.example.com');

  it('uses the page host, the default MQTT port and the token as user name', () => {
    expect(how).toMatchObject({
      mqttHost: 'nahbar.example.com',
      mqttPort: 1883,
      username: 'tok_ABC-123',
      topic: TELEMETRY_TOPIC,
      httpUrl: 'https://nahbar.example.com/api/v1/tok_ABC-123/telemetry',
    });
  });

  it('gives command lines that send the example payload', () => {
    expect(how.mqttCommand).toBe(
      "mosquitto_pub -h 'nahbar.example.com' -p 1883 -u 'tok_ABC-123' -t v1/devices/me/telemetry -m '{\"temperature\": 21.5}'",
    );
    expect(how.httpCommand).toContain("'https://nahbar.example.com/api/v1/tok_ABC-123/telemetry'");
    expect(how.httpCommand).toContain('-X POST');
  });

  it('takes another broker host and port when known', () => {
    expect(
      deviceConnection('t', 'http://localhost:8080', { host: 'mqtt.lan', port: 8883 }),
    ).toMatchObject({
      mqttHost: 'mqtt.lan',
      mqttPort: 8883,
      httpUrl: 'http://localhost:8080/api/v1/t/telemetry',
    });
  });

  it('quotes what a shell would otherwise read', () => {
    expect(deviceConnection("it's", 'http://h').mqttCommand).toContain("-u 'it'\\''s'");
  });
});
