extension String {
    /// Equal bytes, compared in a time that does not depend on where they differ: for secrets (CSRF
    /// tokens, PIN digests), so that a guesser learns nothing from how long a refusal took.
    public func constantTimeEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        return zip(utf8, other.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
