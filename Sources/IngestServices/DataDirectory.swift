import Foundation
import IngestConfig
import IngestStorage

/// The daemons' data directory: created if missing and kept private (0700), since it holds the cluster's
/// keys, every accepted document and every record. A folder others may write to (`/tmp`, a shared drop folder:
/// world-writable or sticky, or a team's setgid folder its group writes to) is refused rather than narrowed, which
/// would lock the others out of it.
enum DataDirectory {
    static func prepare(_ config: ClusterConfig) throws {
        var status = stat()
        // Shared: anyone may write (`/tmp`: sticky or world-writable), or a team's folder (setgid and group-writable).
        if stat(config.dataDirectory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR,
           status.st_mode & (S_ISVTX | S_IWOTH) != 0 || status.st_mode & (S_ISGID | S_IWGRP) == S_ISGID | S_IWGRP {
            throw DataDirectoryError(description: "the data directory \(config.dataDirectory) is a folder others may write to (mode "
                + "\(String(status.st_mode & 0o7777, radix: 8))); give the cluster a folder of its own (storage.data_dir or INGEST_DATA): "
                + "making it private would lock the others out")
        }
        try Directory.create(config.dataDirectory, mode: 0o700)
        _ = chmod(config.dataDirectory, 0o700)
    }
}

/// Why the data directory was refused.
struct DataDirectoryError: Error, CustomStringConvertible {
    let description: String
}
