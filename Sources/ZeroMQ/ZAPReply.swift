/// The ZAP handler's answer to one ``ZAPRequest`` (RFC 27, ZAP 1.0).
public struct ZAPReply: Sendable, Equatable {
    /// RFC 27's status codes; libzmq lets the connection through only on ``success``.
    public enum StatusCode: String, Sendable {
        case success = "200"
        case temporaryError = "300"
        case authenticationFailure = "400"
        case internalError = "500"
    }

    /// The request's ``ZAPRequest/requestID``, echoed.
    public let requestID: [UInt8]
    public let statusCode: StatusCode
    /// Free text for logs; libzmq does not interpret it.
    public let statusText: String
    /// The identity the connection is known by on success: libzmq attaches it to every message from that
    /// peer as the `User-Id` property (``ReceivedMessage/userID``). Empty on failure.
    public let userID: String
    /// ZMTP-encoded metadata libzmq attaches to the peer's messages; usually empty.
    public let metadata: [UInt8]

    public init(requestID: [UInt8], statusCode: StatusCode, statusText: String, userID: String = "", metadata: [UInt8] = []) {
        self.requestID = requestID
        self.statusCode = statusCode
        self.statusText = statusText
        self.userID = userID
        self.metadata = metadata
    }

    /// The reply as a REP socket sends it: version, request id, status code, status text, user id, metadata.
    /// From a ROUTER, send the request's envelope first.
    public var frames: [[UInt8]] {
        [Array("1.0".utf8), requestID, Array(statusCode.rawValue.utf8), Array(statusText.utf8), Array(userID.utf8), metadata]
    }
}
