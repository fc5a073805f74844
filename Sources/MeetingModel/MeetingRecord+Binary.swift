import Foundation

/// The record's compact binary form, used between processes (a worker's RESULT) and in the records store.
/// JSON stays at the edges (`ingest extract`, `show`, `records`, snapshots); this form is read without
/// reflection, at a small part of `JSONDecoder`'s cost (README: "How records travel").
///
/// Layout, version 1: `B1 01`, then every field in declaration order. Strings are a LEB128 length and UTF-8;
/// an optional is a 0/1 byte and the value; an array is a LEB128 count and its elements; integers are
/// zigzag LEB128, doubles 8 bytes little-endian, enums one byte (0 for nil where optional).
/// A later layout takes a new version byte; a reader refuses versions it does not know.
extension MeetingRecord {
    /// The first byte of the binary form.
    public static let binaryFormMarker: UInt8 = 0xB1
    static let binaryMarker = binaryFormMarker
    static let binaryVersion: UInt8 = 1

    /// The record in the binary form.
    public func binaryEncoded() -> [UInt8] {
        var writer = BinaryWriter(header: [Self.binaryMarker, Self.binaryVersion], capacity: 1024)
        writer.string(title)
        writer.string(date)
        writer.string(dateText)
        writer.string(startDate)
        writer.string(endDate)
        writer.byte(Self.optionalPosition(of: partOfDay, in: Self.partsOfDay))
        writer.string(meetingKind)
        writer.byte(Self.optionalPosition(of: format, in: Self.formats))
        if let chair {
            writer.byte(1)
            chair.write(to: &writer)
        } else {
            writer.byte(0)
        }
        writer.count(coChairs.count)
        for person in coChairs { person.write(to: &writer) }
        writer.count(participants.count)
        for participant in participants {
            writer.string(participant.name)
            writer.strings(participant.titles)
            writer.string(participant.province)
            writer.string(participant.location)
        }
        writer.count(provinces.count)
        for province in provinces {
            writer.string(province.name)
            writer.int(province.code)
            writer.count(province.roles.count)
            for role in province.roles { writer.byte(UInt8(Self.roles.firstIndex(of: role) ?? 0)) }
            writer.string(province.mergedInto)
            if let code = province.mergedIntoCode {
                writer.byte(1)
                writer.int(code)
            } else {
                writer.byte(0)
            }
            writer.bool(province.formedIn2025)
        }
        writer.strings(locations)
        writer.strings(organizations)
        writer.strings(topics)
        writer.count(years.count)
        for year in years { writer.int(year) }
        writer.count(figures.count)
        for figure in figures {
            writer.string(figure.text)
            writer.double(figure.value)
            writer.string(figure.unit)
        }
        writer.strings(captions)
        writer.strings(warnings)
        return writer.bytes
    }

    /// Decodes either form: the binary one (it starts with the byte 0xB1, which no JSON text does) or JSON,
    /// as the first version's workers sent and its store kept.
    public init(encoded bytes: [UInt8]) throws {
        if bytes.first == Self.binaryMarker {
            self = try Self(binary: bytes)
        } else {
            self = try JSONDecoder().decode(MeetingRecord.self, from: Data(bytes))
        }
    }

    /// Decodes the binary form; throws ``BinaryFormError`` for anything else.
    public init(binary bytes: [UInt8]) throws(BinaryFormError) {
        self = try BinaryReader.read(bytes, header: [Self.binaryMarker, Self.binaryVersion]) { (reader: inout BinaryReader) throws(BinaryFormError) in
            try Self.read(&reader, whole: true)
        }
    }

    /// Decodes what the aggregation and the records store's columns read: the date, kind and format, the chair's and
    /// co-chairs' names, the participants' names, titles and provinces, the provinces and the topics. Every other
    /// field is checked as ``init(binary:)`` checks it (lengths, UTF-8, cases) and left empty: a record's captions,
    /// figures, organisations and places, decoded and freed for nothing, were a fifth of the aggregator loop's time
    /// (the store keeps the record's bytes whole). A first-version worker's JSON is decoded whole.
    public init(encodedForAggregation bytes: [UInt8]) throws {
        guard bytes.first == Self.binaryMarker else {
            self = try Self(encoded: bytes)
            return
        }
        self = try BinaryReader.read(bytes, header: [Self.binaryMarker, Self.binaryVersion]) { (reader: inout BinaryReader) throws(BinaryFormError) in
            try Self.read(&reader, whole: false)
        }
    }

    /// The record's fields in order; with `whole` false, those ``init(encodedForAggregation:)`` leaves empty are only
    /// checked.
    private static func read(_ reader: inout BinaryReader, whole: Bool) throws(BinaryFormError) -> MeetingRecord {
        var record = MeetingRecord()
        record.title = try reader.optionalString("title", keeping: whole)
        record.date = try reader.optionalString("date")
        record.dateText = try reader.optionalString("dateText", keeping: whole)
        record.startDate = try reader.optionalString("startDate", keeping: whole)
        record.endDate = try reader.optionalString("endDate", keeping: whole)
        record.partOfDay = try reader.optionalCase("partOfDay", of: Self.partsOfDay)
        record.meetingKind = try reader.optionalString("meetingKind")
        record.format = try reader.optionalCase("format", of: Self.formats)
        record.chair = try reader.bool("chair") ? try Person.read(&reader, titles: whole) : nil
        let coChairs = try reader.count("coChairs")
        for _ in 0..<coChairs { record.coChairs.append(try Person.read(&reader, titles: whole)) }
        let participants = try reader.count("participants")
        record.participants.reserveCapacity(participants)
        for _ in 0..<participants {
            let name = try reader.string("participant")
            let titles = try reader.strings("titles")
            let province = try reader.optionalString("province")
            let location = try reader.optionalString("location", keeping: whole)
            record.participants.append(Participant(name: name, titles: titles, province: province, location: location))
        }
        let provinces = try reader.count("provinces")
        record.provinces.reserveCapacity(provinces)
        for _ in 0..<provinces {
            let name = try reader.string("province")
            let code = try reader.int("code")
            let roleCount = try reader.count("roles")
            var roles: [ProvinceRole] = []
            for _ in 0..<roleCount { roles.append(try reader.requiredCase("role", of: Self.roles)) }
            let mergedInto = try reader.string("mergedInto")
            let mergedIntoCode = try reader.bool("mergedIntoCode") ? try reader.int("mergedIntoCode") : nil
            record.provinces.append(ProvinceMention(name: name, code: code, roles: roles, mergedInto: mergedInto,
                                                    mergedIntoCode: mergedIntoCode, formedIn2025: try reader.bool("formedIn2025")))
        }
        record.locations = try reader.strings("locations", keeping: whole)
        record.organizations = try reader.strings("organizations", keeping: whole)
        record.topics = try reader.strings("topics")
        let years = try reader.count("years")
        for _ in 0..<years {
            let year = try reader.int("year")
            if whole { record.years.append(year) }
        }
        let figures = try reader.count("figures")
        if whole { record.figures.reserveCapacity(figures) }
        for _ in 0..<figures {
            guard whole else {
                try reader.skipString("figure")
                _ = try reader.double("value")
                try reader.skipOptionalString("unit")
                continue
            }
            record.figures.append(Figure(text: try reader.string("figure"), value: try reader.double("value"), unit: try reader.optionalString("unit")))
        }
        record.captions = try reader.strings("captions", keeping: whole)
        record.warnings = try reader.strings("warnings", keeping: whole)
        return record
    }
}

extension MeetingRecord.Person {
    fileprivate func write(to writer: inout BinaryWriter) {
        writer.string(name)
        writer.strings(titles)
    }

    fileprivate static func read(_ reader: inout BinaryReader, titles: Bool) throws(BinaryFormError) -> Self {
        Self(name: try reader.string("name"), titles: try reader.strings("titles", keeping: titles))
    }
}

extension MeetingRecord {
    /// The cases in the order the binary form numbers them (their declaration order), made once: `allCases`
    /// builds a new array at every call, and roles are read for every province of every record.
    fileprivate static let partsOfDay = PartOfDay.allCases
    fileprivate static let formats = MeetingFormat.allCases
    fileprivate static let roles = ProvinceRole.allCases

    /// 0 for nil, else the case's position plus one.
    fileprivate static func optionalPosition<Case: Equatable>(of value: Case?, in cases: [Case]) -> UInt8 {
        value.flatMap { cases.firstIndex(of: $0) }.map { UInt8($0 + 1) } ?? 0
    }
}

extension BinaryReader {
    /// One byte: 0 for nil, else the case's position in `cases` plus one.
    fileprivate mutating func optionalCase<Case>(_ what: String, of cases: [Case]) throws(BinaryFormError) -> Case? {
        let start = position
        let value = Int(try byte(what))
        guard value > 0 else { return nil }
        guard value <= cases.count else { throw .invalidValue(what: what, value: UInt64(value), at: start) }
        return cases[value - 1]
    }

    /// One byte: the case's position in `cases`.
    fileprivate mutating func requiredCase<Case>(_ what: String, of cases: [Case]) throws(BinaryFormError) -> Case {
        let start = position
        let value = Int(try byte(what))
        guard value < cases.count else { throw .invalidValue(what: what, value: UInt64(value), at: start) }
        return cases[value]
    }
}
