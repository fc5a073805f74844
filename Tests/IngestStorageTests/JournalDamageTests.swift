import Foundation
import Testing
import TestSupport
@testable import IngestStorage

/// Damage in the middle of a journal: every good record after it must survive, and the original be kept.
@Suite("Journal damage")
struct JournalDamageTests {
    private let scratch = ScratchDirectories()

    @Test("a bad record followed by good ones: all good records kept, the file copied aside, recovery counts")
    func middleCorruption() throws {
        let directory = try scratch.make()
        let path = directory + "/j"
        do {
            let journal = try Journal(path: path)
            for word in ["a", "bb", "c", "d"] { try journal.append(Array(word.utf8)) }
            try journal.commit()
        }
        var bytes = try AtomicFile.read(path)
        bytes[9 + 8] ^= 0xFF  // the first payload byte of "bb"
        try AtomicFile.write(bytes, to: path)

        let journal = try Journal(path: path)
        #expect(try records(journal) == ["a", "c", "d"].map { Array($0.utf8) })
        #expect(journal.recovery.records == 3)
        #expect(journal.recovery.damagedBytes == 10)
        #expect(journal.recovery.salvagedRecords == 2)
        #expect(journal.recovery.truncatedTailBytes == 0)
        let copy = try #require(journal.recovery.damagedCopy)
        #expect(copy.hasPrefix(path + ".damaged-"))
        #expect(try AtomicFile.read(copy) == bytes)
        #expect(try fileSize(path) == 3 * 9)
        #expect(!(try Directory.list(directory).contains { $0.hasSuffix(".rewrite") }))

        try journal.append(Array("e".utf8))
        try journal.commit()
        let reopened = try Journal(path: path)
        #expect(try records(reopened) == ["a", "c", "d", "e"].map { Array($0.utf8) })
        #expect(reopened.recovery.damagedCopy == nil)
    }

    @Test("a partial record left in the middle by a full disk, later records after it: none of them lost")
    func tornRecordInTheMiddle() throws {
        let path = try scratch.make() + "/j"
        let first = JournalRecordFormat.encode(Array("first".utf8))
        let torn = Array(JournalRecordFormat.encode(Array(repeating: 0x41, count: 100)).prefix(37))
        let later = (0..<5).map { JournalRecordFormat.encode(Array("later \($0)".utf8)) }
        try AtomicFile.write(first + torn + later.joined(), to: path)
        let journal = try Journal(path: path)
        #expect(try records(journal) == [Array("first".utf8)] + (0..<5).map { Array("later \($0)".utf8) })
        #expect(journal.recovery.damagedBytes == 37)
        #expect(journal.recovery.salvagedRecords == 5)
    }

    @Test("garbage at random offsets never costs a record outside the damaged bytes", arguments: 0..<40)
    func randomGarbage(seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed))
        let directory = try scratch.make()
        let path = directory + "/j"
        let payloads = (0..<200).map { index in
            (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) } + [UInt8(index % 256)]
        }
        var original: [UInt8] = []
        var spans: [Range<Int>] = []
        for payload in payloads {
            let record = JournalRecordFormat.encode(payload)
            spans.append(original.count..<(original.count + record.count))
            original += record
        }
        var damaged = original
        for _ in 0..<Int.random(in: 1...6, using: &random) {
            let start = Int.random(in: 0..<damaged.count, using: &random)
            let end = min(damaged.count, start + Int.random(in: 1...40, using: &random))
            for index in start..<end { damaged[index] = UInt8.random(in: 0...255, using: &random) }
        }
        try AtomicFile.write(damaged, to: path)

        let journal = try Journal(path: path, permissions: 0o640, chunkBytes: 256)
        let intact = payloads.indices.filter { damaged[spans[$0]] == original[spans[$0]] }.map { payloads[$0] }
        #expect(try records(journal) == intact)
        #expect(journal.recovery.records == intact.count)
        if journal.recovery.damagedBytes > 0 {
            #expect(try AtomicFile.read(try #require(journal.recovery.damagedCopy)) == damaged)
        }
    }
}
