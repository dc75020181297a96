/**
 * seeds/000, figures 1.2 and 1.6: the fortune site. nginx serves `/quote`; a postStart hook
 * writes the quote when the container starts; preStop runs `nginx -s quit`.
 *
 * What changes from the seed, and why:
 * - The seed installs `fortune` with the package manager inside postStart, on every start. That
 *   needs root and the network, slows every start and fails when the mirror is down. The quotes
 *   come from a ConfigMap instead, and the hook only picks one (an image with `fortune` built in
 *   is the other right answer).
 * - nginx-unprivileged (UID 101, port 8080) instead of nginx:alpine (root, port 80), so the pod
 *   starts under a non-root, read-only-root-filesystem policy; the document root is an emptyDir.
 * - GracefulWebService instead of a bare Pod: probes, a drain before `nginx -s quit`, a preStop
 *   that waits until nginx has exited (the seed's `nginx -s quit` returns at once, and the
 *   kubelet's stop signal follows within milliseconds), a grace period that covers all of it, a
 *   PodDisruptionBudget.
 */
import { App, Chart, Duration } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { GracefulWebService } from '../graceful-web-service';
import { LifecycleHook } from '../hooks/lifecycle-hook';
import { demoResources, IMAGES, NGINX_SECURITY, script } from './support';

/** The quotes, one paragraph each (blank-line separated), as awk's paragraph mode reads them. */
export const FORTUNES = [
  'Nuclear war can ruin your whole compile.\n\t-- Karl Lehenbauer',
  'Simplicity is prerequisite for reliability.\n\t-- Edsger W. Dijkstra',
  'Premature optimization is the root of all evil.\n\t-- Donald E. Knuth',
  'There are two ways of constructing a software design: one way is to make it so simple that\n'
    + 'there are obviously no deficiencies, and the other way is to make it so complicated that\n'
    + 'there are no obvious deficiencies.\n\t-- C. A. R. Hoare',
];

const HTML_ROOT = '/usr/share/nginx/html';
const QUOTES_DIR = '/etc/fortune';

/**
 * Picks one quote at random and publishes it atomically (write, then rename), so nginx never
 * serves half a file. `RS = ""` is POSIX awk's paragraph mode (busybox awk keeps the last
 * record's trailing newline there, hence the `sub`). The index page exists so that
 * liveness can check nginx itself (`/`) while readiness checks the content (`/quote`).
 */
export const WRITE_QUOTE_SCRIPT = script(
  'set -eu',
  `html=${HTML_ROOT}`,
  `awk 'BEGIN { RS = ""; srand() } { sub(/\\n+$/, ""); q[NR] = $0 } END { if (NR == 0) exit 1; print q[int(rand() * NR) + 1] }' ${QUOTES_DIR}/fortunes > "$html/quote.tmp"`,
  'mv "$html/quote.tmp" "$html/quote"',
  `printf '%s\\n' '<!doctype html><title>Fortune</title><p><a href="/quote">Your quote</a></p>' > "$html/index.html"`,
);

export function fortuneSite(app: App): Chart {
  const chart = new Chart(app, 'fortune-site');
  const quotes = new plus.ConfigMap(chart, 'quotes', {
    metadata: { name: 'fortune-quotes' },
    data: { fortunes: `${FORTUNES.join('\n\n')}\n` },
  });

  const site = new GracefulWebService(chart, 'site', {
    name: 'fortune',
    image: IMAGES.nginx,
    port: 8080,
    replicas: 2,
    // Probes start only after postStart has returned, so /quote exists by the first check.
    healthPath: '/',
    readiness: { path: '/quote' },
    // postStart runs beside nginx's own start, not after it: it must not depend on nginx.
    postStart: LifecycleHook.shell(WRITE_QUOTE_SCRIPT),
    preStopCommand: ['nginx', '-s', 'quit'],
    shutdownTimeout: Duration.seconds(10),
    securityContext: NGINX_SECURITY,
    writablePaths: ['/tmp', HTML_ROOT],
    resources: demoResources(64),
  });
  // Escape hatch: the cdk8s-plus container takes any extra mount.
  site.container.mount(QUOTES_DIR, plus.Volume.fromConfigMap(chart, 'quotes-volume', quotes), { readOnly: true });
  return chart;
}
