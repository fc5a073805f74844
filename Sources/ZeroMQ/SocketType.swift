import CZeroMQ

/// The ZeroMQ socket patterns this project uses.
public enum SocketType: Sendable {
    case router, dealer, request, reply, push, pull, pair
    /// Raw TCP with a routing id per connection (`ZMQ_STREAM`): for speaking HTTP to scrapers.
    case stream

    var rawValue: Int32 {
        switch self {
        case .router: ZMQ_ROUTER
        case .dealer: ZMQ_DEALER
        case .request: ZMQ_REQ
        case .reply: ZMQ_REP
        case .push: ZMQ_PUSH
        case .pull: ZMQ_PULL
        case .pair: ZMQ_PAIR
        case .stream: ZMQ_STREAM
        }
    }
}
