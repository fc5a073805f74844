/// The first frame of every message: names the protocol and its version, so that a peer speaking
/// another version (or a stranger) is recognised at once.
public enum WireTag {
    public static let current = "RI1"
    static let bytes = Array(current.utf8)
}
