import CCHCCore
import Vapor

extension APIAuthorizationWalkTests {
    /// The PAR Index: the calls reach no campaign (404) or are refused for their content (422) once the access rule lets the caller
    /// in; which unit's assessment a caller may read or act on, and when, is ParIndexPagesTests' and ParIndexAPITests'.
    static let parEntries: [String: Entry] = {
        let unit = "/api/v1/par/campaigns/CCHC-0000-XX/units/X"
        let notFound: @Sendable (World, User?, Bool) -> Expectation = { _, _, _ in .status(.notFound) }
        func post(_ path: String, _ body: String) -> Entry {
            Entry(call: { _, _, _ in Call(method: .POST, path: path, body: body) }, object: notFound)
        }
        return [
            "listParCriteria": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/par/criteria") }, object: { _, _, _ in .status(.ok) }),
            "loadParCriteria": Entry(
                call: { _, _, _ in
                    Call(
                        method: .POST, path: "/api/v1/par/criteria",
                        body:
                            #"{"set":{"year":2026,"level":"department","title":"","decision":"","fields":[],"grades":[],"cohorts":[]},"reason":"","expectedLatest":0}"#
                    )
                }, object: { _, _, _ in .status(.unprocessableEntity) }),
            "getParCriteria": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/par/criteria/2026/department/1") }, object: notFound),
            "listParCampaigns": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/par/campaigns") }, object: { _, _, _ in .status(.ok) }),
            "openParCampaign": Entry(
                call: { _, _, _ in
                    Call(
                        method: .POST, path: "/api/v1/par/campaigns",
                        body:
                            #"{"year":2026,"level":"department","title":"","selfAssessmentDue":"2026-12-15","appraisalDue":"2027-01-15","reviewDue":"2027-01-31","publishOn":"2027-02-15"}"#
                    )
                }, object: { _, _, _ in .status(.unprocessableEntity) }),
            "advanceParCampaign": post("/api/v1/par/campaigns/CCHC-0000-XX/advance", #"{"version":1}"#),
            "getParResults": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/par/campaigns/CCHC-0000-XX/results") }, object: notFound),
            "getParAssessment": Entry(call: { _, _, _ in Call(method: .GET, path: unit) }, object: notFound),
            "scoreParItems": post(unit + "/scores", #"{"version":1,"items":{}}"#),
            "submitParAssessment": post(unit + "/submit", #"{"version":1}"#),
            "finishParAppraisal": post(unit + "/finish", #"{"version":1}"#),
            "confirmParAssessment": post(unit + "/confirm", #"{"version":1}"#),
            "appraiseParItem": post(unit + "/items/1.1/appraisal", #"{"version":1,"decision":"accept"}"#),
            "answerParItem": post(unit + "/items/1.1/answer", #"{"version":1}"#),
            "fillParItem": post(unit + "/items/1.1/figure", #"{"version":1,"value":1,"source":"x"}"#),
            "getParEvidence": Entry(
                call: { _, _, _ in Call(method: .GET, path: unit + "/files/6f1c2d3e-0000-4000-8000-000000000001") }, object: notFound),
            "getParNationalStanding": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/par/national/2023") }, object: notFound),
            "importParNationalTable": Entry(
                call: { _, _, _ in Call(method: .PUT, path: "/api/v1/par/national/2023", body: #"{"rows":[]}"#) },
                object: { _, _, _ in .status(.unprocessableEntity) }),
        ]
    }()

    /// Plans: the calls reach no plan or task (404) or are refused for their content (422) once the access rule lets the caller in;
    /// whose tasks a unit reports on is PlanPagesTests'.
    static let planEntries: [String: Entry] = [
        "listPlans": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/plans") }, object: { _, _, _ in .status(.ok) }),
        "recordPlan": Entry(
            call: { _, _, _ in
                Call(
                    method: .POST, path: "/api/v1/plans",
                    body: #"{"kind":"annual","title":"","number":"","signedOn":"2026-01-05","signer":"","unitCode":"","fromYear":2026,"toYear":2025}"#)
            }, object: { _, _, _ in .status(.unprocessableEntity) }),
        "getPlan": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/plans/KH-0000-000") }, object: { _, _, _ in .status(.notFound) }),
        "addPlanTask": Entry(
            call: { _, _, _ in Call(method: .POST, path: "/api/v1/plans/KH-0000-000/tasks", body: #"{"title":"x","leadUnitCode":"x","dueOn":"2026-12-31"}"#) },
            object: { _, _, _ in .status(.notFound) }),
        "reportTaskProgress": Entry(
            call: { _, _, _ in Call(method: .POST, path: "/api/v1/tasks/NV-000000-0000/progress", body: #"{"version":1,"progress":50}"#) },
            object: { _, _, _ in .status(.notFound) }),
        "reviewPlanTask": Entry(
            call: { _, _, _ in Call(method: .POST, path: "/api/v1/tasks/NV-000000-0000/review", body: #"{"version":1,"decision":"confirm"}"#) },
            object: { _, _, _ in .status(.notFound) }),
        "listComplianceRequirements": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/compliance") }, object: { _, _, _ in .status(.ok) }),
        "createComplianceRequirement": Entry(
            call: { _, _, _ in Call(method: .POST, path: "/api/v1/compliance", body: #"{"title":"","dueOn":"2026-12-31","audience":"departments"}"#) },
            object: { _, _, _ in .status(.unprocessableEntity) }),
        "getComplianceRequirement": Entry(
            call: { _, _, _ in Call(method: .GET, path: "/api/v1/compliance/YC-0000-000") }, object: { _, _, _ in .status(.notFound) }),
        "answerComplianceRequirement": Entry(
            call: { _, _, _ in
                Call(method: .POST, path: "/api/v1/compliance/YC-0000-000/answers", body: #"{"version":1,"unitCode":"x","done":true,"note":"x"}"#)
            }, object: { _, _, _ in .status(.notFound) }),
    ]

    /// Periodic reports: the calls reach no report (404) or are refused for their content (422) once the access rule lets the
    /// caller in; whose report a unit drafts, approves and sends is ReportPagesTests'.
    static let reportEntries: [String: Entry] = {
        let notFound: @Sendable (World, User?, Bool) -> Expectation = { _, _, _ in .status(.notFound) }
        func post(_ action: String) -> Entry {
            Entry(call: { _, _, _ in Call(method: .POST, path: "/api/v1/reports/BC-0000-000/\(action)", body: #"{"version":1}"#) }, object: notFound)
        }
        return [
            "getReportSchedule": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/report-schedule") }, object: { _, _, _ in .status(.ok) }),
            "proposeReportSchedule": Entry(
                call: { _, _, _ in
                    Call(
                        method: .POST, path: "/api/v1/report-schedule",
                        body: #"{"effectiveFrom":"2027-01-01","reason":"","expectedLatestVersion":1,"schedule":{"periods":[],"outline":[]}}"#)
                }, object: { _, _, _ in .status(.unprocessableEntity) }),
            "listReports": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/reports") }, object: { _, _, _ in .status(.ok) }),
            "draftReport": Entry(
                call: { _, _, _ in Call(method: .POST, path: "/api/v1/reports", body: #"{"unitCode":"NOPE","year":2026,"period":"Q9"}"#) },
                object: { _, _, _ in .status(.unprocessableEntity) }),
            "getReport": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/reports/BC-0000-000") }, object: notFound),
            "editReport": Entry(call: { _, _, _ in Call(method: .PUT, path: "/api/v1/reports/BC-0000-000", body: #"{"version":1}"#) }, object: notFound),
            "refreshReport": post("refresh"), "approveReport": post("approve"), "reopenReport": post("reopen"), "submitReport": post("submit"),
        ]
    }()

    /// The steering committee: the calls reach no meeting (404) or are refused for their content (422) once the access rule lets
    /// the caller in; SteeringTests has the rest.
    static let steeringEntries: [String: Entry] = [
        "getSteeringCommittee": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/steering") }, object: { _, _, _ in .status(.ok) }),
        "recordSteeringCommittee": Entry(
            call: { _, _, _ in Call(method: .POST, path: "/api/v1/steering/committees", body: #"{"decision":"","signedOn":"2026-01-05","members":[]}"#) },
            object: { _, _, _ in .status(.unprocessableEntity) }),
        "recordSteeringMeeting": Entry(
            call: { _, _, _ in
                Call(method: .POST, path: "/api/v1/steering/meetings", body: #"{"title":"","heldOn":"2026-01-05","place":"","chair":"","agenda":[]}"#)
            }, object: { _, _, _ in .status(.unprocessableEntity) }),
        "getSteeringMeeting": Entry(
            call: { _, _, _ in Call(method: .GET, path: "/api/v1/steering/meetings/HOP-0000-000") }, object: { _, _, _ in .status(.notFound) }),
        "concludeSteeringMeeting": Entry(
            call: { _, _, _ in
                Call(
                    method: .POST, path: "/api/v1/steering/meetings/HOP-0000-000/conclusion",
                    body: #"{"version":1,"noticeNumber":"x","noticeOn":"2026-01-05","directives":[]}"#)
            }, object: { _, _, _ in .status(.notFound) }),
        "listInspections": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/inspections") }, object: { _, _, _ in .status(.ok) }),
        "planInspection": Entry(
            call: { _, _, _ in
                Call(
                    method: .POST, path: "/api/v1/inspections",
                    body: #"{"title":"","decision":"","signedOn":"2026-01-05","team":[],"checklist":[],"visits":[]}"#)
            }, object: { _, _, _ in .status(.unprocessableEntity) }),
        "getInspection": Entry(
            call: { _, _, _ in Call(method: .GET, path: "/api/v1/inspections/KT-0000-000") }, object: { _, _, _ in .status(.notFound) }),
        "recordInspectionVisit": Entry(
            call: { _, _, _ in
                Call(
                    method: .POST, path: "/api/v1/inspections/KT-0000-000/visits",
                    body: #"{"version":1,"unitCode":"X","visitedOn":"2026-01-05","results":[]}"#)
            }, object: { _, _, _ in .status(.notFound) }),
        "listInitiatives": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/initiatives") }, object: { _, _, _ in .status(.ok) }),
        "registerInitiative": Entry(
            call: { _, _, _ in Call(method: .POST, path: "/api/v1/initiatives", body: #"{"kind":"model","title":"","unitCode":"NOPE","year":2026}"#) },
            object: { _, caller, _ in
                // Only those who record for a unit or manage plans may register; the others reach the rule's 403.
                (caller?.can(.recordDialogues) ?? false) || (caller?.can(.managePlans) ?? false) ? .status(.unprocessableEntity) : .status(.forbidden)
            }),
        "getInitiative": Entry(
            call: { _, _, _ in Call(method: .GET, path: "/api/v1/initiatives/SK-0000-000") }, object: { _, _, _ in .status(.notFound) }),
        "updateInitiative": Entry(
            call: { _, _, _ in Call(method: .PUT, path: "/api/v1/initiatives/SK-0000-000", body: #"{"version":1,"status":"applied"}"#) },
            object: { _, _, _ in .status(.notFound) }),
    ]
}
