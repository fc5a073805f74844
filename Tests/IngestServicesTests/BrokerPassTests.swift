import Foundation
import IngestConfig
import IngestProtocol
import Logging
import MeetingModel
import Testing
import TestSupport
import ZeroMQ
@testable import IngestServices

/// The broker's producer pass, run one at a time on a real broker (journal, sockets, state machine) whose
/// producers connect in-process: a pass reads at most 32 MiB or 512 messages before its group commit, so one
/// producer's flood does not hold another's ACCEPTED back until the whole flood is written; and answers wait
/// for a producer that does not read only up to a bound.
@Suite("Broker pass")
struct BrokerPassTests {
    let directory: TemporaryDirectory
    let loop: BrokerLoop

    init() throws {
        directory = try TemporaryDirectory(prefix: "broker-pass")
        var config = ClusterConfig()
        let name = UUID().uuidString
        config.frontend = "inproc://frontend-\(name)"
        config.backend = "inproc://backend-\(name)"
        config.dataDirectory = directory.path
        config.maxDocumentBytes = ClusterConfig.largestDocumentBytes
        loop = try BrokerLoop(config: config, logger: Logger(label: "broker-pass-test"))
    }

    /// A producer connected to the broker's frontend, sending `count` distinct documents of about `bytes` each.
    func producer(count: Int, bytes: Int, tag: String) throws -> Socket {
        let socket = try Socket(context: loop.context, type: .dealer)
        try socket.setSendHighWaterMark(2_000)
        try socket.connect(loop.config.frontend)
        let filler = [UInt8](repeating: UInt8(ascii: "a"), count: max(0, bytes - 64))
        for index in 0..<count {
            let body = Array("Báo cáo \(tag) số \(index) về kỳ họp. ".utf8) + filler
            let sent = try socket.send(ProducerRequest.submit(id: nil, metadata: DocumentMetadata(), body: body).frames, dontWait: true)
            #expect(sent, "document \(index) of \(tag) queued for the broker")
        }
        return socket
    }

    /// The ACCEPTED answers waiting for `socket` now.
    func accepted(by socket: Socket) throws -> Int {
        var count = 0
        while let frames = try socket.receive(dontWait: true) {
            if case .accepted = try BrokerReply(frames: frames) { count += 1 }
        }
        return count
    }

    @Test("a producer's 70 documents of 1 MiB are committed 32 MiB a pass; another producer's document goes in the first")
    func megabyteFlood() throws {
        let documentBytes = 1 << 20
        let flood = try producer(count: 70, bytes: documentBytes, tag: "A")
        let other = try producer(count: 1, bytes: 200, tag: "B")

        try loop.drainFrontend()
        let firstPass = try accepted(by: flood)
        #expect(try accepted(by: other) == 1, "the other producer's document was read and committed in the first pass")
        // 32 MiB of messages ends the pass: 32 of the flood's, and at most one more that crossed the line.
        #expect((31...33).contains(firstPass), "the first pass committed \(firstPass) of the flood's 70 documents")

        var passes = 1
        var total = firstPass
        while total < 70 && passes < 10 {
            try loop.drainFrontend()
            let pass = try accepted(by: flood)
            #expect(pass <= 33, "pass \(passes + 1) committed \(pass) megabyte documents")
            total += pass
            passes += 1
        }
        #expect(total == 70 && passes == 3, "every document accepted, in 3 passes: \(total) in \(passes)")
        #expect(loop.machine.queuedCount == 71)
    }

    @Test("small documents are committed 512 a pass")
    func manySmallDocuments() throws {
        let producer = try producer(count: 600, bytes: 300, tag: "C")
        try loop.drainFrontend()
        #expect(try accepted(by: producer) == 512)
        try loop.drainFrontend()
        #expect(try accepted(by: producer) == 88)
        #expect(loop.machine.queuedCount == 600)
    }

    @Test("a producer that asks and never reads is kept at most 1,024 answers")
    func unreadAnswers() throws {
        let socket = try Socket(context: loop.context, type: .dealer)
        // One answer waits on the producer's side; every other one the broker keeps is its own.
        try socket.setReceiveHighWaterMark(1)
        try socket.setSendHighWaterMark(2_000)
        try socket.connect(loop.config.frontend)
        for _ in 0..<1_500 {
            #expect(try socket.send(ProducerRequest.status.frames, dontWait: true))
        }
        for _ in 0..<3 { try loop.drainFrontend() }
        var answers = 0
        while let frames = try socket.receive(dontWait: true) {
            if case .status = try BrokerReply(frames: frames) { answers += 1 }
        }
        #expect(answers == 1_024 + 1, "the 1,500 STATUS answers kept for a producer that did not read: \(answers)")
    }
}
