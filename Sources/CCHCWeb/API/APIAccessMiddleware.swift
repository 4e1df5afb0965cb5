import CCHCCore
import HTTPTypes
import OpenAPIRuntime
import Vapor

/// Who may call each API operation, by its operationId in openapi.yaml. An operation missing here is
/// refused (and a test checks that every operation in the document has an entry).
enum APIAccessPolicy {
    static let operations: [String: Access] = [
        "createToken": .everyone,
        "listTokens": .signedIn,
        "revokeToken": .signedIn,
        "getCurrentUser": .signedIn,
        "getNotificationPreferences": .signedIn,
        "setNotificationPreferences": .signedIn,
        "exportMyData": .signedIn,
        "listUsers": .permission(.viewUsers),
        "createUser": .permission(.manageUsers),
        "listUnits": .permission(.viewUnits),
        "getUnitTree": .permission(.viewUnits),
        "getUnit": .permission(.viewUnits),
        "createUnit": .permission(.manageUnits),
        "updateUnit": .permission(.manageUnits),
        "closeUnit": .permission(.manageUnits),
        "getCalendarYear": .signedIn,
        "getDeadline": .signedIn,
        "listProcedures": .everyone,
        "getProcedure": .everyone,
        "recordProcedurePublication": .permission(.manageProcedures),
        "getProvinceSettings": .permission(.viewSettings),
        "createProvinceSettingsVersion": .permission(.manageSettings),
        "getNotificationTemplates": .permission(.viewSettings),
        "createNotificationTemplatesVersion": .permission(.manageSettings),
        // Who may do what to which dossier is the state machine's and DossierAccess's business.
        "listDossiers": .signedIn,
        "createDossier": .signedIn,
        "getDossier": .signedIn,
        "actOnDossier": .signedIn,
        "recordDossierServiceData": .signedIn,
        "lookUpDossier": .everyone,
        "rateDossier": .everyone,
        // Scores and rankings are published, as DVCQG publishes them; the dossiers behind them are not.
        "getServiceIndex": .everyone,
        "getServiceIndexRankings": .everyone,
        "listIndicatorDossiers": .permission(.viewDossiers),
        "listAtRiskDossiers": .permission(.viewDossiers),
        // Anyone may send feedback and follow it by its PIN; which items an officer sees is the feedback policy's business.
        "submitFeedback": .everyone,
        "lookUpFeedback": .everyone,
        "actOnFeedbackAsSender": .everyone,
        "listPublishedFeedback": .everyone,
        "listFeedback": .permission(.viewDossiers),
        "getFeedback": .permission(.viewDossiers),
        "getFeedbackAttachment": .permission(.viewDossiers),
        "actOnFeedback": .permission(.viewDossiers),
        "getFeedbackRules": .permission(.viewSettings),
        "createFeedbackRulesVersion": .permission(.manageSettings),
        // Surveys: an invitation's token is its own key; which units an officer keys ballots in for is the service's business.
        "getQuestionnaires": .permission(.viewSurveys),
        "createQuestionnaireVersion": .permission(.manageSurveys),
        "listSurveyCampaigns": .permission(.viewSurveys),
        "openSurveyCampaign": .permission(.manageSurveys),
        "getSurveyCampaign": .permission(.viewSurveys),
        "closeSurveyCampaign": .permission(.manageSurveys),
        "listSurveyInvitations": .permission(.manageSurveys),
        "getSurveyResults": .permission(.viewSurveys),
        "recordSurveyBallot": .permission(.viewSurveys),
        "getSurveyByToken": .everyone,
        "answerSurvey": .everyone,
        // Dialogues and tasks: which units a caller records for, reads and reports done is the services' business.
        "listDialogues": .permission(.viewDialogues),
        "recordDialogue": .permission(.recordDialogues),
        "getDialogue": .permission(.viewDialogues),
        "amendDialogue": .permission(.recordDialogues),
        "listTasks": .permission(.viewDialogues),
        "getTask": .permission(.viewDialogues),
        "completeTask": .permission(.recordDialogues),
        // The PAR Index: which unit's assessment a caller reads or acts on, and when, is ParPolicy's and ParService's business.
        "listParCriteria": .permission(.viewPar),
        "loadParCriteria": .permission(.managePar),
        "getParCriteria": .permission(.viewPar),
        "listParCampaigns": .permission(.viewPar),
        "openParCampaign": .permission(.managePar),
        "advanceParCampaign": .permission(.managePar),
        "getParResults": .permission(.viewPar),
        "getParAssessment": .permission(.viewPar),
        "scoreParItems": .permission(.viewPar),
        "submitParAssessment": .permission(.viewPar),
        "finishParAppraisal": .permission(.viewPar),
        "confirmParAssessment": .permission(.viewPar),
        "appraiseParItem": .permission(.viewPar),
        "answerParItem": .permission(.viewPar),
        "fillParItem": .permission(.viewPar),
        "getParEvidence": .permission(.viewPar),
        "getParNationalStanding": .permission(.viewPar),
        "importParNationalTable": .permission(.managePar),
        // Plans: which task a unit reports on is the plan service's business (the lead unit's reach).
        "listPlans": .permission(.viewPlans),
        "recordPlan": .permission(.managePlans),
        "getPlan": .permission(.viewPlans),
        "addPlanTask": .permission(.managePlans),
        "reportTaskProgress": .permission(.recordDialogues),
        "reviewPlanTask": .permission(.managePlans),
        "listComplianceRequirements": .permission(.viewPlans),
        "createComplianceRequirement": .permission(.managePlans),
        "getComplianceRequirement": .permission(.viewPlans),
        "answerComplianceRequirement": .permission(.recordDialogues),
        "getReportSchedule": .permission(.viewReports),
        "proposeReportSchedule": .permission(.managePlans),
        "listReports": .permission(.viewReports),
        "draftReport": .permission(.prepareReports),
        "getReport": .permission(.viewReports),
        "editReport": .permission(.prepareReports),
        "refreshReport": .permission(.prepareReports),
        "approveReport": .permission(.approveReports),
        "reopenReport": .permission(.approveReports),
        "submitReport": .permission(.prepareReports),
        "getSteeringCommittee": .permission(.viewPlans),
        "recordSteeringCommittee": .permission(.managePlans),
        "recordSteeringMeeting": .permission(.managePlans),
        "getSteeringMeeting": .permission(.viewPlans),
        "concludeSteeringMeeting": .permission(.managePlans),
        "listInspections": .permission(.viewPlans),
        "planInspection": .permission(.managePlans),
        "getInspection": .permission(.viewPlans),
        "recordInspectionVisit": .permission(.managePlans),
        "listInitiatives": .permission(.viewPlans),
        // A unit's leader for its unit, reform staff for any (`InitiativeService.register`).
        "registerInitiative": .permission(.viewPlans),
        "getInitiative": .permission(.viewPlans),
        "updateInitiative": .permission(.managePlans),
    ]
}

/// Authenticates the bearer token, then applies `APIAccessPolicy`: 401 without a usable token, 403 for a
/// user whose role lacks the permission.
struct APIAccessMiddleware: ServerMiddleware {
    /// Last-used times are written at most this often per token.
    static let touchInterval: TimeInterval = 60

    func intercept(
        _ request: HTTPTypes.HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPTypes.HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPTypes.HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPTypes.HTTPResponse, HTTPBody?) {
        let vaporRequest = try APIRequestContext.current()
        guard let access = APIAccessPolicy.operations[operationID] else {
            throw DomainError(.forbidden, "auth.forbidden")
        }
        if case .everyone = access {
        } else {
            try await authenticate(vaporRequest)
            guard access.allows(vaporRequest.currentUser) else { throw DomainError(.forbidden, "auth.forbidden") }
        }
        // Who the caller is comes first (401, 403), then what they sent (400).
        let problems = APIQueryParameters.problems(operationID: operationID, path: request.path ?? "")
        if !problems.isEmpty { throw Problem.malformed(problems) }
        return try await next(request, body, metadata)
    }

    private func authenticate(_ request: Request) async throws {
        guard let bearer = request.headers.bearerAuthorization?.token, !bearer.isEmpty else {
            throw DomainError(.unauthenticated, "auth.token_required")
        }
        let now = request.now
        guard let (token, user) = try await request.store.apiTokens.find(token: bearer, now: now),
            user.isActive, request.config.demoMode || !user.isDemo
        else { throw DomainError(.unauthenticated, "auth.token_invalid") }
        request.authenticated = AuthenticatedUser(user: user, credential: .apiToken(token))
        if now.timeIntervalSince(token.lastUsedAt ?? .distantPast) > Self.touchInterval {
            try await request.store.apiTokens.touch(id: token.id, now: now)
        }
    }
}
