/**
 * A local Nacos server for the hook tests: the instance and auth endpoints of the Open API, with
 * the parameter handling of the real controllers (alibaba/nacos `InstanceController` (v1),
 * `InstanceControllerV2`, `InstanceControllerV3`, `ServiceNameFilter`, `InstanceForm`), on
 * 127.0.0.1 with an ephemeral port. It records every request, with when it arrived and when it
 * was answered, and can be scripted to fail or stall the way a real server does (an instance not
 * registered yet, a slow answer).
 */
import * as http from 'http';
import * as net from 'net';
import type { AddressInfo } from 'net';

export type NacosVersion = '1.x' | '2.x' | '3.x';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly httpVersion: string;
  /** Query string parameters. */
  readonly query: Readonly<Record<string, string>>;
  /** application/x-www-form-urlencoded body parameters. */
  readonly form: Readonly<Record<string, string>>;
  readonly headers: http.IncomingHttpHeaders;
  readonly status: number;
  /** `enabled` of an instance update (query or form), if any. */
  readonly enabled?: string;
  /**
   * Position of the request's arrival, and of its answer, in one sequence shared by all events of
   * this server: `answeredSeq < other.receivedSeq` means the answer (and the state change) came
   * first, whatever the clock says.
   */
  readonly receivedSeq: number;
  readonly answeredSeq: number;
  /** Milliseconds since the server started, for messages (orderings use the sequence numbers). */
  readonly receivedMs: number;
  readonly answeredMs: number;
}

/** One registered instance, as Nacos keys it. */
export interface InstanceKey {
  readonly namespaceId?: string;
  readonly groupName?: string;
  readonly serviceName: string;
  readonly clusterName?: string;
  readonly ip: string;
  readonly port: number;
}

export interface InstanceState {
  enabled: boolean;
  weight: number;
}

export interface MockNacosOptions {
  readonly version: NacosVersion;
  /** Address to listen on. @default '127.0.0.1' */
  readonly host?: '127.0.0.1' | '::1';
  /** Turns auth on: instance endpoints then need a token from a login with these credentials. */
  readonly auth?: { readonly username: string; readonly password: string };
  /** Registered from the start. */
  readonly instances?: readonly InstanceKey[];
  /** Registered once this many instance-update requests have been answered (the app registering late). */
  readonly registerAfterUpdates?: { readonly count: number; readonly instance: InstanceKey };
  /** Every instance-update request gets this answer instead. */
  readonly failWith?: { readonly status: number; readonly body: string };
  /**
   * The first N instance updates with `enabled=true` get the answer the API gives for an instance
   * that is not registered yet (the app still starting), and change nothing.
   */
  readonly notRegisteredForFirstEnables?: number;
  /**
   * Instance updates with `enabled=true` are held this long before the server reads and applies
   * them (a slow or overloaded server): the state changes when the answer goes out.
   */
  readonly enableDelayMs?: number;
}

export const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJuYWNvcyJ9.c2lnbmF0dXJl';

function keyOf(i: InstanceKey): string {
  return [i.namespaceId ?? 'public', `${i.groupName ?? 'DEFAULT_GROUP'}@@${i.serviceName}`, i.clusterName ?? 'DEFAULT', `${i.ip}:${i.port}`].join('|');
}

const RESULT_OK = JSON.stringify({ code: 0, message: 'success', data: 'ok' });

class HttpError extends Error {
  constructor(public readonly status: number, public readonly body: string) {
    super(body);
  }
}

export class MockNacosServer {
  /** Starts a server on 127.0.0.1 (or `options.host`) and an ephemeral port. */
  public static async start(options: MockNacosOptions): Promise<MockNacosServer> {
    const mock = new MockNacosServer(options);
    await new Promise<void>(resolve => mock.server.listen(0, options.host ?? '127.0.0.1', resolve));
    return mock;
  }

  public readonly requests: RecordedRequest[] = [];
  /** Every request as it arrives, before it is answered. */
  public readonly arrivals: Array<{ readonly receivedSeq: number; readonly path: string; readonly enabled?: string }> = [];
  /** State by `namespace|group@@service|cluster|ip:port`. */
  public readonly instances = new Map<string, InstanceState>();
  private readonly server: http.Server;
  private updates = 0;
  private enables = 0;
  /** While answering an update as if no instance were registered. */
  private hidden = false;
  private seq = 0;
  private readonly started = performance.now();
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(private readonly options: MockNacosOptions) {
    for (const i of options.instances ?? []) this.register(i);
    this.server = http.createServer((req, res) => this.handle(req, res));
    // A client may half-close after its request (busybox nc does at the end of its input); Tomcat
    // still answers. Node's default would drop a request still being answered (enableDelayMs).
    (this.server as http.Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  }

  /** `127.0.0.1:port`, or `[::1]:port` */
  public get address(): string {
    const { address, port } = this.server.address() as AddressInfo;
    return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
  }

  public register(i: InstanceKey, state: InstanceState = { enabled: true, weight: 1 }): void {
    this.instances.set(keyOf(i), { ...state });
  }

  public state(i: InstanceKey): InstanceState | undefined {
    return this.instances.get(keyOf(i));
  }

  /** Requests to instance endpoints (not logins). */
  public get instanceRequests(): RecordedRequest[] {
    return this.requests.filter(r => r.path.includes('/ns/instance'));
  }

  public async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  /** Instance updates, in the order they were answered (applied). */
  public get updatesApplied(): RecordedRequest[] {
    return this.instanceRequests.slice().sort((a, b) => a.answeredSeq - b.answeredSeq);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const receivedSeq = this.seq++;
    const receivedMs = performance.now() - this.started;
    const target = new URL(req.url ?? '/', 'http://nacos');
    this.arrivals.push({ receivedSeq, path: target.pathname, enabled: target.searchParams.get('enabled') ?? undefined });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://nacos');
      const query = Object.fromEntries(url.searchParams);
      const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      const form = isForm ? Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) : {};
      const enabled = url.pathname.includes('/ns/instance') ? (query.enabled ?? form.enabled) : undefined;
      const delay = enabled === 'true' ? this.options.enableDelayMs ?? 0 : 0;
      if (delay > 0) {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.answer(req, res, url, query, form, enabled, receivedSeq, receivedMs);
        }, delay);
        this.timers.add(timer);
      } else {
        this.answer(req, res, url, query, form, enabled, receivedSeq, receivedMs);
      }
    });
  }

  private answer(
    req: http.IncomingMessage, res: http.ServerResponse, url: URL, query: Record<string, string>, form: Record<string, string>,
    enabled: string | undefined, receivedSeq: number, receivedMs: number,
  ): void {
    let status = 200;
    let body: string;
    let type = 'text/plain;charset=UTF-8';
    try {
      body = this.route(req.method ?? 'GET', url.pathname, { ...query, ...form }, req.headers);
      if (body.startsWith('{')) type = 'application/json';
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      status = e.status;
      body = e.body;
      if (body.startsWith('{')) type = 'application/json';
    }
    this.requests.push({
      method: req.method ?? '', path: url.pathname, httpVersion: req.httpVersion, query, form, headers: req.headers, status, enabled,
      receivedSeq, answeredSeq: this.seq++, receivedMs, answeredMs: performance.now() - this.started,
    });
    res.writeHead(status, { 'Content-Type': type });
    res.end(body);
  }

  private route(method: string, path: string, p: Record<string, string>, headers: http.IncomingHttpHeaders): string {
    const v = this.options.version;
    if (method === 'POST' && (path === '/nacos/v1/auth/login' || (v === '3.x' && path === '/nacos/v3/auth/user/login'))) {
      return this.login(p);
    }
    if (path === '/nacos/v1/ns/instance' && (method === 'PUT' || method === 'PATCH')) {
      // 3.x answers 410 for the 1.x/2.x admin APIs unless compatibility is switched on (ApiCompatibilityFilter).
      if (v === '3.x') throw new HttpError(410, 'Current API will be deprecated, please use the new API in 3.x');
      return this.counted(headers, p, () => method === 'PATCH' ? this.v1Patch(p) : this.v1Put(p));
    }
    if (path === '/nacos/v2/ns/instance' && (method === 'PUT' || method === 'PATCH')) {
      if (v === '1.x') throw new HttpError(404, 'Not Found');
      if (v === '3.x') throw new HttpError(410, 'Current API will be deprecated, please use the new API in 3.x');
      return this.counted(headers, p, () => method === 'PATCH' ? this.v2Patch(p) : this.v2Put(p));
    }
    if (path === '/nacos/v3/admin/ns/instance/partial' && method === 'PUT') {
      if (v !== '3.x') throw new HttpError(404, 'Not Found');
      return this.counted(headers, p, () => this.v3Partial(p));
    }
    throw new HttpError(404, 'Not Found');
  }

  private login(p: Record<string, string>): string {
    const auth = this.options.auth;
    if (!auth || p.username !== auth.username || p.password !== auth.password) {
      throw new HttpError(403, 'unknown user!');
    }
    return JSON.stringify({ accessToken: TOKEN, tokenTtl: 18000, globalAdmin: true, username: auth.username });
  }

  /** Auth, the failure override and the late registration, around one instance update. */
  private counted(headers: http.IncomingHttpHeaders, p: Record<string, string>, update: () => string): string {
    try {
      if (this.options.auth) {
        const bearer = (headers.authorization ?? '').replace(/^Bearer /, '');
        if (p.accessToken !== TOKEN && bearer !== TOKEN) throw new HttpError(403, 'user not found!');
      }
      if (this.options.failWith) throw new HttpError(this.options.failWith.status, this.options.failWith.body);
      if (p.enabled === 'true' && this.enables++ < (this.options.notRegisteredForFirstEnables ?? 0)) {
        this.hidden = true;
      }
      return update();
    } finally {
      this.hidden = false;
      this.updates += 1;
      const late = this.options.registerAfterUpdates;
      if (late && this.updates === late.count) this.register(late.instance, { enabled: false, weight: 1 });
    }
  }

  private required(p: Record<string, string>, name: string): string {
    const value = p[name];
    if (value === undefined || value.trim() === '') throw new HttpError(400, `caused: Param '${name}' is required.;`);
    return value;
  }

  private find(namespaceId: string, groupedService: string, cluster: string, ip: string, port: string): InstanceState | undefined {
    if (this.hidden) return undefined;
    return this.instances.get([namespaceId, groupedService, cluster, `${ip}:${port}`].join('|'));
  }

  /** ServiceNameFilter (v1 only): `groupName@@serviceName` from the two parameters. */
  private v1GroupedService(p: Record<string, string>): string {
    const service = this.required(p, 'serviceName').trim();
    return service.includes('@@') ? service : `${p.groupName || 'DEFAULT_GROUP'}@@${service}`;
  }

  private v1Patch(p: Record<string, string>): string {
    const service = this.v1GroupedService(p);
    const ip = this.required(p, 'ip');
    const port = this.required(p, 'port');
    const cluster = p.clusterName || p.cluster || 'DEFAULT';
    const found = this.find(p.namespaceId || 'public', service, cluster, ip, port);
    if (!found) {
      if (this.options.version === '1.x') throw new HttpError(400, 'caused: instance not found;');
      throw new HttpError(404, 'caused: no matched ip found!;');
    }
    if (p.weight) found.weight = Number(p.weight);
    if (p.enabled) found.enabled = p.enabled === 'true';
    return 'ok';
  }

  private v1Put(p: Record<string, string>): string {
    const service = this.v1GroupedService(p);
    const ip = this.required(p, 'ip');
    const port = this.required(p, 'port');
    const found = this.find(p.namespaceId || 'public', service, p.clusterName || 'DEFAULT', ip, port);
    if (!found) {
      // 2.x stores an override for any ip:port and still answers ok.
      if (this.options.version === '1.x') throw new HttpError(400, 'caused: instance not exist;');
      return 'ok';
    }
    found.weight = p.weight ? Number(p.weight) : 1;
    found.enabled = p.enabled ? p.enabled === 'true' : true;
    return 'ok';
  }

  /** InstanceControllerV2#patch: every @RequestParam without a default is required. */
  private v2Patch(p: Record<string, string>): string {
    for (const name of ['serviceName', 'ip', 'port', 'weight', 'enabled']) {
      if (p[name] === undefined || p[name] === '') {
        throw new HttpError(400, `Required request parameter '${name}' is not present`);
      }
    }
    if (p.metadata === undefined) throw new HttpError(400, 'Required request parameter \'metadata\' for method parameter type String is not present');
    const [group, service] = p.serviceName.split('@@');
    if (service === undefined || group === '' || service === '') {
      throw new HttpError(400, 'caused: Param \'serviceName\' is illegal, it should be format as \'groupName@@serviceName\';');
    }
    const found = this.find(p.namespaceId || 'public', p.serviceName, p.cluster || 'DEFAULT', p.ip, p.port);
    if (!found) throw new HttpError(404, JSON.stringify({ code: 20004, message: 'resource not found', data: 'no matched ip found!' }));
    found.weight = Number(p.weight);
    found.enabled = p.enabled === 'true';
    return 'ok';
  }

  /** InstanceControllerV2#update: a full update answering a Result. */
  private v2Put(p: Record<string, string>): string {
    const service = `${p.groupName || 'DEFAULT_GROUP'}@@${this.required(p, 'serviceName')}`;
    const found = this.find(p.namespaceId || 'public', service, p.clusterName || 'DEFAULT', this.required(p, 'ip'), this.required(p, 'port'));
    if (found) {
      found.weight = p.weight ? Number(p.weight) : 1;
      found.enabled = p.enabled ? p.enabled === 'true' : true;
    }
    return RESULT_OK;
  }

  /** InstanceControllerV3#partialUpdateInstance: InstanceForm fills weight 1.0 and enabled true when missing. */
  private v3Partial(p: Record<string, string>): string {
    const service = `${p.groupName || 'DEFAULT_GROUP'}@@${this.required(p, 'serviceName')}`;
    const found = this.find(p.namespaceId || 'public', service, p.clusterName || 'DEFAULT', this.required(p, 'ip'), this.required(p, 'port'));
    if (!found) throw new HttpError(404, JSON.stringify({ code: 21003, message: 'instance not found', data: null }));
    found.weight = p.weight ? Number(p.weight) : 1;
    found.enabled = p.enabled ? p.enabled === 'true' : true;
    return RESULT_OK;
  }
}

/** A TCP server on 127.0.0.1 that accepts connections and never answers. */
export async function startSilentServer(): Promise<{ address: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer(s => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}

/** `127.0.0.1:port` where nothing listens (a port that was just bound and released). */
export async function refusedAddress(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return `127.0.0.1:${port}`;
}
