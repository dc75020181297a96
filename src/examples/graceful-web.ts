/**
 * GracefulWebService as most users will write it: a static site on nginx that rolls out and
 * scales down without dropping a request.
 */
import { App, Chart, Duration } from 'cdk8s';
import { GracefulWebService } from '../graceful-web-service';
import { demoResources, IMAGES, NGINX_SECURITY } from './support';

export function gracefulWeb(app: App): Chart {
  const chart = new Chart(app, 'graceful-web');
  new GracefulWebService(chart, 'shop', {
    name: 'shop',
    image: IMAGES.nginx,
    port: 8080,
    replicas: 3,
    // After the 5 s drain (endpoint removal reaching kube-proxy and ingresses), `nginx -s quit`
    // stops accepting, and the preStop waits until nginx has finished its in-flight requests and
    // exited (at most shutdownTimeout). The kubelet's stop signal only comes after that, so it
    // cuts nothing, whatever it is: safe for any nginx image, not only those whose STOPSIGNAL is
    // SIGQUIT (official and unprivileged); with SIGTERM nginx would stop fast mid-response.
    preStopCommand: ['nginx', '-s', 'quit'],
    shutdownTimeout: Duration.seconds(20),
    securityContext: NGINX_SECURITY,
    // nginx-unprivileged keeps its pid file and temp files in /tmp; everything else is read-only.
    writablePaths: ['/tmp'],
    resources: demoResources(128),
  });
  return chart;
}
