// A course built by `synclab course build`: its labs.json beside the page, read before the page opens a lab (the
// service worker keeps it, so this works offline too). No file, or the build's own empty one: the built-in labs.
// Then the labs the learner opened in this browser ("Open lab…", src/ui/course/; opened-labs.ts). The page's entry
// asks for labs.json first of all (course-request.ts) and hands the answer in.
import { COURSE_FILE, readCourseFile } from '../../labs/course-file.ts'
import { addLabs } from './catalog.ts'
import { openedLabs } from './opened-labs.ts'

let title: string | undefined

/** The course's title, when a course names one. */
export const courseTitle = (): string | undefined => title

export async function loadCourse(request: Promise<Response>): Promise<void> {
  await readCourse(request)
  const problems = addLabs(openedLabs())
  if (problems.length > 0) console.error('synclab: labs opened in this browser cannot be read', problems)
}

async function readCourse(request: Promise<Response>): Promise<void> {
  let value: unknown
  try {
    const response = await request
    if (!response.ok) return
    value = await response.json()
  } catch {
    return // not served (a dev server without it): the built-in labs
  }
  const course = readCourseFile(value)
  if (!course) return void console.error(`synclab: ${COURSE_FILE} is not a synclab course`)
  const problems = addLabs(course.labs, { only: !course.builtin })
  if (problems.length > 0) console.error(`synclab: labs of ${COURSE_FILE} cannot be read`, problems)
  if (course.title !== undefined) {
    title = course.title
    document.title = course.title
  }
  if (course.preview) void import('./preview-reload.ts').then(m => m.reloadOnChange(), () => {})
}
