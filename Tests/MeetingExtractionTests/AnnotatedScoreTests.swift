import Foundation
import Testing
@testable import MeetingExtraction

/// Scores the extractor against the annotated fixtures and fails when a field drops below its floor.
@Suite("Annotated articles")
struct AnnotatedScoreTests {
    struct Expected: Decodable {
        struct Person: Decodable {
            let name: String
            let titles: [String]
            let province: String?
        }
        struct Province: Decodable {
            let name: String
            let roles: [String]
        }
        let published: String?
        let date: String?
        let partOfDay: String?
        let format: String?
        let meetingKind: String?
        let chair: Person?
        let participants: [Person]
        let provinces: [Province]
        /// Present in the later sets only: joint chairs and the first and last day of a span.
        let coChairs: [Person]?
        let startDate: String?
        let endDate: String?
    }

    /// True and false positives and negatives of one field over all articles.
    struct Tally {
        var truePositives = 0, falsePositives = 0, falseNegatives = 0
        mutating func add(expected: Set<String>, found: Set<String>) {
            truePositives += expected.intersection(found).count
            falsePositives += found.subtracting(expected).count
            falseNegatives += expected.subtracting(found).count
        }
        var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
        var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    struct Accuracy {
        var right = 0, total = 0
        mutating func add(_ correct: Bool) { total += 1; if correct { right += 1 } }
        var value: Double { total == 0 ? 1 : Double(right) / Double(total) }
    }

    static let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The annotated set the extractor was built against; a second set written afterwards without knowledge of the
    /// extractor's rules; and a third written the same way a session later (`blind`). Both later sets were used for
    /// fixes once scored. The third's annotator gave a host whose officials speak the `discussant` role as well and
    /// wrote ranks as titles of their own, hence its lower floors for roles and titles.
    static let sets: [(folder: String, minimum: Int, floors: Floors)] = [
        ("annotated", 60, Floors(provinces: 0.97, roles: 0.90, names: 0.95, titles: 0.95, chair: 0.95, date: 0.95, format: 0.95)),
        ("heldout", 30, Floors(provinces: 0.97, roles: 0.90, names: 0.94, titles: 0.95, chair: 0.95, date: 0.95, format: 0.95)),
        ("blind", 30, Floors(provinces: 0.97, roles: 0.80, names: 0.95, titles: 0.90, chair: 0.95, date: 0.95, format: 0.95)),
        // Issue 14's patterns, one or two per article (see Fixtures/patterns/README.md).
        ("patterns", 40, Floors(provinces: 0.97, roles: 0.95, names: 0.97, titles: 0.94, chair: 0.95, date: 0.95, format: 0.95)),
    ]

    static func fixtures(in folder: String) throws -> [(name: String, text: String, expected: Expected)] {
        let directory = fixturesDirectory.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".txt") }.sorted().map { file in
            let base = String(file.dropLast(4))
            let text = String(decoding: try Data(contentsOf: directory.appendingPathComponent(file)), as: UTF8.self)
            let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: directory.appendingPathComponent(base + ".json")))
            return (base, text, expected)
        }
    }

    @Test("precision, recall and F1 per field stay above their floors", arguments: ["annotated", "heldout", "blind", "patterns"])
    func score(folder: String) throws {
        let (_, minimum, floors) = try #require(Self.sets.first { $0.folder == folder })
        let fixtures = try Self.fixtures(in: folder)
        #expect(fixtures.count >= minimum)
        var provinces = Tally(), roles = Tally(), names = Tally(), titles = Tally(), participantProvinces = Tally()
        var chair = Accuracy(), date = Accuracy(), format = Accuracy(), partOfDay = Accuracy(), span = Accuracy(), coChairs = Tally()
        var misses: [String] = []
        for fixture in fixtures {
            let record = extractor.extract(text: fixture.text, published: fixture.expected.published)
            let plain = !fixture.text.unicodeScalars.contains { !$0.isASCII }
            let key = { (name: String) in plain ? Folding.fold(name) : name }
            provinces.add(expected: Set(fixture.expected.provinces.map(\.name)), found: Set(record.provinces.map(\.name)))
            roles.add(expected: Set(fixture.expected.provinces.flatMap { p in p.roles.map { p.name + "/" + $0 } }),
                      found: Set(record.provinces.flatMap { p in p.roles.map { p.name + "/" + $0.rawValue } }))
            names.add(expected: Set(fixture.expected.participants.map { key($0.name) }), found: Set(record.participants.map { key($0.name) }))
            titles.add(expected: Set(fixture.expected.participants.flatMap { p in p.titles.map { key(p.name) + "/" + key($0) } }),
                       found: Set(record.participants.flatMap { p in p.titles.map { key(p.name) + "/" + key($0) } }))
            participantProvinces.add(expected: Set(fixture.expected.participants.map { key($0.name) + "/" + ($0.province ?? "-") }),
                                     found: Set(record.participants.map { key($0.name) + "/" + ($0.province ?? "-") }))
            if let expectedChair = fixture.expected.chair {
                chair.add(record.chair.map { key($0.name) } == key(expectedChair.name))
                if record.chair.map({ key($0.name) }) != key(expectedChair.name) { misses.append("\(fixture.name) chair: \(record.chair?.name ?? "nil") != \(expectedChair.name)") }
            }
            date.add(record.date == fixture.expected.date)
            if record.date != fixture.expected.date { misses.append("\(fixture.name) date: \(record.date ?? "nil") != \(fixture.expected.date ?? "nil")") }
            if let expectedFormat = fixture.expected.format {
                format.add(record.format?.rawValue == expectedFormat)
                if record.format?.rawValue != expectedFormat { misses.append("\(fixture.name) format: \(record.format?.rawValue ?? "nil") != \(expectedFormat)") }
            }
            partOfDay.add(record.partOfDay?.rawValue == fixture.expected.partOfDay)
            if let expected = fixture.expected.coChairs {
                coChairs.add(expected: Set(expected.map { key($0.name) }), found: Set(record.coChairs.map { key($0.name) }))
            }
            if fixture.expected.startDate != nil || fixture.expected.endDate != nil {
                span.add(record.startDate == fixture.expected.startDate && record.endDate == fixture.expected.endDate)
            }
        }
        func line(_ field: String, _ tally: Tally) -> String {
            String(format: "%-22@ P %.3f  R %.3f  F1 %.3f", field as NSString, tally.precision, tally.recall, tally.f1)
        }
        // One print, so the report of each set stays in one piece when the sets are scored in parallel.
        print(["Extractor score over \(fixtures.count) articles in Fixtures/\(folder):",
               line("provinces", provinces), line("province roles", roles), line("participant names", names),
               line("participant titles", titles), line("participant provinces", participantProvinces), line("co-chairs", coChairs),
               String(format: "chair accuracy %.3f (%d/%d)  date %.3f (%d/%d)  format %.3f (%d/%d)  part of day %.3f",
                      chair.value, chair.right, chair.total, date.value, date.right, date.total, format.value, format.right, format.total,
                      partOfDay.value)].joined(separator: "\n"))
        if ProcessInfo.processInfo.environment["SCORE_VERBOSE"] != nil { misses.forEach { print("  " + $0) } }

        #expect(provinces.f1 >= floors.provinces, "\(folder)")
        #expect(roles.f1 >= floors.roles, "\(folder)")
        #expect(names.f1 >= floors.names, "\(folder)")
        #expect(titles.f1 >= floors.titles, "\(folder)")
        #expect(chair.value >= floors.chair, "\(folder)")
        #expect(date.value >= floors.date, "\(folder)")
        #expect(format.value >= floors.format, "\(folder)")
        #expect(coChairs.f1 >= 0.95, "\(folder)")
        #expect(span.value >= 0.95, "\(folder)")
    }

    /// Set a little under what the extractor scores now, so that a regression fails CI.
    struct Floors {
        let provinces, roles, names, titles, chair, date, format: Double
    }
}
