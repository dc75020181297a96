/**
 * Property: a preStopCommand full of shell metacharacters (quotes, `$`, backticks, globs,
 * newlines, non-ASCII) is rendered into an `sh -c` script that sleeps out the drain and then
 * runs exactly that argv, under dash and busybox sh; then it waits for the app (`$1`), which here
 * has already exited.
 */
import { spawnSync } from 'child_process';
import { ApiObject, App, Chart, Duration } from 'cdk8s';
import fc from 'fast-check';
import { GracefulWebService } from '../../src/graceful-web-service';
import { runWithShims, type ShellName } from './recording-shims';
import { commandName, shellWord } from './service-props-arbitrary';

/** The preStop exec command of the Deployment a GracefulWebService renders. */
function preStopOf(argv: string[], drainSeconds: number): string[] {
  const app = new App();
  const chart = new Chart(app, 'chart');
  const svc = new GracefulWebService(chart, 'svc', {
    image: 'registry.example.com/app:1.0',
    port: 8080,
    drainDelay: Duration.seconds(drainSeconds),
    preStopCommand: argv,
    // Drains under 5 s keep the test fast; behind a Service the construct refuses them.
    service: false,
  });
  const deployment = ApiObject.of(svc.deployment).toJson() as {
    spec: { template: { spec: { containers: Array<{ lifecycle?: { preStop?: { exec?: { command: string[] } } } }> } } };
  };
  return deployment.spec.template.spec.containers[0].lifecycle!.preStop!.exec!.command;
}

describe('preStopCommand with shell metacharacters', () => {
  const argvArb = fc.tuple(commandName.filter(c => c !== 'sleep'), fc.array(shellWord, { maxLength: 6 })).map(([c, args]) => [c, ...args]);

  it.each<ShellName>(['dash', 'busybox'])('runs the exact argv after the drain under %s', shell => {
    fc.assert(fc.property(argvArb, fc.integer({ min: 0, max: 3 }), (argv, drain) => {
      const command = preStopOf(argv, drain);
      expect(command.slice(0, 2)).toEqual(['sh', '-c']);
      // `$1` is PID 1 in the pod; here a process that is gone: the app exited at once.
      expect(command.slice(3)).toEqual(['prestop', '1']);
      const run = runWithShims(shell, command[2], argv[0], ['prestop', String(spawnSync('true').pid)]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.argv).toBeDefined();
      const [argv0, ...args] = run.argv!;
      expect(argv0.split('/').pop()).toBe(argv[0]);
      expect(args).toEqual(argv.slice(1));
      expect(run.sleeps).toEqual(drain > 0 ? [String(drain)] : []);
    }), { numRuns: 60 });
  });
});
