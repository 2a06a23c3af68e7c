import BeredskapCore
import BeredskapStore
import Vapor

/// The response stages for machines: monitoring can mark «detect» done the
/// moment its alert fires. `GET /api/v1/incidents/{number}/stages`,
/// `POST /api/v1/incidents/{number}/stages/{stage}/done`.
enum StagesAPIController {
  static func register(viewer: any RoutesBuilder, responder: any RoutesBuilder) {
    viewer.get("incidents", ":number", "stages", use: show)
    responder.post("incidents", ":number", "stages", ":stage", "done", use: done)
  }

  static func json(_ o: StageRepository.Overview) -> JSONValue {
    .object([
      "start": .string(Timestamp.utc(o.start)),
      "restored_at": o.restoredAt.map { .string(Timestamp.utc($0)) } ?? .null,
      "restored_from_job": o.restoredFromJob.map { .string($0) } ?? .null,
      "stages": .array(
        o.stages.map { p in
          .object([
            "id": .string(p.stage.id), "title": .string(p.stage.title), "due": .string(Timestamp.utc(p.due)),
            "elapsed_seconds": .number(p.elapsed.rounded()), "state": .string(p.state.rawValue),
            "done_at": p.done.map { .string(Timestamp.utc($0.at)) } ?? .null,
            "done_by": p.done.map { .string($0.by) } ?? .null,
          ])
        }),
    ])
  }

  @Sendable static func show(req: Request) async throws -> Response {
    let incident = try await IncidentAPIController.load(req)
    return try IncidentAPIController.respond(
      json(try await StageRepository(db: req.db).overview(incident.number, plan: req.plan, now: req.now)))
  }

  @Sendable static func done(req: Request) async throws -> Response {
    let incident = try await IncidentAPIController.load(req)
    let repo = StageRepository(db: req.db)
    do {
      try await repo.mark(
        incident.number, stage: req.parameters.get("stage") ?? "", plan: req.plan,
        actor: try req.requireUser().actor, now: req.now)
    } catch StageRepository.MarkError.unknownStage {
      throw APIProblem(
        status: .notFound, title: "Not found", detail: "The plan has no such stage for this incident's severity.")
    } catch StageRepository.MarkError.alreadyDone {
      throw APIProblem(status: .conflict, title: "Conflict", detail: "The stage is already done.")
    }
    return try IncidentAPIController.respond(
      json(try await repo.overview(incident.number, plan: req.plan, now: req.now)))
  }
}
