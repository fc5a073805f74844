import ZeroMQ

/// Versions of the libraries this process runs against, for `ingest --version`.
public enum LibraryVersions {
    /// libzmq's, e.g. `4.3.5`: the one loaded at run time, which may differ from the one built against.
    public static var zeroMQ: String {
        let version = ZeroMQContext.libraryVersion
        return "\(version.major).\(version.minor).\(version.patch)"
    }
}
