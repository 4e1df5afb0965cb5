import CCHCCore
import Vapor
import WorkCalendar

/// Account administration: the user list (administrators see everyone, unit leaders their subtree),
/// creating accounts, changing role, unit and status, resetting passwords.
struct UsersController {
    func register(_ routes: any RoutesBuilder) {
        let viewers = routes.access(.permission(.viewUsers))
        let managers = routes.access(.permission(.manageUsers))
        viewers.get("users", use: index)
        managers.get("users", "new", use: newForm)
        managers.post("users", use: create)
        managers.get("users", ":id", use: editForm)
        managers.post("users", ":id", use: update)
        managers.post("users", ":id", "password", use: resetPassword)
        managers.post("users", ":id", "two-factor", "remove", use: removeTwoFactor)
    }

    struct UserRow: Encodable {
        var id: String
        var username: String
        var fullName: String
        var roleName: String
        var unitName: String?
        var unitCode: String?
        /// Roles beyond the main one, in words ("Chuyên viên xử lý, Xã A").
        var otherRoles: [String]
        var isActive: Bool
        var isDemo: Bool
    }

    /// One row of the "other roles" inputs: `grants.N.role` and `grants.N.unitCode`, as the domain names them.
    struct GrantRow: Encodable {
        var index: Int
        var number: Int
        var roles: [SelectOption]
        var units: [SelectOption]
        var roleError: String?
        var unitError: String?
    }

    /// Rows for every role an account may hold beyond its main one.
    static let extraGrantRows = AccountRules.maximumGrants - 1

    static func grantRows(_ form: FormState, tree: UnitTree, request: Request) -> [GrantRow] {
        (0..<extraGrantRows).map { index in
            let role = form.values["grants.\(index).role"] ?? ""
            return GrantRow(
                index: index, number: index + 1,
                roles: [SelectOption(value: "", label: "—", selected: role.isEmpty)]
                    + Role.allCases.filter { $0 != .citizen }.map {
                        SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0.rawValue == role)
                    },
                units: request.unitOptions(tree, selected: form.values["grants.\(index).unitCode"], today: VietnamTime.localDate(of: request.now)),
                roleError: form.errors["grants.\(index).role"], unitError: form.errors["grants.\(index).unitCode"])
        }
    }

    static let grantFields = (0..<extraGrantRows).flatMap { ["grants.\($0).role", "grants.\($0).unitCode"] }

    /// The other roles typed, or the field errors of those that are not roles.
    static func grants(_ values: [String: String]) throws -> [GrantInput] {
        var grants: [GrantInput] = []
        var errors: [FieldError] = []
        for index in 0..<extraGrantRows {
            let text = values["grants.\(index).role"] ?? ""
            guard !text.isEmpty else { continue }
            guard let role = Role(rawValue: text) else {
                errors.append(FieldError("grants.\(index).role", "error.invalid_value"))
                continue
            }
            let unit = values["grants.\(index).unitCode"] ?? ""
            grants.append(GrantInput(role, unitCode: unit.isEmpty ? nil : unit))
        }
        try errors.throwIfAny()
        return grants
    }

    struct IndexPage: Encodable {
        var q: String
        var roles: [SelectOption]
        var units: [SelectOption]
        var rows: [UserRow]
        var nextHref: String?
        var canManage: Bool
        var scopeNote: String?
    }

    func index(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let tree = try await request.store.units.tree()
        let today = VietnamTime.localDate(of: request.now)
        let q = request.query[String.self, at: "q"] ?? ""
        let roleText = request.query[String.self, at: "role"] ?? ""
        let unitText = request.query[String.self, at: "unit"] ?? ""
        var query = UserQuery(text: q, role: Role(rawValue: roleText), cursor: request.query[String.self, at: "cursor"], limit: 100)
        query.unitIDs = try UserScope.unitIDs(for: user, filterCode: unitText, tree: tree)
        let result = try await request.store.users.list(query)
        let page = IndexPage(
            q: q,
            roles: [SelectOption(value: "", label: request.t("users.filter.all_roles"), selected: roleText.isEmpty)]
                + Role.allCases.map { SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0.rawValue == roleText) },
            units: request.unitOptions(tree, selected: unitText, today: today).map {
                $0.value.isEmpty ? SelectOption(value: "", label: request.t("users.filter.all_units"), selected: $0.selected) : $0
            },
            rows: result.items.map { Self.row($0, tree: tree, request: request) },
            nextHref: result.nextCursor.map {
                "/users?q=\(Request.percentEncoded(q))&role=\(roleText)&unit=\(Request.percentEncoded(unitText))&cursor=\($0)"
            },
            canManage: user.can(.manageUsers),
            scopeNote: user.reachedUnits(for: .viewUsers, in: tree) == nil ? nil : request.t("users.scope_note"))
        return try await request.render("users/index", title: request.t("users.title"), page)
    }

    static func row(_ user: User, tree: UnitTree, request: Request) -> UserRow {
        let unit = user.unitID.flatMap(tree.unit(id:))
        return UserRow(
            id: user.id.uuidString, username: user.username, fullName: user.fullName, roleName: request.t(user.role.messageKey),
            unitName: unit?.name, unitCode: unit?.code,
            otherRoles: request.otherRoles(of: user, tree: tree),
            isActive: user.isActive, isDemo: user.isDemo)
    }

    // MARK: - Create

    struct NewPage: Encodable {
        var form: FormState
        var roles: [SelectOption]
        var units: [SelectOption]
        var grants: [GrantRow]
    }

    func newForm(_ request: Request) async throws -> Response {
        try await renderNew(request, FormState(values: ["role": Role.specialist.rawValue]))
    }

    func create(_ request: Request) async throws -> Response {
        let actor = try request.requireUser()
        var form = FormState(values: request.formValues(["username", "fullName", "role", "unitCode"] + Self.grantFields))
        let password = request.field("password")
        let confirmation = request.field("passwordConfirmation")
        let values = form.values
        guard let role = Role(rawValue: values["role"] ?? "") else {
            form.add("role", "error.invalid_value", request)
            return try await renderNew(request, form, status: .unprocessableEntity)
        }
        if password != confirmation { form.add("passwordConfirmation", "user.password.mismatch", request) }
        var status: HTTPStatus = .unprocessableEntity
        if !form.hasErrors {
            do {
                let user = try await request.userAccounts.create(
                    NewUser(
                        username: values["username"] ?? "", fullName: values["fullName"] ?? "", role: role,
                        unitCode: values["unitCode"], additionalGrants: try Self.grants(values), password: password),
                    actor: actor, address: request.clientAddress, now: request.now)
                return request.redirect(to: "/users/\(user.id)", flash: "flash.user_created", ["username": user.username])
            } catch let error as DomainError {
                form.show(error, request)
                status = Problem(error).status
            }
        }
        return try await renderNew(request, form, status: status)
    }

    private func renderNew(_ request: Request, _ form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let tree = try await request.store.units.tree()
        let page = NewPage(
            form: form,
            roles: Role.allCases.map { SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0.rawValue == form.values["role"]) },
            units: request.unitOptions(tree, selected: form.values["unitCode"], today: VietnamTime.localDate(of: request.now)),
            grants: Self.grantRows(form, tree: tree, request: request))
        return try await request.render("users/new", title: request.t("users.new.title"), page, status: status)
    }

    // MARK: - Edit

    struct EditPage: Encodable {
        var user: UserRow
        var form: FormState
        var passwordForm: FormState
        var roles: [SelectOption]
        var units: [SelectOption]
        var grants: [GrantRow]
        var isSelf: Bool
        /// The account signs in with a code from an authenticator app.
        var twoFactor: Bool
    }

    func editForm(_ request: Request) async throws -> Response {
        let user = try await Self.user(request)
        let tree = try await request.store.units.tree()
        return try await renderEdit(request, user: user, tree: tree, form: Self.formState(user, tree: tree), passwordForm: FormState())
    }

    func update(_ request: Request) async throws -> Response {
        let actor = try request.requireUser()
        let user = try await Self.user(request)
        var form = FormState(values: request.formValues(["fullName", "role", "unitCode", "version"] + Self.grantFields))
        form.values["isActive"] = request.field("isActive") == "on" ? "on" : ""
        let values = form.values
        var status: HTTPStatus = .unprocessableEntity
        if let role = Role(rawValue: values["role"] ?? "") {
            do {
                let changes = UserChanges(
                    fullName: values["fullName"], role: role, unitCode: .some(values["unitCode"].flatMap { $0.isEmpty ? nil : $0 }),
                    additionalGrants: try Self.grants(values), isActive: values["isActive"] == "on")
                let saved = try await request.userAccounts.update(
                    userID: user.id, expectedVersion: Int(values["version"] ?? "") ?? 0, changes: changes, actor: actor,
                    address: request.clientAddress, now: request.now)
                return request.redirect(to: "/users/\(saved.id)", flash: "flash.user_saved", ["username": saved.username])
            } catch let error as DomainError {
                form.show(error, request)
                status = Problem(error).status
            }
        } else {
            form.add("role", "error.invalid_value", request)
        }
        let tree = try await request.store.units.tree()
        return try await renderEdit(request, user: user, tree: tree, form: form, passwordForm: FormState(), status: status)
    }

    func resetPassword(_ request: Request) async throws -> Response {
        let actor = try request.requireUser()
        let user = try await Self.user(request)
        var passwordForm = FormState()
        let password = request.field("newPassword")
        let confirmation = request.field("newPasswordConfirmation")
        if password != confirmation {
            passwordForm.add("newPasswordConfirmation", "user.password.mismatch", request)
        } else {
            do {
                try await request.userAccounts.resetPassword(
                    userID: user.id, newPassword: password, actor: actor, address: request.clientAddress, now: request.now)
                return request.redirect(to: "/users/\(user.id)", flash: "flash.password_reset", ["username": user.username])
            } catch let error as DomainError {
                // The policy names the field `password`; this form calls it `newPassword`.
                let renamed = DomainError(
                    error.kind, error.code, arguments: error.arguments,
                    fields: error.fields.map {
                        FieldError($0.field == "password" ? "newPassword" : $0.field, $0.code, $0.arguments)
                    })
                passwordForm.show(renamed, request)
            }
        }
        let tree = try await request.store.units.tree()
        return try await renderEdit(
            request, user: user, tree: tree, form: Self.formState(user, tree: tree), passwordForm: passwordForm, status: .unprocessableEntity)
    }

    private func renderEdit(
        _ request: Request, user: User, tree: UnitTree, form: FormState, passwordForm: FormState, status: HTTPStatus = .ok
    ) async throws -> Response {
        let page = EditPage(
            user: Self.row(user, tree: tree, request: request), form: form, passwordForm: passwordForm,
            roles: Role.allCases.map { SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0.rawValue == form.values["role"]) },
            units: request.unitOptions(tree, selected: form.values["unitCode"], today: VietnamTime.localDate(of: request.now)),
            grants: Self.grantRows(form, tree: tree, request: request), isSelf: request.currentUser?.id == user.id,
            twoFactor: try await request.twoFactor.isEnabled(for: user.id))
        return try await request.render("users/edit", title: user.fullName, page, status: status)
    }

    /// For a lost phone: the account signs in with its password alone until its owner sets up a new app (or,
    /// an administrator where the province requires it, at the next sign-in). Recorded with who did it.
    func removeTwoFactor(_ request: Request) async throws -> Response {
        let actor = try request.requireUser()
        let user = try await Self.user(request)
        try await request.twoFactor.remove(for: user, actor: actor, address: request.clientAddress, now: request.now)
        return request.redirect(to: "/users/\(user.id)", flash: "flash.two_factor_removed")
    }

    static func formState(_ user: User, tree: UnitTree) -> FormState {
        var values = [
            "fullName": user.fullName, "role": user.role.rawValue,
            "unitCode": user.unitID.flatMap { tree.unit(id: $0)?.code } ?? "", "version": String(user.version),
            "isActive": user.isActive ? "on" : "",
        ]
        for (index, grant) in user.additionalGrants.enumerated() {
            values["grants.\(index).role"] = grant.role.rawValue
            values["grants.\(index).unitCode"] = grant.unitID.flatMap { tree.unit(id: $0)?.code } ?? ""
        }
        return FormState(values: values)
    }

    static func user(_ request: Request) async throws -> User {
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let user = try await request.store.users.find(id: id)
        else { throw DomainError.notFound("user.not_found") }
        return user
    }
}

/// Which units' users a viewer may list: everything for province-wide roles, the own subtree otherwise;
/// narrowed by an optional unit filter (which must lie inside that reach).
enum UserScope {
    static func unitIDs(for viewer: User, filterCode: String?, tree: UnitTree) throws -> Set<UUID>? {
        guard let filterCode, !filterCode.isEmpty else { return viewer.reachedUnits(for: .viewUsers, in: tree) }
        guard let unit = tree.unit(code: UnitCode.normalize(filterCode)) else {
            throw DomainError.validation([FieldError("unit", "unit.reference.not_found", ["code": filterCode])])
        }
        return try tree.reachable(unit, by: viewer, for: .viewUsers)
    }
}
