/**
 * `nacos.serverAddr`, read the way the Nacos client reads `server-addr`, then held to what the
 * hook script can use: plain HTTP to a host name or IP address the pod can reach.
 *
 * The Nacos client (alibaba/nacos `client/.../address/PropertiesListProvider.java`) splits the
 * value on `,` and `;`, trims each entry, keeps `http://` and `https://` entries as URLs and gives
 * an entry without a port the default port 8848 (`ParamUtil.getDefaultServerPort()`, the
 * `nacos.server.port` system property); `InternetAddressUtil.splitIPPortStr` reads IPv6 only in
 * brackets. Spring Cloud Alibaba (`NacosDiscoveryProperties#init`) drops a trailing `/`.
 *
 * Accepted and written out in one canonical form (`host:port,host:port`, the form both the app
 * and the hook then read): spaces around entries, `;` between them, an `http://` prefix, a
 * trailing `/`, a missing port (8848). Refused, each naming the entry and the fix: an empty entry
 * (a stray comma), `https://` (the hook speaks plain HTTP), a path (the client adds the `/nacos`
 * context path itself), anything that is not an RFC 1123 host name, a dotted-quad IPv4 address or
 * a bracketed IPv6 address, a port outside 1–65535, loopback and unspecified addresses (from a pod
 * they are the pod itself), and an entry listed twice.
 */
import { BlockList, isIPv4, isIPv6 } from 'net';
import type { ProblemList } from '../errors';

/** The Nacos client's default server port. */
export const NACOS_DEFAULT_PORT = 8848;

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Loopback and unspecified addresses: in a pod they are the pod's own network namespace. */
const SELF = new BlockList();
SELF.addSubnet('127.0.0.0', 8, 'ipv4');
SELF.addAddress('0.0.0.0', 'ipv4');
SELF.addAddress('::1', 'ipv6');
SELF.addAddress('::', 'ipv6');
SELF.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');
SELF.addAddress('::ffff:0.0.0.0', 'ipv6');
const EXAMPLE = '"nacos-0.nacos-headless.nacos.svc:8848,nacos-1.nacos-headless.nacos.svc:8848"';

/** One `host:port` entry, or why it is not one (and what to write instead). */
type Parsed = { readonly hostPort: string } | { readonly why: string; readonly fix: string };

/**
 * Checks `host:port[,host:port...]`; returns the entries in canonical form (`host:port`, IPv6 as
 * `[addr]:port`), the valid ones only.
 */
export function checkServerAddr(problems: ProblemList, prop: string, value: string | undefined): string[] {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.add(prop, 'is missing', `give the Nacos server as "host:port", e.g. ${EXAMPLE} (several comma-separated)`);
    return [];
  }
  const entries = value.split(/[,;]/);
  const seen = new Map<string, number>();
  const servers: string[] = [];
  entries.forEach((raw, i) => {
    const name = entries.length > 1 ? `entry ${i + 1} ${JSON.stringify(raw)}` : JSON.stringify(raw);
    const parsed = parseEntry(raw.trim(), entries.length);
    if ('why' in parsed) {
      problems.add(prop, `${name} ${parsed.why}`, parsed.fix);
      return;
    }
    const first = seen.get(parsed.hostPort);
    if (first !== undefined) {
      problems.add(prop, `${name} is ${parsed.hostPort} again (entry ${first + 1}): each server is tried in turn, and every entry counts in the termination budget`,
        'list each server once');
      return;
    }
    seen.set(parsed.hostPort, i);
    servers.push(parsed.hostPort);
  });
  return servers;
}

function parseEntry(entry: string, count: number): Parsed {
  if (entry === '') {
    return count > 1
      ? { why: 'is empty: a stray or trailing comma', fix: 'remove the extra comma, or put the missing server there' }
      : { why: 'is empty', fix: `give the Nacos server as "host:port", e.g. ${EXAMPLE}` };
  }
  let rest = entry;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(rest);
  if (scheme) {
    if (scheme[1].toLowerCase() !== 'http') {
      return {
        why: `uses ${scheme[1]}://: the hook script speaks plain HTTP to the server's port, and the app reads the same setting`,
        fix: 'give the plain-HTTP "host:port" of the Nacos server (8848 by default); TLS to Nacos is not supported here',
      };
    }
    rest = rest.slice(scheme[0].length);
  }
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const path = rest.slice(slash);
    if (path !== '/') {
      return {
        why: `has the path ${JSON.stringify(path)}: the Nacos client adds the context path (/nacos) itself`,
        fix: `give only "host:port", e.g. ${JSON.stringify(rest.slice(0, slash))}`,
      };
    }
    rest = rest.slice(0, slash);
  }
  const bad = /[^A-Za-z0-9.:[\]-]/.exec(rest);
  if (bad) {
    const what = /\s/.test(bad[0]) ? 'a space' : bad[0] === '_' ? '"_" (not allowed in a host name)' : JSON.stringify(bad[0]);
    return {
      why: `contains ${what}: write a host name or IP address and a port only (the value reaches a shell script and URLs)`,
      fix: `write each server as "host:port", separated by commas, e.g. ${EXAMPLE}`,
    };
  }
  const split = splitHostPort(rest);
  if ('why' in split) return split;
  const hostProblem = checkHost(split.host);
  if (hostProblem) return hostProblem;
  const port = split.port ?? String(NACOS_DEFAULT_PORT);
  if (!/^[1-9][0-9]{0,4}$/.test(port) || Number(port) > 65535) {
    return { why: `has the port ${JSON.stringify(port)}, not a port number 1-65535`, fix: `write the server's HTTP port, e.g. "${split.host}:${NACOS_DEFAULT_PORT}"` };
  }
  return { hostPort: `${split.host}:${port}` };
}

/** `host`, `host:port`, `[v6]`, `[v6]:port`; the host keeps its brackets. */
function splitHostPort(hostPort: string): { host: string; port?: string } | { why: string; fix: string } {
  if (hostPort.startsWith('[')) {
    const m = /^(\[[^\]]*\])(?::(.*))?$/.exec(hostPort);
    if (!m) return { why: 'is not "[IPv6 address]:port"', fix: 'write an IPv6 server in brackets, e.g. "[fd00::10]:8848"' };
    return { host: m[1], port: m[2] };
  }
  const colons = hostPort.split(':').length - 1;
  if (colons > 1) {
    return { why: 'looks like an IPv6 address without brackets: the port cannot be told apart', fix: 'write it in brackets, e.g. "[fd00::10]:8848"' };
  }
  const [host, port] = hostPort.split(':');
  return { host, port };
}

function checkHost(host: string): { why: string; fix: string } | undefined {
  const loopback = (what: string) => ({
    why: `is ${what}: from a pod that is the pod itself (its own network namespace), not the Nacos server`,
    fix: `give an address the pod can reach the server at, e.g. the Nacos Service's DNS name: ${EXAMPLE}`,
  });
  if (host.startsWith('[')) {
    const address = host.slice(1, -1);
    if (!isIPv6(address)) return { why: `has ${host}, not an IPv6 address`, fix: 'write a valid IPv6 address in brackets, e.g. "[fd00::10]:8848"' };
    if (SELF.check(address, 'ipv6')) return loopback(`the loopback or unspecified address ${host}`);
    return undefined;
  }
  if (host === '') return { why: 'has no host', fix: `write "host:port", e.g. ${EXAMPLE}` };
  // All digits and dots: meant as an IPv4 address (a host name's last label is never all digits).
  const labels = host.replace(/\.$/, '').split('.');
  if (/^[0-9.]+$/.test(host)) {
    const why = ipv4Problem(host);
    if (why) return { why, fix: 'write four numbers 0-255 separated by dots, e.g. "10.0.0.12:8848", or a host name' };
    if (SELF.check(host, 'ipv4')) return loopback(`the loopback or unspecified address ${host}`);
    return undefined;
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1])) {
    return {
      why: `has ${JSON.stringify(host)}: its last label is all digits, so it is neither a host name nor an IPv4 address`,
      fix: `write a DNS name such as ${EXAMPLE}, or an IPv4 address such as "10.0.0.12:8848"`,
    };
  }
  if (host.length > 253 || !labels.every(l => LABEL.test(l))) {
    return {
      why: `has ${JSON.stringify(host)}, not a host name (RFC 1123: dot-separated labels of letters, digits and "-", none starting or ending with "-", at most 63 characters each)`,
      fix: `write a DNS name such as ${EXAMPLE}`,
    };
  }
  const lower = host.toLowerCase().replace(/\.$/, '');
  if (lower === 'localhost' || lower.endsWith('.localhost')) return loopback(JSON.stringify(host));
  return undefined;
}

function ipv4Problem(host: string): string | undefined {
  const parts = host.split('.');
  if (parts.length !== 4 || parts.includes('')) {
    return `has ${JSON.stringify(host)}, not an IPv4 address: an IPv4 address is 4 numbers separated by dots`;
  }
  for (const p of parts) {
    if (Number(p) > 255) return `has ${JSON.stringify(host)}, not an IPv4 address: ${p} is over 255`;
    if (p.length > 1 && p.startsWith('0')) return `has ${JSON.stringify(host)}, not an IPv4 address: ${p} has a leading zero (read as octal by some resolvers)`;
  }
  return isIPv4(host) ? undefined : `has ${JSON.stringify(host)}, not an IPv4 address`;
}
