import Foundation

/// Bộ tiêu chí đánh giá, xác định Chỉ số CCHC: for one year and one level, a tree of fields (lĩnh vực),
/// criteria (tiêu chí) and sub-criteria (tiêu chí thành phần), each leaf with its maximum, how it is
/// measured and how a response becomes points; with the grades and the cohorts ranked together. Wholly
/// data: the province loads its own set each year, and an assessment names the version it was scored by.
public struct ParCriteriaSet: Codable, Equatable, Sendable {
    public var year: Int
    public var level: ParLevel
    public var title: String
    /// The decision that issued it ("QĐ 892/QĐ-BNV"), shown on every result.
    public var decision: String
    public var fields: [ParNode]
    /// Best first: a unit gets the first grade whose minimum its index reaches.
    public var grades: [ParGrade]
    /// Who is ranked together; empty: every unit assessed is one cohort.
    public var cohorts: [ParCohort]

    public init(
        year: Int, level: ParLevel, title: String, decision: String, fields: [ParNode], grades: [ParGrade] = [], cohorts: [ParCohort] = []
    ) {
        self.year = year
        self.level = level
        self.title = title
        self.decision = decision
        self.fields = fields
        self.grades = grades
        self.cohorts = cohorts
    }

    /// The scored fields (not bonus or penalty): their maxima make the scale (100).
    public var scaleFields: [ParNode] { fields.filter { $0.section == .scale } }
    public var maximum: Double { scaleFields.reduce(0) { $0 + $1.maximum } }

    /// Every leaf with the field it belongs to, in the set's order.
    public var leaves: [(field: ParNode, item: ParNode)] {
        fields.flatMap { field in field.leaves.map { (field, $0) } }
    }

    public func leaf(_ code: String) -> (field: ParNode, item: ParNode)? { leaves.first { $0.item.code == code } }

    /// The grade of an index (a percentage), if the set has grades.
    public func grade(ofIndex index: Double) -> ParGrade? {
        grades.sorted { $0.minimum > $1.minimum }.first { Self.rounded(index) >= $0.minimum }
    }

    /// Figures are compared as published: to two decimals, so that 89.995 % reads 90.00 % and is graded so.
    public static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}

/// Which assessment a set is for.
public enum ParLevel: String, Codable, CaseIterable, Sendable {
    /// The national set by which the Ministry of Home Affairs scores provinces.
    case province
    /// The province's set for its departments and agencies (cấp sở).
    case department
    /// The province's set for its communes, wards and special zones (cấp xã).
    case commune

    public var messageKey: String { "par.level.\(rawValue)" }
}

/// A field, criterion or sub-criterion. A leaf (no children) is scored by its `method` and `rule`; a node's
/// maximum is the sum of its children's (the validation says where not).
public struct ParNode: Codable, Equatable, Sendable {
    /// Where a field's points go: into the scale, or added or taken off outside it.
    public enum Section: String, Codable, CaseIterable, Sendable {
        case scale
        case bonus
        case penalty
    }

    public var code: String
    public var name: String
    public var maximum: Double
    /// For a field only: scale by default.
    public var section: Section
    public var method: ParMethod?
    public var rule: ParRule?
    /// What evidence (tài liệu kiểm chứng) the unit must attach.
    public var evidence: String?
    /// The unit that leads on it (its code), for the province's own set.
    public var leadUnit: String?
    /// Whether a unit may answer "không áp dụng", which takes the maximum out of the denominator.
    public var allowsNotApplicable: Bool
    public var children: [ParNode]

    public init(
        code: String, name: String, maximum: Double, section: Section = .scale, method: ParMethod? = nil, rule: ParRule? = nil,
        evidence: String? = nil, leadUnit: String? = nil, allowsNotApplicable: Bool = false, children: [ParNode] = []
    ) {
        self.code = code
        self.name = name
        self.maximum = maximum
        self.section = section
        self.method = method
        self.rule = rule
        self.evidence = evidence
        self.leadUnit = leadUnit
        self.allowsNotApplicable = allowsNotApplicable
        self.children = children
    }

    enum CodingKeys: String, CodingKey {
        case code, name, maximum, section, method, rule, evidence, leadUnit, allowsNotApplicable, children
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        name = try container.decode(String.self, forKey: .name)
        maximum = try container.decode(Double.self, forKey: .maximum)
        section = try container.decodeIfPresent(Section.self, forKey: .section) ?? .scale
        method = try container.decodeIfPresent(ParMethod.self, forKey: .method)
        rule = try container.decodeIfPresent(ParRule.self, forKey: .rule)
        evidence = try container.decodeIfPresent(String.self, forKey: .evidence)
        leadUnit = try container.decodeIfPresent(String.self, forKey: .leadUnit)
        allowsNotApplicable = try container.decodeIfPresent(Bool.self, forKey: .allowsNotApplicable) ?? false
        children = try container.decodeIfPresent([ParNode].self, forKey: .children) ?? []
    }

    public var isLeaf: Bool { children.isEmpty }
    public var leaves: [ParNode] { isLeaf ? [self] : children.flatMap(\.leaves) }
}

/// A grade (xếp loại): its label and the lowest index that reaches it.
public struct ParGrade: Codable, Equatable, Sendable {
    public var label: String
    public var minimum: Double

    public init(_ label: String, minimum: Double) {
        self.label = label
        self.minimum = minimum
    }
}

/// Units ranked together: by kind of unit, or by their codes.
public struct ParCohort: Codable, Equatable, Sendable {
    public var code: String
    public var name: String
    public var unitKinds: [UnitKind]
    public var unitCodes: [String]

    public init(code: String, name: String, unitKinds: [UnitKind] = [], unitCodes: [String] = []) {
        self.code = code
        self.name = name
        self.unitKinds = unitKinds
        self.unitCodes = unitCodes
    }

    public func contains(_ unit: OrgUnit) -> Bool { unitKinds.contains(unit.kind) || unitCodes.contains(unit.code) }

    enum CodingKeys: String, CodingKey { case code, name, unitKinds, unitCodes }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        name = try container.decode(String.self, forKey: .name)
        unitKinds = try container.decodeIfPresent([UnitKind].self, forKey: .unitKinds) ?? []
        unitCodes = try container.decodeIfPresent([String].self, forKey: .unitCodes) ?? []
    }
}
