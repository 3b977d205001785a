import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runSuite } from '../runner/run-suite';
import {
  PUBLIC_ADDRESS,
  PUBLIC_V4,
  recordingConnector,
  recordingResolver,
  refusal,
  trivialSuite,
} from './policy-test-doubles';
import { createTargetPolicy } from './target-policy';

describe('strict target policy: literal addresses', () => {
  const insideLiterals = [
    ['decimal loopback', 'http://2130706433/'],
    ['hex loopback', 'http://0x7f000001/'],
    ['octal loopback', 'http://0177.0.0.1/'],
    ['short loopback', 'http://127.1/'],
    ['dotted hex loopback', 'http://0x7f.0.0.1/'],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/'],
    ['IPv4-mapped IPv6 in hex', 'http://[::ffff:7f00:1]/'],
    ['IPv6 loopback', 'http://[::1]:8080/'],
    ['unspecified', 'http://0.0.0.0/'],
    ['IPv6 unspecified', 'http://[::]/'],
    ['RFC 1918 10/8', 'http://10.0.0.1/'],
    ['RFC 1918 172.16/12', 'http://172.16.5.4/'],
    ['RFC 1918 192.168/16', 'http://192.168.1.1/'],
    ['decimal private', 'http://167772161/'],
    ['link-local', 'http://169.254.10.20/'],
    ['CGNAT', 'http://100.64.1.1/'],
    ['multicast', 'http://224.0.0.1/'],
    ['broadcast', 'http://255.255.255.255/'],
    ['reserved 240/4', 'http://240.0.0.1/'],
    ['IPv6 unique-local', 'http://[fc00::1]/'],
    ['IPv6 link-local', 'http://[fe80::1]/'],
    ['IPv4-mapped private', 'http://[::ffff:10.0.0.1]/'],
    ['NAT64 private', 'http://[64:ff9b::a00:1]/'],
    ['6to4 loopback', 'http://[2002:7f00:1::]/'],
    ['IPv4-compatible loopback (parsed to ::7f00:1)', 'http://[::127.0.0.1]/'],
    ['IPv4-compatible private', 'http://[::10.0.0.1]/'],
    ['IPv4-compatible metadata', 'http://[::169.254.169.254]/'],
    ['IPv4-compatible public (all of ::/96 is refused)', `http://[::${PUBLIC_ADDRESS}]/`],
    ['IPv4-translated loopback', 'http://[::ffff:0:127.0.0.1]/'],
    ['IPv4-translated private', 'http://[::ffff:0:10.0.0.1]/'],
    ['NAT64 loopback', 'http://[64:ff9b::127.0.0.1]/'],
    ['NAT64 metadata', 'http://[64:ff9b::169.254.169.254]/'],
    ['local-use NAT64 (64:ff9b:1::/48)', `http://[64:ff9b:1::${PUBLIC_ADDRESS}]/`],
    ['6to4 private', 'http://[2002:a00:1::1]/'],
    ['6to4 metadata', 'http://[2002:a9fe:a9fe::1]/'],
    ['Teredo', 'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/'],
    ['Teredo carrying loopback', 'http://[2001:0:7f00:1::80ff:fffe]/'],
    ['unassigned IPv6 outside 2000::/3', 'http://[::1:0:0:1]/'],
    ['AWS metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['AWS metadata, decimal', 'http://2852039166/'],
    ['AWS metadata over IPv6', 'http://[fd00:ec2::254]/'],
    ['Azure WireServer (public range)', 'http://168.63.129.16/'],
    ['Alibaba metadata', 'http://100.100.100.200/'],
  ] as const;

  for (const [name, url] of insideLiterals) {
    it(`refuses ${name} (${url}) without resolving or connecting`, async () => {
      const resolve = recordingResolver({});
      const policy = createTargetPolicy({ mode: 'strict', resolve });
      await refusal(policy.resolveTarget(url));
      const connector = recordingConnector();
      const report = await runSuite(trivialSuite, {
        target: url,
        policy: { mode: 'strict', resolve },
        connector,
      }).report;
      assert.equal(report.error?.kind, 'refused-by-policy');
      assert.deepEqual(resolve.calls, []);
      assert.deepEqual(connector.attempts, []);
    });
  }

  it('judges NAT64, 6to4 and IPv4-translated forms by the public IPv4 address inside', async () => {
    const policy = createTargetPolicy({ mode: 'strict', resolve: recordingResolver({}) });
    for (const literal of ['64:ff9b::5db8:d822', '2002:5db8:d822::1', '::ffff:0:5db8:d822']) {
      const target = await policy.resolveTarget(`http://[${literal}]/`);
      assert.equal(target.addresses[0]?.embeddedIpv4, PUBLIC_ADDRESS);
    }
  });

  it('accepts a public address literal and pins it', async () => {
    const policy = createTargetPolicy({ mode: 'strict', resolve: recordingResolver({}) });
    const target = await policy.resolveTarget(`http://${PUBLIC_ADDRESS}:8080/`);
    assert.deepEqual(
      target.addresses.map((a) => a.address),
      [PUBLIC_ADDRESS],
    );
  });

  it('treats documentation ranges as reserved', () => {
    const policy = createTargetPolicy({ mode: 'strict' });
    assert.equal(policy.checkAddress(PUBLIC_V4).isAllowed, false);
  });
});
