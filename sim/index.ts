/**
 * `zsockjs/sim`: several device programs on one simulated network, with a trace, a pcap, a ladder diagram and a summary.
 *
 * @module
 */
export { simulate, type DeviceExit, type HostSpec, type LinkSpec, type RunOptions, type SimulationResult, type SimulationSpec, type TraceLevel } from './simulation';
export { bundleProgram, loadDevice, type DeviceExports } from './bundle';
export { FrameRecorder, frameLabel, type FrameRecord } from './recorder';
export { ladderSvg, columnX, rowY, type LadderOptions } from './ladder';
export { summarize, summaryText, type DirectionSummary, type FlowSummary } from './summary';
export { errnoName, errnoText, nameErrnos } from './errno-names';
export { parseLink, readTopology } from './topology';
export { runSim, summaryLines, writeArtifacts, type CliIo } from './cli';
