/**
 * `synthOrExit` for an app's main.ts: our props errors and cdk8s validation errors are printed as
 * their message with exit status 1 and no stack; anything else (a bug) with its stack.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { GracefulWebService } from '../../src/graceful-web-service';
import { synthOrExit } from '../../src/synth';
import { LifecycleValidation } from '../../src/validation/synth-validation';

let outdir: string;
let written: string[];
let spy: jest.SpyInstance;
beforeEach(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-or-exit-'));
  written = [];
  spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  spy.mockRestore();
  process.exitCode = undefined;
  fs.rmSync(outdir, { recursive: true, force: true });
});

const web = (app: App, port: number) => new GracefulWebService(new Chart(app, 'shop'), 'web', {
  image: 'nginxinc/nginx-unprivileged:1.27-alpine', port, securityContext: { user: 101, group: 101 },
});

test('define form: bad props are printed with construct path, prop and fix, exit status 1, nothing written', () => {
  synthOrExit(app => web(app, 70000), { outdir });
  expect(written.join('')).toBe([
    'cdk8s-lifecycle: synth failed',
    'invalid props for shop/web:',
    '  - port: 70000 is not a port number',
    '    fix: use an integer between 1 and 65535',
    '',
  ].join('\n'));
  expect(process.exitCode).toBe(1);
  expect(fs.readdirSync(outdir)).toEqual([]);
});

test('app form: a validation error is printed without a stack, exit status 1, nothing written', () => {
  const app = new App({ outdir });
  LifecycleValidation.enable(app);
  new ApiObject(new Chart(app, 'shop'), 'pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ containerPort: 0 }] }] } });
  synthOrExit(app);
  const text = written.join('');
  expect(text).toMatch(/^cdk8s-lifecycle: synth failed\nValidation failed with the following errors:\n {2}\[cdk8s-lifecycle\] shop\/pod \(Pod p\): spec\.containers\[0\]\.ports\[0\]\.containerPort: /m);
  expect(text).not.toMatch(/^\s+at /m);
  expect(process.exitCode).toBe(1);
  expect(fs.readdirSync(outdir)).toEqual([]);
});

test('both forms synthesize a valid app', () => {
  synthOrExit(app => web(app, 8080), { outdir });
  expect(fs.readdirSync(outdir)).toEqual(['shop.k8s.yaml']);
  const app = new App({ outdir: path.join(outdir, 'b') });
  web(app, 8080);
  synthOrExit(app);
  expect(fs.readdirSync(path.join(outdir, 'b'))).toEqual(['shop.k8s.yaml']);
  expect(process.exitCode).toBeUndefined();
});

test('an unexpected error (a bug) is printed with its stack', () => {
  synthOrExit(() => {
    (undefined as unknown as { x: number }).x;
  }, { outdir });
  const text = written.join('');
  expect(text).toMatch(/^cdk8s-lifecycle: synth failed with an unexpected error \(a bug in the app or a library; the stack says where\):\nTypeError: Cannot read properties of undefined/);
  expect(text).toMatch(/^\s+at .*synth-or-exit\.test\.ts:\d+:\d+/m);
  expect(process.exitCode).toBe(1);
});
