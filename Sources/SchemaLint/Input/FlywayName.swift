/// A Flyway script name, `V1_1__add_column.sql`: its kind, version and description. Versions compare as Flyway
/// compares them: part by part as whole numbers, `_` and `.` both separate parts, and missing parts count as 0
/// (1 < 1.1 < 1.2 < 2 < 10, and 1.0 is 1).
public struct FlywayName: Sendable {
    public enum Kind: Sendable { case versioned, undo, repeatable }

    public var kind: Kind
    /// Version parts without leading zeros; empty for a repeatable.
    public var version: [Substring]
    public var description: String

    /// Nil for a file name Flyway would not run.
    public init?(fileName name: String) {
        // Most names of a folder are not Flyway's (`20240101_x.sql`): turned away on their first byte, before the
        // search for `__`.
        guard let lead = name.utf8.first, lead == UInt8(ascii: "V") || lead == UInt8(ascii: "U") || lead == UInt8(ascii: "R")
        else { return nil }
        guard name.hasSuffix(".sql"), let first = name.first, let separator = name.firstRange(of: "__") else { return nil }
        let head = name[name.index(after: name.startIndex)..<separator.lowerBound]
        description = String(name[separator.upperBound...].dropLast(4))
        switch first {
        case "R":
            guard head.isEmpty else { return nil }
            kind = .repeatable
            version = []
            return
        case "V": kind = .versioned
        case "U": kind = .undo
        default: return nil
        }
        let parts = head.split(separator: "_", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: ".", omittingEmptySubsequences: false) }
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        var trimmed = parts.map { part -> Substring in
            let digits = part.drop { $0 == "0" }
            return digits.isEmpty ? "0" : digits
        }
        while trimmed.count > 1, trimmed.last == "0" { trimmed.removeLast() }
        version = trimmed
    }

    /// The version as written for people, `1.1`.
    public var versionText: String { version.joined(separator: ".") }

    /// Flyway's order of two versions.
    public static func versionLess(_ a: [Substring], _ b: [Substring]) -> Bool {
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? a[i] : "0", y = i < b.count ? b[i] : "0"
            if x.count != y.count { return x.count < y.count }
            if x != y { return x < y }
        }
        return false
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
