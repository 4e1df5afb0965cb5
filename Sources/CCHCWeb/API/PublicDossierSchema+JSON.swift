/// The public lookup's answer written without `JSONEncoder`, which took a tenth of the lookup's CPU time
/// (docs/benchmarks.md). Members in the schema's order; a test checks that the text means exactly what
/// the generated server's encoding of the same value means, for dossiers in every part of their life.
extension Components.Schemas.PublicDossier {
    var json: [UInt8] {
        var object = JSONObjectWriter()
        object.member("code", code)
        object.member("procedureCode", procedureCode)
        object.member("procedureName", procedureName)
        object.member("field", field)
        object.member("status", status) { status, value in
            status.member("code", value.code)
            status.member("name", value.name)
        }
        object.member("applicantName", applicantName)
        object.member("channel", channel.rawValue)
        object.member("submittedAt", submittedAt)
        object.member("acceptedAt", acceptedAt)
        object.member("dueAt", dueAt)
        object.member("appointment", appointment) { appointment, value in
            appointment.member("date", value.date)
            appointment.member("session", value.session.rawValue)
        }
        object.member("returnedAt", returnedAt)
        object.member("apologized", apologized)
        object.member("progress", progress)
        object.member("steps", steps) { step, value in
            step.member("number", value.number)
            step.member("name", value.name)
            step.member("unitName", value.unitName)
            step.member("state", value.state.rawValue)
        }
        object.member("rated", rated)
        return object.finish()
    }
}
