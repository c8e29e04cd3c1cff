#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program and collects what it prints: posix_spawn with two pipes read together (a full stderr pipe must
/// not stall the child while stdout is read). FoundationEssentials has no `Process`.
enum Subprocess {
    struct Output {
        var status: Int32
        var standardOutput: [UInt8]
        var standardError: [UInt8]
    }

    struct LaunchFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `arguments[0]`, found on PATH, with the rest as its arguments, in this process's environment with
    /// `environment` set on top.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        var out: [Int32] = [0, 0], err: [Int32] = [0, 0]
        guard pipe(&out) == 0, pipe(&err) == 0 else { throw LaunchFailure(description: String(cString: strerror(errno))) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        for fd in out + err { posix_spawn_file_actions_addclose(&actions, fd) }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var envp: [UnsafeMutablePointer<CChar>?] = []
        if !environment.isEmpty {
            var index = 0
            while let entry = environ[index] {
                let text = String(cString: entry)
                if let name = text.split(separator: "=", maxSplits: 1).first, environment[String(name)] == nil { envp.append(strdup(entry)) }
                index += 1
            }
            for (name, value) in environment.sorted(by: { $0.key < $1.key }) { envp.append(strdup("\(name)=\(value)")) }
            envp.append(nil)
        }
        defer { envp.forEach { free($0) } }
        var pid = pid_t()
        let status = envp.isEmpty ? posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
            : posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
        close(out[1]); close(err[1])
        guard status == 0 else {
            close(out[0]); close(err[0])
            throw LaunchFailure(description: String(cString: strerror(status)))
        }
        var result = Output(status: 0, standardOutput: [], standardError: [])
        var open = [pollfd(fd: out[0], events: Int16(POLLIN), revents: 0), pollfd(fd: err[0], events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !open.isEmpty {
            guard poll(&open, nfds_t(open.count), -1) >= 0 else { if errno == EINTR { continue } else { break } }
            for i in open.indices.reversed() where open[i].revents != 0 {
                let n = read(open[i].fd, &buffer, buffer.count)
                if n > 0 {
                    if open[i].fd == out[0] { result.standardOutput += buffer[..<n] } else { result.standardError += buffer[..<n] }
                } else if n == 0 || errno != EINTR {
                    close(open[i].fd)
                    open.remove(at: i)
                }
            }
        }
        var wait: Int32 = 0
        while waitpid(pid, &wait, 0) < 0, errno == EINTR {}
        // WIFEXITED/WEXITSTATUS are macros Swift does not import.
        result.status = (wait & 0x7f) == 0 ? (wait >> 8) & 0xff : 128 + (wait & 0x7f)
        return result
    }
}
