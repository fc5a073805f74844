import MeetingModel

/// `submit --wait`'s questions to the aggregator: which ids to ask after, and how long to pause before the next
/// question. It asks after the oldest ``batch`` missing ids: documents are applied roughly in
/// the order submitted, so while those are missing the newer ones mostly are too, and each question costs the
/// aggregator one index lookup per id (asking after 500 every 20 ms looked up a dozen ids per document applied: 4%
/// of its CPU). The ids stay packed but for the oldest missing, however many were sent.
public struct AppliedWait {
    public static let batch = 100
    /// The pause after an answer that applied something; doubled up to ``longestPause`` while nothing is applied.
    public static let shortestPause = 0.02
    public static let longestPause = 0.2

    private let ids: PackedDocumentIDs
    /// The oldest missing ids, asked after in the last question, in order (copies of a text's id included).
    private var oldest: [DocumentID] = []
    /// The ids not yet asked after: `ids[next...]`.
    private var next = 0
    private var pause = Self.shortestPause
    /// When the broker was last asked which of the oldest missing it gave up on.
    private var askedBrokerAt: Double?
    /// The ids the broker said it dead-lettered, counted as sent (a text in three files is three).
    public private(set) var deadLettered = 0

    /// How often to ask the broker, while documents are missing, whether it gave up on some.
    public static let brokerQuestionInterval = 2.0

    public init(_ ids: PackedDocumentIDs) { self.ids = ids }

    public var total: Int { ids.count }
    /// Neither applied nor given up on yet.
    public var missing: Int { oldest.count + (ids.endIndex - next) }
    public var applied: Int { total - missing - deadLettered }

    /// The oldest ``batch`` missing ids, to ask after, each once (a folder holding copies of a text sent its id many
    /// times): empty when none are missing.
    public mutating func question() -> [DocumentID] {
        while oldest.count < Self.batch && next < ids.endIndex {
            oldest.append(ids[next])
            next += 1
        }
        var asked = Set<DocumentID>()
        return oldest.filter { asked.insert($0).inserted }
    }

    /// The aggregator's answer to the last question: the ids it has applied. Returns how long to wait before the
    /// next question: none when every id asked after was applied (the next ones may be too), else a pause that
    /// starts short while documents are being applied and grows while nothing moves (a fixed 200 ms added up to a
    /// fifth of a short run's time after its last document was applied).
    public mutating func answered(_ appliedIDs: [DocumentID]) -> Double {
        let appliedSet = Set(appliedIDs)
        let before = missing
        oldest.removeAll { appliedSet.contains($0) }
        pause = missing < before ? Self.shortestPause : min(pause * 2, Self.longestPause)
        return oldest.isEmpty ? 0 : pause
    }

    /// Whether to ask the broker now which of the last question's ids it dead-lettered: while some are missing, at
    /// most every ``brokerQuestionInterval`` seconds, the first time once that interval has passed since `start`.
    public mutating func asksBroker(now: Double, start: Double) -> Bool {
        guard !oldest.isEmpty, now - (askedBrokerAt ?? start) >= Self.brokerQuestionInterval else { return false }
        askedBrokerAt = now
        return true
    }

    /// The broker's answer: these ids are dead-lettered, so no longer waited for (each copy counted).
    public mutating func brokerGaveUp(on ids: [DocumentID]) {
        let given = Set(ids)
        let before = oldest.count
        oldest.removeAll { given.contains($0) }
        deadLettered += before - oldest.count
    }
}
