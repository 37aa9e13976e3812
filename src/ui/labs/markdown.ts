// Lab text is Markdown from anyone who writes a lab (or sends a link): rendered with marked, then sanitised with
// DOMPurify before it reaches the page.
import DOMPurify from 'dompurify'
import { marked } from 'marked'

export function renderMarkdown(text: string): string {
  return DOMPurify.sanitize(marked.parse(text, { async: false, gfm: true }))
}
