import CCHCCore
import Vapor

/// The fields of `DossierServiceData` by the names the form, the API and the messages use.
enum ServiceDataFields {
    static let names = ["syncedToPortal", "scannedAtDesk", "reusedData", "fromDataStore", "populationVerified", "paidOnline", "electronicResult"]

    static let keyPaths: [String: WritableKeyPath<DossierServiceData, Bool>] = [
        "syncedToPortal": \.syncedToPortal, "scannedAtDesk": \.scannedAtDesk, "reusedData": \.reusedData, "fromDataStore": \.fromDataStore,
        "populationVerified": \.populationVerified, "paidOnline": \.paidOnline, "electronicResult": \.electronicResult,
    ]

    /// The names of the fields set, in the form's order.
    static func recorded(_ data: DossierServiceData) -> [String] {
        names.filter { data[keyPath: keyPaths[$0]!] }
    }

    /// The data with the named fields set and the others not.
    static func data(setting names: Set<String>) -> DossierServiceData {
        var data = DossierServiceData.none
        for (name, path) in keyPaths where names.contains(name) { data[keyPath: path] = true }
        return data
    }

    struct Checkbox: Encodable {
        var name: String
        var label: String
        var checked: Bool
    }

    static func checkboxes(_ data: DossierServiceData, _ request: Request) -> [Checkbox] {
        names.map { Checkbox(name: $0, label: request.t("service_data.\($0)"), checked: data[keyPath: keyPaths[$0]!]) }
    }
}
