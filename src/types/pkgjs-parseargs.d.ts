// @pkgjs/parseargs is the package build of Node's util.parseArgs (same code, same API) that also runs in the page.
declare module '@pkgjs/parseargs' {
  export { parseArgs } from 'node:util'
}
