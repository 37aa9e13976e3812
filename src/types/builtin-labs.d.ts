// labs-prebuilt.ts (a Vite plugin) writes this module at build time: each built-in lab, parsed for the default
// learner, its files as [path, text] pairs (src/ui/labs/catalog.ts gives it its type: BuiltLab).
declare module 'virtual:builtin-labs' {
  const labs: Record<string, unknown>
  export default labs
}
