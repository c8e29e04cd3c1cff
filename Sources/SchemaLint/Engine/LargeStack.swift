import Foundation

/// Runs work on a thread with a large stack and waits for it. libpg_query and the tree decoder recurse
/// once per nesting level, and real SQL nests deeply enough to overflow the 8 MB main-thread stack.
public enum LargeStack {
    public static let size = 1 << 30

    public static func run<T>(_ body: @escaping () -> T) -> T {
        let box = ResultBox<T>()
        let thread = Thread {
            box.value = body()
            box.done.signal()
        }
        thread.stackSize = size
        thread.start()
        box.done.wait()
        return box.value!
    }
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
    let done = DispatchSemaphore(value: 0)
}
