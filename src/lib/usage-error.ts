// A mistake in what the user asked for (a flag, an option, a file's setting): exit 2 in the CLI, OptionError in the
// library. A module of its own, so that the library's types need nothing else.
export class UsageError extends Error {}
