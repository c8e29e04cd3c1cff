#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The two threading tools the engine needs, on POSIX threads: FoundationEssentials has no `Thread` or
/// `NSCondition`, and full Foundation would link ICU's data into the binary.
enum Threads {
    /// Starts `body` on a new thread with a stack of `stackSize` bytes; `join` waits for it.
    static func start(stackSize: Int, _ body: @escaping () -> Void) -> JoinHandle {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        let context = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, context)
        precondition(status == 0, "cannot start a thread (pthread_create: \(status))")
        return JoinHandle(thread: thread)
    }

    struct JoinHandle {
        fileprivate let thread: pthread_t
        func join() { pthread_join(thread, nil) }
        /// Lets the thread end on its own, nobody waiting for it.
        func detach() { pthread_detach(thread) }
    }

    private final class Box {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }
}

/// A mutex with one condition variable, as `NSCondition`: `lock`, `wait` (unlocks while waiting), `broadcast`.
final class ThreadCondition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    func wait() { pthread_cond_wait(condition, mutex) }
    func broadcast() { pthread_cond_broadcast(condition) }
}
