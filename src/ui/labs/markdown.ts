// Lab text is Markdown from anyone who writes a lab (or sends a link): rendered with marked, then sanitised with
// DOMPurify before it reaches the page. Besides scripts (DOMPurify's default), a lab may not bring what could pass
// for the page itself: forms and their controls (a fake "log in again"), frames, and styles (a full-page overlay
// drawn over the real page by a <style> element or a style attribute).
import DOMPurify, { type DOMPurify as Purifier } from 'dompurify'
import { marked } from 'marked'

const FORBID_TAGS = ['form', 'input', 'button', 'textarea', 'select', 'option', 'label', 'fieldset', 'iframe', 'frame',
  'frameset', 'object', 'embed', 'style', 'link', 'meta', 'base', 'dialog']
const FORBID_ATTR = ['style', 'class', 'id', 'action', 'formaction', 'srcdoc']

/** `purify`: DOMPurify bound to a window; the page's own by default (the build passes one of jsdom's). */
export function renderMarkdown(text: string, purify: Purifier = DOMPurify): string {
  return purify.sanitize(marked.parse(text, { async: false, gfm: true }), { FORBID_TAGS, FORBID_ATTR })
}
