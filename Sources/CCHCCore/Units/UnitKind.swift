/// What sort of body a unit is. Identifiers are what the API, CSV files and the CLI use.
public enum UnitKind: String, CaseIterable, Codable, Sendable {
    /// Tỉnh (or thành phố trực thuộc trung ương): the root of a tree.
    case province
    /// Sở, ban, ngành and their sub-departments (chi cục).
    case department
    /// Xã.
    case commune
    /// Phường.
    case ward
    /// Đặc khu.
    case specialZone = "special_zone"
    /// Huyện, thị xã, thành phố thuộc tỉnh: abolished on 1/7/2025, kept for older data.
    case district
    /// Trung tâm Phục vụ hành chính công; provincial or commune level, depending on its parent.
    case serviceCenter = "service_center"
    /// Điểm tiếp nhận hồ sơ, attached to a service centre or a commune.
    case receptionPoint = "reception_point"
    /// Ngành dọc: tax, police, social insurance... organised by the ministry, present in the province.
    case verticalAgency = "vertical_agency"

    /// The administrative level a unit of this kind sits at.
    public var level: UnitLevel {
        switch self {
        case .province, .department, .verticalAgency: .province
        case .district: .district
        case .commune, .ward, .specialZone: .commune
        case .serviceCenter, .receptionPoint: .serviceDesk
        }
    }

    /// Kinds a unit of this kind may hang under; empty for a root.
    public var allowedParentKinds: Set<UnitKind> {
        switch self {
        case .province: []
        case .department: [.province, .department]
        case .district: [.province]
        case .commune, .ward, .specialZone: [.province, .district]
        case .serviceCenter: [.province, .district, .commune, .ward, .specialZone]
        case .receptionPoint: [.serviceCenter, .commune, .ward, .specialZone]
        case .verticalAgency: [.province, .verticalAgency]
        }
    }

    /// Message key of the Vietnamese / English name.
    public var messageKey: String { "unit.kind.\(rawValue)" }
}

public enum UnitLevel: String, Sendable {
    case province, district, commune
    /// Service centres and reception points take their level from their parent.
    case serviceDesk = "service_desk"
}
