package zos

// localNameProblem reports why a name that arrives from the server (MGET,
// MIRROR, GET without a local name) cannot be a file in the local
// directory on Windows: a device name, a reserved character, a trailing
// blank or period (windowsNameProblem). It is asked before any data moves.
func localNameProblem(name string) error { return windowsNameProblem(name) }
