// The labs a course holds, as `synclab course build` writes them beside the page (labs.json) and the page reads
// them at start: each lab's files as they are in its folder (lab.yaml, repo/**, solution/**), read by the same
// parser (parse.ts) in both. DOM-free: the CLI writes it, the page reads it.
import type { LabFile } from './types.ts'

/** The file's name, beside index.html. */
export const COURSE_FILE = 'labs.json'
export const COURSE_FORMAT = 'synclab-course/1'

export interface CourseLab {
  id: string
  files: LabFile[]
}

export interface CourseFile {
  format: typeof COURSE_FORMAT
  /** The course's title: the page's title and header. */
  title?: string
  /** Whether the labs synclab ships stay in the picker beside the course's. */
  builtin: boolean
  labs: CourseLab[]
  /** Written by `synclab lab preview`: the page reloads when the lab's files change. */
  preview?: boolean
}

const isLabFile = (f: unknown): f is LabFile => typeof f === 'object' && f !== null &&
  typeof (f as LabFile).path === 'string' && typeof (f as LabFile).text === 'string'

const isCourseLab = (l: unknown): l is CourseLab => typeof l === 'object' && l !== null &&
  typeof (l as CourseLab).id === 'string' && Array.isArray((l as CourseLab).files) && (l as CourseLab).files.every(isLabFile)

/** The course in `value` (parsed JSON), or undefined when it is not one: the page then offers the built-in labs. */
export function readCourseFile(value: unknown): CourseFile | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const c = value as Record<string, unknown>
  if (c.format !== COURSE_FORMAT || !Array.isArray(c.labs) || !c.labs.every(isCourseLab)) return undefined
  return {
    format: COURSE_FORMAT, builtin: c.builtin !== false, labs: c.labs,
    ...(typeof c.title === 'string' && c.title !== '' ? { title: c.title } : {}),
    ...(c.preview === true ? { preview: true } : {}),
  }
}
