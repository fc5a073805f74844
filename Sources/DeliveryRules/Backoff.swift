/// Exponential backoff between retries of something that failed (a disk write, a silent peer).
public struct Backoff: Equatable, Sendable {
    public let initial: Double
    public let maximum: Double
    public private(set) var current: Double

    public init(initial: Double, maximum: Double) {
        self.initial = initial
        self.maximum = max(initial, maximum)
        current = initial
    }

    /// The delay to wait now; the next one doubles, up to `maximum`.
    public mutating func next() -> Double {
        let delay = current
        current = min(current * 2, maximum)
        return delay
    }

    /// Back to the first delay, after a success.
    public mutating func reset() { current = initial }
}
