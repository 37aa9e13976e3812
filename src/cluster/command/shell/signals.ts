// Exceptions that unwind the interpreter to the construct that handles them.

/** `break` / `continue` unwinding to their loop. */
export class LoopSignal {
  readonly kind: 'break' | 'continue'
  readonly levels: number
  constructor(kind: 'break' | 'continue', levels: number) {
    this.kind = kind
    this.levels = levels
  }
}
/** `return` unwinding to its function. */
export class ReturnSignal {
  readonly code: number
  constructor(code: number) {
    this.code = code
  }
}
/** An expansion error: a non-interactive shell prints it and exits. */
export class FatalError {
  readonly message: string
  readonly code: number
  constructor(message: string, code: number) {
    this.message = message
    this.code = code
  }
}
