import Foundation
import Testing
@testable import IngestStorage

@Suite("Directory lock")
struct DirectoryLockTests {
    private let scratch = ScratchDirectories()

    @Test("a second holder is refused with the file and the holder's pid named; it succeeds once the first is gone")
    func exclusive() throws {
        let directory = try scratch.make()
        var first: DirectoryLock? = try DirectoryLock(directory: directory, name: "broker")
        let error = #expect(throws: LockError.self) { try DirectoryLock(directory: directory, name: "broker") }
        #expect(error?.holder?.pid == getpid())
        let description = error?.description ?? ""
        #expect(description.contains(directory + "/broker.lock is held by pid \(getpid()) (started "))
        #expect(description.contains("is another broker running on this data directory?"))
        // Another daemon's lock in the same directory is independent.
        _ = try DirectoryLock(directory: directory, name: "aggregator")
        withExtendedLifetime(first) {}
        first = nil
        // Other tests spawn processes meanwhile: a child between its fork and its exec still shares the open
        // file (O_CLOEXEC drops it only at the exec), so under load the lock can outlive `first` by a moment.
        var second: DirectoryLock?
        for _ in 0..<100 where second == nil {
            second = try? DirectoryLock(directory: directory, name: "broker")
            if second == nil { usleep(20_000) }
        }
        let taken = try #require(second, "the lock was not released")
        #expect(String(decoding: try AtomicFile.read(taken.path), as: UTF8.self).hasPrefix("pid \(getpid())\n"))
    }

    @Test("a lock in a directory that cannot be opened names the call that failed")
    func missingDirectory() {
        let error = #expect(throws: LockError.self) { try DirectoryLock(directory: "/nonexistent/data", name: "broker") }
        #expect(error?.failure?.errno == ENOENT)
        #expect(error?.holder == nil)
    }
}
