import Foundation

/// Turns the text of a Vietnamese report of an official meeting into a ``MeetingRecord``.
/// Pure: no I/O, no clock; the tables are loaded once by the caller and shared.
public struct MeetingExtractor: Sendable {
    public let tables: ExtractionTables

    public init(tables: ExtractionTables) {
        self.tables = tables
    }

    /// Extracts a record from raw bytes; fails only for bytes that are not UTF-8.
    public func extract(bytes: [UInt8], published: String? = nil) throws(ExtractionError) -> MeetingRecord {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .invalidUTF8 }
        return extract(text: text, published: published)
    }

    /// Extracts a record. `published` (`YYYY-MM-DD`) gives the year when the text does not.
    public func extract(text: String, published: String? = nil) -> MeetingRecord {
        let normalized = TextNormalizer.normalize(text)
        let tokens = Tokenizer.tokenize(normalized)
        let layout = DocumentLayout(text: normalized, tokens: tokens)
        var record = MeetingRecord()
        record.title = layout.headline.map(layout.string)
        record.captions = layout.captions.map(layout.string)

        let dating = MeetingDating(layout: layout, published: published)
        record.date = dating.date
        record.dateText = dating.dateText
        record.partOfDay = dating.partOfDay
        record.warnings += dating.warnings

        var provinces = ProvinceFinder(gazetteer: tables.gazetteer).find(tokens, in: layout.sentences)
        let people = PersonFinder(lexicon: tables.lexicon, gazetteer: tables.gazetteer)
            .find(tokens, sentences: layout.sentences, provinces: &provinces)
        let headlineProvinces = layout.headline.map { ProvinceFinder(gazetteer: tables.gazetteer).find(tokens, in: [$0]) } ?? []

        let roles = ProvinceRoles(tokens: tokens, sentences: layout.sentences, lexicon: tables.lexicon, provinces: provinces, people: people)
        let casting = Casting(tokens: tokens, sentences: layout.sentences, lexicon: tables.lexicon, people: people, roles: roles)
        let chairs = casting.chairs()
        let toPerson = { (span: PersonSpan) in MeetingRecord.Person(name: span.name, titles: span.titles) }
        record.chair = chairs.first.map(toPerson)
        record.coChairs = chairs.dropFirst().map(toPerson)

        let dateForNames = dating.isoDateForNames
        let canonical = { (unit: Int) in self.tables.gazetteer.canonical(unit, on: dateForNames) }
        record.participants = casting.participants().map { person, province, location in
            MeetingRecord.Participant(name: person.name, titles: person.titles, province: province.map { canonical($0).name }, location: location)
        }

        var mentions: [String: (code: Int, roles: Set<MeetingRecord.ProvinceRole>, mergedInto: String, order: Int)] = [:]
        for (order, (unit, unitRoles)) in (roles.rolesByUnit(extra: headlineProvinces.map(\.unit))).enumerated() {
            let name = canonical(unit)
            var entry = mentions[name.name] ?? (name.code, [], name.mergedInto, order)
            entry.roles.formUnion(unitRoles)
            mentions[name.name] = entry
        }
        record.provinces = mentions.sorted { $0.value.order < $1.value.order }.map { name, entry in
            let specific = entry.roles.subtracting([.mentioned])
            return MeetingRecord.ProvinceMention(
                name: name, code: entry.code, roles: (specific.isEmpty ? [.mentioned] : specific).sorted(), mergedInto: entry.mergedInto)
        }
        record.locations = roles.bridgePointLocations

        let body = BodyFacts(tokens: tokens, sentences: layout.sentences, lexicon: tables.lexicon, layout: layout)
        record.meetingKind = body.meetingKind()
        record.format = body.format()
        record.organizations = body.organizations(people: people)
        record.topics = body.topics()
        record.figures = body.figures()
        record.years = body.years()
        if record.chair == nil && record.participants.isEmpty { record.warnings.append("no participant found") }
        return record
    }
}

/// Why bytes could not be read as a report.
public enum ExtractionError: Error, Equatable, CustomStringConvertible {
    case invalidUTF8
    public var description: String { "the document is not valid UTF-8" }
}
