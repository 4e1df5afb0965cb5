import NIOCore
import NIOPosix

extension CCHCCommand {
    /// Makes the server's event loops run all Swift concurrency work, so that a request's handler and
    /// its database calls resume on the loop that serves it instead of hopping to a separate thread pool
    /// and back. The program calls this first, before any other async work; tests keep the default.
    public static func runConcurrencyOnEventLoops() {
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
