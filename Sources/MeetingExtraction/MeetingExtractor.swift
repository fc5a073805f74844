import Foundation
import MeetingModel

/// Turns the text of a Vietnamese report of an official meeting into a ``MeetingRecord``.
/// Pure: no I/O, no clock; the tables are loaded once by the caller and shared.
public struct MeetingExtractor: Sendable {
    public let tables: ExtractionTables

    public init(tables: ExtractionTables) {
        self.tables = tables
    }

    /// Extracts a record from raw bytes; fails only for bytes that are not UTF-8.
    public func extract(bytes: [UInt8], published: String? = nil) throws(ExtractionError) -> MeetingRecord {
        guard let scalars = bytes.withUnsafeBufferPointer({ TextNormalizer.normalizedScalars(utf8: $0) }) else { throw .invalidUTF8 }
        return extract(scalars: scalars, published: published)
    }

    /// Extracts a record. `published` (`YYYY-MM-DD`) gives the year when the text does not.
    public func extract(text: String, published: String? = nil) -> MeetingRecord {
        extract(scalars: TextNormalizer.normalizedScalars(text), published: published)
    }

    private func extract(scalars: [Unicode.Scalar], published: String?) -> MeetingRecord {
        let tokens = Tokenizer.tokenize(scalars, vocabulary: tables.vocabulary)
        let layout = DocumentLayout(tokens: tokens, lexicon: tables.lexicon)
        var record = MeetingRecord()
        record.title = layout.headline.map(layout.headlineString)
        record.captions = layout.captions.map(layout.captionString)

        let dating = MeetingDating(layout: layout, published: published)
        record.date = dating.date
        record.dateText = dating.dateText
        record.startDate = dating.startDate
        record.endDate = dating.endDate
        record.partOfDay = dating.partOfDay
        record.warnings += dating.warnings

        let provinceFinder = ProvinceFinder(gazetteer: tables.gazetteer)
        var (provinces, blocked) = provinceFinder.findWithBlocked(tokens, in: layout.sentences)
        let people = PersonFinder(lexicon: tables.lexicon)
            .find(tokens, sentences: layout.sentences, provinces: &provinces, blocked: blocked)
        let headlineProvinces = layout.headline.map { provinceFinder.find(tokens, in: [$0]) } ?? []

        let roles = ProvinceRoles(tokens: tokens, sentences: layout.sentences, lexicon: tables.lexicon, provinces: provinces, people: people)
        // Not where the headline's guest is based (`... tiếp Tổng Lãnh sự Lào tại Đà Nẵng`): mentioned, but not the article's.
        let headlinePrimary = layout.headline.flatMap { headline in
            headlineProvinces.first { !ProvinceRoles.namesWhereBased($0, in: headline, tokens: tokens) }?.unit
        }
        let primary = roles.host ?? headlinePrimary
            ?? Self.mostMentioned(provinces.indices.filter { !roles.asides[$0] }.map { provinces[$0] })
        let casting = Casting(tokens: tokens, sentences: layout.sentences, lexicon: tables.lexicon, people: people, roles: roles,
                              primaryProvince: primary)
        let (chairs, chairLeadsDelegation) = casting.chairsAndKind()
        let toPerson = { (span: PersonSpan) in MeetingRecord.Person(name: span.name, titles: span.titles) }
        record.chair = chairs.first.map(toPerson)
        record.coChairs = chairs.dropFirst().map(toPerson)

        let dateForNames = dating.isoDateForNames
        let canonical = { (unit: Int) in self.tables.gazetteer.canonical(unit, on: dateForNames) }
        var participants = casting.participants(chairs: chairs)
        let shownInCaptions = casting.meetingCaptions(layout.captionBodies)
        var captionSpans: [ProvinceSpan] = []
        var shown: [PersonSpan] = []
        if !shownInCaptions.isEmpty {
            let found = provinceFinder.findWithBlocked(tokens, in: shownInCaptions)
            captionSpans = found.provinces
            shown = PersonFinder(lexicon: tables.lexicon).find(tokens, sentences: shownInCaptions, provinces: &captionSpans, blocked: found.blocked)
            participants = casting.withCaptionTitles(participants, shown: shown)
                + casting.captionParticipants(shown, in: shownInCaptions, after: participants)
        }
        record.participants = participants.map { person, province, location in
            MeetingRecord.Participant(name: person.name, titles: person.titles, province: province.map { canonical($0).name }, location: location)
        }

        // Provinces in captions count as mentioned; an author's name on a line of its own ("Thái Bình") does not.
        let captionProvinces = provinceFinder.findInCaptions(tokens, layout.captionsWithoutBylines)
        var unitRoles = roles.rolesByUnit(extra: headlineProvinces.map(\.unit) + captionProvinces.map(\.unit))
        let chairProvince = chairs.first.flatMap { chair in participants.first { $0.0.range == chair.range }?.1 }
        // "Tây Ninh: Phát huy vai trò ...": a headline led by a province and a colon, as outlets say where the news is from.
        let dateline = layout.headline.flatMap { headline in
            headlineProvinces.first.flatMap { span in
                span.range.lowerBound == headline.lowerBound && span.range.upperBound < headline.upperBound
                    && tokens[span.range.upperBound].gap.starts(with: ":") ? span.unit : nil
            }
        }
        let host = roles.host ?? Self.impliedHost(&unitRoles, dateline: dateline, chairProvince: chairLeadsDelegation ? nil : chairProvince,
                                                 primary: primary, tokens: tokens, participants: participants,
                                                 atCentralVenue: ProvinceRoles.isHeldAtCentralVenue(layout.sentences, tokens: tokens),
                                                 opening: layout.sentences.prefix(3))
        // Provinces whose people speak discuss.
        for speaker in casting.speakingProvinces(participants) where speaker != host {
            if let index = unitRoles.firstIndex(where: { $0.unit == speaker }) { unitRoles[index].roles.insert(.discussant) }
        }
        // A province only mentioned whose officials take part (`Nguyễn Đức Thanh, Bí thư Tỉnh ủy Ninh Thuận` among
        // those present, or `lãnh đạo tỉnh X` among those attending) takes part too; a bridge point's present officials
        // leave it a bridge point.
        // (Not a former official's: `nguyên Bí thư Tỉnh ủy X` speaks for no province now.)
        let present = participants.filter { !($0.0.titles.first?.hasPrefix("nguyên ") ?? false) }.compactMap(\.1)
            + provinces.indices.filter { roles.attendsThroughLeaders[$0] }.map { provinces[$0].unit }
        for attending in Set(present) where attending != host {
            if let index = unitRoles.firstIndex(where: { $0.unit == attending }), unitRoles[index].roles.printed == [.mentioned] {
                unitRoles[index].roles.insert(.discussant)
            }
        }

        var mentions: [(unit: Gazetteer.Canonical, roles: RoleSet)] = []
        for (unit, unitRoles) in unitRoles {
            let name = canonical(unit)
            if let index = mentions.firstIndex(where: { $0.unit == name }) {
                mentions[index].roles.formUnion(unitRoles)
            } else {
                mentions.append((name, unitRoles))
            }
        }
        record.provinces = mentions.map {
            MeetingRecord.ProvinceMention(name: $0.unit.name, code: $0.unit.code, roles: $0.roles.printed, mergedInto: $0.unit.mergedInto,
                                          mergedIntoCode: $0.unit.mergedIntoCode, formedIn2025: $0.unit.formedIn2025)
        }
        record.locations = roles.bridgePointLocations

        let body = BodyFacts(tokens: tokens, sentences: layout.sentences, lexicon: tables.lexicon, layout: layout)
        record.meetingKind = body.meetingKind()
        record.format = body.format()
        // The bodies the captions show at the meeting (`Trung tướng X, Chánh Thanh tra Bộ Quốc phòng, trình bày`) took part too.
        let organizations = body.organizations(people: people + shown, provinces: provinces + captionSpans, placesInNames: blocked,
                                               captions: shownInCaptions)
        record.organizations = organizations.names
        record.topics = body.topics(outside: organizations.spans, people: people)
        record.figures = body.figures()
        record.years = body.years()
        if record.chair == nil && record.participants.isEmpty { record.warnings.append("no participant found") }
        return record.bounded()
    }
}

extension MeetingExtractor {
    /// The host when no sentence says where the meeting is held, marked in `unitRoles`: the chair's own province
    /// (unless the chair leads a visiting delegation); else, on a working visit (`làm việc`), the province visited;
    /// else the only province named, when its own officials take part.
    static func impliedHost(_ unitRoles: inout [(unit: Int, roles: RoleSet)], dateline: Int? = nil, chairProvince: Int?, primary: Int?,
                            tokens: TokenizedText, participants: [(PersonSpan, Int?, String?)], atCentralVenue: Bool = false,
                            opening: ArraySlice<Range<Int>> = []) -> Int? {
        func host(_ unit: Int) -> Int? {
            guard let index = unitRoles.firstIndex(where: { $0.unit == unit }) else { return nil }
            unitRoles[index].roles.insert(.host)
            return unit
        }
        // Not when the meeting is held at a central body's seat: the province named first is the one that came to it.
        if let dateline, !atCentralVenue, let unit = host(dateline) { return unit }
        if let chairProvince, let unit = host(chairProvince) { return unit }
        if let primary, tokens.indices.contains(where: { index in
            index + 1 < tokens.count && tokens[index].is(.lam) && tokens[index + 1].is(.viec) && tokens[index].isLowercaseWord
        }) {
            // Worked with at a central body's seat (`tại Văn phòng Chính phủ`): the province came to it, and takes part.
            if atCentralVenue {
                if let index = unitRoles.firstIndex(where: { $0.unit == primary }) { unitRoles[index].roles.insert(.discussant) }
                return nil
            }
            if let unit = host(primary) { return unit }
        }
        // Not a bridge point's: its officials attend an online meeting held elsewhere from there; unless the province's
        // own body convenes it (`UBND tỉnh tổ chức hội nghị trực tuyến với 27 điểm cầu cấp huyện`).
        if unitRoles.count == 1, !unitRoles[0].roles.contains(.bridgePoint) || provinceConvenes(opening, tokens: tokens),
           participants.contains(where: { $0.1 == unitRoles[0].unit }) {
            return host(unitRoles[0].unit)
        }
        return nil
    }

    /// `UBND tỉnh tổ chức`, `Tỉnh ủy tổ chức`, `HĐND tỉnh tổ chức`: a province's own body convenes, in the opening sentences.
    static func provinceConvenes(_ sentences: ArraySlice<Range<Int>>, tokens: TokenizedText) -> Bool {
        sentences.contains { sentence in
            sentence.contains { index in
                guard index + 3 < sentence.upperBound else { return false }
                let namesBody = (tokens[index].is(.ubnd) || tokens[index].is(.hdnd)) && tokens[index + 1].is(.tinh)
                    || tokens[index].is(.tinh) && tokens[index + 1].is(.uy)
                return namesBody && tokens[index + 2].is(.to) && tokens[index + 3].is(.chuc)
            }
        }
    }

    /// The province named most often; the first named among equals.
    static func mostMentioned(_ provinces: [ProvinceSpan]) -> Int? {
        var counts: [Int: Int] = [:]
        for span in provinces { counts[span.unit, default: 0] += 1 }
        var best: (unit: Int, count: Int)?
        for span in provinces {
            let count = counts[span.unit, default: 0]
            if count > best?.count ?? 0 { best = (span.unit, count) }
        }
        return best?.unit
    }
}

/// Why bytes could not be read as a report.
public enum ExtractionError: Error, Equatable, CustomStringConvertible {
    case invalidUTF8
    public var description: String { "the document is not valid UTF-8" }
}
