import ArgumentParser
import Foundation
import IngestStorage

/// Where a document comes from, not yet read: a file, or standard input (`-`).
struct DocumentSource: Sendable {
    let name: String

    /// The document's bytes, read now.
    func read() throws -> [UInt8] {
        name == "-" ? Array(FileHandle.standardInput.readDataToEndOfFile()) : try DocumentSources.readFile(name)
    }

    /// The document's bytes, or an error saying it is over `limit` without reading more than `limit` + 1 of them: a
    /// file the broker would refuse is not read whole (it could be gigabytes), nor sent to be dropped by the broker's
    /// message limit and sent again until the producer gives up.
    func read(atMost limit: Int) throws -> [UInt8] {
        if name == "-" {
            let bytes = Array(FileHandle.standardInput.readData(ofLength: limit + 1))
            guard bytes.count <= limit else { throw CommandFailure("standard input is over the limit of \(limit) bytes (limits.max_document_bytes)") }
            return bytes
        }
        // One open and `fstat`: asking FileManager for the size looked up the file's owner and group in the user
        // and group databases for every document, a third of `submit`'s time.
        let contents: AtomicFile.Contents
        do {
            contents = try AtomicFile.read(name, atMost: limit)
        } catch {
            throw CommandFailure("cannot read \(name): \(error)")
        }
        switch contents {
        case .bytes(let bytes): return bytes
        case .over(let size): throw CommandFailure("document is \(size) bytes, over the limit of \(limit) (limits.max_document_bytes)")
        }
    }
}

/// Reads files, folders (recursively, `*.txt` and `*.md`) and `-` for standard input.
enum DocumentSources {
    /// The documents `paths` name, in order (a folder's files sorted), without reading them.
    static func list(_ paths: [String]) throws -> [DocumentSource] {
        var sources: [DocumentSource] = []
        for path in paths {
            if path == "-" {
                sources.append(DocumentSource(name: "-"))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CommandFailure("no such file or folder: \(path)")
            }
            if isDirectory.boolValue {
                let found = Directory.descendants(of: path).filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") }
                sources += found.sorted().map { DocumentSource(name: (path as NSString).appendingPathComponent($0)) }
            } else {
                sources.append(DocumentSource(name: path))
            }
        }
        return sources
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        do {
            return try AtomicFile.read(path)
        } catch {
            throw CommandFailure("cannot read \(path): \(error)")
        }
    }
}
