import MeetingModel

/// Writes a ``Snapshot`` as the same bytes `JSONEncoder` with `[.sortedKeys, .prettyPrinted,
/// .withoutEscapingSlashes]` writes, straight from the values: the encoder builds a tree of boxed values for every
/// official, title and topic first, which made a snapshot of a busy aggregator cost a seventh of its CPU.
/// Keys are sorted by their UTF-8 bytes, which is the encoder's order for the NFC text records carry.
struct SnapshotJSON: ~Copyable {
    private var output = ByteOutput(capacity: 64 * 1024)
    private var depth = 0

    static func encode(_ snapshot: Snapshot) -> [UInt8] {
        var writer = SnapshotJSON()
        writer.snapshot(snapshot)
        return writer.output.bytes
    }

    private mutating func snapshot(_ snapshot: Snapshot) {
        object { fields in
            if let ids = snapshot.appliedIDs { fields.key("appliedIDs") { $0.strings(ids) } }
            fields.key("createdAt") { $0.string(snapshot.createdAt) }
            if let units = snapshot.currentUnits { fields.key("currentUnits") { $0.provinces(units) } }
            fields.key("documentsApplied") { $0.integer(snapshot.documentsApplied) }
            fields.key("provinces") { $0.provinces(snapshot.provinces) }
            fields.key("schema") { $0.integer(snapshot.schema) }
            fields.key("sequence") { $0.unsigned(snapshot.sequence) }
        }
    }

    private mutating func provinces(_ provinces: [ProvinceState]) {
        array(provinces) { $0.province($1) }
    }

    private mutating func province(_ province: ProvinceState) {
        object { fields in
            if let code = province.code { fields.key("code") { $0.integer(code) } }
            fields.key("documents") { $0.integer(province.documents) }
            if let date = province.firstMeetingDate { fields.key("firstMeetingDate") { $0.string(date) } }
            fields.key("formedIn2025") { $0.boolean(province.formedIn2025) }
            if let date = province.lastMeetingDate { fields.key("lastMeetingDate") { $0.string(date) } }
            fields.key("latestDocumentDates") { $0.strings(province.latestDocumentDates) }
            fields.key("latestDocuments") { $0.strings(province.latestDocuments) }
            fields.key("meetings") { $0.integer(province.meetings) }
            fields.key("meetingsByMonth") { $0.counts(province.meetingsByMonth) }
            fields.key("name") { $0.string(province.name) }
            fields.key("officials") { writer in
                writer.entries(province.officialsByName.sortedByText(combining: ProvinceState.Official.merged)) { writer, official in
                    writer.object { fields in
                        if let seen = official.lastSeen { fields.key("lastSeen") { $0.string(seen) } }
                        fields.key("titles") { $0.strings(official.titles) }
                    }
                }
            }
            fields.key("roles") { $0.counts(province.roles) }
            fields.key("topics") { writer in writer.entries(province.topicCounts.sortedByText(combining: +)) { $0.integer($1) } }
        }
    }

    // MARK: JSON

    /// Whether the container opened last has nothing in it yet (its first entry needs no comma before it).
    private var containerEmpty = false

    /// One entry of an object: the caller writes them in sorted order.
    mutating func key(_ name: String, _ value: (inout SnapshotJSON) -> Void) {
        separate()
        string(name)
        output.append(" : ")
        value(&self)
    }

    private mutating func separate() {
        if !containerEmpty { output.append(0x2C) }
        output.append(0x0A)
        containerEmpty = false
        indent()
    }

    private mutating func object(_ body: (inout SnapshotJSON) -> Void) {
        open(0x7B)
        body(&self)
        close(0x7D)
    }

    private mutating func array<Element>(_ elements: [Element], _ write: (inout SnapshotJSON, Element) -> Void) {
        open(0x5B)
        for element in elements {
            separate()
            write(&self, element)
        }
        close(0x5D)
    }

    private mutating func open(_ bracket: UInt8) {
        output.append(bracket)
        depth += 1
        containerEmpty = true
    }

    /// An empty container is written with a blank line inside, as the encoder does.
    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        output.append(0x0A)
        if containerEmpty { output.append(0x0A) }
        containerEmpty = false
        indent()
        output.append(bracket)
    }

    private mutating func dictionary<Value>(_ dictionary: [String: Value], _ write: (inout SnapshotJSON, Value) -> Void) {
        entries(dictionary.sorted { TextKey.precedes($0.key, $1.key) }, write)
    }

    /// An object of entries already in their order.
    private mutating func entries<Value>(_ sorted: [(key: String, value: Value)], _ write: (inout SnapshotJSON, Value) -> Void) {
        object { fields in
            for (key, value) in sorted { fields.key(key) { write(&$0, value) } }
        }
    }

    private mutating func counts(_ counts: [String: Int]) {
        dictionary(counts) { $0.integer($1) }
    }

    private mutating func strings(_ strings: [String]) {
        array(strings) { $0.string($1) }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    private mutating func indent() {
        let width = 2 * depth
        if width <= Self.spaces.count {
            Self.spaces.withUnsafeBufferPointer { output.append(UnsafeBufferPointer(rebasing: $0[0..<width])) }
        } else {
            for _ in 0..<depth { output.append(0x20); output.append(0x20) }
        }
    }

    private mutating func boolean(_ value: Bool) {
        let text: StaticString = value ? "true" : "false"
        output.append(text)
    }

    private mutating func integer(_ value: Int) {
        JSONText.appendDecimal(value, to: &output)
    }

    private mutating func unsigned(_ value: UInt64) {
        JSONText.appendDecimal(value, to: &output)
    }

    mutating func string(_ text: String) {
        JSONText.appendQuoted(text, to: &output)
    }
}
