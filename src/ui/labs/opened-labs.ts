// The labs the learner opened in this browser ("Open lab…", src/ui/course/), kept in its storage as a course file.
import { type CourseLab, readCourseFile } from '../../labs/course-file.ts'

export const OPENED_LABS_KEY = 'synclab:opened-labs'

/** The labs opened in this browser, as kept (a course file's shape). */
export function openedLabs(): CourseLab[] {
  try {
    return readCourseFile(JSON.parse(window.localStorage.getItem(OPENED_LABS_KEY) ?? 'null'))?.labs ?? []
  } catch {
    return []
  }
}
