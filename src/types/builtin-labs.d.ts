// labs-prebuilt.ts (a Vite plugin) writes this module at build time: each built-in lab's title, and the lab parsed
// for the default learner as JSON text (src/ui/labs/catalog.ts gives the parsed value its type: BuiltLab); and the
// labs' task instructions as sanitised HTML, keyed by their Markdown (src/ui/labs/prerendered.ts).
declare module 'virtual:builtin-labs' {
  const labs: Record<string, { title: string; json: string }>
  export default labs
  export const html: Record<string, string>
}
