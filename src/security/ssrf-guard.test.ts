import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startHttpReceiver } from '../../test/helpers/hostile-receivers.ts';
import { loadConfig } from '../config.ts';
import { createHttpClient } from '../delivery/http-client.ts';
import { send } from '../delivery/send.ts';
import type { SendOutcome } from '../delivery/send.ts';
import { createAddressPolicy, parseAllowNetworks } from './ssrf-guard.ts';

const guard = createAddressPolicy([]);
const allowed = (address: string, hostname = 'receiver.example') => guard.checkAddress(address, address.includes(':') ? 6 : 4, hostname);

const blocked: [string, string][] = [
  ['127.0.0.1', 'loopback'], ['127.255.255.254', 'loopback'],
  ['10.0.0.1', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['192.168.1.1', 'private'],
  ['169.254.169.254', 'link-local (cloud metadata)'], ['169.254.0.1', 'link-local'],
  ['100.64.0.1', 'CGNAT'], ['100.127.255.254', 'CGNAT'],
  ['224.0.0.1', 'multicast'], ['239.255.255.250', 'multicast'],
  ['0.0.0.0', 'unspecified'], ['0.1.2.3', 'this network'], ['255.255.255.255', 'broadcast'],
  ['240.0.0.1', 'reserved'], ['192.0.2.1', 'TEST-NET-1'], ['198.18.0.1', 'benchmarking'], ['192.0.0.1', 'IETF protocol assignments'],
  ['::1', 'IPv6 loopback'], ['::', 'IPv6 unspecified'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback'], ['::ffff:7f00:1', 'IPv4-mapped loopback (hex)'],
  ['::ffff:10.0.0.1', 'IPv4-mapped private'], ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
  ['::ffff:0:7f00:1', 'IPv4-translated (RFC 6145)'], ['::7f00:1', 'IPv4-compatible (deprecated ::/96)'],
  ['64:ff9b::7f00:1', 'NAT64 of 127.0.0.1'], ['64:ff9b::a00:1', 'NAT64 of 10.0.0.1'], ['64:ff9b::a9fe:a9fe', 'NAT64 of 169.254.169.254'],
  ['64:ff9b:1::a00:1', 'local-use NAT64 (RFC 8215)'],
  ['2002:7f00:1::1', '6to4 of 127.0.0.1'], ['2002:a00:1::', '6to4 of 10.0.0.1'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
  ['fc00::1', 'unique-local'], ['fd12:3456::1', 'unique-local'], ['fe80::1', 'IPv6 link-local'], ['fec0::1', 'site-local'],
  ['ff02::1', 'IPv6 multicast'], ['100::1', 'discard-only'], ['2001:db8::1', 'documentation'], ['4000::1', 'outside 2000::/3'],
];

describe('checkAddress (connect time)', () => {
  for (const [address, what] of blocked) {
    it(`blocks ${address} (${what})`, () => assert.equal(allowed(address), false));
  }

  it('allows public unicast addresses', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '1.1.1.1', '2606:2800:220:1::', '2001:4860:4860::8888', '2a00:1450:4001:82a::200e']) {
      assert.equal(allowed(address), true, address);
    }
  });

  it('fails closed on anything that is not a canonical IP literal (odd spellings never reach it as such)', () => {
    for (const odd of ['127.1', '0x7f000001', '2130706433', '0177.0.0.1', 'localhost', '', 'not an ip']) {
      assert.equal(allowed(odd), false, odd);
    }
  });

  it('allows addresses inside an allowed CIDR, and only those', () => {
    const policy = createAddressPolicy(['127.0.0.1/32', '10.0.0.0/8', 'fd00::/8', '::1/128', '192.168.1.10']);
    const check = (address: string) => policy.checkAddress(address, address.includes(':') ? 6 : 4, 'any.example');
    assert.equal(check('127.0.0.1'), true);
    assert.equal(check('::ffff:127.0.0.1'), true, 'an IPv4-mapped address is matched as the IPv4 address it is');
    assert.equal(check('127.0.0.2'), false);
    assert.equal(check('10.200.3.4'), true);
    assert.equal(check('fd12::1'), true);
    assert.equal(check('fc00::1'), false);
    assert.equal(check('::1'), true);
    assert.equal(check('192.168.1.10'), true, 'a bare address is a /32');
    assert.equal(check('192.168.1.11'), false);
    assert.equal(check('169.254.169.254'), false);
    assert.equal(check('93.184.216.34'), true, 'an allowlist adds to the public internet, it does not replace it');
  });

  it('allows an allowed host name (any case, trailing dot) whatever it resolves to, and no other name', () => {
    const policy = createAddressPolicy(['Receiver.Internal']);
    assert.equal(policy.checkAddress('10.0.0.5', 4, 'receiver.internal'), true);
    assert.equal(policy.checkAddress('127.0.0.1', 4, 'RECEIVER.INTERNAL.'), true);
    assert.equal(policy.checkAddress('10.0.0.5', 4, 'other.internal'), false);
    assert.equal(policy.checkAddress('10.0.0.5', 4, 'evil.receiver.internal'), false, 'exact name, not a suffix');
    assert.equal(policy.checkAddress('10.0.0.5', 4, '10.0.0.5'), false);
  });
});

describe('checkUrl (registration)', () => {
  const reasonFor = (url: string, policy = guard) => {
    const verdict = policy.checkUrl(url);
    return verdict.ok ? undefined : verdict.reason;
  };

  it('refuses blocked IP literals whatever their spelling, after WHATWG normalization', () => {
    for (const url of ['http://127.0.0.1/', 'http://127.1/', 'http://0x7f000001/', 'http://2130706433/', 'http://0177.0.0.1/',
      'http://127.0.0.1./', 'http://0/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'https://10.1.2.3:8443/x',
      'http://169.254.169.254/latest/meta-data', 'http://100.64.0.1/', 'http://[fd00::1]/', 'http://[64:ff9b::a00:1]/',
      'http://[2002:a00:1::]/', 'http://[::7f00:1]/']) {
      assert.ok(reasonFor(url) !== undefined, url);
    }
  });

  it('says what the address is and how an operator can allow it', () => {
    assert.equal(reasonFor('http://127.1/'),
      '127.0.0.1 is a loopback address; Postback does not send to private networks. An operator can allow it with POSTBACK_ALLOW_NETWORKS.');
    assert.match(reasonFor('http://[::ffff:127.0.0.1]/') ?? '', /^\[::ffff:7f00:1\] is an IPv4-mapped form of 127\.0\.0\.1, a loopback address;/);
    assert.match(reasonFor('http://169.254.169.254/latest/meta-data') ?? '', /link-local address \(where cloud metadata/);
    assert.match(reasonFor('http://100.64.0.1/') ?? '', /carrier-grade NAT/);
    assert.match(reasonFor('http://[64:ff9b::a00:1]/') ?? '', /NAT64/);
  });

  it('refuses localhost and *.localhost unless the operator allowed loopback', () => {
    for (const url of ['http://localhost:8080/', 'http://LOCALHOST./', 'http://api.localhost/']) {
      assert.match(reasonFor(url) ?? '', /is this machine \(a loopback address\); .*POSTBACK_ALLOW_NETWORKS/, url);
    }
    assert.equal(reasonFor('http://localhost:8080/', createAddressPolicy(['127.0.0.1/32'])), undefined);
    assert.equal(reasonFor('http://localhost:8080/', createAddressPolicy(['::1/128'])), undefined);
    assert.ok(reasonFor('http://localhost:8080/', createAddressPolicy(['10.0.0.0/8'])) !== undefined);
  });

  it('never resolves names: a name passes here and is checked at connect time', () => {
    assert.equal(reasonFor('https://example.com/hotmart'), undefined);
    assert.equal(reasonFor('http://receiver.internal/'), undefined);
    assert.equal(reasonFor('http://93.184.216.34/'), undefined);
    assert.equal(reasonFor('http://[2606:2800:220:1::]/'), undefined);
  });

  it('passes allowed literals and host names', () => {
    const policy = createAddressPolicy(['127.0.0.1/32', 'receiver.internal']);
    assert.equal(reasonFor('http://127.0.0.1:9000/', policy), undefined);
    assert.equal(reasonFor('http://127.1:9000/', policy), undefined);
    assert.ok(reasonFor('http://127.0.0.2/', policy) !== undefined);
  });
});

describe('POSTBACK_ALLOW_NETWORKS', () => {
  it('is empty by default: the guard is on', () => assert.deepEqual(loadConfig({}).allowNetworks, []));

  it('parses CIDRs, single addresses and host names', () => {
    assert.deepEqual(parseAllowNetworks(' 127.0.0.1/32 , ::1/128,receiver.internal,, 10.0.0.0/8 '),
      ['127.0.0.1/32', '::1/128', 'receiver.internal', '10.0.0.0/8']);
    assert.deepEqual(loadConfig({ POSTBACK_ALLOW_NETWORKS: '127.0.0.1/32,::1/128' }).allowNetworks, ['127.0.0.1/32', '::1/128']);
  });

  it('a malformed entry stops start-up, naming the variable', () => {
    for (const bad of ['10.0.0.0/33', '10.0.0/8', '127.0.0.1/', '::1/129', '300.1.1.1', '10.0.0', 'not a host!', '*.internal', 'gg::1', 'a/b']) {
      assert.throws(() => loadConfig({ POSTBACK_ALLOW_NETWORKS: bad }), /^Error: POSTBACK_ALLOW_NETWORKS: ".*" is (not a valid|neither)/, bad);
    }
    assert.throws(() => createAddressPolicy(['10.0.0.0/33']), /not a valid CIDR/);
  });
});

describe('the guard in the HTTP client', { timeout: 20_000 }, () => {
  const limits = { deadlineMs: 3_000, maxKeptBytes: 1024, maxResponseBytes: 1024 * 1024 };
  const post = (url: string) => ({ url, headers: { 'content-type': 'application/json' }, body: '{}' });
  const failure = (outcome: SendOutcome) => {
    assert.equal(outcome.kind, 'network_error', JSON.stringify(outcome).slice(0, 300));
    return outcome as Extract<SendOutcome, { kind: 'network_error' }>;
  };

  it('refuses a literal and a name that resolves to loopback, and nothing connects', async () => {
    await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
    await using client = createHttpClient({ checkAddress: guard.checkAddress });
    for (const url of [receiver.url, `http://localhost:${receiver.port}/`, `http://[::ffff:127.0.0.1]:${receiver.port}/`]) {
      const outcome = failure(await send(client, post(url), limits));
      assert.equal(outcome.cause, 'blocked_address', url);
      assert.match(outcome.detail, /refused by the address check/);
    }
    // the tenant sees the name it gave, not the address it resolved to: no map of the network's internal names
    const named = failure(await send(client, post(`http://localhost:${receiver.port}/`), limits));
    assert.equal(named.detail, 'connect to localhost refused by the address check: not a public address');
    assert.equal(receiver.connections(), 0);
  });

  it('a DNS lookup failure is a failure, never a pass, even for an allowed host name', async () => {
    for (const policy of [guard, createAddressPolicy(['nonexistent.invalid'])]) {
      await using client = createHttpClient({ checkAddress: policy.checkAddress });
      const outcome = failure(await send(client, post('http://nonexistent.invalid/'), limits));
      assert.equal(outcome.cause, 'dns_not_found');
    }
  });

  it('connects to an allowed receiver', async () => {
    await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
    await using client = createHttpClient({ checkAddress: createAddressPolicy(['127.0.0.1/32']).checkAddress });
    const outcome = await send(client, post(receiver.url), limits);
    assert.equal(outcome.kind, 'response');
    assert.equal(receiver.requests.length, 1);
  });
});
