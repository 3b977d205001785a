import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { createHttpClient } from '../http/client';
import { ExchangeError } from '../http/exchange-error';
import { runSuite } from '../runner/run-suite';
import { startHttpServer, startTcpServer } from '../testing/loopback-server';
import { createPinnedUndiciConnector, type SocketConnector } from './pinned-connect';
import {
  PUBLIC_ADDRESS,
  recordingConnector,
  recordingResolver,
  refusal,
  trivialSuite,
} from './policy-test-doubles';
import { createTargetPolicy, type Resolver } from './target-policy';

describe('strict target policy: names', () => {
  it('refuses a name that resolves inside, naming the address', async () => {
    const resolve = recordingResolver({ 'sneaky.example': [{ address: '10.1.2.3', family: 4 }] });
    const policy = createTargetPolicy({ mode: 'strict', resolve });
    const error = await refusal(policy.resolveTarget('https://sneaky.example/'));
    assert.match(error.message, /10\.1\.2\.3 is a private-network address.*sneaky\.example resolves to it/);
  });

  it('refuses a name with one public and one inside answer', async () => {
    const resolve = recordingResolver({
      'mixed.example': [
        { address: PUBLIC_ADDRESS, family: 4 },
        { address: '::1', family: 6 },
      ],
    });
    await refusal(createTargetPolicy({ mode: 'strict', resolve }).resolveTarget('http://mixed.example/'));
  });

  it('refuses a name that resolves to the metadata address', async () => {
    const resolve = recordingResolver({ 'meta.example': [{ address: '169.254.169.254', family: 4 }] });
    const error = await refusal(
      createTargetPolicy({ mode: 'strict', resolve }).resolveTarget('http://meta.example/'),
    );
    assert.match(error.message, /cloud metadata/);
  });

  for (const name of [
    'metadata.google.internal',
    'METADATA.GOOGLE.INTERNAL.',
    'metadata',
    'instance-data.ec2.internal',
  ]) {
    it(`refuses the metadata name ${name} without resolving it`, async () => {
      const resolve = recordingResolver({});
      await refusal(
        createTargetPolicy({ mode: 'loopback-allowed', resolve }).resolveTarget(`http://${name}/`),
      );
      assert.deepEqual(resolve.calls, []);
    });
  }

  it('refuses localhost and *.internal names under strict without resolving them', async () => {
    const resolve = recordingResolver({});
    const policy = createTargetPolicy({ mode: 'strict', resolve });
    await refusal(policy.resolveTarget('http://localhost:8080/'));
    await refusal(policy.resolveTarget('http://app.localhost/'));
    await refusal(policy.resolveTarget('http://db.corp.internal/'));
    assert.deepEqual(resolve.calls, []);
  });

  it('accepts a name that resolves to public addresses, IPv4 first', async () => {
    const resolve = recordingResolver({
      'learner.example': [
        { address: '2606:4700::1111', family: 6 },
        { address: PUBLIC_ADDRESS, family: 4 },
      ],
    });
    const target = await createTargetPolicy({ mode: 'strict', resolve }).resolveTarget(
      'https://learner.example/api',
    );
    assert.deepEqual(
      target.addresses.map((a) => a.address),
      [PUBLIC_ADDRESS, '2606:4700::1111'],
    );
    assert.equal(target.hostname, 'learner.example');
  });

  it('reports a name that does not resolve as unresolvable, not forbidden', async () => {
    const error = await refusal(
      createTargetPolicy({ mode: 'strict', resolve: recordingResolver({}) }).resolveTarget(
        'http://nope.example/',
      ),
    );
    assert.equal(error.isUnresolvable, true);
  });

  it('refuses non-http schemes and credentials in the URL', async () => {
    const policy = createTargetPolicy({ mode: 'strict', resolve: recordingResolver({}) });
    await refusal(policy.resolveTarget('file:///etc/passwd'));
    await refusal(policy.resolveTarget(`http://user:pw@${PUBLIC_ADDRESS}/`));
  });
});

describe('loopback-allowed policy (the CLI)', () => {
  const resolve = recordingResolver({
    localhost: [
      { address: '::1', family: 6 },
      { address: '127.0.0.1', family: 4 },
    ],
  });
  const policy = createTargetPolicy({ mode: 'loopback-allowed', resolve });

  it('accepts loopback in every form, and localhost', async () => {
    for (const url of [
      'http://127.0.0.1:8080',
      'http://2130706433/',
      'http://[::1]/',
      'http://localhost:3000/',
    ]) {
      await policy.resolveTarget(url);
    }
  });

  it('still refuses private and metadata addresses', async () => {
    await refusal(policy.resolveTarget('http://192.168.0.10/'));
    await refusal(policy.resolveTarget('http://169.254.169.254/'));
    await refusal(policy.resolveTarget('http://[::ffff:169.254.169.254]/'));
  });

  it('refuses IPv4-compatible loopback, which is not how this machine is reached', async () => {
    const error = await refusal(policy.resolveTarget('http://[::127.0.0.1]:8080/'));
    assert.match(error.message, /::7f00:1 is an IPv6 form that hides an IPv4 address/);
  });
});

describe('allow-list', () => {
  it('lets an operator allow a private range, and only that range', async () => {
    const policy = createTargetPolicy({
      mode: 'strict',
      allow: ['10.1.0.0/16'],
      resolve: recordingResolver({}),
    });
    await policy.resolveTarget('http://10.1.2.3/');
    await policy.resolveTarget('http://[::ffff:10.1.2.3]/');
    await refusal(policy.resolveTarget('http://10.2.0.1/'));
  });

  it('does not open metadata addresses through a broad range, only through an exact entry', async () => {
    const broad = createTargetPolicy({
      mode: 'strict',
      allow: ['169.254.0.0/16'],
      resolve: recordingResolver({}),
    });
    await broad.resolveTarget('http://169.254.1.1/');
    await refusal(broad.resolveTarget('http://169.254.169.254/'));
    const exact = createTargetPolicy({
      mode: 'strict',
      allow: ['169.254.169.254'],
      resolve: recordingResolver({}),
    });
    await exact.resolveTarget('http://169.254.169.254/');
  });

  it('rejects an allow-list entry that is not a CIDR', () => {
    assert.throws(
      () => createTargetPolicy({ mode: 'strict', allow: ['10.0.0.0/33'] }),
      /not an address or CIDR/,
    );
  });
});

describe('redirect targets', () => {
  const resolve = recordingResolver({ 'learner.example': [{ address: PUBLIC_ADDRESS, family: 4 }] });
  const policy = createTargetPolicy({ mode: 'strict', resolve });

  it('refuses a Location that points at the metadata service, without connecting', async () => {
    const verdict = await policy.resolveRedirect(
      'http://169.254.169.254/latest/meta-data/',
      'https://learner.example/x',
    );
    assert.equal(verdict.isAllowed, false);
  });

  it('refuses a Location that points at a private name', async () => {
    const verdict = await policy.resolveRedirect('http://[::ffff:192.168.0.1]/', 'https://learner.example/x');
    assert.equal(verdict.isAllowed, false);
  });

  it('resolves a relative Location against the URL that answered', async () => {
    const verdict = await policy.resolveRedirect('/next?a=1', 'https://learner.example/x');
    assert.equal(verdict.isAllowed, true);
    if (verdict.isAllowed) assert.equal(verdict.target.url.href, 'https://learner.example/next?a=1');
  });
});

describe('pinned connections', () => {
  it('never attempts a connection when the run target is refused', async () => {
    const connector = recordingConnector();
    const resolve = recordingResolver({
      'inside.example': [{ address: '172.20.0.5', family: 4 }],
      'compat.example': [{ address: '::a9fe:a9fe', family: 6 }],
    });
    const suite = trivialSuite;
    for (const target of [
      'http://0x7f000001:8080/',
      'http://inside.example/',
      'http://[fd00:ec2::254]/',
      'http://compat.example/',
    ]) {
      const run = runSuite(suite, { target, policy: { mode: 'strict', resolve }, connector });
      const report = await run.report;
      assert.equal(report.status, 'error');
      assert.equal(report.error?.kind, 'refused-by-policy');
    }
    assert.deepEqual(connector.attempts, []);
  });

  it('connects to the pinned address, not to whatever the name resolves to later', async () => {
    const server = await startHttpServer((_req, res) => res.end('ok'));
    let answer = '127.0.0.1';
    const resolve: Resolver = async () => [{ address: answer, family: 4 }];
    const policy = createTargetPolicy({ mode: 'loopback-allowed', resolve });
    const target = await policy.resolveTarget(`http://rebinding.test:${server.port}/`);
    answer = '10.0.0.1'; // a second DNS answer would point inside: it must never be asked for
    const attempts: string[] = [];
    const connector: SocketConnector = (options) => {
      attempts.push(options.address);
      return net.connect({ host: options.address, port: options.port });
    };
    const http = createHttpClient({
      baseUrl: target.url.href,
      connect: createPinnedUndiciConnector({ target, policy, connector }),
    });
    const res = await http.get('/');
    await http.close();
    await server.close();
    assert.equal(res.text(), 'ok');
    assert.deepEqual(attempts, ['127.0.0.1']);
  });

  it('checks the connected socket: a connection that lands inside is closed before anything is sent', async () => {
    let received = 0;
    const inside = await startTcpServer((socket) =>
      socket.on('data', (chunk: Buffer) => {
        received += chunk.length;
      }),
    );
    const resolve = recordingResolver({ 'learner.example': [{ address: PUBLIC_ADDRESS, family: 4 }] });
    const policy = createTargetPolicy({ mode: 'strict', resolve });
    const target = await policy.resolveTarget(`http://learner.example:${inside.port}/`);
    // A connector that lands somewhere else than asked (as a hostile network path or a bug would).
    const misdirected: SocketConnector = ({ port }) => net.connect({ host: '127.0.0.1', port });
    const http = createHttpClient({
      baseUrl: target.url.href,
      connect: createPinnedUndiciConnector({ target, policy, connector: misdirected }),
    });
    await assert.rejects(http.get('/'), (error: unknown) => {
      assert.ok(error instanceof ExchangeError);
      assert.equal(error.kind, 'refused-by-policy');
      assert.match(error.message, /refused after connecting: 127\.0\.0\.1 is a loopback address/);
      return true;
    });
    await http.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await inside.close();
    assert.equal(received, 0, 'not one byte of the request reached the inside server');
  });
});
