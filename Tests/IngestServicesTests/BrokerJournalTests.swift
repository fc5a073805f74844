import DeliveryRules
import Foundation
import IngestStorage
import MeetingModel
import Testing
import TestSupport
@testable import IngestServices

/// The broker's journal on disk: binary entries now, and the first version's JSON records still replayed.
@Suite("Broker journal")
struct BrokerJournalTests {
    let scratch: TemporaryDirectory
    var directory: String { scratch.path }

    init() throws {
        scratch = try TemporaryDirectory(prefix: "broker-journal")
    }

    static let job = QueuedJob(id: DocumentID("doc-1")!, metadata: DocumentMetadata(published: "2024-05-28", source: "báo/hội nghị.txt"),
                               body: "Sáng 28/5, UBND tỉnh Cà Mau họp \"phiên thường kỳ\"\n\tvới các sở, ngành.")

    @Test("a journal the first version wrote in JSON replays, and entries appended after it in the binary form too")
    func firstVersionThenBinary() throws {
        // What the first version's broker wrote: Codable enums as JSON, one record each.
        let old = try Journal(path: directory + "/broker.journal")
        for json in [
            #"{"counters":{"_0":{"accepted":3,"duplicates":1,"rejected":0,"done":1,"deadLettered":0}}}"#,
            #"{"known":{"ids":["doc-0"]}}"#,
            #"{"accepted":{"id":"doc-1","metadata":{"published":"2024-05-28","source":"báo\/hội nghị.txt"},"body":"Sáng 28\/5, UBND tỉnh Cà Mau họp \"phiên thường kỳ\"\n\tvới các sở, ngành."}}"#,
        ] {
            try old.append(Array(json.utf8))
        }
        try old.commit()

        let journal = try BrokerJournal(directory: directory)
        journal.append(.done(DocumentID("doc-1")!))
        journal.append(.retried(Self.job))
        try journal.commit()

        var entries: [BrokerJournalEntry] = []
        let undecodable = try BrokerJournal(directory: directory).replay { entries.append($0) }
        #expect(undecodable == 0)
        #expect(entries == [
            .counters(BrokerCounters(accepted: 3, duplicates: 1, done: 1)), .known([DocumentID("doc-0")!]), .accepted(Self.job),
            .done(DocumentID("doc-1")!), .retried(Self.job),
        ])
    }

    @Test("entries this build cannot decode (a later version's kind, a damaged JSON record) are skipped and counted; the ones around them replay")
    func undecodableSkipped() throws {
        let journal = try BrokerJournal(directory: directory)
        journal.append(.accepted(Self.job))
        try journal.commit()
        let raw = try Journal(path: directory + "/broker.journal")
        try raw.append([BrokerJournalEntry.binaryFormMarker, 0xFE, 0x01, 0x02])
        try raw.append(Array(#"{"exploded":{"id":"doc-1"}}"#.utf8))
        try raw.commit()
        let after = try BrokerJournal(directory: directory)
        after.append(.done(Self.job.id))
        try after.commit()
        var entries: [BrokerJournalEntry] = []
        #expect(try BrokerJournal(directory: directory).replay { entries.append($0) } == 2)
        #expect(entries == [.accepted(Self.job), .done(Self.job.id)])
    }

    @Test("a compaction writes binary entries that replay to the same image")
    func compaction() throws {
        let journal = try BrokerJournal(directory: directory)
        let image = BrokerJournalImage(counters: BrokerCounters(accepted: 5, done: 3, deadLettered: 1),
                                       finished: ["b", "a"].map { DocumentID($0)! }, pending: [Self.job], retried: [Self.job.id],
                                       deadLettered: [DocumentID("b")!],
                                       origins: [ProducerAcceptances(producer: PeerID([0x50, 0xFF, 0x00]), ids: ["a", "doc-1"].map { DocumentID($0)! })])
        try journal.compact(image)
        var entries: [BrokerJournalEntry] = []
        #expect(try BrokerJournal(directory: directory).replay { entries.append($0) } == 0)
        #expect(entries == [.counters(image.counters), .known(["a", "b"].map { DocumentID($0)! }), .retried(Self.job), .deadLettered(DocumentID("b")!),
                            .origins(image.origins[0])])
    }
}
