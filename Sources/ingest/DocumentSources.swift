import ArgumentParser
import Foundation

/// A document read from a file or standard input.
struct SourceDocument {
    let source: String
    let bytes: [UInt8]
}

/// Reads files, folders (recursively, `*.txt` and `*.md`) and `-` for standard input.
enum DocumentSources {
    static func read(_ paths: [String]) throws -> [SourceDocument] {
        var documents: [SourceDocument] = []
        for path in paths {
            if path == "-" {
                documents.append(SourceDocument(source: "-", bytes: Array(FileHandle.standardInput.readDataToEndOfFile())))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CommandFailure("no such file or folder: \(path)")
            }
            if isDirectory.boolValue {
                guard let walker = FileManager.default.enumerator(atPath: path) else { continue }
                var found: [String] = []
                while let relative = walker.nextObject() as? String {
                    if relative.hasSuffix(".txt") || relative.hasSuffix(".md") { found.append(relative) }
                }
                for relative in found.sorted() {
                    let full = (path as NSString).appendingPathComponent(relative)
                    documents.append(SourceDocument(source: full, bytes: try readFile(full)))
                }
            } else {
                documents.append(SourceDocument(source: path, bytes: try readFile(path)))
            }
        }
        return documents
    }

    private static func readFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read \(path)") }
        return Array(data)
    }
}
