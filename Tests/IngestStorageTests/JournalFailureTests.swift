import Foundation
import Testing
@testable import IngestStorage

/// Failures the file system rarely gives on demand (a failed fsync, a failed cut-back), injected.
@Suite("Journal failures")
struct JournalFailureTests {
    private let scratch = ScratchDirectories()

    private static func failing(_ code: Int32) -> Int32 {
        errno = code
        return -1
    }

    @Test("a failed fsync drops the uncommitted batch from the file, durably, and the journal goes on")
    func failedCommit() throws {
        let path = try scratch.make() + "/j"
        let journal = try Journal(path: path)
        try journal.append([1])
        try journal.commit()
        let committed = journal.committedBytes
        try journal.append([2])
        try journal.append([3])
        journal.systemCalls.fsync = { _ in Self.failing(EIO) }
        #expect { try journal.commit() } throws: { ($0 as? StorageError)?.errno == EIO && ($0 as? StorageError)?.function == "fsync" }
        // The cut-back's own fsync failed too, so the journal must not be trusted.
        #expect(journal.isBroken)
        journal.systemCalls.fsync = { fsync($0) }
        #expect(throws: StorageError.self) { try journal.append([4]) }
        try journal.repair()
        #expect(!journal.isBroken)
        #expect(!journal.hasUncommitted)
        #expect(try fileSize(path) == committed)

        var fsyncCalls = 0
        journal.systemCalls.fsync = { descriptor in
            fsyncCalls += 1
            return fsyncCalls == 1 ? Self.failing(ENOSPC) : fsync(descriptor)
        }
        try journal.append([5])
        #expect { try journal.commit() } throws: { ($0 as? StorageError)?.errno == ENOSPC }
        #expect(!journal.isBroken)
        #expect(!journal.hasUncommitted)
        #expect(try fileSize(path) == committed)
        try journal.append([6])
        try journal.commit()
        #expect(try records(at: path) == [[1], [6]])
    }

    @Test("a failed cut-back breaks the journal: appends and commits refused until repair succeeds")
    func brokenUntilRepaired() throws {
        let path = try scratch.make() + "/j"
        let journal = try Journal(path: path)
        try journal.append([1])
        try journal.commit()
        try journal.append([2])
        journal.systemCalls.fsync = { _ in Self.failing(EIO) }
        journal.systemCalls.ftruncate = { _, _ in Self.failing(EROFS) }
        #expect(throws: StorageError.self) { try journal.commit() }
        #expect(journal.isBroken)
        journal.systemCalls.fsync = { fsync($0) }
        #expect { try journal.append([3]) } throws: { ($0 as? StorageError)?.reason == .journalBroken }
        #expect { try journal.commit() } throws: { ($0 as? StorageError)?.reason == .journalBroken }
        #expect(throws: StorageError.self) { try journal.repair() }
        #expect(journal.isBroken)
        journal.systemCalls.ftruncate = { ftruncate($0, $1) }
        try journal.repair()
        #expect(!journal.isBroken)
        try journal.append([4])
        try journal.commit()
        #expect(try records(at: path) == [[1], [4]])
    }
}
