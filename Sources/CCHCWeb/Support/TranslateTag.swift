import Leaf
import Vapor

/// `#t("key")` in a template: the UI string in the reader's language. Extra parameters come in pairs,
/// name then value: `#t("units.count_found", "count", page.total)`.
struct TranslateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string else {
            throw Abort(.internalServerError, reason: "#t() needs a message key")
        }
        guard let request = ctx.request else { return .string(key) }
        var arguments: [String: String] = [:]
        var rest = ctx.parameters.dropFirst()
        while let name = rest.popFirst()?.string, let value = rest.popFirst() {
            arguments[name] = value.string ?? ""
        }
        return .string(request.t(key, arguments))
    }
}
