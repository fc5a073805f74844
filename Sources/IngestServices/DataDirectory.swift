import Foundation
import IngestConfig
import IngestStorage

/// The daemons' data directory: created if missing and kept private (0700), since it holds the cluster's
/// keys, every accepted document and every record.
enum DataDirectory {
    static func prepare(_ config: ClusterConfig) throws {
        try Directory.create(config.dataDirectory, mode: 0o700)
        _ = chmod(config.dataDirectory, 0o700)
    }
}
