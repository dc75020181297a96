/**
 * seeds/000, figure 1.5: warming a cache when the container starts.
 *
 * The seed calls the warm-up URL with an `httpGet` postStart. That races the app: postStart
 * starts together with the entrypoint, so the app is usually not listening yet, the request is
 * refused, the hook fails and the container is killed and restarted, possibly forever. It also
 * counts any answer, even a 404 from a mistyped path, as success, so a wrong URL silently warms
 * nothing. And `host: localhost` there would be the node, not the pod.
 *
 * Done right: an `exec` postStart that retries with a bounded loop (the app gets up to 30
 * attempts to start listening), and treats an HTTP error as a failure (`wget` exits non-zero on
 * 4xx/5xx). Inside the container 127.0.0.1 is the pod itself. If the app never answers, the hook
 * exits 1 with the reason on stderr, which the FailedPostStartHook event shows, and the
 * container is restarted: that is the right outcome for an app that cannot start.
 *
 * Each call is bounded by `timeout 2`, not by wget's `-T 2`: busybox built without
 * FEATURE_WGET_TIMEOUT (Debian's 1.35) segfaults on `-T`, and without a timeout a busybox wget
 * waits for an app that accepted and never answers. `timeout SECS CMD` works with busybox 1.30+
 * (alpine 3.10+, the demoapp image) and GNU coreutils, and bounds GNU wget's retries too.
 */
import { App, Chart, Duration } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { LifecycleHook } from '../hooks/lifecycle-hook';
import { ProbeCheck } from '../probes/probe-check';
import { DEMOAPP_POD_SECURITY, demoappContainer, DemoOutcome, describeDemo, fallbackToLogsOnError, probesFor, script } from './support';

/** Attempts before giving up; with 1 s between attempts and a 2 s timeout each, at most ~90 s. */
export const WARM_UP_ATTEMPTS = 30;

/** Replace `/` with your app's warm-up endpoint; demoapp has none, so its home page stands in. */
export const WARM_UP_SCRIPT = script(
  'i=0',
  "until timeout 2 wget -q -O /dev/null 'http://127.0.0.1:80/'; do",
  '  i=$((i + 1))',
  `  if [ "$i" -ge ${WARM_UP_ATTEMPTS} ]; then`,
  `    echo "cache warm-up: no successful answer from http://127.0.0.1:80/ after ${WARM_UP_ATTEMPTS} attempts" >&2`,
  '    exit 1',
  '  fi',
  '  sleep 1',
  'done',
  'echo "cache warm-up: done after $i failed attempts"',
);

export function cacheWarmUp(app: App): Chart {
  const chart = new Chart(app, 'cache-warm-up');
  const pod = new plus.Pod(chart, 'pod', { metadata: { name: 'cache-warmup-demo' }, securityContext: DEMOAPP_POD_SECURITY });
  const probes = probesFor(pod, {
    check: ProbeCheck.httpGet('/livez', { port: 'http' }),
    readiness: { check: ProbeCheck.httpGet('/readyz', { port: 'http' }) },
  });
  pod.addContainer({
    ...demoappContainer(),
    ...probes,
    lifecycle: {
      postStart: LifecycleHook.shell(WARM_UP_SCRIPT, { expectedDuration: Duration.seconds(WARM_UP_ATTEMPTS * 3) }).toCdk8sPlus(),
    },
  });
  fallbackToLogsOnError(pod);
  describeDemo(pod, '000', DemoOutcome.RUNS,
    'exec postStart that retries the warm-up call until the app listens, instead of an httpGet postStart that races it');
  return chart;
}
