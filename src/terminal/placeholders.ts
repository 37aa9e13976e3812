// Placeholders of a lab's text typed as they stand: `<username>` and `<github username>` (bash reads `<` and `>` as
// redirections: "bash: username: No such file or directory"), and the course site's own `{{% param giteaUrl %}}`
// (Hugo shortcodes, filled in when the site is built; argocd would take it for a repository address it cannot reach).
// The shell says what they are and what to type instead, rather than a redirection error or an address that
// cannot work. (`+username+`, the course's name placeholder, is the learner's name: tokenize, common.ts.)

/** `<username>`, `<github username>`, `<hook>`: a word or a few in angle brackets, as texts write what to fill in. */
const ANGLE_PLACEHOLDER = /<([A-Za-z][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+){0,3})>/
/** Hugo's shortcodes: `{{% param giteaUrl %}}`, `{{< param x >}}`. */
const SHORTCODE = /\{\{[%<].*?[%>]\}\}/

/** What to say about an angle-bracket placeholder in `line`, or undefined when it has none. `user`: the learner's name. */
export function angleBracketHint(line: string, user: string): string | undefined {
  const angle = ANGLE_PLACEHOLDER.exec(line)
  if (!angle) return undefined
  const about = /user|name/i.test(angle[1]!) ? `: your user name here is ${user} ($USER)` : ''
  return `synclab: ${angle[0]} is a placeholder of the lab's text, not something to type; put your own value in its place${about}`
}

/** What to say about a shortcode in `line` (argocd and kubectl refuse it: it is no address, path or name of theirs). */
export function shortcodeHint(line: string): string | undefined {
  const shortcode = SHORTCODE.exec(line)
  return shortcode
    ? `synclab: ${shortcode[0]} is filled in by the course's web site; the lab's text in the page shows the address to use`
    : undefined
}
