import Foundation
import Testing
@testable import IngestStorage

@Suite("Journal segments")
struct JournalSegmentsTests {
    private let scratch = ScratchDirectories()

    @Test("open creates segments named by base; list is ascending and ignores other files; remove(before:) deletes older ones")
    func lifecycle() throws {
        let directory = try scratch.make() + "/journals"
        let segments = try JournalSegments(directory: directory, prefix: "aggregator")
        #expect(try segments.list().isEmpty)
        for base in [100, 7, 12_345_678_901] as [UInt64] {
            let journal = try segments.open(base: base)
            try journal.append(Array("from \(base)".utf8))
            try journal.commit()
        }
        // Files that are not segments are left out of the listing.
        try AtomicFile.write([1], to: directory + "/aggregator-00000000000000000001.journal.damaged-1700000000")
        try AtomicFile.write([1], to: directory + "/aggregator-1.journal")
        try AtomicFile.write([1], to: directory + "/other-00000000000000000001.journal")

        let listed = try segments.list()
        #expect(listed.map(\.base) == [7, 100, 12_345_678_901])
        #expect(listed.first?.path == directory + "/aggregator-00000000000000000007.journal")
        #expect(try records(segments.open(base: 100)) == [Array("from 100".utf8)])

        try segments.remove(before: 100)
        #expect(try segments.list().map(\.base) == [100, 12_345_678_901])
        #expect(try Directory.list(directory).contains("other-00000000000000000001.journal"))
    }
}
