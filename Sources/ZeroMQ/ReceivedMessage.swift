/// One whole multipart message and who sent it, as ``Socket/receiveMessage(dontWait:)`` returns it.
public struct ReceivedMessage: Sendable, Equatable {
    /// The frames, in order; a ROUTER's first frame is the sender's routing id.
    public let frames: [[UInt8]]
    /// The user id the ZAP handler gave the sending connection (the `User-Id` message property), or `nil`
    /// when libzmq has none: no ZAP handler decided for this connection, or the socket does not authenticate.
    /// A handler that allowed with an empty user id yields `""`, not `nil`.
    public let userID: String?

    public init(frames: [[UInt8]], userID: String?) {
        self.frames = frames
        self.userID = userID
    }
}
