/// How a day differs from a normal week (Monday to Friday worked, Saturday and Sunday off).
public enum SpecialDayKind: String, Codable, CaseIterable, Sendable {
    /// A public holiday (ngày nghỉ lễ, tết), whatever day of the week it falls on.
    case holiday
    /// A working day off in compensation for a holiday that fell on a weekend (nghỉ bù).
    case compensatory
    /// A weekday off by decision (hoán đổi), usually made up on a Saturday.
    case swapOff = "swap_off"
    /// A Saturday or Sunday worked by decision (làm bù).
    case makeupWorkday = "makeup_workday"

    /// Whether civil servants work on a day of this kind.
    public var isWorked: Bool { self == .makeupWorkday }
}

/// One day that differs from a normal week, with its name and where the rule comes from.
public struct SpecialDay: Equatable, Sendable {
    public var date: LocalDate
    public var kind: SpecialDayKind
    /// Vietnamese name, e.g. "Tết Nguyên đán (mùng 1)".
    public var name: String
    /// The law or decision it comes from.
    public var legalBasis: String
    /// True for a year after the last official decision known: the day follows the rules and may change
    /// when the Government decides (dự kiến).
    public var estimated: Bool

    public init(date: LocalDate, kind: SpecialDayKind, name: String, legalBasis: String, estimated: Bool = false) {
        self.date = date
        self.kind = kind
        self.name = name
        self.legalBasis = legalBasis
        self.estimated = estimated
    }
}

/// A change a province records at run time (from the database): it wins over rules and bundled decisions.
public struct CalendarOverride: Equatable, Sendable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        /// An extra day off (for example a weekday given by a new Government decision).
        case dayOff = "day_off"
        /// A day off that is cancelled: the day is a normal day of the week again.
        case cancelDayOff = "cancel_day_off"
        /// A Saturday or Sunday that is worked (làm bù).
        case workday
    }

    public var date: LocalDate
    public var kind: Kind
    public var name: String
    public var legalBasis: String

    public init(date: LocalDate, kind: Kind, name: String, legalBasis: String) {
        self.date = date
        self.kind = kind
        self.name = name
        self.legalBasis = legalBasis
    }
}
