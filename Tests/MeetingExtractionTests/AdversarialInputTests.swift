import Foundation
import MeetingModel
import Testing
import TestSupport
@testable import MeetingExtraction

/// Hostile documents of about 1 MiB: extraction returns, and the record stays within ``RecordLimits`` and far
/// below the wire's 4 MiB frame, saying in its warnings what it cut. (Time is the benchmark's to show:
/// `ingest-benchmark --adversarial`; a unit test asserts no durations.)
struct AdversarialInputTests {
    static let documentBytes = 1 << 20
    /// The most a record's JSON may take here: well under the 4 MiB frame.
    static let recordBytes = 256 * 1024

    @Test(arguments: AdversarialDocuments.all)
    func recordStaysBounded(shape: AdversarialDocuments.Shape) throws {
        let text = shape.document(bytes: Self.documentBytes)
        #expect(text.utf8.count > Self.documentBytes - 1024)
        let record = extractor.extract(text: text)
        Self.expectWithinLimits(record)
        let json = try JSONEncoder().encode(record)
        #expect(json.count < Self.recordBytes, "\(shape.name): \(json.count) bytes of JSON")
    }

    /// Each shape fills a list past its cap; the warning names the list and the count found.
    @Test(arguments: [
        (AdversarialDocuments.figures, "figures capped at \(RecordLimits.figures) of "),
        (AdversarialDocuments.figureSentences, "figures capped at \(RecordLimits.figures) of "),
        (AdversarialDocuments.speakers, "participants capped at \(RecordLimits.participants) of "),
        (AdversarialDocuments.quotes, "participants capped at \(RecordLimits.participants) of "),
        (AdversarialDocuments.captions, "captions capped at \(RecordLimits.captions) of "),
        (AdversarialDocuments.organizations, "organizations capped at \(RecordLimits.organizations) of "),
        (AdversarialDocuments.bridgePoints, "locations capped at \(RecordLimits.locations) of "),
    ])
    func capsAreWarnedOf(shape: AdversarialDocuments.Shape, warning: String) {
        let record = extractor.extract(text: shape.document(bytes: Self.documentBytes))
        #expect(record.warnings.contains { $0.hasPrefix(warning) }, "\(shape.name): \(record.warnings)")
    }

    @Test func figuresWarningCountsAllFound() {
        let record = extractor.extract(text: String(repeating: "1%, ", count: 1000))
        #expect(record.figures.count == RecordLimits.figures)
        #expect(record.warnings.contains("figures capped at \(RecordLimits.figures) of 1000"))
    }

    @Test func longTextsAreCutWithAnEllipsis() throws {
        // A headline is a short first line; what follows its words to the line's end is kept with it.
        let headline = "Hội nghị tổng kết năm 2024 " + String(repeating: "-", count: 5000)
        let record = extractor.extract(text: headline + "\nSáng 15/6, ông Nguyễn Văn Hùng phát biểu.")
        let title = try #require(record.title)
        #expect(title.utf8.count <= RecordLimits.headlineBytes)
        #expect(title.hasSuffix("…"))
        #expect(record.warnings.contains { $0.hasPrefix("title: 1 text cut to \(RecordLimits.headlineBytes) bytes") })
    }

    @Test func aRecordWithinLimitsIsLeftAlone() {
        let record = extractor.extract(text: "Sáng 15/6/2024, tại tỉnh Cà Mau, ông Nguyễn Văn Hùng, Chủ tịch UBND tỉnh, phát biểu.")
        #expect(record.warnings.allSatisfy { !$0.contains("capped") && !$0.contains("cut to") })
    }

    /// Publication dates a producer may send: none traps, and each gives the date it says or none.
    @Test(arguments: [
        ("2024-9223372036854775807-01", nil),
        ("99999999999999999999-01-01", nil),
        ("2024-13-45", nil),
        ("-1-01-01", nil),
        ("", nil),
        ("2024-00-10", nil),
        ("+2024-06-01", nil),
        ("0001-01-01", "0001-06-15"),
        ("9999-12-31", "9999-06-15"),
        ("2024-06-30", "2024-06-15"),
        ("2025-01-10", "2025-06-15"),
        ("2024-6-3", "2024-06-15"),
    ] as [(String, String?)])
    func publishedMetadataIsReadWithBounds(published: String, date: String?) {
        let record = extractor.extract(text: "Sáng 15/6, ông Nguyễn Văn Hùng chủ trì hội nghị.", published: published)
        #expect(record.date == (date ?? "--06-15"))
    }

    @Test(arguments: ["2024-9223372036854775807-01", "99999999999999999999-01-01", "2024-13-45", "-1-01-01", ""])
    func publishedMetadataWithoutADateInTheText(published: String) {
        let record = extractor.extract(text: "Ông Nguyễn Văn Hùng chủ trì hội nghị.", published: published)
        #expect(record.date == nil)
    }

    @Test func yearBeforeTheFirstIsNone() {
        // A December meeting reported in January of the year 1 would fall in the year 0.
        let record = extractor.extract(text: "Sáng 15/12, ông Nguyễn Văn Hùng chủ trì hội nghị.", published: "0001-01-10")
        #expect(record.date == "--12-15")
    }

    static func expectWithinLimits(_ record: MeetingRecord) {
        #expect(record.figures.count <= RecordLimits.figures)
        #expect(record.participants.count <= RecordLimits.participants)
        #expect(record.coChairs.count <= RecordLimits.coChairs)
        #expect(record.provinces.count <= RecordLimits.provinces)
        #expect(record.locations.count <= RecordLimits.locations)
        #expect(record.organizations.count <= RecordLimits.organizations)
        #expect(record.topics.count <= RecordLimits.topics)
        #expect(record.years.count <= RecordLimits.years)
        #expect(record.captions.count <= RecordLimits.captions)
        #expect(record.warnings.count <= RecordLimits.warnings)
        let people = record.participants.map { MeetingRecord.Person(name: $0.name, titles: $0.titles) } + record.coChairs
            + (record.chair.map { [$0] } ?? [])
        for person in people {
            #expect(person.name.utf8.count <= RecordLimits.nameBytes)
            #expect(person.titles.count <= RecordLimits.titles)
            #expect(person.titles.allSatisfy { $0.utf8.count <= RecordLimits.titleBytes })
        }
        #expect((record.title?.utf8.count ?? 0) <= RecordLimits.headlineBytes)
        #expect((record.dateText?.utf8.count ?? 0) <= RecordLimits.phraseBytes)
        #expect((record.meetingKind?.utf8.count ?? 0) <= RecordLimits.phraseBytes)
        #expect(record.captions.allSatisfy { $0.utf8.count <= RecordLimits.captionBytes })
        #expect(record.organizations.allSatisfy { $0.utf8.count <= RecordLimits.placeBytes })
        #expect(record.locations.allSatisfy { $0.utf8.count <= RecordLimits.placeBytes })
        #expect(record.figures.allSatisfy { $0.text.utf8.count <= RecordLimits.figureTextBytes && $0.value.isFinite })
    }
}
