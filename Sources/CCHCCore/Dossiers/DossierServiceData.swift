import Foundation

/// What the service index asks of a dossier beyond its life at the desk (DOMAIN.md §4): whether it reached
/// the national portal, how its papers came (scanned at the desk, reused from digitised data, taken from the
/// citizen's data store), whether the applicant was checked against the population database, whether the
/// fee was paid online and the result issued electronically. Staff record it on the dossier page; an
/// integration sets it through the API (`PUT /api/v1/dossiers/{code}/service-data`). Each change is an event.
public struct DossierServiceData: Codable, Equatable, Sendable {
    /// Đồng bộ lên Cổng DVCQG (1.4).
    public var syncedToPortal: Bool
    /// Thành phần hồ sơ được scan, số hóa tại Bộ phận Một cửa (4.2).
    public var scannedAtDesk: Bool
    /// Tái sử dụng dữ liệu đã số hóa (4.3).
    public var reusedData: Bool
    /// Lấy từ kho dữ liệu cá nhân trên DVCQG (4.4).
    public var fromDataStore: Bool
    /// Xác thực với CSDL quốc gia về dân cư (4.5).
    public var populationVerified: Bool
    /// Thanh toán trực tuyến (3.5, 3.6).
    public var paidOnline: Bool
    /// Kết quả điện tử (4.1).
    public var electronicResult: Bool

    public init(
        syncedToPortal: Bool = false, scannedAtDesk: Bool = false, reusedData: Bool = false, fromDataStore: Bool = false,
        populationVerified: Bool = false, paidOnline: Bool = false, electronicResult: Bool = false
    ) {
        self.syncedToPortal = syncedToPortal
        self.scannedAtDesk = scannedAtDesk
        self.reusedData = reusedData
        self.fromDataStore = fromDataStore
        self.populationVerified = populationVerified
        self.paidOnline = paidOnline
        self.electronicResult = electronicResult
    }

    public static let none = DossierServiceData()
}
