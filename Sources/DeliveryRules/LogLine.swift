/// A line a state machine wants logged; the loop around it hands it to its `Logger`.
/// State machines decide what is worth saying (and rate-limit it), loops only print.
public struct LogLine: Equatable, Sendable {
    public enum Level: Sendable { case info, warning, error }

    public let level: Level
    public let message: String
    public let metadata: [String: String]

    public init(_ level: Level, _ message: String, _ metadata: [String: String] = [:]) {
        self.level = level
        self.message = message
        self.metadata = metadata
    }
}

/// Lets through the first few of a noisy event, then one in `every`, so a flood never floods the log.
public struct LogRateLimit: Sendable {
    public private(set) var count = 0
    let firstFew: Int
    let every: Int

    public init(firstFew: Int = 10, every: Int = 1000) {
        self.firstFew = firstFew
        self.every = every
    }

    /// Counts one occurrence; true when this one should be logged.
    public mutating func admit() -> Bool {
        count &+= 1
        return count <= firstFew || count % every == 0
    }
}

extension String {
    /// At most `limit` characters of a peer-chosen text, for logs and replies.
    func clipped(to limit: Int = 200) -> String {
        count <= limit ? self : String(prefix(limit)) + "… (\(utf8.count) bytes)"
    }
}
