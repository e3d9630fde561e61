import { ponder } from "ponder:registry";
import { agency } from "ponder:schema";

ponder.on("AgencyDirectory:AgencyRegistered", async ({ event, context }) => {
  await context.db.insert(agency).values({
    id: Number(event.args.agencyId),
    code: event.args.code,
    name: event.args.name,
    admin: event.args.admin,
    active: true,
    registeredAt: event.block.timestamp,
  });
});
