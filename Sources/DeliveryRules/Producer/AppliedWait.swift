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

    public init(_ ids: PackedDocumentIDs) { self.ids = ids }

    public var total: Int { ids.count }
    public var missing: Int { oldest.count + (ids.endIndex - next) }
    public var applied: Int { total - missing }

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
}
