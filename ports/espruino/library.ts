/** The Espruino library build's entry: the whole core and the Espruino port, as the module "zsockjs". */
export * from '../../lib/index';
export { createEspruinoPort, espruino_runtime, ESPRUINO_CAPABILITIES, type EspruinoPortOptions } from './index';
