/** One entry of package.json `exports` built into dist/. */
export interface PackageEntry {
  /** What an application imports: "zsockjs/posix". */
  specifier: string;
  /** Its file under dist/ without the extension: "posix". */
  name: string;
  /** The source it is built from: "lib/posix.ts". */
  source: string;
}
export const root: string;
export function packageEntries(): PackageEntry[];
