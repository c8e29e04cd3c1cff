/// `diff -u` of a file before and after its fixes, as `patch -p1` applies it: `--- a/<path>`, `+++ b/<path>`, hunks
/// with three lines of context. Lines keep their `\r`, so a CRLF file's patch restores CRLF.
public enum UnifiedDiff {
    public static func render(path: String, old: [UInt8], new: [UInt8], context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        let script = edits(a.map(\.text), b.map(\.text))
        guard script.contains(where: { $0 != .same }) else { return "" }
        let name = path.hasPrefix("/") ? String(path.dropFirst()) : path
        var out = "--- a/\(name)\n+++ b/\(name)\n"
        // Walk the script, cutting it into hunks where more than 2 × context unchanged lines separate changes.
        var i = 0
        while i < script.count {
            guard let firstChange = script[i...].firstIndex(where: { $0 != .same }) else { break }
            var end = firstChange
            var last = firstChange
            while end < script.count {
                if script[end] != .same { last = end; end += 1; continue }
                var run = end
                while run < script.count, script[run] == .same { run += 1 }
                if run == script.count || run - end > 2 * context { break }
                end = run
            }
            let start = max(i, firstChange - context), stop = min(script.count, last + 1 + context)
            let (aStart, bStart) = positions(script, upTo: start)
            var body = "", aCount = 0, bCount = 0, (x, y) = (aStart, bStart)
            for op in script[start..<stop] {
                switch op {
                case .same: body += line(" ", a[x]); x += 1; y += 1; aCount += 1; bCount += 1
                case .delete: body += line("-", a[x]); x += 1; aCount += 1
                case .insert: body += line("+", b[y]); y += 1; bCount += 1
                }
            }
            out += "@@ -\(range(aStart, aCount)) +\(range(bStart, bCount)) @@\n" + body
            i = stop
        }
        return out
    }

    enum Op: Equatable { case same, delete, insert }

    struct Line { var text: String; var endsInNewline: Bool }

    private static func line(_ mark: String, _ l: Line) -> String {
        mark + l.text + (l.endsInNewline ? "\n" : "\n\\ No newline at end of file\n")
    }

    /// diff's `start,count`, 1-based; an empty range is the line before it.
    private static func range(_ start: Int, _ count: Int) -> String {
        count == 0 ? "\(start),0" : count == 1 ? "\(start + 1)" : "\(start + 1),\(count)"
    }

    private static func positions(_ script: [Op], upTo end: Int) -> (Int, Int) {
        var x = 0, y = 0
        for op in script[..<end] {
            if op != .insert { x += 1 }
            if op != .delete { y += 1 }
        }
        return (x, y)
    }

    static func lines(_ bytes: [UInt8]) -> [Line] {
        var out: [Line] = [], start = 0
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            out.append(Line(text: String(decoding: bytes[start..<i], as: UTF8.self), endsInNewline: true))
            start = i + 1
        }
        if start < bytes.count { out.append(Line(text: String(decoding: bytes[start...], as: UTF8.self), endsInNewline: false)) }
        return out
    }

    /// The shortest edit script (Myers' O(ND) greedy algorithm): fixes touch few lines, so D stays small.
    static func edits(_ a: [String], _ b: [String]) -> [Op] {
        let n = a.count, m = b.count, maxD = n + m
        var v = [Int](repeating: 0, count: 2 * maxD + 2)
        var trace: [[Int]] = []
        let offset = maxD + 1
        outer: for d in 0...maxD {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n, y >= m { trace.append(v); break outer }
            }
        }
        // Back from (n, m) through the saved frontiers.
        var ops: [Op] = [], x = n, y = m
        for d in stride(from: trace.count - 2, through: 0, by: -1) {
            let v = trace[d], k = x - y
            let down = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])
            let prevK = down ? k + 1 : k - 1
            let prevX = v[offset + prevK], prevY = prevX - prevK
            while x > prevX, y > prevY { ops.append(.same); x -= 1; y -= 1 }
            if d > 0 { ops.append(down ? .insert : .delete) }
            x = prevX; y = prevY
        }
        while x > 0, y > 0 { ops.append(.same); x -= 1; y -= 1 }
        return ops.reversed()
    }
}
