// The one part of jsdom the build uses (labs-prebuilt.ts: a window for DOMPurify); jsdom ships no types of its own.
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string)
    readonly window: unknown
  }
}
