/** `explain`: a workload's startup and termination timeline, from a manifest or a construct. */
export * from './model';
export { ENDPOINT_PROPAGATION_SECONDS, NACOS_PUSH_SECONDS, DEFAULT_CONSUMER_CACHE_SECONDS, DEFAULT_ASSUMPTIONS } from './assumptions';
export { explainWorkload, explainObjects, isExplainable, ExplainInputError, EXPLAINED_KINDS, type ExplainOptions } from './timeline';
export { explainConstruct, synthesizedObjects } from './construct';
export { renderText, renderTextAll, TEXT_WIDTH } from './render-text';
export { renderSvg, svgFileName } from './render-svg';
export { renderJson, type ExplainedWorkload } from './render-json';
