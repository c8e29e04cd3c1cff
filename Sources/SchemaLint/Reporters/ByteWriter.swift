#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A run of bytes that the JSON writer appends to, handed to `spill` a chunk at a time. An `Array` append checks the
/// buffer's uniqueness and capacity and goes through generic code each time (a report of 3,375 findings made 40,000
/// keys and values at 250 to 550 instructions each); here an append is a capacity check and a copy.
///
/// Written to standard output, a report is never whole in memory: each full chunk (up to 1 MB) is written and
/// reused. `collect` gathers the chunks into an array instead, for callers that want the bytes.
///
/// A value type with no copy-on-write: a copy would share the chunk, so it is only ever passed `inout` (or moved),
/// and `finish()` hands over the last bytes and frees the chunk.
struct ByteWriter {
    private static let chunkSize = 1 << 20
    private var base: UnsafeMutablePointer<UInt8>
    private var used = 0
    private var capacity: Int
    private let spill: (UnsafeBufferPointer<UInt8>) -> Void

    /// `capacity` sizes the first chunk; later ones grow to 1 MB.
    init(capacity: Int, spill: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        self.capacity = min(max(capacity, 64), Self.chunkSize)
        self.spill = spill
        base = .allocate(capacity: self.capacity)
    }

    /// The bytes `write` makes, as one array (`capacity` is a guess at their number).
    static func collect(capacity: Int, _ write: (inout ByteWriter) -> Void) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(capacity)
        var writer = ByteWriter(capacity: capacity) { bytes.append(contentsOf: $0) }
        write(&writer)
        writer.finish()
        return bytes
    }

    /// Hands over what is left and frees the chunk; the writer must not be used again.
    mutating func finish() {
        spill(UnsafeBufferPointer(start: base, count: used))
        base.deallocate()
        used = 0
        capacity = 0
    }

    /// Hands over the full chunk and starts again at its beginning, in a bigger one when `n` bytes would not fit.
    private mutating func nextChunk(atLeast n: Int) {
        spill(UnsafeBufferPointer(start: base, count: used))
        used = 0
        let wanted = max(min(capacity * 4, Self.chunkSize), n)
        guard wanted > capacity else { return }
        base.deallocate()
        capacity = wanted
        base = .allocate(capacity: capacity)
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if used == capacity { nextChunk(atLeast: 1) }
        base[used] = byte
        used += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if used + bytes.count > capacity { nextChunk(atLeast: bytes.count) }
        // Keys and short values are a few bytes: a loop beats a call to memcpy.
        if bytes.count <= 16 {
            for i in 0..<bytes.count { base[used + i] = source[i] }
        } else {
            memcpy(base + used, source, bytes.count)
        }
        used += bytes.count
    }

    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `n` copies of `byte` (indentation).
    @inline(__always)
    mutating func append(_ byte: UInt8, times n: Int) {
        guard n > 0 else { return }
        if used + n > capacity { nextChunk(atLeast: n) }
        for i in 0..<n { base[used + i] = byte }
        used += n
    }

    /// A string's UTF-8, copied from its own buffer.
    mutating func append(utf8 text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
            Array(text.utf8).withUnsafeBufferPointer { append($0) }
        }
    }
}
