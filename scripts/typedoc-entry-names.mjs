// TypeDoc names each module after its package specifier ("zsockjs/posix"),
// taken from package.json `exports`, instead of its source path, and warns
// (an error under treatWarningsAsErrors) about an entry whose file has no
// module comment (the first doc comment, tagged @module).
import { Converter, ReflectionKind } from 'typedoc';
import { packageEntries, root } from './entries.mjs';

/** @param {import('typedoc').Application} app */
export function load(app) {
  const bySource = new Map(packageEntries().map((entry) => [root + entry.source, entry.specifier]));
  const modules = [];
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const symbol = context.getSymbolFromReflection(reflection);
    const file = symbol?.declarations?.[0]?.getSourceFile().fileName;
    const specifier = file && bySource.get(file);
    if (specifier) reflection.name = specifier;
    modules.push(reflection);
  });
  app.converter.on(Converter.EVENT_RESOLVE_END, () => {
    for (const reflection of modules) {
      if (!reflection.comment?.summary.length) {
        app.logger.warn(`${reflection.name}: the entry has no module comment (a first doc comment tagged @module)`);
      }
    }
  });
}
