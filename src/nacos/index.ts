export type { NacosAuth, NacosDeregisterFrom, NacosOptions, NacosServerVersion, NacosSidecarOptions } from './nacos-options';
export { DEFAULT_SIDECAR_IMAGE as NACOS_DEFAULT_SIDECAR_IMAGE } from './nacos-options';
export * from './nacos-registered-app';
export { nacosHookScript, NACOS_HOOK_ENV, SPRING_NACOS_ENV, NACOS_SCRIPT_PATH, type NacosHookMode } from './hook-script';
export { type NacosPlan, MANAGED_ENV as NACOS_MANAGED_ENV } from './nacos-plan';
