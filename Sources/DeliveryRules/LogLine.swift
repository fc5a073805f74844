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

/// Lets through at most `burst` lines of a noisy event per `period` seconds (monotonic), so a flood never floods
/// the log and the first of a later burst (a key revoked an hour after the first refusals) is always seen;
/// ``count`` is every occurrence, for the lines to say how many there were in all.
public struct LogRateLimit: Sendable {
    public private(set) var count = 0
    let burst: Int
    let period: Double
    var windowStart = -Double.infinity
    var inWindow = 0

    public init(burst: Int = 10, period: Double = 60) {
        self.burst = burst
        self.period = period
    }

    /// Counts one occurrence at `now`; true when this one should be logged.
    public mutating func admit(now: Double) -> Bool {
        count &+= 1
        if !(now - windowStart < period) {
            windowStart = now
            inWindow = 0
        }
        inWindow &+= 1
        return inWindow <= burst
    }
}

extension Dictionary where Key == String, Value == LogRateLimit {
    /// ``LogRateLimit/admit(now:)`` on `kind`'s own limit (made on first use), so that a flood of one kind never hides
    /// another: every occurrence of `kind` so far when this one is to be logged, else nil.
    public mutating func admit(_ kind: String, now: Double) -> Int? {
        var limit = self[kind, default: LogRateLimit()]
        defer { self[kind] = limit }
        return limit.admit(now: now) ? limit.count : nil
    }
}

extension String {
    /// At most `limit` characters of a peer-chosen text, for logs and replies.
    func clipped(to limit: Int = 200) -> String {
        count <= limit ? self : String(prefix(limit)) + "… (\(utf8.count) bytes)"
    }
}
