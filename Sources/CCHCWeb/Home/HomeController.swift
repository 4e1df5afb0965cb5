import CCHCCore
import Vapor
import WorkCalendar

/// The first page after login: who you are, your unit, the dossiers waiting for you, what the province's
/// tree holds, where to go next.
struct HomeController {
    func register(_ routes: any RoutesBuilder) {
        routes.access(.everyone).get(use: home)
    }

    struct HomePage: Encodable {
        struct Count: Encodable {
            var label: String
            var count: Int
        }

        struct Link: Encodable {
            var href: String
            var label: String
        }

        /// One queue of dossiers and how many are in it, so the day starts from what needs doing.
        struct Queue: Encodable {
            var href: String
            var label: String
            var count: Int
            var alert: Bool
        }

        var signedIn: Bool
        var fullName: String?
        var username: String?
        var roleName: String?
        var roleDescription: String?
        /// Roles held beyond the main one ("Chuyên viên xử lý, Phường Trung Tâm").
        var otherRoles: [String] = []
        var reach: String?
        var unitName: String?
        var unitCode: String?
        var today: String
        var counts: [Count]
        var links: [Link]
        var queues: [Queue] = []
        var queuesTitle: String?
        /// The steering committee's, reform staff's and unit heads' first sight of the service index.
        var serviceIndex: ServiceIndexSummary?
        var reminders: [Reminder] = []
    }

    /// Which counts the home page shows, grouping kinds the way reform reports do.
    static let countGroups: [(labelKey: String, kinds: [UnitKind])] = [
        ("home.count.departments", [.department]),
        ("home.count.vertical_agencies", [.verticalAgency]),
        ("home.count.communes", [.commune, .ward, .specialZone]),
        ("home.count.service_centers", [.serviceCenter]),
        ("home.count.reception_points", [.receptionPoint]),
    ]

    func home(_ request: Request) async throws -> Response {
        let today = VietnamTime.localDate(of: request.now)
        let byKind = try await request.store.units.countsByKind(asOf: today)
        let counts = Self.countGroups.map { group in
            HomePage.Count(label: request.t(group.labelKey), count: group.kinds.reduce(0) { $0 + (byKind[$1] ?? 0) })
        }
        var page = HomePage(signedIn: false, today: today.vietnameseFormat, counts: counts, links: [])
        if let user = request.currentUser {
            let unit = try await user.unitID.asyncMap { try await request.store.units.find(id: $0) } ?? nil
            page.signedIn = true
            page.fullName = user.fullName
            page.username = user.username
            page.roleName = request.t(user.role.messageKey)
            page.roleDescription = request.t("\(user.role.messageKey).description")
            if !user.additionalGrants.isEmpty { page.otherRoles = request.otherRoles(of: user, tree: try await request.store.units.tree()) }
            page.reach = request.t("role.reach.\(user.role.reach.rawValue)")
            page.unitName = unit?.name
            page.unitCode = unit?.code
            page.links = Navigation.entries.filter { $0.href != "/" && $0.access.allows(user) }
                .map { HomePage.Link(href: $0.href, label: request.t($0.labelKey)) }
            if user.can(.viewDossiers) || user.can(.fileOwnDossiers) {
                page.queues = try await Self.queues(of: user, request)
                // Those who act on dossiers see what waits for them; those who oversee see how things stand.
                page.queuesTitle = request.t(user.role == .citizen ? "my.title" : user.can(.handleDossiers) ? "home.queues" : "home.queues_overview")
            }
            page.reminders = try await Self.reminders(of: user, request)
            if [.steeringCommittee, .reformStaff, .unitLeader].contains(where: user.has) {
                page.serviceIndex = try await ServiceIndexSummary.make(for: user, request)
            }
        }
        return try await request.render("home/index", title: request.t("home.title"), page)
    }

    /// Staff see the counts of the queue page's tabs, for the same scope the queue page uses, with the
    /// late and nearly late marked; citizens see their own open dossiers, with what waits on them marked.
    static func queues(of user: User, _ request: Request) async throws -> [HomePage.Queue] {
        let citizen = user.role == .citizen
        let scope =
            citizen
            ? DossierQuery.Scope.citizen(user.id)
            : DossierAccess.scope(for: user, queue: .inProgress, tree: try await request.store.units.tree())
        let shown: [DossierQuery.Queue] =
            citizen
            ? [.awaitingAcceptance, .inProgress, .awaitingSupplement, .awaitingPayment, .readyToReturn]
            : DossierQuery.Queue.allCases
        let alerts: Set<DossierQuery.Queue> = citizen ? [.awaitingSupplement, .awaitingPayment] : [.overdue, .nearingDue]
        let counts = try await request.store.dossiers.counts(scope: scope)
        return shown.compactMap { queue in
            counts[queue].map { count in
                HomePage.Queue(
                    href: (citizen ? "/my/dossiers?queue=" : "/dossiers?queue=") + queue.rawValue, label: request.t(queue.messageKey),
                    count: count, alert: count > 0 && alerts.contains(queue))
            }
        }
    }
}
