// The page's entry: the page (src/ui) is told how to load the terminal's interpreter (src/terminal), so that neither
// imports the other; the interpreter loads when the terminal opens or a rebuilt run replays a typed command.
import { provideShell } from './ui/session/shell.ts'
import { startPage } from './ui/main.tsx'

provideShell(() => import('./terminal/index.ts'))
startPage()
