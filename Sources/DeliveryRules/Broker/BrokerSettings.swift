/// The numbers the broker's rules run by, from the cluster's configuration.
public struct BrokerSettings: Equatable, Sendable {
    public var heartbeatInterval: Double
    public var liveness: Int
    /// How long a worker may hold a job it has not yet extracted before it counts as a failed attempt.
    public var jobTimeout: Double
    public var maxAttempts: Int
    public var queueCapacity: Int
    public var queueBytes: Int
    public var maxDocumentBytes: Int
    /// The most text a worker holds beyond its first job (its credit counts jobs, this their bytes).
    public var workerBytes: Int
    /// Journal entries after which the journal is rewritten as what it must remember.
    public var compactAfterEntries: Int
    /// First and longest wait before retrying the disk after a failed write.
    public var storageRetry: (initial: Double, maximum: Double)
    /// The longest a worker key that took jobs and vanished is held back from new jobs.
    public var maximumHoldBack: Double = 60

    public init(heartbeatInterval: Double = 1, liveness: Int = 3, jobTimeout: Double = 60, maxAttempts: Int = 3,
                queueCapacity: Int = 10_000, queueBytes: Int = 256 << 20, maxDocumentBytes: Int = 1 << 20,
                workerBytes: Int = 4 << 20, compactAfterEntries: Int = 50_000,
                storageRetry: (initial: Double, maximum: Double) = (0.5, 30)) {
        self.heartbeatInterval = heartbeatInterval
        self.liveness = max(1, liveness)
        self.jobTimeout = jobTimeout
        self.maxAttempts = max(1, maxAttempts)
        self.queueCapacity = queueCapacity
        self.queueBytes = queueBytes
        self.maxDocumentBytes = maxDocumentBytes
        self.workerBytes = max(0, workerBytes)
        self.compactAfterEntries = max(1, compactAfterEntries)
        self.storageRetry = storageRetry
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.heartbeatInterval == rhs.heartbeatInterval && lhs.liveness == rhs.liveness && lhs.jobTimeout == rhs.jobTimeout
            && lhs.maxAttempts == rhs.maxAttempts && lhs.queueCapacity == rhs.queueCapacity && lhs.queueBytes == rhs.queueBytes
            && lhs.maxDocumentBytes == rhs.maxDocumentBytes && lhs.workerBytes == rhs.workerBytes && lhs.compactAfterEntries == rhs.compactAfterEntries
            && lhs.storageRetry == rhs.storageRetry && lhs.maximumHoldBack == rhs.maximumHoldBack
    }
}
