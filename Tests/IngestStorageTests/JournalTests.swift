import Foundation
import Testing
@testable import IngestStorage

/// Directories a test makes, removed when the test's suite instance (one per test) goes away.
final class ScratchDirectories {
    private var made: [String] = []

    deinit {
        for directory in made { try? FileManager.default.removeItem(atPath: directory) }
    }

    func make() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-storage-\(UUID().uuidString)").path
        try Directory.create(path)
        made.append(path)
        return path
    }
}

@Suite("Journal")
struct JournalTests {
    private let scratch = ScratchDirectories()

    @Test("records survive a reopen, in order")
    func reopen() throws {
        let path = try scratch.make() + "/j"
        do {
            let journal = try Journal(path: path)
            try journal.append(Array("Hòa Bình".utf8))
            try journal.append([])
            try journal.append([0, 1, 2, 255])
            try journal.sync()
        }
        let reopened = try Journal(path: path)
        #expect(reopened.recovered == [Array("Hòa Bình".utf8), [], [0, 1, 2, 255]])
        #expect(reopened.truncatedBytes == 0)
    }

    @Test("a torn tail is cut off and later appends follow the last good record")
    func tornTail() throws {
        let path = try scratch.make() + "/j"
        do {
            let journal = try Journal(path: path)
            try journal.append(Array("one".utf8))
            try journal.append(Array("two".utf8))
            try journal.sync()
        }
        var bytes = try AtomicFile.read(path)
        bytes.removeLast(2)
        try AtomicFile.write(bytes, to: path)
        do {
            let journal = try Journal(path: path)
            #expect(journal.recovered == [Array("one".utf8)])
            #expect(journal.truncatedBytes == 9)
            try journal.append(Array("three".utf8))
            try journal.sync()
        }
        #expect(try Journal(path: path).recovered == [Array("one".utf8), Array("three".utf8)])
    }

    @Test("a flipped byte fails the checksum and ends the readable part")
    func corruption() throws {
        let path = try scratch.make() + "/j"
        do {
            let journal = try Journal(path: path)
            for word in ["a", "b", "c"] { try journal.append(Array(word.utf8)) }
            try journal.sync()
        }
        var bytes = try AtomicFile.read(path)
        bytes[9 + 8] ^= 0xFF
        try AtomicFile.write(bytes, to: path)
        #expect(try Journal(path: path).recovered == [Array("a".utf8)])
    }

    @Test("rotate moves the records aside and starts empty; rewrite replaces them")
    func rotateAndRewrite() throws {
        let directory = try scratch.make()
        let journal = try Journal(path: directory + "/j")
        try journal.append([1])
        try journal.rotate(to: directory + "/j.previous")
        try journal.append([2])
        try journal.sync()
        #expect(try Journal(path: directory + "/j").recovered == [[2]])
        #expect(try Journal(path: directory + "/j.previous").recovered == [[1]])
        try journal.rewrite([[7], [8, 9]])
        try journal.append([10])
        try journal.sync()
        #expect(try Journal(path: directory + "/j").recovered == [[7], [8, 9], [10]])
    }

    @Test("CRC-32 matches the standard check value")
    func crc() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}

@Suite("Snapshot files")
struct SnapshotFilesTests {
    private let scratch = ScratchDirectories()

    @Test("writes atomically, lists newest first, keeps the last K")
    func keepsLastK() throws {
        let directory = try scratch.make()
        let files = try SnapshotFiles(directory: directory, keep: 2)
        for sequence in [3, 10, 7, 12] as [UInt64] { try files.write(Array("\(sequence)".utf8), sequence: sequence) }
        let newest = try files.newestFirst()
        #expect(newest.map { URL(fileURLWithPath: $0).lastPathComponent } == ["snapshot-00000000000000000012.json", "snapshot-00000000000000000010.json"])
        #expect(try AtomicFile.read(newest[0]) == Array("12".utf8))
        #expect(try Directory.list(directory).allSatisfy { !$0.contains(".tmp") })
    }

    @Test("a temporary file left by a killed writer is removed and never read as a snapshot")
    func leftovers() throws {
        let directory = try scratch.make()
        let files = try SnapshotFiles(directory: directory, keep: 3)
        try files.write(Array("1".utf8), sequence: 1)
        try AtomicFile.write(Array("torn".utf8), to: directory + "/snapshot-00000000000000000002.json.tmp-999")
        #expect(try files.newestFirst().count == 1)
        try files.removeLeftovers()
        #expect(try Directory.list(directory) == ["snapshot-00000000000000000001.json"])
    }

    @Test("errors name the call and the path")
    func errors() {
        do {
            _ = try AtomicFile.read("/nonexistent/file")
            Issue.record("reading a missing file succeeded")
        } catch {
            #expect(error.function == "open")
            #expect(error.path == "/nonexistent/file")
            #expect(error.errno == ENOENT)
        }
    }
}
