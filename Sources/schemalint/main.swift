import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import SchemaLint

// Everything runs on a large-stack thread (deeply nested SQL recurses deeply); the exit code comes back.
exit(LargeStack.run { SchemaLintCommand.runMain() })
