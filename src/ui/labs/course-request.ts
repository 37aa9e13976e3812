// The course's labs.json, asked for by the page's entry (src/page.ts) before any other of its modules is evaluated:
// the answer comes while they are, instead of one round trip after them, on the way to the first view (page.slow).
// A module of its own, with no import but the file's name, so that it comes first in the entry chunk.
import { COURSE_FILE } from '../../labs/course-file.ts'

/** The answer for labs.json, read by loadCourse (course.ts), which also takes a failure as "no course". */
export const courseRequest: Promise<Response> = fetch(COURSE_FILE, { cache: 'no-cache' })
// Handled by loadCourse a moment later: until then, a failure (offline, not served) is not an unhandled rejection.
courseRequest.catch(() => {})
