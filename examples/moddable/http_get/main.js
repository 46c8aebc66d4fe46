// The device entry: runs examples/apps/http_get.ts (built to ./app.js by `npm run moddable:examples`).
import main from "app";

main().then(
	(code) => trace(`http_get: main returned ${code}\n`),
	(error) => trace(`http_get: main failed: ${error}\n`),
);
