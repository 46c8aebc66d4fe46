// The device entry: runs examples/apps/sntp_client.ts (built to ./app.js by `npm run moddable:examples`).
import main from "app";

main().then(
	(code) => trace(`sntp_client: main returned ${code}\n`),
	(error) => trace(`sntp_client: main failed: ${error}\n`),
);
