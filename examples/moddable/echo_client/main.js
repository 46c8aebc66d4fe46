// The device entry: runs examples/apps/echo_client.ts (built to ./app.js by `npm run moddable:examples`).
import main from "app";

main().then(
	(code) => trace(`echo_client: main returned ${code}\n`),
	(error) => trace(`echo_client: main failed: ${error}\n`),
);
