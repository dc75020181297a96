/**
 * The example app: every scenario of the seed articles, done right, one chart (and so one file
 * in dist/) per scenario. `cdk8s synth` runs this file; tests call `defineExampleApp` in-process.
 */
import type { App } from 'cdk8s';
import { cacheWarmUp } from './examples/cache-warm-up';
import { fortuneSite } from './examples/fortune-site';
import { gracefulWeb } from './examples/graceful-web';
import { lifecycleDemo } from './examples/lifecycle-demo';
import { livenessExec } from './examples/liveness-exec';
import { livenessHttp } from './examples/liveness-http';
import { livenessTcp } from './examples/liveness-tcp';
import { nacosScenario } from './examples/nacos-scenario';
import { podLifeTiming } from './examples/pod-life-timing';
import { postStartFailing } from './examples/post-start-failing';
import { postStartSlow } from './examples/post-start-slow';
import { readiness } from './examples/readiness';
import { sidecarAmbassador } from './examples/sidecar-ambassador';
import { synthOrExit } from './synth';

/** Adds every scenario to `app`. */
export function defineExampleApp(app: App): void {
  gracefulWeb(app);
  fortuneSite(app);
  postStartSlow(app);
  postStartFailing(app);
  cacheWarmUp(app);
  livenessExec(app);
  livenessTcp(app);
  livenessHttp(app);
  readiness(app);
  lifecycleDemo(app);
  sidecarAmbassador(app);
  podLifeTiming(app);
  nacosScenario(app);
}

if (require.main === module) {
  synthOrExit(defineExampleApp);
}
