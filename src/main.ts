/**
 * The example app: every scenario of the seed articles, done right, synthesized to dist/.
 */
import { Chart, Duration } from 'cdk8s';
import { GracefulWebService } from './index';
import { synthOrExit } from './synth';

synthOrExit(app => {
  const web = new Chart(app, 'graceful-web');
  new GracefulWebService(web, 'shop', {
    name: 'shop',
    image: 'nginxinc/nginx-unprivileged:1.27-alpine',
    port: 8080,
    replicas: 3,
    preStopCommand: ['nginx', '-s', 'quit'],
    shutdownTimeout: Duration.seconds(20),
    securityContext: { user: 101, group: 101 },
    writablePaths: ['/tmp'],
  });
});
