import CCHCCore
import Crypto
import Vapor

extension UploadForm {
    /// A file staged on an earlier try of the form, offered again (`kept<component>`) so that it is not
    /// uploaded twice.
    struct KeptFile: Encodable {
        var id: String
        var name: String

        init(_ file: StagedFile) {
            id = file.id.uuidString
            name = file.originalName
        }
    }

    /// Who uploads: the account, or for an anonymous visitor a hash of their form cookie, so that only the
    /// same browser can reuse a file it uploaded.
    static func owner(_ request: Request) -> String {
        if let user = request.currentUser { return user.username }
        return "anonymous:" + SHA256.hash(data: Data(request.csrfToken.utf8)).prefix(12).hexString
    }

    /// The form's files by component: the one uploaded now, or else the one kept from the last try (the
    /// same owner's, staged for the same component). A file refused now is not replaced by the kept one.
    func files(by fileFields: [String: Int], owner: String, storage: any FileStorage) async throws -> [Int: StagedFile] {
        var staged: [Int: StagedFile] = [:]
        for (name, file) in files { if let index = fileFields[name] { staged[index] = file } }
        for (name, index) in fileFields where staged[index] == nil && errors[name] == nil {
            if let kept = fields["kept\(index)"].flatMap(UUID.init(uuidString:)), let file = try await storage.staged(id: kept, owner: owner),
                file.componentIndex == index
            {
                staged[index] = file
            }
        }
        return staged
    }
}
