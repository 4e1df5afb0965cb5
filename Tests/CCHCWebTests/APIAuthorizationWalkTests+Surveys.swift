import CCHCCore
import Vapor

extension APIAuthorizationWalkTests {
    /// Surveys (and the feedback deadlines): the calls reach no campaign (404) or are refused for their content (422) once the access
    /// rule lets the caller in; which units an officer keys ballots in for is SurveyPagesTests'.
    static let surveyEntries: [String: Entry] = [
        // The feedback deadlines: read with the settings, changed by administrators (a past day is a 422).
        "getFeedbackRules": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/feedback-rules") }, object: { _, _, _ in .status(.ok) }),
        "createFeedbackRulesVersion": Entry(
            call: { _, _, _ in
                Call(
                    method: .POST, path: "/api/v1/feedback-rules",
                    body:
                        #"{"effectiveFrom":"2026-01-01","reason":"","expectedLatestVersion":1,"acceptWithin":2,"askWithin":5,"answerWithin":15,"publishWithin":2}"#
                )
            }, object: { _, _, _ in .status(.unprocessableEntity) }),
        "getQuestionnaires": Entry(
            call: { _, _, _ in Call(method: .GET, path: "/api/v1/questionnaires/citizens") }, object: { _, _, _ in .status(.ok) }),
        "createQuestionnaireVersion": Entry(
            call: { _, _, _ in
                Call(
                    method: .POST, path: "/api/v1/questionnaires/leaders",
                    body:
                        #"{"effectiveFrom":"2026-11-24","reason":"","questionnaire":{"title":{"vi":"","en":""},"sections":[],"scale":[],"satisfiedLevels":[],"index":"mean_of_items","marginOfError":0.05}}"#
                )
            }, object: { _, _, _ in .status(.unprocessableEntity) }),
        "listSurveyCampaigns": Entry(
            call: { _, _, _ in Call(method: .GET, path: "/api/v1/survey-campaigns") }, object: { _, _, _ in .status(.ok) }),
        "openSurveyCampaign": Entry(
            call: { _, _, _ in
                Call(
                    method: .POST, path: "/api/v1/survey-campaigns",
                    body: #"{"title":"","audience":"citizens","periodFrom":"2026-01-01","periodTo":"2026-01-31","closesOn":"2026-12-31","units":[]}"#)
            }, object: { _, _, _ in .status(.unprocessableEntity) }),
        "getSurveyCampaign": Entry(
            call: { _, _, _ in Call(method: .GET, path: "/api/v1/survey-campaigns/KS-0000-000") }, object: { _, _, _ in .status(.notFound) }),
        "closeSurveyCampaign": Entry(
            call: { _, _, _ in Call(method: .POST, path: "/api/v1/survey-campaigns/KS-0000-000/close", body: #"{"version":1}"#) },
            object: { _, _, _ in .status(.notFound) }),
        "listSurveyInvitations": Entry(
            call: { _, _, _ in Call(method: .GET, path: "/api/v1/survey-campaigns/KS-0000-000/invitations") }, object: { _, _, _ in .status(.notFound) }),
        "getSurveyResults": Entry(
            call: { _, _, _ in Call(method: .GET, path: "/api/v1/survey-campaigns/KS-0000-000/results") }, object: { _, _, _ in .status(.notFound) }),
        "recordSurveyBallot": Entry(
            call: { _, _, _ in
                Call(method: .POST, path: "/api/v1/survey-campaigns/KS-0000-000/ballots", body: #"{"unit":"x","channel":"paper","answers":{}}"#)
            }, object: { _, _, _ in .status(.notFound) }),
        "getSurveyByToken": Entry(
            call: { _, _, _ in Call(method: .GET, path: "/api/v1/public/surveys/AAAAAAAAAAAAAAAA") }, object: { _, _, _ in .status(.notFound) }),
        "answerSurvey": Entry(
            call: { _, _, _ in Call(method: .POST, path: "/api/v1/public/surveys/AAAAAAAAAAAAAAAA", body: #"{"answers":{}}"#) },
            object: { _, _, _ in .status(.notFound) }),
    ]

    /// Dialogues and tasks: the calls reach no record (404) or are refused for their content (422) once the access rule lets the caller
    /// in; whose units a caller records for is DialogueTests'.
    static let dialogueEntries: [String: Entry] = [
        "listDialogues": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/dialogues?year=2026") }, object: { _, _, _ in .status(.ok) }),
        "recordDialogue": Entry(
            call: { _, _, _ in
                Call(
                    method: .POST, path: "/api/v1/dialogues",
                    body:
                        #"{"unitCode":"","heldOn":"2026-11-20","place":"","chairName":"","chairTitle":"","audience":"both","participants":{},"questions":[]}"#
                )
            }, object: { _, _, _ in .status(.unprocessableEntity) }),
        "getDialogue": Entry(
            call: { _, _, _ in Call(method: .GET, path: "/api/v1/dialogues/DT-000000-0000") }, object: { _, _, _ in .status(.notFound) }),
        "amendDialogue": Entry(
            call: { _, _, _ in
                Call(
                    method: .PUT, path: "/api/v1/dialogues/DT-000000-0000",
                    body:
                        #"{"version":1,"heldOn":"2026-11-20","place":"x","chairName":"x","chairTitle":"x","audience":"both","participants":{"citizens":1},"questions":[]}"#
                )
            }, object: { _, _, _ in .status(.notFound) }),
        "listTasks": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/tasks?state=open") }, object: { _, _, _ in .status(.ok) }),
        "getTask": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/tasks/NV-000000-0000") }, object: { _, _, _ in .status(.notFound) }),
        "completeTask": Entry(
            call: { _, _, _ in Call(method: .POST, path: "/api/v1/tasks/NV-000000-0000/done", body: #"{"version":1,"note":"x"}"#) },
            object: { _, _, _ in .status(.notFound) }),
    ]
}
