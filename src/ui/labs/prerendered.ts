// The built-in labs' task instructions, rendered to HTML at build time exactly as markdown.ts renders them in the
// page (labs-prebuilt.ts). Keyed by the Markdown itself, so a text another learner's name or a course changed
// simply has no entry and is rendered in the page. With it the lab text is formatted in the first view, and a slow
// laptop does not load and run marked and DOMPurify while the editor starts.
import { html } from 'virtual:builtin-labs'

const byText = new Map(Object.entries(html))

/** The sanitised HTML of `markdown` if the build rendered it, else undefined. */
export function prerenderedHtml(markdown: string): string | undefined {
  return byText.get(markdown)
}
