import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../../platform/errors.js';

/** Addresses a webhook may never reach: loopback, private, link-local, CGNAT, multicast, reserved, and their IPv6 forms. */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible ::a.b.c.d
  ['::ffff:0:0', 96], // IPv4-mapped
  ['64:ff9b::', 96], // NAT64 of any IPv4
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family === 6) return PRIVATE.check(address, 'ipv6');
  return true;
}

const PRIVATE_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)\.?$/;

/**
 * A robot webhook must be http(s), carry no credentials and not point at a private, loopback or
 * link-local address (no SSRF into our network) — written as an address in any notation the URL
 * parser accepts (decimal, hex, IPv4-mapped IPv6). Only the WeChat sandbox's own URL on this
 * server is allowed locally.
 */
export function assertWebhookUrl(raw: string, sandboxBase: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('WEBHOOK_URL_INVALID');
  }
  if (raw.startsWith(`${sandboxBase}/cgi-bin/webhook/send`)) return url;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('WEBHOOK_URL_INVALID');
  if (url.username || url.password) throw new AppError('WEBHOOK_URL_INVALID');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (!host || PRIVATE_NAMES.test(host)) throw new AppError('WEBHOOK_URL_INVALID');
  if (isIP(host) && isPrivateAddress(host)) throw new AppError('WEBHOOK_URL_INVALID');
  return url;
}

export type Lookup = (host: string) => Promise<string[]>;
const systemLookup: Lookup = async (host) => (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * `assertWebhookUrl`, then the name resolved: a public-looking name that resolves to a private
 * address is refused too (checked when a robot is added and again before each delivery, so a name
 * re-pointed later is caught). A name that does not resolve now passes (nothing can be reached).
 */
export async function assertPublicWebhook(raw: string, sandboxBase: string, lookup: Lookup = systemLookup): Promise<URL> {
  const url = assertWebhookUrl(raw, sandboxBase);
  if (raw.startsWith(`${sandboxBase}/cgi-bin/webhook/send`)) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return url;
  let addresses: string[];
  try {
    addresses = await lookup(host);
  } catch {
    return url;
  }
  if (addresses.some(isPrivateAddress)) throw new AppError('WEBHOOK_URL_INVALID');
  return url;
}
