/** Where the page remembers that instructor mode was on ('on' / 'off'). */
export const INSTRUCTOR_STORAGE_KEY = 'synclab:instructor'
