/// Runs work on a thread with a large stack and waits for it. libpg_query and the tree decoder recurse
/// once per nesting level, and real SQL nests deeply enough to overflow the 8 MB main-thread stack.
public enum LargeStack {
    public static let size = 1 << 30

    public static func run<T>(_ body: @escaping () -> T) -> T {
        let box = ResultBox<T>()
        Threads.start(stackSize: size) { box.value = body() }.join()
        return box.value!
    }
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
