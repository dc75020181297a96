/**
 * Lifecycle hooks: exec and httpGet only. A tcpSocket lifecycle handler is accepted by the API
 * server but never run by the kubelet, so it must not be expressible: checked at the type level
 * (by compiling snippets against our sources) and in the rendered JSON.
 */
import * as path from 'path';
import { Duration, Testing } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import * as ts from 'typescript';
import { LifecycleHook } from '../../src/hooks/lifecycle-hook';

/** Type-checks `source` as a file in test/unit and returns its errors as `line: message`. */
function typeErrors(source: string): string[] {
  const file = path.join(__dirname, '__hook_types__.ts');
  const options: ts.CompilerOptions = {
    strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS,
    esModuleInterop: true, types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => (path.resolve(name) === file
    ? ts.createSourceFile(name, source, version)
    : read(name, version, ...rest));
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program)
    .filter(d => d.file && path.resolve(d.file.fileName) === file)
    .map(d => `${d.file!.getLineAndCharacterOfPosition(d.start!).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('at the type level', () => {
  const header = [
    "import { LifecycleHook } from '../../src/hooks/lifecycle-hook';",
    "import type { KubeLifecycleHandler } from '../../src/kube-types';",
  ];

  test('exec, shell and httpGet hooks compile', () => {
    expect(typeErrors([
      ...header,
      "LifecycleHook.exec(['nginx', '-s', 'quit']);",
      "LifecycleHook.shell('sleep 5');",
      "LifecycleHook.httpGet('/warm', { port: 'http', headers: { Host: 'shop' } });",
      "const h: KubeLifecycleHandler = { exec: { command: ['true'] } };",
      'void h;',
    ].join('\n'))).toEqual([]);
  });

  test('a tcpSocket hook cannot be written', () => {
    const errors = typeErrors([
      ...header,
      'LifecycleHook.tcpSocket(8080);',
      'const h: KubeLifecycleHandler = { tcpSocket: { port: 8080 } };',
      'void h;',
      "new LifecycleHook({ exec: { command: ['x'] } }, {});",
    ].join('\n'));
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^3: Property 'tcpSocket' does not exist on type 'typeof LifecycleHook'/);
    expect(errors[1]).toMatch(/^4: Object literal may only specify known properties, and 'tcpSocket' does not exist/);
    expect(errors[2]).toMatch(/^6: Constructor of class 'LifecycleHook' is private/);
  }, 60_000);
});

describe('at run time', () => {
  test('there is no tcpSocket factory', () => {
    expect((LifecycleHook as unknown as Record<string, unknown>).tcpSocket).toBeUndefined();
  });

  test('hooks render only exec or httpGet, in a cdk8s-plus container', () => {
    const chart = Testing.chart();
    const pod = new plus.Pod(chart, 'pod');
    pod.addContainer({
      image: 'x',
      lifecycle: {
        postStart: LifecycleHook.httpGet('/warm', { port: 8080, scheme: 'HTTPS', headers: { Host: 'shop', Accept: '*/*' } }).toCdk8sPlus(),
        preStop: LifecycleHook.shell('sleep 5; exec nginx -s quit').toCdk8sPlus(),
      },
    });
    const lifecycle = (Testing.synth(chart)[0] as any).spec.containers[0].lifecycle;
    expect(lifecycle).toEqual({
      postStart: { httpGet: { path: '/warm', port: 8080, scheme: 'HTTPS', httpHeaders: [{ name: 'Accept', value: '*/*' }, { name: 'Host', value: 'shop' }] } },
      preStop: { exec: { command: ['sh', '-c', 'sleep 5; exec nginx -s quit'] } },
    });
    for (const handler of Object.values(lifecycle) as object[]) {
      expect(Object.keys(handler).filter(k => k !== 'exec' && k !== 'httpGet')).toEqual([]);
    }
  });

  test('an httpGet hook never sets host (localhost there would be the node)', () => {
    expect(LifecycleHook.httpGet('/', { port: 80 }).handler.httpGet).toEqual({ path: '/', port: 80 });
  });

  test('an empty exec command is refused with the fix', () => {
    expect(() => LifecycleHook.exec([])).toThrow(/the command is empty; give at least the executable/);
  });

  test('the command is copied, not shared', () => {
    const command = ['nginx', '-s', 'quit'];
    const hook = LifecycleHook.exec(command);
    command[2] = 'stop';
    expect(hook.handler.exec!.command).toEqual(['nginx', '-s', 'quit']);
  });

  test('the expected duration is kept in whole seconds, rounded up', () => {
    expect(LifecycleHook.exec(['true']).expectedSeconds).toBe(0);
    expect(LifecycleHook.exec(['true'], { expectedDuration: Duration.seconds(45) }).expectedSeconds).toBe(45);
    expect(LifecycleHook.exec(['true'], { expectedDuration: Duration.millis(1500) }).expectedSeconds).toBe(2);
    expect(LifecycleHook.exec(['true'], { expectedDuration: Duration.seconds(0.0001) }).expectedSeconds).toBe(1);
  });

  test('declaredSeconds tells a declared duration, 0 included, from none', () => {
    expect(LifecycleHook.shell('sleep 3').declaredSeconds).toBeUndefined();
    expect(LifecycleHook.shell('work &', { expectedDuration: Duration.seconds(0) }).declaredSeconds).toBe(0);
    expect(LifecycleHook.httpGet('/warm', { port: 8080 }, { expectedDuration: Duration.millis(2500) }).declaredSeconds).toBe(3);
  });

  test('an expected duration that is no number is refused, naming the option', () => {
    expect(() => LifecycleHook.exec(['true'], { expectedDuration: Duration.seconds(NaN) })).toThrow(/expectedDuration .* is not a duration; use e.g. Duration.seconds\(45\)/);
  });
});
