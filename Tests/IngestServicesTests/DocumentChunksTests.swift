import Testing
@testable import IngestServices

/// `ingest submit` reads a folder a chunk at a time: each chunk bounded in documents and bytes, in order, read only
/// when asked for, with a file that cannot be read reported in its place.
@Suite("Document chunks")
struct DocumentChunksTests {
    struct Unreadable: Error {}

    @Test("chunks hold at most the documents and about the bytes allowed, in order, and are read only when asked for")
    func boundedLazyChunks() {
        var reads: [Int] = []
        let sizes = [10, 10, 50, 10, 10, 10, 10]
        var chunks = DocumentChunks(Array(sizes.indices), maxDocuments: 3, maxBytes: 25) { index in
            reads.append(index)
            return [UInt8](repeating: 1, count: sizes[index])
        }
        #expect(reads.isEmpty, "nothing read before the first chunk is asked for")
        var seen: [[Int]] = []
        while let chunk = chunks.nextChunk() {
            seen.append(chunk.map(\.source))
            #expect(reads == seen.flatMap { $0 }, "only this chunk and those before it are read")
        }
        // 10 + 10 reach no limit, the 50 passes the bytes; then three documents; then the last.
        #expect(seen == [[0, 1, 2], [3, 4, 5], [6]])
    }

    @Test("the first chunk is small and each next one four times the one before, up to the most a chunk holds")
    func growingChunks() {
        var chunks = DocumentChunks(Array(0..<100), firstDocuments: 2, maxDocuments: 20) { _ in [1] }
        var sizes: [Int] = []
        var order: [Int] = []
        while let chunk = chunks.nextChunk() {
            sizes.append(chunk.count)
            order += chunk.map(\.source)
        }
        #expect(sizes == [2, 8, 20, 20, 20, 20, 10])
        #expect(order == Array(0..<100))
    }

    @Test("a document that cannot be read is its error, in its place, and the chunk goes on")
    func unreadableInPlace() throws {
        var chunks = DocumentChunks(["a", "b", "c"]) { name in
            if name == "b" { throw Unreadable() }
            return Array(name.utf8)
        }
        let first = chunks.nextChunk()
        let chunk = try #require(first)
        #expect(chunk.map(\.source) == ["a", "b", "c"])
        #expect((try? chunk[0].bytes.get()) == Array("a".utf8))
        #expect((try? chunk[1].bytes.get()) == nil)
        let after = chunks.nextChunk()
        #expect(after == nil)
    }
}
