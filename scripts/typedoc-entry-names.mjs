// TypeDoc names each module after its package specifier ("zsockjs/posix"),
// taken from package.json `exports`, instead of its source path.
import { Converter, ReflectionKind } from 'typedoc';
import { packageEntries, root } from './entries.mjs';

/** @param {import('typedoc').Application} app */
export function load(app) {
  const bySource = new Map(packageEntries().map((entry) => [root + entry.source, entry.specifier]));
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const symbol = context.getSymbolFromReflection(reflection);
    const file = symbol?.declarations?.[0]?.getSourceFile().fileName;
    const specifier = file && bySource.get(file);
    if (specifier) reflection.name = specifier;
  });
}
