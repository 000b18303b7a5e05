import assert from 'node:assert/strict';
import { test } from 'node:test';
import { networkMatcher, parseNetworkList } from '../../security/ssrf-guard.ts';
import { buyerBrowserOf, pageUrlMaxLength, userAgentMaxLength } from './buyer-browser.ts';
import type { OrderRequest } from './buyer-browser.ts';

const trusting = (list: string) => networkMatcher(parseNetworkList(list));
const ipOf = (request: OrderRequest, trusted = '') => buyerBrowserOf(request, trusting(trusted)).buyer_ip;
const from = (socketAddress: string, headers: OrderRequest['headers'] = {}): OrderRequest => ({ socketAddress, headers });

test('the buyer\'s address: the connecting one when no proxy stands between, only when public', () => {
  assert.equal(ipOf(from('189.45.112.37')), '189.45.112.37');
  assert.equal(ipOf(from('::ffff:189.45.112.37')), '189.45.112.37', 'an IPv4-mapped address as the IPv4 it is');
  assert.equal(ipOf(from('2804:14c:5b80::1')), '2804:14c:5b80::1');
  for (const local of ['127.0.0.1', '10.0.0.7', '192.168.1.20', '::1', 'fd00::5', '100.64.0.1']) assert.equal(ipOf(from(local)), undefined, `${local} is nobody's public address`);
  assert.equal(ipOf(from('189.45.112.37', { 'x-forwarded-for': '201.10.20.30' })), undefined, 'forwarded by a proxy nobody trusts: the connecting address is the proxy\'s');
  assert.equal(ipOf(from('189.45.112.37', { forwarded: 'for=201.10.20.30' })), undefined);
  assert.equal(ipOf({ socketAddress: undefined, headers: {} }), undefined, 'a socket already closed');
});

test('behind trusted proxies: the last address of X-Forwarded-For that is not one of them', () => {
  assert.equal(ipOf(from('10.0.0.2', { 'x-forwarded-for': '201.10.20.30' }), '10.0.0.0/8'), '201.10.20.30');
  assert.equal(ipOf(from('127.0.0.1', { 'x-forwarded-for': '6.6.6.6, 201.10.20.30, 10.0.0.9' }), '127.0.0.1,10.0.0.0/8'), '201.10.20.30',
    'a hop the client wrote itself (6.6.6.6) is never believed: only the trusted end of the chain is');
  assert.equal(ipOf(from('127.0.0.1', { 'x-forwarded-for': ['201.10.20.30', '10.0.0.9'] }), '127.0.0.1,10.0.0.0/8'), '201.10.20.30', 'the header sent twice reads as one chain');
  assert.equal(ipOf(from('127.0.0.1'), '127.0.0.1'), undefined, 'a trusted proxy that names no client');
  assert.equal(ipOf(from('127.0.0.1', { 'x-forwarded-for': '201.10.20.30:4711' }), '127.0.0.1'), undefined, 'a hop that is not an address');
  assert.equal(ipOf(from('127.0.0.1', { 'x-forwarded-for': '192.168.0.4' }), '127.0.0.1'), undefined, 'a private client address');
  assert.throws(() => parseNetworkList('10.0.0.0/8,proxy.internal'), /"proxy\.internal" is not an IP address or a CIDR/);
  assert.throws(() => parseNetworkList('10.0.0/8'), /not a valid CIDR/);
});

test('the User-Agent and the page the order was placed from, when the browser sent them', () => {
  const userAgent = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
  const page = 'https://pay.example.com/checkout/k7m2x9?sck=MGID_ClickId_AbC&utm_source=mgid';
  assert.deepEqual(buyerBrowserOf(from('189.45.112.37', { 'user-agent': userAgent, referer: page }), trusting('')),
    { buyer_ip: '189.45.112.37', buyer_user_agent: userAgent, checkout_page_url: page });
  const nothing = (headers: OrderRequest['headers']) => buyerBrowserOf(from('127.0.0.1', headers), trusting(''));
  assert.deepEqual(nothing({}), {}, 'nothing sent, nothing recorded');
  assert.deepEqual(nothing({ 'user-agent': '  ', referer: 'android-app://com.example' }), {}, 'a blank agent, a page that is not a web address');
  assert.deepEqual(nothing({ 'user-agent': 'x'.repeat(userAgentMaxLength + 1), referer: `https://a.example/?q=${'x'.repeat(pageUrlMaxLength)}` }), {}, 'too long: dropped, not cut');
  assert.deepEqual(nothing({ referer: 'https://user:secret@pay.example.com/checkout/k7m2x9#top' }), { checkout_page_url: 'https://pay.example.com/checkout/k7m2x9' });
});
