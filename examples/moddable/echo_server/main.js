// The device entry: runs examples/apps/echo_server.ts (built to ./app.js by `npm run moddable:examples`).
import main from "app";

main().then(
	(code) => trace(`echo_server: main returned ${code}\n`),
	(error) => trace(`echo_server: main failed: ${error}\n`),
);
