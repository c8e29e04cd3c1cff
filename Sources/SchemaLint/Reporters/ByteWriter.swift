#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growing run of bytes that the JSON writer appends to. An `Array` append checks the buffer's uniqueness and
/// capacity and goes through generic code each time: a report of 3,375 findings made 40,000 keys and values at 250 to
/// 550 instructions each. Here an append is a capacity check and a copy.
///
/// The bytes are kept in chunks of up to 1 MB, never moved while writing; `finish()` copies them into one array,
/// freeing each chunk once copied, so that a 70 MB report never sits in memory twice (one buffer grown by doubling,
/// then copied out, took the generated 100× schema's peak from 498 to 599 MB).
///
/// Written with a `spill`, each full chunk goes there instead (standard output) and is reused: the report is never
/// whole in memory.
///
/// A value type with no copy-on-write: a copy would share the chunks, so it is only ever passed `inout` (or moved),
/// and `finish()` hands its bytes over and frees them.
struct ByteWriter {
    private static let chunkSize = 1 << 20
    private var full: [UnsafeMutableBufferPointer<UInt8>] = []
    private var base: UnsafeMutablePointer<UInt8>
    private var used = 0
    private var capacity: Int
    private let spill: ((UnsafeBufferPointer<UInt8>) -> Void)?

    /// `capacity` sizes the first chunk (a small document needs no more).
    init(capacity: Int, spill: ((UnsafeBufferPointer<UInt8>) -> Void)? = nil) {
        self.capacity = spill == nil ? min(max(capacity, 64), Self.chunkSize) : Self.chunkSize
        self.spill = spill
        base = .allocate(capacity: self.capacity)
    }

    /// The bytes written, as one array; the writer's storage is freed and it must not be used again.
    mutating func finish() -> [UInt8] {
        if let spill {
            spill(UnsafeBufferPointer(start: base, count: used))
            base.deallocate()
            used = 0
            capacity = 0
            return []
        }
        let total = full.reduce(used) { $0 + $1.count }
        let chunks = full + [UnsafeMutableBufferPointer(start: base, count: used)]
        let bytes = [UInt8](unsafeUninitializedCapacity: total) { buffer, count in
            var offset = 0
            for chunk in chunks {
                if let start = chunk.baseAddress, chunk.count > 0 { memcpy(buffer.baseAddress! + offset, start, chunk.count) }
                offset += chunk.count
                chunk.baseAddress?.deallocate()
            }
            count = total
        }
        full = []
        used = 0
        capacity = 0
        return bytes
    }

    /// A new chunk: the current one is kept as it is.
    private mutating func nextChunk(atLeast n: Int) {
        if let spill {
            spill(UnsafeBufferPointer(start: base, count: used))
            used = 0
            if n <= capacity { return }
            base.deallocate()
            capacity = n
            base = .allocate(capacity: capacity)
            return
        }
        full.append(UnsafeMutableBufferPointer(start: base, count: used))
        capacity = max(Self.chunkSize, n)
        base = .allocate(capacity: capacity)
        used = 0
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
        // A run never straddles two chunks: a chunk ends where it no longer fits.
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
