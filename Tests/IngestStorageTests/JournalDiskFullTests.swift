import Foundation
import Testing
@testable import IngestStorage

/// A small tmpfs, mounted for one test and unmounted after it, so that a journal can really run out of space.
final class SmallFileSystem {
    let path: String

    /// Whether this process may mount a tmpfs (root, or CAP_SYS_ADMIN); found out once, by trying.
    static let canMount: Bool = {
        guard let probe = try? SmallFileSystem(kilobytes: 16) else { return false }
        _ = probe
        return true
    }()

    init(kilobytes: Int) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-storage-tmpfs-\(UUID().uuidString)").path
        try Directory.create(path)
        guard Self.run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path]) else {
            rmdir(path)
            throw CocoaError(.fileWriteNoPermission)
        }
    }

    deinit {
        _ = Self.run("/usr/bin/umount", [path])
        rmdir(path)
    }

    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

@Suite("Journal on a full disk")
struct JournalDiskFullTests {
    /// A 64 KiB tmpfs, a quarter of it taken by a file to unlink when space is to come back, and a journal's path on it.
    static func diskWithFiller() throws -> (disk: SmallFileSystem, journal: String, filler: String) {
        let disk = try SmallFileSystem(kilobytes: 64)
        let filler = disk.path + "/filler"
        try AtomicFile.write([UInt8](repeating: 0xAB, count: 16 << 10), to: filler)
        return (disk, disk.path + "/j", filler)
    }

    @Test(
        "ENOSPC in a batch written at once: none of the batch stays, the file ends at the last whole record before it, and the next batch goes in once space is freed",
        .enabled(if: SmallFileSystem.canMount, "skipped: cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)")
    )
    func diskFullInABatch() throws {
        let (disk, path, filler) = try Self.diskWithFiller()
        defer { withExtendedLifetime(disk) {} }
        let journal = try Journal(path: path)
        let committed = (0..<5).map { Array("kept \($0) ".utf8) + [UInt8](repeating: 7, count: 1000) }
        try journal.append(contentsOf: committed)
        try journal.commit()
        let whole = journal.committedBytes
        let tooMuch = (0..<100).map { Array("lost \($0) ".utf8) + [UInt8](repeating: 9, count: 1000) }
        let error = try #require(throws: StorageError.self) { try journal.append(contentsOf: tooMuch) }
        #expect(error.errno == ENOSPC)
        #expect(!journal.isBroken)
        #expect(!journal.hasUncommitted)
        #expect(try fileSize(path) == whole)
        #expect(unlink(filler) == 0)
        let later = [Array("after".utf8)]
        try journal.append(contentsOf: later)
        try journal.commit()
        #expect(try records(at: path) == committed + later)
    }

    @Test(
        "ENOSPC mid-append: the file ends at the last whole record, commits keep only whole records, and after freeing space appends work and a reopen recovers them",
        .enabled(if: SmallFileSystem.canMount, "skipped: cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)")
    )
    func diskFull() throws {
        let (disk, path, filler) = try Self.diskWithFiller()
        defer { withExtendedLifetime(disk) {} }

        let journal = try Journal(path: path)
        var appended: [[UInt8]] = []
        func payload(_ index: Int) -> [UInt8] { Array("record \(index) ".utf8) + [UInt8](repeating: UInt8(index % 256), count: 1000 + index % 7) }
        // Some records committed before the disk fills.
        for index in 0..<5 {
            try journal.append(payload(index))
            appended.append(payload(index))
        }
        try journal.commit()
        #expect(journal.committedBytes == appended.reduce(0) { $0 + $1.count + 8 })

        var failure: StorageError?
        for index in 5..<200 {
            do {
                try journal.append(payload(index))
                appended.append(payload(index))
            } catch {
                failure = error
                break
            }
        }
        let error = try #require(failure, "the disk never filled")
        #expect(error.errno == ENOSPC)
        #expect(error.function == "pwrite")
        #expect(!journal.isBroken)
        let wholeRecords = appended.reduce(0) { $0 + $1.count + 8 }
        #expect(try fileSize(path) == wholeRecords)

        // Committing after the failure makes exactly the whole records durable; no torn bytes ride along.
        try journal.commit()
        #expect(journal.committedBytes == wholeRecords)
        #expect(try fileSize(path) == wholeRecords)
        #expect(try records(journal) == appended)

        // Free space: appends work again.
        #expect(unlink(filler) == 0)
        for index in 200..<203 {
            try journal.append(payload(index))
            appended.append(payload(index))
        }
        try journal.commit()
        let reopened = try Journal(path: path)
        #expect(try records(reopened) == appended)
        #expect(reopened.recovery.truncatedTailBytes == 0)
        #expect(reopened.recovery.damagedBytes == 0)
    }

    @Test(
        "ENOSPC mid-append with the cut-back failing too: the journal is broken until repair cuts back to the last commit",
        .enabled(if: SmallFileSystem.canMount, "skipped: cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)")
    )
    func diskFullAndCutBackFails() throws {
        let disk = try SmallFileSystem(kilobytes: 16)
        let path = disk.path + "/j"
        let journal = try Journal(path: path)
        try journal.append(Array("committed".utf8))
        try journal.commit()
        let committed = journal.committedBytes
        journal.systemCalls.ftruncate = { _, _ in
            errno = EIO
            return -1
        }
        var failure: StorageError?
        for _ in 0..<100 {
            do { try journal.append([UInt8](repeating: 1, count: 3000)) } catch {
                failure = error
                break
            }
        }
        #expect(failure?.errno == ENOSPC)
        #expect(journal.isBroken)
        let refused = #expect(throws: StorageError.self) { try journal.append([2]) }
        #expect(refused?.reason == .journalBroken)
        #expect(refused?.function == "ftruncate")
        #expect(throws: StorageError.self) { try journal.commit() }

        journal.systemCalls.ftruncate = { ftruncate($0, $1) }
        try journal.repair()
        #expect(!journal.isBroken)
        #expect(try fileSize(path) == committed)
        try journal.append(Array("after".utf8))
        try journal.commit()
        #expect(try records(at: path) == [Array("committed".utf8), Array("after".utf8)])
    }
}
