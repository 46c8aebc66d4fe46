/**
 * Writes a capture to disk. The only file of the simulation that touches a
 * host API (node:fs); everything else runs on any JavaScript engine.
 *
 * @module
 */
import type { Capture } from './capture';

interface FileSystem {
  writeFileSync(path: string, data: Uint8Array): void;
}

/** Writes `capture` as a pcap file at `path`. */
export async function writePcapFile(path: string, capture: Capture): Promise<void> {
  // Imported by name at run time so the simulation's sources type-check without Node's typings.
  const moduleName = 'node:fs';
  const fs = (await import(moduleName)) as FileSystem;
  fs.writeFileSync(path, capture.toBytes());
}
