/// What one report says about one meeting: the extractor's output, the aggregator's input.
/// JSON field names are camelCase, as `ingest extract` prints them.
public struct MeetingRecord: Codable, Equatable, Sendable {
    public var title: String?
    /// ISO `YYYY-MM-DD`, or `--MM-DD` when the year cannot be known.
    public var date: String?
    public var dateText: String?
    /// The first and last day (ISO, or `--MM-DD`) when the text writes the meeting as a span of days; else nil.
    public var startDate: String?
    public var endDate: String?
    public var partOfDay: PartOfDay?
    public var meetingKind: String?
    public var format: MeetingFormat?
    public var chair: Person?
    public var coChairs: [Person]
    public var participants: [Participant]
    public var provinces: [ProvinceMention]
    public var locations: [String]
    public var organizations: [String]
    public var topics: [String]
    public var years: [Int]
    public var figures: [Figure]
    public var captions: [String]
    public var warnings: [String]

    public init(
        title: String? = nil, date: String? = nil, dateText: String? = nil, partOfDay: PartOfDay? = nil,
        meetingKind: String? = nil, format: MeetingFormat? = nil, chair: Person? = nil, coChairs: [Person] = [],
        participants: [Participant] = [], provinces: [ProvinceMention] = [], locations: [String] = [],
        organizations: [String] = [], topics: [String] = [], years: [Int] = [], figures: [Figure] = [],
        captions: [String] = [], warnings: [String] = []
    ) {
        self.title = title
        self.date = date
        self.dateText = dateText
        self.partOfDay = partOfDay
        self.meetingKind = meetingKind
        self.format = format
        self.chair = chair
        self.coChairs = coChairs
        self.participants = participants
        self.provinces = provinces
        self.locations = locations
        self.organizations = organizations
        self.topics = topics
        self.years = years
        self.figures = figures
        self.captions = captions
        self.warnings = warnings
    }

    // The binary form stores a case by its position: add cases at the end only.
    public enum PartOfDay: String, Codable, Sendable, CaseIterable { case morning, afternoon, evening }

    public enum MeetingFormat: String, Codable, Sendable, CaseIterable {
        case hybrid, online
        case inPerson = "in-person"
    }

    public struct Person: Codable, Equatable, Sendable {
        public var name: String
        public var titles: [String]
        public init(name: String, titles: [String]) {
            self.name = name
            self.titles = titles
        }
    }

    public struct Participant: Codable, Equatable, Sendable {
        public var name: String
        public var titles: [String]
        /// The province of the person's post; nil for central officials.
        public var province: String?
        /// The bridge point or place the person was at, when the text says.
        public var location: String?
        public init(name: String, titles: [String], province: String?, location: String?) {
            self.name = name
            self.titles = titles
            self.province = province
            self.location = location
        }
    }

    public enum ProvinceRole: String, Codable, Sendable, CaseIterable, Comparable {
        case host, bridgePoint, discussant, mentioned
        /// Roles sort in the order declared: host first.
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

        private var rank: Int {
            switch self {
            case .host: 0
            case .bridgePoint: 1
            case .discussant: 2
            case .mentioned: 3
            }
        }
    }

    public struct ProvinceMention: Codable, Equatable, Sendable {
        /// Canonical for the article's time: one of the 63 units before 1 July 2025, of the 34 after.
        public var name: String
        public var code: Int
        public var roles: [ProvinceRole]
        /// The unit it belongs to since the 2025 merger.
        public var mergedInto: String
        /// That unit's code; nil in records written before the field existed.
        public var mergedIntoCode: Int?
        /// True when `name` is one of the 2025 units that a merger formed under an old unit's name or code (Gia Lai,
        /// code 52, in a 2026 report), which is not the unit of that name before 1 July 2025 (Gia Lai, code 64).
        /// False for the 63 old units and for the 11 units the merger left whole (Hà Nội before and after is one).
        public var formedIn2025: Bool

        public init(name: String, code: Int, roles: [ProvinceRole], mergedInto: String, mergedIntoCode: Int? = nil,
                    formedIn2025: Bool = false) {
            self.name = name
            self.code = code
            self.roles = roles
            self.mergedInto = mergedInto
            self.mergedIntoCode = mergedIntoCode
            self.formedIn2025 = formedIn2025
        }

        private enum CodingKeys: String, CodingKey { case name, code, roles, mergedInto, mergedIntoCode, formedIn2025 }

        /// Decodes records of any version; those written before the 2025 fields existed decode as old units.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            code = try container.decode(Int.self, forKey: .code)
            roles = try container.decode([ProvinceRole].self, forKey: .roles)
            mergedInto = try container.decode(String.self, forKey: .mergedInto)
            mergedIntoCode = try container.decodeIfPresent(Int.self, forKey: .mergedIntoCode)
            formedIn2025 = try container.decodeIfPresent(Bool.self, forKey: .formedIn2025) ?? false
        }
    }

    public struct Figure: Codable, Equatable, Sendable {
        public var text: String
        public var value: Double
        public var unit: String?
        public init(text: String, value: Double, unit: String?) {
            self.text = text
            self.value = value
            self.unit = unit
        }
    }
}
