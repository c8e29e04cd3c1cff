import Foundation

/// Parses the statements of a run on worker threads while the caller replays them, in order, on its own:
/// output is identical to a sequential run. Workers stay at most `window` pieces ahead of the consumer,
/// so memory is bounded by the window, not by the input. Each worker has a large stack (deeply nested
/// SQL recurses in libpg_query and in the tree decoder).
final class ParallelParser: @unchecked Sendable {
    private let splits: [SplitFile]
    /// (file index, piece index) in run order.
    private let tasks: [(file: Int, piece: Int)]
    private var results: [[ParsedFile.Item]?]
    /// Index in `tasks` of each file's first piece.
    private let firstTask: [Int]
    private var nextTask = 0
    private var consumed = 0
    private let window: Int
    private let condition = NSCondition()

    /// Splits every file (in parallel too) and starts `workers` parsing threads.
    init(files: [SourceFile], workers: Int, window: Int = 256) {
        var splits = [SplitFile?](repeating: nil, count: files.count)
        Self.parallelFor(files.count, workers: workers) { i in
            let split = SQLParser.split(files[i])
            return { splits[i] = split }
        }
        self.splits = splits.map { $0! }
        tasks = self.splits.enumerated().flatMap { f, split in split.pieces.indices.map { (f, $0) } }
        var start = 0
        firstTask = self.splits.map { split in defer { start += split.pieces.count }; return start }
        results = Array(repeating: nil, count: tasks.count)
        self.window = max(window, workers * 4)
        for _ in 0..<max(1, workers) {
            let thread = Thread { [self] in work() }
            thread.stackSize = LargeStack.size
            thread.start()
        }
    }

    var fileSplits: [SplitFile] { splits }

    /// The items of piece `p` of file `f`; blocks until a worker has parsed it. Call in run order.
    func items(ofFile f: Int, piece p: Int) -> [ParsedFile.Item] {
        let t = firstTask[f] + p
        condition.lock()
        while results[t] == nil { condition.wait() }
        let items = results[t]!
        results[t] = []  // release the tree: the caller holds it now
        consumed = t + 1
        condition.broadcast()
        condition.unlock()
        return items
    }

    private func work() {
        while true {
            condition.lock()
            while nextTask < tasks.count, nextTask >= consumed + window { condition.wait() }
            guard nextTask < tasks.count else { condition.unlock(); return }
            let t = nextTask
            nextTask += 1
            condition.unlock()

            let (f, p) = tasks[t]
            let items = SQLParser.parse(piece: splits[f].pieces[p], index: p, of: splits[f])
            // Scan tokens here too for the statements rules take spans of: it is as costly as parsing.
            for case .statement(let statement) in items where statement.needsTokens { _ = statement.tokens }

            condition.lock()
            results[t] = items
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Runs `body(i)` for 0..<count on up to `workers` threads; each returns a closure applied under a lock.
    private static func parallelFor(_ count: Int, workers: Int, _ body: @escaping (Int) -> () -> Void) {
        let counter = SharedCounter()
        let group = DispatchGroup()
        for _ in 0..<max(1, min(workers, count)) {
            group.enter()
            let thread = Thread {
                while case let i = counter.next(), i < count {
                    let apply = body(i)
                    counter.withLock(apply)
                }
                group.leave()
            }
            thread.stackSize = LargeStack.size
            thread.start()
        }
        group.wait()
    }
}

extension Statement {
    /// Statements whose findings need token spans (clauses, ALTER actions, index keys).
    var needsTokens: Bool {
        switch node.node {
        case .createStmt, .alterTableStmt, .indexStmt: true
        default: false
        }
    }
}

/// A counter handed out under a lock, and the lock, for applying results.
private final class SharedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock(); defer { lock.unlock() }
        value += 1
        return value - 1
    }

    func withLock(_ body: () -> Void) {
        lock.lock(); defer { lock.unlock() }
        body()
    }
}
