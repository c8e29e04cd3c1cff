#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a report to stdout or stderr and reading stdin whole, on the C streams (FoundationEssentials has no
/// `FileHandle`).
enum StandardStreams {
    static func write(_ text: String, to stream: UnsafeMutablePointer<FILE>) {
        var text = text
        text.withUTF8 { bytes in _ = fwrite(bytes.baseAddress, 1, bytes.count, stream) }
        fflush(stream)
    }

    /// Bytes as they come, unflushed (a report written in pieces).
    static func write(_ bytes: UnsafeBufferPointer<UInt8>, to stream: UnsafeMutablePointer<FILE>) {
        _ = fwrite(bytes.baseAddress, 1, bytes.count, stream)
    }

    static func write(bytes: [UInt8], to stream: UnsafeMutablePointer<FILE>) {
        bytes.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, stream) }
        fflush(stream)
    }

    static func readStandardInput() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(0, &buffer, buffer.count)
            if n > 0 { bytes += buffer[..<n] } else if n < 0, errno == EINTR { continue } else { break }
        }
        return bytes
    }
}
