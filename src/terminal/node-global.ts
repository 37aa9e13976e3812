// @pkgjs/parseargs (Node's own util.parseArgs, packaged) looks up built-ins on Node's `global`; in the page that
// name does not exist, so it is given globalThis. Imported before the parser, hence its own module.
const scope = globalThis as { global?: typeof globalThis }
scope.global ??= globalThis
