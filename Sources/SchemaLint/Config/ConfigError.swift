/// A problem in a configuration file: `<path>:<line>: <what>` (the line of the key, when it is known).
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var line: Int?
    public var message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// Without a line only for problems with the file as a whole (it cannot be read).
    public var description: String { line.map { "\(path):\($0): \(message)" } ?? "\(path): \(message)" }
}
