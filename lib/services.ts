/**
 * A small table of well-known service names (IANA's registry, as a host's
 * /etc/services lists them), for getaddrinfo and getnameinfo. Zephyr has no
 * service names; a device has no /etc/services, so the names embedded code
 * uses most are built in.
 */

/** The service runs over TCP / UDP. */
export const SERVICE_TCP = 1;
export const SERVICE_UDP = 2;

// name, port, protocols; one string so the table costs one allocation.
const TABLE =
  'echo 7 3,ftp 21 1,ssh 22 1,telnet 23 1,smtp 25 1,domain 53 3,bootps 67 2,bootpc 68 2,tftp 69 2,' +
  'http 80 1,ntp 123 2,snmp 161 2,https 443 3,syslog 514 2,submission 587 1,mqtt 1883 1,' +
  'stun 3478 3,mdns 5353 2,coap 5683 2,coaps 5684 2,http-alt 8080 1,secure-mqtt 8883 1';

let entries: string[] | null = null;

function table(): string[] {
  return entries || (entries = TABLE.split(','));
}

/**
 * The port and protocols of service `name` (ASCII case ignored), as
 * `port * 4 + protocols`, or -1 when the table does not know it.
 */
export function service_by_name(name: string): number {
  const list = table();
  const wanted = name.toLowerCase();
  for (let i = 0; i < list.length; i++) {
    const fields = list[i]!.split(' ');
    if (fields[0] === wanted) return Number(fields[1]) * 4 + Number(fields[2]);
  }
  return -1;
}

/** The name of the service on `port` over `protocol` (SERVICE_TCP or SERVICE_UDP), or null. */
export function service_by_port(port: number, protocol: number): string | null {
  const list = table();
  for (let i = 0; i < list.length; i++) {
    const fields = list[i]!.split(' ');
    if (Number(fields[1]) === port && Number(fields[2]) & protocol) return fields[0]!;
  }
  return null;
}
