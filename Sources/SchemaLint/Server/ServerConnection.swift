#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a language server reads its client's bytes and writes its own.
public protocol ServerConnection: AnyObject {
    /// Up to `maximum` bytes, waiting for at least one; empty at the end of the input.
    func read(maximum: Int) -> [UInt8]
    /// Whether input is waiting (or the input has ended), so that a `read` would not block.
    func inputIsWaiting() -> Bool
    func write(_ bytes: [UInt8])
}

/// A connection on two file descriptors: standard input and output for `schemalint server`.
public final class FileDescriptorConnection: ServerConnection {
    private let input: Int32
    private let output: Int32

    public init(input: Int32 = 0, output: Int32 = 1) {
        self.input = input
        self.output = output
    }

    public func read(maximum: Int) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: maximum)
        while true {
            let n = buffer.withUnsafeMutableBytes { systemRead(input, $0.baseAddress, maximum) }
            if n > 0 { return Array(buffer[..<n]) }
            if n < 0, errno == EINTR { continue }
            return []
        }
    }

    public func inputIsWaiting() -> Bool {
        var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0
    }

    public func write(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { systemWrite(output, $0.baseAddress! + sent, bytes.count - sent) }
            if n > 0 { sent += n } else if n < 0, errno == EINTR { continue } else { return }
        }
    }
}

// The C calls under other names: inside the class, `read` and `write` are its own methods.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
