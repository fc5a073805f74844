import Foundation
import Testing
@testable import IngestStorage

@Suite("Atomic files")
struct AtomicFileTests {
    private let scratch = ScratchDirectories()

    @Test("a file is read back whole at every size around the read's first guess, and a file whose length the system does not know")
    func readsWhole() throws {
        let directory = try scratch.make()
        var generator = SystemRandomNumberGenerator()
        for size in [0, 1, 4_095, 4_096, 4_097, 8_192, 100_003] {
            let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let path = directory + "/file-\(size)"
            try AtomicFile.write(bytes, to: path)
            #expect(try AtomicFile.read(path) == bytes, "\(size) bytes")
        }
        // /proc files report a length of 0 and still hold text: read until the end, not up to the length.
        let status = try AtomicFile.read("/proc/self/status")
        #expect(status.count > 100 && String(decoding: status, as: UTF8.self).contains("Name:"))
        #expect(throws: StorageError.self) { try AtomicFile.read(directory + "/missing") }
    }

    @Test("a name that is not UTF-8 is listed and read by its bytes, and shown with U+FFFD")
    func namesThatAreNotText() throws {
        let directory = try scratch.make()
        let name = PathBytes(bytes: Array("tin".utf8) + [0xFF, 0xE1] + Array(".txt".utf8))
        let path = PathBytes(directory).appending(PathBytes("sub")).appending(name)
        try Directory.create(directory + "/sub")
        let descriptor = path.withCString { open($0, O_WRONLY | O_CREAT, 0o600) }
        try #require(descriptor >= 0)
        _ = Array("Họp".utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        let found = Directory.descendants(of: PathBytes(directory)).sorted()
        #expect(found == [PathBytes("sub"), PathBytes("sub").appending(name)])
        #expect(!name.isText && name.display == "tin\u{FFFD}\u{FFFD}.txt" && name.hasSuffix(".txt"))
        #expect(path.kind == .file && PathBytes(directory).kind == .directory && PathBytes(directory + "/none").kind == nil)
        guard case .bytes(let bytes) = try AtomicFile.read(path, atMost: 100) else { Issue.record("not read"); return }
        #expect(bytes == Array("Họp".utf8))
        #expect(throws: StorageError.self) { try AtomicFile.read(PathBytes(path.display), atMost: 100) }
    }

    @Test("a file over the limit is refused by its length, one at the limit read whole; a file of unknown length is read no further than the limit and one byte")
    func readsAtMost() throws {
        let directory = try scratch.make()
        let bytes = Array(repeating: UInt8(ascii: "a"), count: 5_000)
        try AtomicFile.write(bytes, to: directory + "/doc")
        func read(_ path: String, _ limit: Int) throws -> (bytes: [UInt8]?, over: Int?) {
            switch try AtomicFile.read(path, atMost: limit) {
            case .bytes(let bytes): (bytes, nil)
            case .over(let size): (nil, size)
            }
        }
        #expect(try read(directory + "/doc", 5_000).bytes == bytes)
        #expect(try read(directory + "/doc", Int.max).bytes == bytes)
        #expect(try read(directory + "/doc", 4_999).over == 5_000)
        #expect(try read(directory + "/doc", 0).over == 5_000)
        try AtomicFile.write([], to: directory + "/empty")
        #expect(try read(directory + "/empty", 0).bytes == [])
        // /proc/self/status says its length is 0 and holds more than a kilobyte.
        let status = try read("/proc/self/status", 100)
        #expect(status.bytes == nil && status.over == nil, "over, its length unknown")
        // /proc gives a page or so per read, fewer bytes than asked long before its end: read whole all the same
        // (a first read falling short was once taken for the end).
        let maps = try #require(try read("/proc/self/maps", 1 << 20).bytes)
        #expect(maps.count > 8192 && maps.last == UInt8(ascii: "\n"), "\(maps.count) bytes")
        #expect(try read("/proc/self/status", 1 << 20).bytes.map { String(decoding: $0, as: UTF8.self).contains("Name:") } == true)
        #expect(throws: StorageError.self) { try AtomicFile.read(directory + "/missing", atMost: 10) }
    }
}

@Suite("Directories")
struct DirectoryTests {
    private let scratch = ScratchDirectories()

    @Test("descendants are what FileManager's enumerator lists: nested and hidden folders and files, links to files, not inside links to folders")
    func descendantsAsFileManager() throws {
        let root = try scratch.make()
        let outside = try scratch.make()
        for folder in ["a", "a/b", "a/b/c", ".hidden", "empty", "Bản tin"] { try Directory.create(root + "/" + folder) }
        try Directory.create(outside + "/inner")
        for file in ["top.txt", "a/one.txt", "a/b/two.md", "a/b/c/three.txt", "a/b/c/skip.json", ".hidden/four.txt", ".dot.txt",
                     "Bản tin/Cà Mau.txt", "a/b/c/dir.txt.bak", outside + "/inner/far.txt"] {
            let path = file.hasPrefix("/") ? file : root + "/" + file
            try AtomicFile.write(Array("x".utf8), to: path)
        }
        #expect(symlink(root + "/top.txt", root + "/a/link.txt") == 0)
        #expect(symlink(outside + "/inner", root + "/a/linked-folder") == 0)
        let expected = try #require(FileManager.default.enumerator(atPath: root)).compactMap { $0 as? String }.sorted()
        let found = Directory.descendants(of: root).sorted()
        #expect(found == expected)
        #expect(found.contains("a/b/c/three.txt") && found.contains("a/link.txt") && !found.contains("a/linked-folder/far.txt"))
        #expect(Directory.descendants(of: root + "/missing").isEmpty)
    }
}
