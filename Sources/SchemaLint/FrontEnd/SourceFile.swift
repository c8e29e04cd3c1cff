#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials

/// One input file as bytes. Every position the linter reports is computed here, from byte offsets:
/// lines and columns are 1-based and columns count Unicode scalars, so `é` is one column.
public final class SourceFile: @unchecked Sendable {
    /// The path as the user gave it (or `--stdin-filename`); this is what reports print.
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    private let lineStarts: [Int]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            var from = 0
            while let newline = buffer.index(of: UInt8(ascii: "\n"), from: from) {
                starts.append(newline + 1)
                from = newline + 1
            }
        }
        lineStarts = starts
    }

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// 1-based line and character column of a byte offset (clamped to the file).
    public func position(ofByte offset: Int) -> SourcePosition {
        let offset = min(max(offset, 0), bytes.count)
        let lo = lineIndex(ofByte: offset)
        // A byte order mark is invisible in editors: line 1 counts columns after it.
        let lineStart = lo == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) && offset >= 3 ? 3 : lineStarts[lo]
        var column = 1
        var i = lineStart
        while i < offset {
            if !Self.isContinuationByte(bytes[i]) { column += 1 }
            i += 1
        }
        // A carriage return before the newline is not part of a line's visible text.
        return SourcePosition(line: lo + 1, column: column)
    }

    /// The 0-based line and column of a byte offset (clamped to the file) in `encoding`'s code units, as the
    /// Language Server Protocol counts them. Unlike `position(ofByte:)` a byte order mark counts: it is part of
    /// the text the editor sent.
    public func position(ofByte offset: Int, in encoding: PositionEncoding) -> (line: Int, character: Int) {
        let offset = min(max(offset, 0), bytes.count)
        let line = lineIndex(ofByte: offset)
        var units = 0
        var i = lineStarts[line]
        while i < offset {
            let lead = bytes[i]
            let length = Self.sequenceLength(lead)
            switch encoding {
            case .utf8: units += min(length, offset - i)
            case .utf16: units += length == 4 ? 2 : 1
            case .utf32: units += 1
            }
            i += length
        }
        return (line, units)
    }

    /// The byte offset of a 0-based line and column in `encoding`'s code units. A column past the end of its line
    /// is the line's end (before its line break), a line past the end of the file is the file's end, as LSP says;
    /// a column inside a character (half a UTF-16 surrogate pair, a UTF-8 continuation) is the character's start.
    public func byteOffset(line: Int, character: Int, in encoding: PositionEncoding) -> Int {
        guard line >= 0 else { return 0 }
        guard line < lineStarts.count else { return bytes.count }
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : bytes.count
        if end > lineStarts[line], bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        var units = 0
        var i = lineStarts[line]
        while i < end {
            let length = Self.sequenceLength(bytes[i])
            let width = switch encoding {
            case .utf8: length
            case .utf16: length == 4 ? 2 : 1
            case .utf32: 1
            }
            if units + width > character { break }
            units += width
            i += length
        }
        return min(i, end)
    }

    /// The 0-based index of the line holding `offset`: the last line start at or before it.
    private func lineIndex(ofByte offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Bytes in the UTF-8 sequence a byte starts (1 for a stray continuation byte, so every byte is stepped over).
    @inline(__always) private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }

    /// The text of a 1-based line, without its line break.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, end - 1 < bytes.count, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    public var lineCount: Int { lineStarts.count }

    /// Byte offset of the `n`th character (1-based) of `bytes[base...]`: libpg_query's cursor positions count
    /// characters into the text it was given.
    func byteOffset(ofCharacter n: Int, from base: Int) -> Int {
        var remaining = n - 1
        var i = base
        while i < bytes.count, remaining > 0 {
            i += 1
            while i < bytes.count, Self.isContinuationByte(bytes[i]) { i += 1 }
            remaining -= 1
        }
        return min(i, bytes.count)
    }

    /// Whether the bytes contain `needle` (memmem: this runs over every file, so it must be fast).
    public func contains(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, bytes.count >= pattern.count else { return pattern.isEmpty }
        return bytes.withUnsafeBufferPointer { haystack in
            var i = 0
            let last = haystack.count - pattern.count
            while i <= last {
                // memchr finds candidates at memory speed; most files never get past this.
                guard let hit = memchr(haystack.baseAddress! + i, Int32(first), last - i + 1) else { return false }
                i = haystack.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if pattern.indices.allSatisfy({ haystack[i + $0] == pattern[$0] }) { return true }
                i += 1
            }
            return false
        }
    }

    public func text(_ range: Range<Int>) -> String {
        let r = max(0, range.lowerBound)..<min(bytes.count, max(range.lowerBound, range.upperBound))
        return String(decoding: bytes[r], as: UTF8.self)
    }

    @inline(__always) static func isContinuationByte(_ b: UInt8) -> Bool { b & 0xC0 == 0x80 }
}

/// The code units an editor counts columns in (LSP's `PositionEncodingKind`).
public enum PositionEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8", utf16 = "utf-16", utf32 = "utf-32"
}

public struct SourcePosition: Sendable, Equatable, Comparable {
    public var line: Int
    public var column: Int

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}
