import Foundation
import Testing
import WorkCalendar

@testable import CCHCCore

@Suite("Dossier intake")
struct DossierIntakeTests {
    typealias World = DossierWorld

    func fields(_ request: IntakeRequest, procedure: Procedure? = DossierWorld.procedure, actor: DossierActor = .citizen(DossierWorld.citizen)) -> Set<String> {
        do {
            _ = try DossierIntake.prepare(request, procedure: procedure, tree: World.tree, actor: actor, now: World.at("2026-03-02 09:00"))
            return []
        } catch let error as DomainError {
            return Set(error.fields.map(\.field) + (error.fields.isEmpty ? [error.code] : []))
        } catch {
            return ["\(error)"]
        }
    }

    @Test("Every bad field is named at once")
    func validation() {
        let bad = IntakeRequest(
            procedureCode: "1.000001", channel: .online,
            applicant: Applicant(fullName: " ", idNumber: "12345", phone: "12345", email: "an@", address: ""),
            components: [.init(index: 1, photocopies: 2), .init(index: 7, originals: 1)], receivingUnitCode: "E")
        #expect(
            fields(bad) == [
                "applicant.fullName", "applicant.idNumber", "applicant.phone", "applicant.email", "components.0", "components.7", "receivingUnitCode",
            ])
        var unknown = bad
        unknown.applicant = World.applicant
        unknown.components = [.init(index: 0, originals: 1), .init(index: 1, photocopies: 1)]
        unknown.receivingUnitCode = "C"
        #expect(fields(unknown, procedure: nil) == ["procedureCode"])
        var offline = World.procedure
        offline.onlineLevel = .none
        #expect(fields(unknown, procedure: offline) == ["channel"])
    }

    @Test("Phones are normalised; a reception point's centre is the receiving unit")
    func normalisation() throws {
        let request = IntakeRequest(
            procedureCode: "1.000001", channel: .counter,
            applicant: Applicant(fullName: "Trần Thị Bình", idNumber: "079301000123", phone: "+84 912.345.678"),
            components: [.init(index: 0, originals: 1), .init(index: 1, photocopies: 2)], receivingUnitCode: "c1")
        let dossier = try DossierIntake.prepare(
            request, procedure: World.procedure, tree: World.tree, actor: .staff(World.desk), now: World.at("2026-03-02 09:00"))
        #expect(dossier.applicant.phone == "0912345678")
        #expect(dossier.receivingPointID == World.point.id && dossier.receivingUnitID == World.centre.id)
        #expect(dossier.competentUnitID == World.department.id)
        #expect(dossier.components.map(\.index) == [0, 1])
        #expect(dossier.applicant.maskedName == "T*** T*** B***")
        // Only the desk takes dossiers at the counter, and only for its own units.
        #expect(fields(request, actor: .staff(World.specialist)) == ["dossier.intake.forbidden"])
        #expect(fields(request, actor: .citizen(World.citizen)) == ["dossier.intake.forbidden"])
    }

    @Test("Codes: unit code, day, sequence of at least four digits")
    func codes() {
        #expect(DossierCode.make(unitCode: "000.00.30.H99", date: LocalDate("2026-03-02")!, sequence: 7) == "000.00.30.H99-260302-0007")
        #expect(DossierCode.make(unitCode: "X", date: LocalDate("2026-12-31")!, sequence: 12345) == "X-261231-12345")
        #expect(LookupPIN.generate().count == 6)
    }

    @Test("Rating bands leave no gap and no overlap: 15 is good, 16 excellent")
    func ratingBands() {
        let bands = RatingBands.standard
        #expect((0...18).allSatisfy { bands.band(for: $0) != nil })
        #expect(bands.band(for: 15)?.label == "Tốt")
        #expect(bands.band(for: 16)?.label == "Xuất sắc")
        #expect(bands.band(for: 12)?.label == "Tốt")
        #expect(bands.band(for: 11)?.label == "Khá")
        #expect(bands.band(for: 5)?.label == "Yếu")
    }
}
