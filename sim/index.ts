/** `zsockjs/sim`: several device programs on one simulated network, with a trace, a pcap, a ladder diagram and a summary. */
export { simulate, stamp, type DeviceExit, type HostSpec, type LinkSpec, type RunOptions, type SimulationResult, type SimulationSpec, type TraceLevel } from './simulation';
export { bundleProgram, loadDevice, type DeviceExports } from './bundle';
export { FrameRecorder, frameLabel, tcpFlags, type FrameRecord } from './recorder';
export { ladderSvg, columnX, rowY, COLORS, LADDER, type LadderOptions } from './ladder';
export { summarize, summaryText, type DirectionSummary, type FlowSummary } from './summary';
export { errnoName, errnoText, nameErrnos } from './errno-names';
export { parseArgs, parseLink, readTopology, USAGE, type CliOptions } from './topology';
export { runSim, summaryLines, writeArtifacts, type CliIo } from './cli';
