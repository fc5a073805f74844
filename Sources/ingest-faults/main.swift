import Foundation
import IngestProtocol
import MeetingModel
import ZeroMQ

/// Hand-made peers for Scripts/faults.sh: protocol-level faults that the `ingest` CLI cannot produce.
///
///   ingest-faults submit --endpoint E [--id ID] [--published P] [--source S] [--source-repeat CHAR COUNT]
///                        [--body-file F] [--timeout S]
///       One SUBMIT with arbitrary metadata on a fresh DEALER; prints the reply (`ACCEPTED id`,
///       `DUPLICATE id`, `REJECTED id reason`, `BUSY id`, `ERROR reason`) and how long it took, or
///       `TIMEOUT` (exit 3).
///   ingest-faults unread-queries --endpoint E --count N [--hold S]
///       N QUERY requests to the aggregator on one DEALER; the replies are never read. Holds the
///       socket open S seconds (default 30), then closes it.
///   ingest-faults failed-flood --endpoint BACKEND --seconds T [--reason-bytes B] [--ready]
///       FAILED messages with a B-byte reason (default 4096) on the broker's worker port for T
///       seconds, as fast as the socket takes them (optionally after saying READY). Prints the count.
let arguments = Array(CommandLine.arguments.dropFirst())

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ingest-faults: \(message)\n".utf8))
    exit(2)
}

func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name) else { return nil }
    guard index + 1 < arguments.count else { fail("\(name) needs a value") }
    return arguments[index + 1]
}

func flag(_ name: String) -> Bool { arguments.contains(name) }

func number(_ name: String, default value: Double) -> Double {
    guard let text = option(name) else { return value }
    guard let parsed = Double(text) else { fail("\(name) must be a number, got \(text)") }
    return parsed
}

func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func dealer(_ context: ZeroMQContext, _ endpoint: String) throws -> Socket {
    guard endpoint.hasPrefix("tcp://127.0.0.1:") else { fail("only tcp://127.0.0.1 endpoints, got \(endpoint)") }
    let socket = try Socket(context: context, type: .dealer)
    try socket.setLinger(milliseconds: 0)
    try socket.connect(endpoint)
    return socket
}

func describe(_ reply: BrokerReply) -> String {
    switch reply {
    case .accepted(let id): "ACCEPTED \(id)"
    case .duplicate(let id): "DUPLICATE \(id)"
    case .rejected(let id, let reason): "REJECTED \(id.map(\.rawValue) ?? "-") \(reason)"
    case .busy(let id): "BUSY \(id)"
    case .status: "STATUS"
    case .error(let reason): "ERROR \(reason)"
    case .deadLettered(let ids): "DEADLETTERED \(ids.count)"
    }
}

/// A JSON string literal; only `"`, backslash and control characters are escaped.
func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

func submit() throws -> Int32 {
    guard let endpoint = option("--endpoint") else { fail("submit needs --endpoint") }
    var source = option("--source")
    if let character = option("--source-repeat") {
        guard let count = arguments.firstIndex(of: "--source-repeat").flatMap({ $0 + 2 < arguments.count ? Int(arguments[$0 + 2]) : nil }) else {
            fail("--source-repeat needs CHAR COUNT")
        }
        source = String(repeating: character, count: count)
    }
    let body: [UInt8]
    if let file = option("--body-file") {
        body = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
    } else {
        body = Array("Sáng ngày 5/3/2024, UBND tỉnh Cà Mau tổ chức hội nghị giao ban (ingest-faults \(UUID().uuidString)).\n".utf8)
    }
    var id: DocumentID? = nil
    if let text = option("--id") {
        guard let parsed = DocumentID(text) else { fail("invalid --id \(text)") }
        id = parsed
    }
    let timeout = number("--timeout", default: 10)
    let context = try ZeroMQContext()
    let socket = try dealer(context, endpoint)
    // The metadata frame is written by hand, as any client could: JSONEncoder would escape each `/` as
    // `\/` and double the frame; a raw client sends the shorter, equally valid JSON.
    var fields: [String] = []
    if let published = option("--published") { fields.append("\"published\":\(jsonString(published))") }
    if let source { fields.append("\"source\":\(jsonString(source))") }
    let meta = Array(("{" + fields.joined(separator: ",") + "}").utf8)
    let frames: [[UInt8]] = [Array(WireTag.current.utf8), Array("SUBMIT".utf8), Array((id?.rawValue ?? "").utf8), meta, body]
    print("sending SUBMIT: metadata \(meta.count) bytes, body \(body.count) bytes")
    let started = now()
    try socket.send(frames)
    try socket.setReceiveTimeout(milliseconds: 200)
    while now() - started < timeout {
        guard let frames = try socket.receive() else { continue }
        let seconds = String(format: "%.3f", now() - started)
        guard let reply = try? BrokerReply(frames: frames) else {
            print("UNDECODABLE after \(seconds) s")
            return 4
        }
        print("\(describe(reply)) after \(seconds) s")
        return 0
    }
    print("TIMEOUT after \(Int(timeout)) s")
    return 3
}

func unreadQueries() throws -> Int32 {
    guard let endpoint = option("--endpoint") else { fail("unread-queries needs --endpoint") }
    let count = Int(number("--count", default: 20))
    let hold = number("--hold", default: 30)
    let context = try ZeroMQContext()
    let socket = try dealer(context, endpoint)
    var sent = 0
    let started = now()
    while sent < count && now() - started < 10 {
        if try socket.send(AggregatorRequest.query(province: nil).frames, dontWait: true) { sent += 1 } else { usleep(10_000) }
    }
    print("sent \(sent) QUERY requests; holding the socket \(Int(hold)) s without reading")
    FileHandle.standardOutput.synchronizeFile()
    // Sleep without touching the socket: replies pile up wherever the aggregator and libzmq keep them.
    let until = now() + hold
    while now() < until { usleep(100_000) }
    socket.close()
    return 0
}

func failedFlood() throws -> Int32 {
    guard let endpoint = option("--endpoint") else { fail("failed-flood needs --endpoint") }
    let seconds = number("--seconds", default: 5)
    let reasonBytes = Int(number("--reason-bytes", default: 4096))
    let context = try ZeroMQContext()
    let socket = try dealer(context, endpoint)
    if flag("--ready") { try socket.send(WorkerMessage.ready(credit: 1).frames) }
    let reason = String(repeating: "x", count: max(0, reasonBytes))
    var sent = 0
    let started = now()
    while now() - started < seconds {
        // A fresh id each time, so nothing can be deduplicated away; the broker does not know any of them.
        let id = DocumentID("flood-\(sent)")!
        if try socket.send(WorkerMessage.failed(id, reason: reason).frames, dontWait: true) { sent += 1 } else { usleep(1_000) }
        // Drain whatever the broker answers (RECONNECT and the like) so nothing backs up here.
        if sent % 256 == 0 { while try socket.receive(dontWait: true) != nil {} }
    }
    print("sent \(sent) FAILED messages with a \(reasonBytes)-byte reason in \(Int(seconds)) s")
    return 0
}

let status: Int32
do {
    switch arguments.first {
    case "submit": status = try submit()
    case "unread-queries": status = try unreadQueries()
    case "failed-flood": status = try failedFlood()
    default: fail("usage: ingest-faults submit|unread-queries|failed-flood [options] (see Sources/ingest-faults/main.swift)")
    }
} catch {
    fail("\(error)")
}
exit(status)
