/// Why the configuration could not be loaded; each reads as one line.
public enum ConfigError: Error, Equatable, CustomStringConvertible {
    case missingFile(String)
    case unreadable(String, reason: String)
    case malformed(line: Int, reason: String)
    /// A key of the file with a value that cannot be used; `line` is where the file sets it.
    case invalidValue(key: String, line: Int?, reason: String)
    /// An `INGEST_*` environment variable with a value that cannot be used.
    case invalidEnvironment(variable: String, reason: String)
    case inFile(String, ConfigErrorBox)

    public var description: String {
        switch self {
        case .missingFile(let path): "config file not found: \(path)"
        case .unreadable(let path, let reason): "cannot read config file \(path): \(reason)"
        case .malformed(let line, let reason): "line \(line): \(reason)"
        case .invalidValue(let key, let line?, let reason): "line \(line): \(key): \(reason)"
        case .invalidValue(let key, nil, let reason): "\(key): \(reason)"
        case .invalidEnvironment(let variable, let reason): "environment variable \(variable): \(reason)"
        case .inFile(let path, let inner): "config file \(path): \(inner.error)"
        }
    }
}

/// Lets ``ConfigError`` nest itself.
public final class ConfigErrorBox: Equatable, Sendable {
    public let error: ConfigError
    init(_ error: ConfigError) { self.error = error }
    public static func == (lhs: ConfigErrorBox, rhs: ConfigErrorBox) -> Bool { lhs.error == rhs.error }
}
