// JUnit XML for `synclab test --junit OUT.xml`: one testsuite per test file, one testcase per test, a failure
// element with what did not hold. The format CI systems read (Jenkins, GitLab, GitHub test reporters).

export interface JUnitCase {
  name: string
  ms: number
  /** Undefined when the test passed. */
  failure?: { message: string; details: string }
}

const escape = (text: string): string => text.replace(/[<>&"']/g, c =>
  ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
  // XML 1.0 allows no control characters but tab, newline and carriage return.
  // eslint-disable-next-line no-control-regex
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')

const seconds = (ms: number): string => (ms / 1000).toFixed(3)

export function junitXml(suite: string, cases: readonly JUnitCase[]): string {
  const failures = cases.filter(c => c.failure).length
  const total = cases.reduce((sum, c) => sum + c.ms, 0)
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="synclab" tests="${cases.length}" failures="${failures}" errors="0" time="${seconds(total)}">`,
    `  <testsuite name="${escape(suite)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(total)}">`,
  ]
  for (const c of cases) {
    const open = `    <testcase name="${escape(c.name)}" classname="${escape(suite)}" time="${seconds(c.ms)}"`
    if (!c.failure) {
      lines.push(`${open}/>`)
      continue
    }
    lines.push(`${open}>`, `      <failure message="${escape(c.failure.message)}" type="expectation">${escape(c.failure.details)}</failure>`,
      '    </testcase>')
  }
  lines.push('  </testsuite>', '</testsuites>', '')
  return lines.join('\n')
}
