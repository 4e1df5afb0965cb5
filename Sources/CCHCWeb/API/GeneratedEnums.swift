import CCHCCore
import WorkCalendar

// Each domain enum and its twin generated from openapi.yaml, mapped case by case: a case added on either
// side stops the build here instead of failing a force-unwrap at run time.

extension Components.Schemas.Role {
    init(_ role: Role) {
        switch role {
        case .citizen: self = .citizen
        case .deskOfficer: self = .deskOfficer
        case .specialist: self = .specialist
        case .unitLeader: self = .unitLeader
        case .reformStaff: self = .reformStaff
        case .steeringCommittee: self = .steeringCommittee
        case .admin: self = .admin
        }
    }
}

extension Role {
    init(_ role: Components.Schemas.Role) {
        switch role {
        case .citizen: self = .citizen
        case .deskOfficer: self = .deskOfficer
        case .specialist: self = .specialist
        case .unitLeader: self = .unitLeader
        case .reformStaff: self = .reformStaff
        case .steeringCommittee: self = .steeringCommittee
        case .admin: self = .admin
        }
    }
}

extension Components.Schemas.UnitKind {
    init(_ kind: UnitKind) {
        switch kind {
        case .province: self = .province
        case .department: self = .department
        case .commune: self = .commune
        case .ward: self = .ward
        case .specialZone: self = .specialZone
        case .district: self = .district
        case .serviceCenter: self = .serviceCenter
        case .receptionPoint: self = .receptionPoint
        case .verticalAgency: self = .verticalAgency
        }
    }
}

extension UnitKind {
    init(_ kind: Components.Schemas.UnitKind) {
        switch kind {
        case .province: self = .province
        case .department: self = .department
        case .commune: self = .commune
        case .ward: self = .ward
        case .specialZone: self = .specialZone
        case .district: self = .district
        case .serviceCenter: self = .serviceCenter
        case .receptionPoint: self = .receptionPoint
        case .verticalAgency: self = .verticalAgency
        }
    }
}

extension Components.Schemas.Channel {
    init(_ channel: IntakeChannel) {
        switch channel {
        case .counter: self = .counter
        case .postal: self = .postal
        case .online: self = .online
        }
    }
}

extension IntakeChannel {
    init(_ channel: Components.Schemas.Channel) {
        switch channel {
        case .counter: self = .counter
        case .postal: self = .postal
        case .online: self = .online
        }
    }
}

extension Components.Schemas.OnlineLevel {
    init(_ level: OnlineLevel) {
        switch level {
        case .full: self = .full
        case .partial: self = .partial
        case .none: self = .none
        }
    }
}

extension Components.Schemas.SupplementRule {
    init(_ rule: SupplementRule) {
        switch rule {
        case .pause: self = .pause
        case .restart: self = .restart
        }
    }
}

extension Components.Schemas.Session {
    init(_ session: Appointment.Session) {
        switch session {
        case .morning: self = .sang
        case .afternoon: self = .chieu
        }
    }
}

extension Components.Schemas.Timeliness {
    init(_ timeliness: Timeliness) {
        switch timeliness {
        case .early: self = .early
        case .onTime: self = .onTime
        case .late: self = .late
        }
    }
}

extension ResultDelivery.Method {
    init(_ method: Components.Schemas.ResultMethod) {
        switch method {
        case .counter: self = .counter
        case .postal: self = .postal
        case .online: self = .online
        }
    }
}

extension Rating.Satisfaction {
    init(_ satisfaction: Components.Schemas.Satisfaction) {
        switch satisfaction {
        case .verySatisfied: self = .verySatisfied
        case .satisfied: self = .satisfied
        case .dissatisfied: self = .dissatisfied
        }
    }
}

extension Components.Schemas.DossierActionName {
    /// Nil for the deadline job's actions, which no one may ask for.
    init?(_ kind: DossierAction.Kind) {
        switch kind {
        case .accept: self = .accept
        case .refuse: self = .refuse
        case .requestSupplement: self = .requestSupplement
        case .receiveSupplement: self = .receiveSupplement
        case .forward: self = .forward
        case .returnToStep: self = .returnToStep
        case .requestPayment: self = .requestPayment
        case .recordPayment: self = .recordPayment
        case .markResultReady: self = .markResultReady
        case .returnResult: self = .returnResult
        case .withdraw: self = .withdraw
        case .stop: self = .stop
        case .apologize: self = .apologize
        case .rate, .flagNearingDue, .flagOverdue: return nil
        }
    }
}

extension Components.Schemas.PublicStep.StatePayload {
    init(_ state: DossierProgress.StepState) {
        switch state {
        case .done: self = .done
        case .current: self = .current
        case .pending: self = .pending
        }
    }
}

extension DeadlinePolicy.WorkingDayCounting {
    init(_ counting: Components.Schemas.ProvinceSettings.WorkingDayCountingPayload) {
        switch counting {
        case .officeTime: self = .officeTime
        case .wholeDays: self = .wholeDays
        }
    }
}

extension Components.Schemas.ProvinceSettings.WorkingDayCountingPayload {
    init(_ counting: DeadlinePolicy.WorkingDayCounting) {
        switch counting {
        case .officeTime: self = .officeTime
        case .wholeDays: self = .wholeDays
        }
    }
}

extension Components.Schemas.CalendarDay.KindPayload {
    init(_ kind: SpecialDayKind) {
        switch kind {
        case .holiday: self = .holiday
        case .compensatory: self = .compensatory
        case .swapOff: self = .swapOff
        case .makeupWorkday: self = .makeupWorkday
        }
    }
}
