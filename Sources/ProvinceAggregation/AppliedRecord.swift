import MeetingModel

/// What applying a record to each unit it names needs, worked out once per record: a record counts in every
/// province it names and again in their 2025 units, and each of those applications read the same date, hashed the
/// same topics and names, and compared the same texts.
struct AppliedRecord {
    let record: MeetingRecord
    let documentID: String
    /// The record's date when it is a whole one (`YYYY-MM-DD`), and that date's month (`YYYY-MM`).
    let fullDate: String?
    let month: String?
    let topics: [TextKey]
    /// Each participant's name as a key, in the record's order.
    let participantNames: [TextKey]

    init(_ record: MeetingRecord, documentID: String) {
        self.record = record
        self.documentID = documentID
        fullDate = record.date.flatMap { ProvinceState.isWholeDate($0) ? $0 : nil }
        month = fullDate.map { String($0.prefix(7)) }
        topics = record.topics.map(TextKey.init)
        participantNames = record.participants.map { TextKey($0.name) }
    }

    /// The participants whose post is in the unit named `name` (compared as bytes, see ``TextKey``), as indices.
    func officials(of name: String) -> [Int] {
        record.participants.indices.filter { record.participants[$0].province.map { TextKey.sameBytes($0, name) } ?? false }
    }
}
