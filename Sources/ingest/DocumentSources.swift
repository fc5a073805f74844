import ArgumentParser
import Foundation
import IngestStorage
import MeetingModel

/// Where a document comes from, not yet read: a file, or standard input (`-`).
struct DocumentSource: Sendable {
    /// The path as text (what `submit` reports and sends as the source; bytes of a name that are not UTF-8 shown as
    /// U+FFFD), or `-`.
    let name: String
    /// The path as the system holds it, to open the file by; nil for standard input.
    let path: PathBytes?
    /// Why a folder's documents could not be listed: this source stands for them, and reading it says so.
    let unlisted: String?

    init(path: PathBytes) {
        name = path.display
        self.path = path
        unlisted = nil
    }

    /// A folder under one given whose documents could not be listed.
    init(unreadableFolder path: PathBytes, error: StorageError) {
        name = path.display
        self.path = path
        unlisted = "cannot open this folder (\(String(cString: strerror(error.errno))), errno \(error.errno)), so the documents in it were not listed"
    }

    static let standardInput = DocumentSource(name: "-", path: nil)

    private init(name: String, path: PathBytes?) {
        self.name = name
        self.path = path
        unlisted = nil
    }

    /// The document's bytes, or an error saying it is over `limit` without reading more than `limit` + 1 of them: a
    /// file the broker would refuse is not read whole (it could be gigabytes), nor sent to be dropped by the broker's
    /// message limit and sent again until the producer gives up.
    func read(atMost limit: Int) throws -> [UInt8] {
        if let unlisted { throw CommandFailure(unlisted) }
        guard let path else {
            let bytes = try StandardStreams.readInput(atMost: limit + 1)
            guard bytes.count <= limit else { throw CommandFailure("standard input is over the limit of \(limit) bytes (limits.max_document_bytes)") }
            return bytes
        }
        // One open and `fstat`: asking FileManager for the size looked up the file's owner and group in the user
        // and group databases for every document, a third of `submit`'s time.
        let contents: AtomicFile.Contents
        do {
            contents = try AtomicFile.read(path, atMost: limit)
        } catch {
            throw CommandFailure("cannot read \(name): \(error)")
        }
        switch contents {
        case .bytes(let bytes): return bytes
        case .over(let size?): throw CommandFailure("document is \(size) bytes, over the limit of \(limit) (limits.max_document_bytes)")
        case .over(nil): throw CommandFailure("document is over the limit of \(limit) bytes (limits.max_document_bytes); read no further")
        }
    }
}

/// Reads files, folders (recursively, `*.txt` and `*.md`) and `-` for standard input.
enum DocumentSources {
    /// The documents `paths` name, in order (a folder's files sorted by their bytes), without reading them. A path
    /// whose name is not UTF-8 is found by the bytes it had on the command line (see ``rawArgument(_:)``) and
    /// under a folder by the bytes the folder lists, not by the text they show as.
    static func list(_ paths: [String]) throws -> DocumentList {
        var sources = DocumentList()
        var seen: [String: Int] = [:]
        for text in paths {
            if text == "-" {
                sources.append(.standardInput)
                continue
            }
            let path = rawArgument(text, occurrence: seen[text, default: 0])
            seen[text, default: 0] += 1
            let kind: PathBytes.Kind
            do {
                kind = try path.lookUp()
            } catch {
                throw CommandFailure(error.errno == ENOENT || error.errno == ENOTDIR ? "no such file or folder: \(text)"
                                        : "cannot look at \(text): \(String(cString: strerror(error.errno))) (errno \(error.errno))")
            }
            switch kind {
            case .directory:
                var unreadable: [(folder: PathBytes, error: StorageError)] = []
                // Sorted in a scope of its own, so that the unsorted list is gone before the sorted one is kept.
                let files = {
                    var found = PackedBytes()
                    unreadable = Directory.walk(path) { relative in
                        if relative.hasSuffix(".txt") || relative.hasSuffix(".md") { found.append(relative.bytes) }
                    }
                    return found.sorted()
                }()
                sources.append(folder: path, files: files)
                for (folder, error) in unreadable {
                    sources.append(DocumentSource(unreadableFolder: folder.bytes.isEmpty ? path : path.appending(folder), error: error))
                }
            case .file, .other:
                sources.append(file: path)
            }
        }
        return sources
    }

    /// The bytes a command-line argument had: the text itself, unless it holds U+FFFD where the shell passed bytes
    /// that are not UTF-8 (a file name in a legacy encoding), which only the raw arguments keep. Names that differ
    /// only in such bytes show as the same text: the `occurrence`-th argument of that text is the `occurrence`-th
    /// raw one, in order, so that two such files are two documents, not one read twice.
    static func rawArgument(_ text: String, occurrence: Int = 0) -> PathBytes {
        guard text.unicodeScalars.contains("\u{FFFD}") else { return PathBytes(text) }
        let raw = (0..<Int(CommandLine.argc)).compactMap { index in
            CommandLine.unsafeArgv[index].map { PathBytes(bytes: UnsafeBufferPointer(start: $0, count: strlen($0)).map { UInt8(bitPattern: $0) }) }
        }
        let matching = raw.filter { $0.display == text && !$0.isText }
        return occurrence < matching.count ? matching[occurrence] : PathBytes(text)
    }
}
