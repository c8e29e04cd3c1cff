/// Parses the files of a run on worker threads while the caller replays them, in order, on its own: output is
/// identical to a sequential run. Workers stay at most `window` files and `bytesAhead` bytes of SQL ahead of the
/// consumer (and at least two files each), so memory is bounded by the window, not by the input: parsed statements
/// weigh ten to twenty times their SQL, and 64 of pg-regress's files ahead held 6 MB more at the peak. Each worker
/// has a large stack (deeply nested SQL recurses in PostgreSQL's parser and in the tree reader), and parses a whole
/// file at once: libpg_query's memory is per thread.
final class ParallelParser: @unchecked Sendable {
    private let files: [SourceFile]
    private var results: [ParsedFile?]
    private var nextTask = 0
    private var consumed = 0
    /// Bytes of the files taken but not yet consumed.
    private var ahead = 0
    private let window: Int
    private let bytesAhead: Int
    private let minimumAhead: Int
    private let condition = ThreadCondition()

    init(files: [SourceFile], workers: Int, window: Int = 64, bytesAhead: Int = 256 << 10) {
        self.files = files
        results = Array(repeating: nil, count: files.count)
        self.window = max(window, workers * 2)
        self.bytesAhead = bytesAhead
        minimumAhead = workers * 2
        for _ in 0..<max(1, min(workers, files.count)) {
            Threads.start(stackSize: LargeStack.size) { [self] in work() }.detach()
        }
    }

    /// File `f` parsed; blocks until a worker has parsed it. Call in run order.
    func parsed(_ f: Int) -> ParsedFile {
        condition.lock()
        while results[f] == nil { condition.wait() }
        let parsed = results[f]!
        results[f] = ParsedFile(file: parsed.file, items: [])  // the caller holds it now
        consumed = f + 1
        ahead -= files[f].bytes.count
        condition.broadcast()
        condition.unlock()
        return parsed
    }

    private func work() {
        while true {
            condition.lock()
            while nextTask < files.count, nextTask >= consumed + minimumAhead,
                  nextTask >= consumed + window || ahead + files[nextTask].bytes.count > bytesAhead { condition.wait() }
            guard nextTask < files.count else { condition.unlock(); return }
            let f = nextTask
            nextTask += 1
            ahead += files[f].bytes.count
            condition.unlock()

            let parsed = SQLParser.parse(files[f])
            // Lex here too the statements rules take spans of.
            for case .statement(let statement) in parsed.items where statement.needsTokens { _ = statement.tokens }

            condition.lock()
            results[f] = parsed
            condition.broadcast()
            condition.unlock()
        }
    }
}
