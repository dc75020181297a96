/**
 * The instance and env the hook-script tests share: seeds/001's service, in a namespace, group and
 * cluster of its own, with every setting the construct would pass to the script.
 */
import type { InstanceKey, NacosVersion } from './mock-nacos-server';

export const NAMESPACE = 'a9076f8c-a1c7-474c-9ea4-1112677d9af7';

export const INSTANCE: InstanceKey = {
  namespaceId: NAMESPACE,
  groupName: 'PARKING',
  serviceName: 'jdd-parking-cloud-admin',
  clusterName: 'SH',
  ip: '172.16.246.32',
  port: 8093,
};

export const API_OF: Record<NacosVersion, string> = { '1.x': 'v1', '2.x': 'v2', '3.x': 'v3' };

/** The script's env for INSTANCE on `servers`, with short timings; `extra` overrides. */
export function hookEnv(api: string, servers: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SPRING_CLOUD_NACOS_DISCOVERY_SERVERADDR: servers,
    SPRING_CLOUD_NACOS_DISCOVERY_NAMESPACE: NAMESPACE,
    SPRING_CLOUD_NACOS_DISCOVERY_GROUP: 'PARKING',
    SPRING_CLOUD_NACOS_DISCOVERY_CLUSTERNAME: 'SH',
    SPRING_CLOUD_NACOS_DISCOVERY_SERVICE: 'jdd-parking-cloud-admin',
    SPRING_CLOUD_NACOS_DISCOVERY_IP: '172.16.246.32',
    SPRING_CLOUD_NACOS_DISCOVERY_PORT: '8093',
    SPRING_CLOUD_NACOS_DISCOVERY_WEIGHT: '2.5',
    NACOS_HOOK_API: api,
    NACOS_HOOK_TIMEOUT: '1',
    NACOS_HOOK_DEREGISTER_WAIT: '40',
    NACOS_HOOK_DRAIN: '5',
    NACOS_HOOK_ENABLE_ATTEMPTS: '3',
    NACOS_HOOK_ENABLE_INTERVAL: '7',
    ...extra,
  };
}
