/**
 * The showcase (`npm start`): the echo_server and echo_client samples, each
 * unchanged on a device of its own (its own realm and zsockjs stack),
 * across a link with 30 ms latency, jitter and 8 % loss, in virtual time.
 * Prints the exchange with virtual times, then writes a pcap and a ladder
 * diagram into sim-out/. The same run from the command line:
 *
 *   npx zsockjs sim --seed 2 --host server=192.0.2.2,2001:db8::2 --host client=192.0.2.1,2001:db8::1 \
 *     --run server=examples/apps/echo_server.ts --run client=examples/apps/echo_client.ts \
 *     --set client.peer=192.0.2.2 --set client.rounds=6 --link client-server,latency=30,jitter=4,loss=0.08
 */

import { fileURLToPath } from 'node:url';
import { summaryLines, writeArtifacts } from '../sim/cli';
import { simulate } from '../sim/simulation';

const app = (name: string): string => fileURLToPath(new URL(`./apps/${name}`, import.meta.url));

async function main(): Promise<number> {
  const result = await simulate(
    {
      seed: 2,
      hosts: [
        { name: 'server', ipv4: '192.0.2.2', ipv6: '2001:db8::2', program: app('echo_server.ts') },
        { name: 'client', ipv4: '192.0.2.1', ipv6: '2001:db8::1', program: app('echo_client.ts'), settings: { peer: '192.0.2.2', rounds: '6' } },
      ],
      links: [{ between: ['client', 'server'], latency: 30, jitter: 4, loss: 0.08 }],
    },
    { onLine: (line) => console.log(line), trace: 'frames' },
  );
  console.log('');
  for (const line of summaryLines(result)) console.log(line);
  const files = writeArtifacts('sim-out', result, 'npm start: echo_client and echo_server, 30 ms, 8 % loss, seed 2');
  console.log(`pcap: ${files.pcap} (tshark -r ${files.pcap})`);
  console.log(`ladder diagram: ${files.svg}`);
  return result.exits.every((e) => e.code === 0) && !result.stopped ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
