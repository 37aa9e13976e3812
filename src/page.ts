// The page's entry: the page (src/ui) is told how to load the terminal's interpreter (src/terminal), so that neither
// imports the other; the interpreter loads when the terminal opens or a rebuilt run replays a typed command.
// First of all (the first import is evaluated first): the course's labs.json is asked for (course-request.ts).
import { courseRequest } from './ui/labs/course-request.ts'
import { loadCommandModel } from './cluster/command-model.ts'
import { provideShell } from './ui/session/shell.ts'
import { startPage } from './ui/main.tsx'
import { loadCourse } from './ui/labs/course.ts'
import { watchPreloadErrors } from './ui/chunks/lazy-retry.tsx'

provideShell(() => import('./terminal/index.ts'))
watchPreloadErrors()
// A course's labs (labs.json beside the page) are read before a lab opens.
void loadCourse(courseRequest).then(startPage)
// What a container's process does loads apart, once the page is idle after its first render, so that a Sync finds
// it there (a run restored from storage awaits it: Simulation.run).
const whenIdle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200))
whenIdle(() => void loadCommandModel())
// The service worker (offline use, updates) and its update offer: a chunk of their own, nothing if it cannot load.
whenIdle(() => void import('./ui/pwa/update-prompt.tsx').then(m => m.mountUpdatePrompt(), () => {}))
