import Foundation

/// The published national PAR Index table of a year (Bộ Nội vụ): every province's total, its four
/// components, its rank and its rank in each field. Imported from a CSV; the province reads its standing
/// from it.
public struct ParNationalTable: Codable, Equatable, Sendable {
    public struct Row: Codable, Equatable, Sendable {
        public var province: String
        public var appraised: Double
        public var impact: Double
        public var leaders: Double
        public var sipas: Double
        public var total: Double
        public var rank: Int
        /// Ranks in the 8 fields, in the set's order (may be empty when not published).
        public var fieldRanks: [Int]

        public init(province: String, appraised: Double, impact: Double, leaders: Double, sipas: Double, total: Double, rank: Int, fieldRanks: [Int] = []) {
            self.province = province
            self.appraised = appraised
            self.impact = impact
            self.leaders = leaders
            self.sipas = sipas
            self.total = total
            self.rank = rank
            self.fieldRanks = fieldRanks
        }

        public var components: [Double] { [appraised, impact, leaders, sipas] }
    }

    public var year: Int
    public var rows: [Row]
    public var setBy: String
    public var setAt: Date

    public init(year: Int, rows: [Row], setBy: String, setAt: Date) {
        self.year = year
        self.rows = rows
        self.setBy = setBy
        self.setAt = setAt
    }

    /// Every error, each named by row (`rows[3].total`): components that do not add up to the total (to the
    /// published two decimals), ranks out of range, a province twice.
    public func errors() -> [FieldError] {
        var errors: [FieldError] = []
        if !(2000...2100).contains(year) { errors.append(FieldError("year", "error.range", ["min": "2000", "max": "2100"])) }
        if rows.isEmpty { errors.append(FieldError("rows", "error.required")) }
        var names: Set<String> = []
        // A table may list only some provinces (the top of a published list): ranks go up to 100.
        let places = 1...max(rows.count, 100)
        for (index, row) in rows.enumerated() {
            let place = "rows[\(index)]"
            if row.province.isEmpty || row.province.count > 200 || !names.insert(Self.key(row.province)).inserted {
                errors.append(FieldError("\(place).province", "par.national.province"))
            }
            if abs(row.components.reduce(0, +) - row.total) > 0.011 {
                errors.append(FieldError("\(place).total", "par.national.total", ["sum": String(format: "%.2f", row.components.reduce(0, +))]))
            }
            if !places.contains(row.rank) { errors.append(FieldError("\(place).rank", "error.range", ["min": "1", "max": String(places.upperBound)])) }
            if row.fieldRanks.contains(where: { !places.contains($0) }) { errors.append(FieldError("\(place).fieldRanks", "par.national.field_ranks")) }
        }
        return errors
    }

    public func row(_ province: String) -> Row? { rows.first { Self.key($0.province) == Self.key(province) } }

    /// A province's name as compared: without accents, case, or the word "tỉnh"/"thành phố".
    static func key(_ name: String) -> String {
        var folded = SearchText.fold(name).trimmingCharacters(in: .whitespaces)
        for prefix in ["tinh ", "thanh pho "] where folded.hasPrefix(prefix) { folded = String(folded.dropFirst(prefix.count)) }
        return folded
    }
}

/// The province's place in a year's national table: rank, group, the change on the year before, each
/// field's band, and where it lost points against each component's maximum.
public struct ParNationalStanding: Sendable {
    public struct Component: Sendable {
        public var key: String
        public var maximum: Double
        public var points: Double
        public var lost: Double { max(0, maximum - points) }
    }

    public var year: Int
    public var row: ParNationalTable.Row
    public var provinces: Int
    public var average: Double
    public var group: String?
    public var pointsChange: Double?
    public var placesChange: Int?
    public var fieldRanks: [(field: String, rank: Int, band: ParRankBand)]
    public var components: [Component]
    /// How many of the fields are in the top 20.
    public var fieldsInTop20: Int { fieldRanks.filter { $0.band == .top20 }.count }

    /// The standing of `province` in `table`, against `previous` (the year before) and graded and split
    /// into components by the provincial criteria `set` of the year.
    public init?(province: String, table: ParNationalTable, previous: ParNationalTable?, set: ParCriteriaSet) {
        guard let row = table.row(province) else { return nil }
        year = table.year
        self.row = row
        provinces = table.rows.count
        average = ParCriteriaSet.rounded(table.rows.map(\.total).reduce(0, +) / Double(max(1, table.rows.count)))
        group = set.grade(ofIndex: row.total)?.label
        let before = previous?.row(province)
        pointsChange = before.map { ParCriteriaSet.rounded(row.total - $0.total) }
        placesChange = before.map { $0.rank - row.rank }
        fieldRanks = zip(set.scaleFields, row.fieldRanks).map { ($0.name, $1, ParRankBand(rank: $1)) }
        let leaves = set.leaves.map(\.item)
        func maximum(_ matches: (ParMethod) -> Bool) -> Double { leaves.filter { $0.method.map(matches) ?? false }.reduce(0) { $0 + $1.maximum } }
        components = [
            Component(key: "appraised", maximum: maximum { $0 == .selfAssessed }, points: row.appraised),
            Component(key: "impact", maximum: maximum { $0 == .statistic }, points: row.impact),
            Component(key: "leaders", maximum: maximum { $0 == .survey(.leaders) }, points: row.leaders),
            Component(key: "sipas", maximum: maximum { $0 == .survey(.citizens) }, points: row.sipas),
        ]
    }
}
