/// Checks a ZeroMQ endpoint before it reaches `zmq_bind` or `zmq_connect`, which report a bad one
/// without saying where it came from (and bind `tcp://host:99999` to a port of their choosing).
public enum EndpointSyntax {
    /// The forms accepted, for error messages.
    public static let forms = "tcp://HOST:PORT (PORT 1-65535 or *), ipc://PATH or inproc://NAME"

    /// Why `endpoint` is not usable, or nil when it is.
    public static func problem(_ endpoint: String) -> String? {
        let quoted = endpoint.debugDescription
        if endpoint.contains(where: \.isWhitespace) { return "\(quoted) contains white space" }
        if endpoint.hasPrefix("tcp://") {
            // `tcp://SOURCE;HOST:PORT` binds the connection to a source address first: check the destination.
            var address = endpoint.dropFirst("tcp://".count)
            if let semicolon = address.lastIndex(of: ";") { address = address[address.index(after: semicolon)...] }
            guard let colon = address.lastIndex(of: ":") else {
                return "\(quoted) has no port: expected tcp://HOST:PORT, such as tcp://127.0.0.1:5570"
            }
            let host = address[..<colon], port = address[address.index(after: colon)...]
            if host.isEmpty { return "\(quoted) has no host: expected tcp://HOST:PORT, such as tcp://127.0.0.1:5570" }
            if port == "*" { return nil }
            guard !port.isEmpty, port.allSatisfy(\.isASCII), port.allSatisfy(\.isNumber), let number = Int(port), (1...65535).contains(number) else {
                return "\(quoted) has port \(String(port).debugDescription): a port is 1-65535 (or * for any free one)"
            }
            return nil
        }
        if endpoint.hasPrefix("ipc://") {
            let path = endpoint.dropFirst("ipc://".count)
            if path.isEmpty { return "\(quoted) has no path: expected ipc://PATH" }
            // sun_path holds 107 bytes and a NUL; libzmq refuses longer paths with ENAMETOOLONG.
            if path.utf8.count > 107 { return "\(quoted): an ipc path is at most 107 bytes, this one is \(path.utf8.count)" }
            return nil
        }
        if endpoint.hasPrefix("inproc://") {
            return endpoint.count > "inproc://".count ? nil : "\(quoted) has no name: expected inproc://NAME"
        }
        return "\(quoted) is not a ZeroMQ endpoint: expected \(forms), such as tcp://127.0.0.1:5570"
    }
}

/// The number of single-character insertions, deletions and substitutions that turn `a` into `b`.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = Array(repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
