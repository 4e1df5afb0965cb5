import Foundation

/// The current time, as a dependency: rules take `now` as a parameter and tests fix it.
public protocol WallClock: Sendable {
    var now: Date { get }
}

public struct SystemWallClock: WallClock {
    public init() {}
    public var now: Date { Date() }
}
