import IngestStorage
import MeetingModel

/// The documents a command was given, listed before any is read, in order: a folder's files as their paths below it,
/// all packed in one buffer (see ``PackedBytes``), so that a folder of a million files costs the bytes of their
/// names, not a million sources.
struct DocumentList: RandomAccessCollection, Sendable {
    /// Each file's path below its folder (as given, for a file named itself); nothing for the others.
    private var paths = PackedBytes()
    /// Where each folder's files start, and the folder (empty for files named themselves).
    private var folders: [(start: Int, folder: PathBytes)] = []
    /// Standard input, and folders whose documents could not be listed.
    private var others: [Int: DocumentSource] = [:]

    var startIndex: Int { 0 }
    var endIndex: Int { paths.count }

    subscript(position: Int) -> DocumentSource {
        if let other = others[position] { return other }
        // The last folder starting at or before `position`: there is one, as every position not in `others` is a
        // file appended after a folder's start (an empty one for files named themselves).
        var low = 0, high = folders.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if folders[middle].start <= position { low = middle } else { high = middle - 1 }
        }
        return DocumentSource(path: folders[low].folder.appending(PathBytes(bytes: Array(paths[position]))))
    }

    /// A folder's files, as paths `relative` to it (kept as they are, not copied, when nothing was listed before).
    mutating func append(folder: PathBytes, files relative: PackedBytes) {
        folders.append((paths.count, folder))
        paths.append(contentsOf: relative)
    }

    /// A file named as it was given.
    mutating func append(file path: PathBytes) {
        if folders.last.map({ !$0.folder.bytes.isEmpty }) ?? true { folders.append((paths.count, PathBytes(bytes: []))) }
        paths.append(path.bytes)
    }

    /// The positions of standard input, in order: read from the same stream, they must be read in turn.
    var standardInputPositions: [Int] { others.filter { $0.value.path == nil && $0.value.unlisted == nil }.keys.sorted() }

    mutating func append(_ source: DocumentSource) {
        others[paths.count] = source
        paths.append([])
    }
}
