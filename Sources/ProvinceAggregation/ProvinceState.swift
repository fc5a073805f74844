import MeetingModel

/// What the cluster knows about one province, built only from applied records.
public struct ProvinceState: Codable, Equatable, Sendable {
    public var name: String
    public var code: Int?
    /// One of the 2025 units formed by a merger under an old unit's name (see
    /// ``MeetingRecord/ProvinceMention/formedIn2025``); kept apart from the old unit of that name.
    public var formedIn2025: Bool
    /// Distinct documents that mention the province.
    public var documents: Int
    /// Documents in which the province took part (host, bridge point or discussant), not only mentioned.
    public var meetings: Int
    /// Of ``meetings``, how many fall in each month ("YYYY-MM"), counting only records with a full date.
    /// Snapshots written before this field existed have no such key and load with it empty.
    public var meetingsByMonth: [String: Int]
    public var firstMeetingDate: String?
    public var lastMeetingDate: String?
    /// Officials whose post is in this province: name -> titles seen and the last meeting date.
    public var officials: [String: Official] {
        get { officialsByName.byText(combining: Official.merged) }
        set { officialsByName = newValue.byKey }
    }
    /// How often the province appeared in each role.
    public var roles: [String: Int]
    public var topics: [String: Int] {
        get { topicCounts.byText(combining: +) }
        set { topicCounts = newValue.byKey }
    }
    /// What ``officials`` and ``topics`` read, keyed for the reducer (see ``TextKey``).
    var officialsByName: [TextKey: Official]
    var topicCounts: [TextKey: Int]
    /// The newest documents by their meeting's date, ties by id, newest last (at most ``latestDocumentsKept``; a
    /// document without a date is older than any with one): which ones does not depend on the order they arrive in.
    public private(set) var latestDocuments: [String]
    /// Each of ``latestDocuments``' dates as its record gave it ("" without one), in the same order: what orders them,
    /// kept in snapshots so that a restart goes on ordering them the same way.
    public private(set) var latestDocumentDates: [String]

    public static let latestDocumentsKept = 20

    public struct Official: Codable, Equatable, Sendable {
        /// Every title seen, sorted, so that the state does not depend on the order documents arrive in.
        public var titles: [String]
        public var lastSeen: String?

        init(titles: [String], lastSeen: String?) {
            self.titles = titles
            self.lastSeen = lastSeen
        }

        private enum CodingKeys: String, CodingKey { case titles, lastSeen }

        /// Titles as the reducer keeps them, sorted and each once, whatever the snapshot held: the first release kept them
        /// in arrival order, where a title could be added twice, and ``merge(titles:seen:)`` relies on the order.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            titles = Self.sortedOnce(try container.decode([String].self, forKey: .titles))
            lastSeen = try container.decodeIfPresent(String.self, forKey: .lastSeen)
        }

        static func sortedOnce(_ titles: [String]) -> [String] {
            var kept: [String] = []
            for title in titles.sorted() where kept.last != title { kept.append(title) }
            return kept
        }

        /// Both officials' titles and the later date: one person seen in two units, or under two spellings.
        static func merged(_ mine: Official, _ theirs: Official) -> Official {
            var both = mine
            both.merge(titles: theirs.titles, seen: theirs.lastSeen)
            return both
        }

        mutating func merge(titles more: [String], seen date: String?) {
            // Each new title goes into its sorted place: a Set and a sort per official made a tenth of applying a record.
            // A title with the same bytes as one kept is the same title: found without String's comparison, which
            // normalises every non-ASCII title it compares (the same outcome as the search, as `titles` is sorted and
            // holds each title once).
            for title in more where !titles.contains(where: { TextKey.sameBytes($0, title) }) {
                var low = 0, high = titles.count
                while low < high {
                    let middle = (low + high) / 2
                    if titles[middle] < title { low = middle + 1 } else { high = middle }
                }
                if low == titles.count || titles[low] != title { titles.insert(title, at: low) }
            }
            if let date { lastSeen = max(lastSeen ?? date, date) }
        }
    }

    /// Where the state is kept in ``AggregateState/provinces``: the name, marked for a unit formed in 2025 so that
    /// it never merges with the old unit of the same name.
    public var key: String { Self.key(name: name, formedIn2025: formedIn2025) }

    public static func key(name: String, formedIn2025: Bool) -> String { formedIn2025 ? name + " (2025)" : name }

    /// The name and era a key (``key(name:formedIn2025:)``) stands for.
    public static func unit(ofKey stored: String) -> (name: String, formedIn2025: Bool) {
        let mark = key(name: "", formedIn2025: true)
        return stored.hasSuffix(mark) ? (String(stored.dropLast(mark.count)), true) : (stored, false)
    }

    /// The name to show people: the key, which says `(2025)` where two units share a name.
    public var displayName: String { key }

    public init(name: String, formedIn2025: Bool = false) {
        self.name = name
        self.formedIn2025 = formedIn2025
        documents = 0
        meetings = 0
        meetingsByMonth = [:]
        officialsByName = [:]
        roles = [:]
        topicCounts = [:]
        latestDocuments = []
        latestDocumentDates = []
    }

    private enum CodingKeys: String, CodingKey {
        case name, code, formedIn2025, documents, meetings, meetingsByMonth, firstMeetingDate, lastMeetingDate, officials, roles, topics, latestDocuments, latestDocumentDates
    }

    /// Decodes a province of any schema-1 snapshot, including those written before `meetingsByMonth` existed, and
    /// those without `latestDocumentDates`, whose latest documents are taken as undated (older than any dated one).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        code = try container.decodeIfPresent(Int.self, forKey: .code)
        formedIn2025 = try container.decodeIfPresent(Bool.self, forKey: .formedIn2025) ?? false
        documents = try container.decode(Int.self, forKey: .documents)
        meetings = try container.decode(Int.self, forKey: .meetings)
        meetingsByMonth = try container.decodeIfPresent([String: Int].self, forKey: .meetingsByMonth) ?? [:]
        firstMeetingDate = try container.decodeIfPresent(String.self, forKey: .firstMeetingDate)
        lastMeetingDate = try container.decodeIfPresent(String.self, forKey: .lastMeetingDate)
        officialsByName = try container.decode([String: Official].self, forKey: .officials).byKey
        roles = try container.decode([String: Int].self, forKey: .roles)
        topicCounts = try container.decode([String: Int].self, forKey: .topics).byKey
        let ids = try container.decode([String].self, forKey: .latestDocuments)
        let dates = try container.decodeIfPresent([String].self, forKey: .latestDocumentDates) ?? []
        latestDocuments = []
        latestDocumentDates = []
        for (index, id) in ids.enumerated() { noteLatest(id, date: dates.count == ids.count ? dates[index] : "") }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(code, forKey: .code)
        try container.encode(formedIn2025, forKey: .formedIn2025)
        try container.encode(documents, forKey: .documents)
        try container.encode(meetings, forKey: .meetings)
        try container.encode(meetingsByMonth, forKey: .meetingsByMonth)
        try container.encodeIfPresent(firstMeetingDate, forKey: .firstMeetingDate)
        try container.encodeIfPresent(lastMeetingDate, forKey: .lastMeetingDate)
        try container.encode(officials, forKey: .officials)
        try container.encode(roles, forKey: .roles)
        try container.encode(topics, forKey: .topics)
        try container.encode(latestDocuments, forKey: .latestDocuments)
        try container.encode(latestDocumentDates, forKey: .latestDocumentDates)
    }

    /// The code to keep, whatever order records arrive in: the one of the latest full date (after the 2025
    /// merger a name can carry a new unit's code), the larger on a tie, and among undated records the larger.
    static func code(keeping current: Int?, lastDate: String?, new: Int, newDate: String?) -> Int {
        code(keeping: current, lastDate: lastDate, new: new, newFullDate: newDate.flatMap { isWholeDate($0) ? $0 : nil })
    }

    static func code(keeping current: Int?, lastDate: String?, new: Int, newFullDate newFull: String?) -> Int {
        guard let current else { return new }
        switch (lastDate, newFull) {
        case (nil, nil): return max(current, new)
        case (nil, .some): return new
        case (.some, nil): return current
        case (.some(let last), .some(let date)): return date > last ? new : date == last ? max(current, new) : current
        }
    }

    /// The empty state of the unit a mention names.
    public init(_ mention: MeetingRecord.ProvinceMention) {
        self.init(name: mention.name, formedIn2025: mention.formedIn2025)
    }

    /// The province reducer: this state with one more document applied, in which the province appears as
    /// `mention` and `officials` hold posts in it. It does not check whether the document was applied before;
    /// ``AggregateState`` does.
    public func applying(_ mention: MeetingRecord.ProvinceMention, of record: MeetingRecord, officials: [MeetingRecord.Participant],
                         documentID: String) -> ProvinceState {
        var next = self
        next.apply(mention, of: record, officials: officials, documentID: documentID)
        return next
    }

    /// ``applying(_:of:officials:documentID:)`` in place: the aggregator's path, which must not copy the
    /// province's dictionaries for every document.
    public mutating func apply(_ mention: MeetingRecord.ProvinceMention, of record: MeetingRecord, officials: [MeetingRecord.Participant],
                               documentID: String) {
        var withOfficials = record
        withOfficials.participants = officials
        apply(mention, of: AppliedRecord(withOfficials, documentID: documentID), officials: Array(officials.indices))
    }

    /// The reducer as ``AggregateState`` runs it: `officials` are indices into the record's participants.
    mutating func apply(_ mention: MeetingRecord.ProvinceMention, of applied: AppliedRecord, officials: [Int]) {
        let record = applied.record
        code = Self.code(keeping: code, lastDate: lastMeetingDate, new: mention.code, newFullDate: applied.fullDate)
        documents += 1
        let tookPart = mention.roles.contains(where: { $0 != .mentioned })
        if tookPart { meetings += 1 }
        if tookPart, let month = applied.month { meetingsByMonth[month, default: 0] += 1 }
        for role in mention.roles { roles[role.rawValue, default: 0] += 1 }
        if let fullDate = applied.fullDate {
            firstMeetingDate = min(firstMeetingDate ?? fullDate, fullDate)
            lastMeetingDate = max(lastMeetingDate ?? fullDate, fullDate)
        }
        for index in officials {
            officialsByName[applied.participantNames[index], default: Official(titles: [], lastSeen: nil)]
                .merge(titles: record.participants[index].titles, seen: applied.fullDate)
        }
        for topic in applied.topics { topicCounts[topic, default: 0] += 1 }
        noteLatest(applied.documentID, date: record.date ?? "")
    }

    /// Keeps the document among ``latestDocuments`` when fewer are kept or it is newer than the oldest kept; a
    /// document kept already (the same id and date) stays once.
    mutating func noteLatest(_ id: String, date: String) {
        var low = 0
        var high = latestDocuments.count
        while low < high {
            let middle = (low + high) / 2
            let kept = (latestDocumentDates[middle], latestDocuments[middle])
            if kept < (date, id) { low = middle + 1 } else { high = middle }
        }
        if low < latestDocuments.count, latestDocuments[low] == id, latestDocumentDates[low] == date { return }
        if low == 0, latestDocuments.count >= Self.latestDocumentsKept { return }
        latestDocuments.insert(id, at: low)
        latestDocumentDates.insert(date, at: low)
        if latestDocuments.count > Self.latestDocumentsKept {
            latestDocuments.removeFirst()
            latestDocumentDates.removeFirst()
        }
    }

    /// Whether a record's date is a whole one (ten characters, `YYYY-MM-DD`): ten ASCII bytes are ten characters
    /// without walking graphemes, which counting them cost for every mention; anything else is counted.
    static func isWholeDate(_ date: String) -> Bool {
        let bytes = date.utf8.count
        if bytes < 10 { return false }
        if bytes == 10, date.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { return true }
        return date.count == 10
    }

    /// Adds another unit's counts to this one (summed, so a document both name is counted twice; among the latest
    /// documents it is listed once).
    mutating func absorb(_ other: ProvinceState) {
        documents += other.documents
        meetings += other.meetings
        meetingsByMonth.merge(other.meetingsByMonth, uniquingKeysWith: +)
        firstMeetingDate = [firstMeetingDate, other.firstMeetingDate].compactMap { $0 }.min()
        lastMeetingDate = [lastMeetingDate, other.lastMeetingDate].compactMap { $0 }.max()
        officialsByName.merge(other.officialsByName, uniquingKeysWith: Official.merged)
        roles.merge(other.roles, uniquingKeysWith: +)
        topicCounts.merge(other.topicCounts, uniquingKeysWith: +)
        for (id, date) in zip(other.latestDocuments, other.latestDocumentDates) { noteLatest(id, date: date) }
    }
}
