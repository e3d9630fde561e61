import { expect } from "chai";
import type { ContractTransactionResponse, Result } from "ethers";
import {
  AGENCY_A,
  AGENCY_B,
  DAY,
  KTP_VERIFIED,
  RESIDENT,
  SERVICE_GATED,
  SERVICE_OPEN,
  Status,
  clientRef,
  code,
  commitment,
  cityFixture,
  deployFixture,
  ethers,
  id,
  networkHelpers,
  now,
  residentFixture,
} from "./helpers/fixture.js";

const { loadFixture, time } = networkHelpers;

const MAX_TEXT = 280;
const MAX_NAME = 128;
const MAX_SLA = 366 * DAY;
const ZERO = ethers.ZeroHash;

/** Block time of the block that mined `tx`. */
async function minedAt(tx: ContractTransactionResponse): Promise<bigint> {
  const receipt = await tx.wait();
  const block = await ethers.provider.getBlock(receipt!.blockNumber);
  return BigInt(block!.timestamp);
}

const byteLength = (text: string) => ethers.toUtf8Bytes(text).length;

/**
 * Indonesian public text with emoji and other multi-byte characters, exactly `bytes` bytes long in
 * UTF-8 (and far fewer characters than bytes).
 */
function indonesianText(bytes: number): string {
  const unit = "Jalan berlubang 🚧 di depan pasar — warga khawatir 😟, mohon segera diperbaiki. ";
  let text = "";
  for (const char of unit.repeat(10)) {
    if (byteLength(text + char) > bytes) break;
    text += char;
  }
  return text + ".".repeat(bytes - byteLength(text));
}

/** The transitions DESIGN.md allows an officer, as "from>to". */
const ALLOWED = new Set([
  `${Status.Submitted}>${Status.InProgress}`,
  `${Status.Submitted}>${Status.Rejected}`,
  `${Status.InProgress}>${Status.NeedsInfo}`,
  `${Status.InProgress}>${Status.Completed}`,
  `${Status.InProgress}>${Status.Rejected}`,
  `${Status.NeedsInfo}>${Status.InProgress}`,
  `${Status.NeedsInfo}>${Status.Rejected}`,
]);
const STATUS_NAMES = Object.fromEntries(Object.entries(Status).map(([name, value]) => [value, name])) as Record<
  number,
  string
>;
const REQUEST_STATUSES = [
  Status.Submitted,
  Status.InProgress,
  Status.NeedsInfo,
  Status.Completed,
  Status.Rejected,
  Status.Cancelled,
  Status.Duplicate,
];
const OPEN_STATUSES: number[] = [Status.Submitted, Status.InProgress, Status.NeedsInfo];
const FINAL_STATUSES: number[] = [Status.Completed, Status.Rejected, Status.Cancelled, Status.Duplicate];
const statusName = (status: number) => STATUS_NAMES[status] ?? `out-of-range ${status}`;

/**
 * The resident city plus one request of `citizen` to service 1 (agency 1) in every status; the
 * request in status s has id s (the Duplicate one, id 7, duplicates request 1).
 */
async function everyStatusFixture() {
  const d = await residentFixture();
  const { requests, officerA, citizen } = d;
  for (let i = 1; i <= 7; i++) {
    await requests.connect(citizen).submit(SERVICE_GATED, commitment(`detail ${i}`), clientRef(), `Permohonan ${i}`);
  }
  await requests.connect(officerA).updateStatus(2n, Status.InProgress, ZERO, "");
  await requests.connect(officerA).updateStatus(3n, Status.InProgress, ZERO, "");
  await requests.connect(officerA).updateStatus(3n, Status.NeedsInfo, ZERO, "");
  await requests.connect(officerA).updateStatus(4n, Status.InProgress, ZERO, "");
  await requests.connect(officerA).updateStatus(4n, Status.Completed, ZERO, "");
  await requests.connect(officerA).updateStatus(5n, Status.Rejected, ZERO, "Bukan wewenang Disdukcapil");
  await requests.connect(citizen).cancel(6n);
  await requests.connect(officerA).markDuplicate(7n, 1n);
  const inStatus = (status: number) => BigInt(status);
  return { ...d, inStatus };
}

/** The resident city with one Submitted request (id 1) of `citizen` to service 1. */
async function submittedFixture() {
  const d = await residentFixture();
  const contentHash = commitment("NIK 3273010101900001, KTP-el hilang");
  const ref = clientRef();
  const summary = "Penggantian KTP-el yang hilang";
  const tx = await d.requests.connect(d.citizen).submit(SERVICE_GATED, contentHash, ref, summary);
  const submittedAt = await minedAt(tx);
  return { ...d, contentHash, ref, summary, submittedAt, dueAt: submittedAt + BigInt(3 * DAY) };
}

type Submitted = Awaited<ReturnType<typeof submittedFixture>>;

/** The resident city with one request of `citizen` (id 1) in NeedsInfo. */
async function needsInfoFixture() {
  const d = await submittedFixture();
  await d.requests.connect(d.officerA).updateStatus(1n, Status.InProgress, ZERO, "");
  await d.requests.connect(d.officerA).updateStatus(1n, Status.NeedsInfo, ZERO, "Mohon unggah surat kehilangan");
  return d;
}

/** Agency 1 with a third service: open to any wallet, due in 1 day. */
async function threeServicesFixture() {
  const d = await residentFixture();
  await d.requests.connect(d.adminA).addService(AGENCY_A, code("PENGADUAN"), "Pengaduan layanan", DAY, ZERO, 0);
  return d;
}

describe("ServiceRequests", function () {
  describe("constructor and constants", function () {
    it("points at the directory and the attestations it was deployed with", async function () {
      const { requests, directory, attestations } = await loadFixture(deployFixture);
      expect(await requests.DIRECTORY()).to.equal(await directory.getAddress());
      expect(await requests.ATTESTATIONS()).to.equal(await attestations.getAddress());
    });

    it("publishes the limits DESIGN.md sets", async function () {
      const { requests } = await loadFixture(deployFixture);
      expect(await requests.MAX_TEXT_LENGTH()).to.equal(BigInt(MAX_TEXT));
      expect(await requests.MAX_NAME_LENGTH()).to.equal(BigInt(MAX_NAME));
      expect(await requests.MAX_SLA_SECONDS()).to.equal(BigInt(MAX_SLA));
      expect(await requests.MAX_LEVEL()).to.equal(3n);
      expect(await requests.MAX_SCORE()).to.equal(4n);
    });

    it("starts with no services and no requests", async function () {
      const { requests } = await loadFixture(deployFixture);
      expect(await requests.serviceCount()).to.equal(0n);
      expect(await requests.requestCount()).to.equal(0n);
      await expect(requests.getService(1n)).to.be.revertedWithCustomError(requests, "ServiceUnknown").withArgs(1n);
    });
  });

  describe("addService", function () {
    it("numbers services from 1 in the order they are added", async function () {
      const { requests } = await loadFixture(cityFixture);
      expect(await requests.serviceCount()).to.equal(2n);
      expect(await requests.serviceIdByCode(AGENCY_A, code("KTP_EL"))).to.equal(1n);
      expect(await requests.serviceIdByCode(AGENCY_B, code("JALAN_RUSAK"))).to.equal(2n);
      await expect(requests.getService(0n)).to.be.revertedWithCustomError(requests, "ServiceUnknown").withArgs(0n);
      await expect(requests.getService(3n)).to.be.revertedWithCustomError(requests, "ServiceUnknown").withArgs(3n);
    });

    it("lets the agency admin add a service, returning its id and emitting ServiceAdded", async function () {
      const { requests, adminA } = await loadFixture(cityFixture);
      const args = [AGENCY_A, code("AKTA_LAHIR"), "Akta kelahiran", 5 * DAY, KTP_VERIFIED, 3] as const;
      expect(await requests.connect(adminA).addService.staticCall(...args)).to.equal(3n);
      await expect(requests.connect(adminA).addService(...args))
        .to.emit(requests, "ServiceAdded")
        .withArgs(3n, AGENCY_A, code("AKTA_LAHIR"), "Akta kelahiran", 5 * DAY, KTP_VERIFIED, 3);
      expect(await requests.serviceCount()).to.equal(3n);
      expect(await requests.serviceIdByCode(AGENCY_A, code("AKTA_LAHIR"))).to.equal(3n);
    });

    it("stores every field, returned by getService under its name", async function () {
      const { requests, adminA } = await loadFixture(cityFixture);
      await requests
        .connect(adminA)
        .addService(AGENCY_A, code("AKTA_LAHIR"), "Akta kelahiran", 5 * DAY, KTP_VERIFIED, 3);
      const service = await requests.getService(3n);
      expect(service.agencyId).to.equal(AGENCY_A);
      expect(service.code).to.equal(code("AKTA_LAHIR"));
      expect(service.name).to.equal("Akta kelahiran");
      expect(service.slaSeconds).to.equal(BigInt(5 * DAY));
      expect(service.requiredClaim).to.equal(KTP_VERIFIED);
      expect(service.minLevel).to.equal(3n);
      expect(service.active).to.equal(true);

      const open = await requests.getService(SERVICE_OPEN);
      expect(open.agencyId).to.equal(AGENCY_B);
      expect(open.code).to.equal(code("JALAN_RUSAK"));
      expect(open.name).to.equal("Laporan jalan rusak");
      expect(open.slaSeconds).to.equal(BigInt(7 * DAY));
      expect(open.requiredClaim).to.equal(ZERO);
      expect(open.minLevel).to.equal(0n);
      expect(open.active).to.equal(true);
    });

    it("lets the governor add a service to any agency", async function () {
      const { requests, governor } = await loadFixture(cityFixture);
      await expect(
        requests.connect(governor).addService(AGENCY_B, code("IMB"), "Persetujuan bangunan", 14 * DAY, ZERO, 0),
      )
        .to.emit(requests, "ServiceAdded")
        .withArgs(3n, AGENCY_B, code("IMB"), "Persetujuan bangunan", 14 * DAY, ZERO, 0);
      expect((await requests.getService(3n)).agencyId).to.equal(AGENCY_B);
    });

    for (const who of ["adminB", "officerA", "stranger"] as const) {
      it(`rejects ${who} adding a service to agency 1`, async function () {
        const d = await loadFixture(cityFixture);
        const signer = d[who];
        await expect(d.requests.connect(signer).addService(AGENCY_A, code("X"), "X", DAY, ZERO, 0))
          .to.be.revertedWithCustomError(d.requests, "ServiceUnauthorized")
          .withArgs(signer.address, AGENCY_A);
      });
    }

    it("rejects the admin of a suspended agency but still lets the governor add to it", async function () {
      const { requests, directory, governor, adminA } = await loadFixture(cityFixture);
      await directory.connect(governor).setAgencyActive(AGENCY_A, false);
      await expect(requests.connect(adminA).addService(AGENCY_A, code("X"), "X", DAY, ZERO, 0))
        .to.be.revertedWithCustomError(requests, "ServiceUnauthorized")
        .withArgs(adminA.address, AGENCY_A);
      await expect(requests.connect(governor).addService(AGENCY_A, code("X"), "X", DAY, ZERO, 0))
        .to.emit(requests, "ServiceAdded")
        .withArgs(3n, AGENCY_A, code("X"), "X", DAY, ZERO, 0);
    });

    it("rejects a former admin once the governor names a new one, and accepts the new one", async function () {
      const { requests, directory, governor, adminA, citizen2 } = await loadFixture(cityFixture);
      await directory.connect(governor).setAgencyAdmin(AGENCY_A, citizen2.address);
      await expect(requests.connect(adminA).addService(AGENCY_A, code("X"), "X", DAY, ZERO, 0))
        .to.be.revertedWithCustomError(requests, "ServiceUnauthorized")
        .withArgs(adminA.address, AGENCY_A);
      await expect(requests.connect(citizen2).addService(AGENCY_A, code("X"), "X", DAY, ZERO, 0))
        .to.emit(requests, "ServiceAdded")
        .withArgs(3n, AGENCY_A, code("X"), "X", DAY, ZERO, 0);
    });

    it("rejects an unknown agency", async function () {
      const { requests, governor } = await loadFixture(cityFixture);
      for (const agencyId of [0n, 3n]) {
        await expect(requests.connect(governor).addService(agencyId, code("X"), "X", DAY, ZERO, 0))
          .to.be.revertedWithCustomError(requests, "ServiceUnknownAgency")
          .withArgs(agencyId);
      }
    });

    it("rejects a zero code", async function () {
      const { requests, adminA } = await loadFixture(cityFixture);
      await expect(requests.connect(adminA).addService(AGENCY_A, ZERO, "X", DAY, ZERO, 0))
        .to.be.revertedWithCustomError(requests, "ServiceZeroCode")
        .withArgs();
    });

    it("rejects a code the agency already uses, naming the service that has it", async function () {
      const { requests, adminA, governor } = await loadFixture(cityFixture);
      await expect(requests.connect(adminA).addService(AGENCY_A, code("KTP_EL"), "Lain", DAY, ZERO, 0))
        .to.be.revertedWithCustomError(requests, "ServiceCodeTaken")
        .withArgs(AGENCY_A, code("KTP_EL"), SERVICE_GATED);
      await expect(requests.connect(governor).addService(AGENCY_A, code("KTP_EL"), "Lain", DAY, ZERO, 0))
        .to.be.revertedWithCustomError(requests, "ServiceCodeTaken")
        .withArgs(AGENCY_A, code("KTP_EL"), SERVICE_GATED);
    });

    it("accepts a code another agency already uses", async function () {
      const { requests, adminB } = await loadFixture(cityFixture);
      await expect(requests.connect(adminB).addService(AGENCY_B, code("KTP_EL"), "Lain", DAY, ZERO, 0))
        .to.emit(requests, "ServiceAdded")
        .withArgs(3n, AGENCY_B, code("KTP_EL"), "Lain", DAY, ZERO, 0);
      expect(await requests.serviceIdByCode(AGENCY_A, code("KTP_EL"))).to.equal(1n);
      expect(await requests.serviceIdByCode(AGENCY_B, code("KTP_EL"))).to.equal(3n);
    });

    it("returns 0 from serviceIdByCode for a code no service has", async function () {
      const { requests } = await loadFixture(cityFixture);
      expect(await requests.serviceIdByCode(AGENCY_B, code("KTP_EL"))).to.equal(0n);
    });

    it("rejects an empty name and a name longer than 128 bytes", async function () {
      const { requests, adminA } = await loadFixture(cityFixture);
      await expect(requests.connect(adminA).addService(AGENCY_A, code("X"), "", DAY, ZERO, 0))
        .to.be.revertedWithCustomError(requests, "ServiceInvalidName")
        .withArgs(0n, BigInt(MAX_NAME));
      await expect(requests.connect(adminA).addService(AGENCY_A, code("X"), "a".repeat(129), DAY, ZERO, 0))
        .to.be.revertedWithCustomError(requests, "ServiceInvalidName")
        .withArgs(129n, BigInt(MAX_NAME));
      // 65 two-byte characters: 65 characters but 130 bytes.
      await expect(requests.connect(adminA).addService(AGENCY_A, code("X"), "é".repeat(65), DAY, ZERO, 0))
        .to.be.revertedWithCustomError(requests, "ServiceInvalidName")
        .withArgs(130n, BigInt(MAX_NAME));
    });

    it("accepts names of 1 and of exactly 128 bytes", async function () {
      const { requests, adminA } = await loadFixture(cityFixture);
      const longest = indonesianText(MAX_NAME);
      expect(byteLength(longest)).to.equal(MAX_NAME);
      await expect(requests.connect(adminA).addService(AGENCY_A, code("X"), "K", DAY, ZERO, 0))
        .to.emit(requests, "ServiceAdded")
        .withArgs(3n, AGENCY_A, code("X"), "K", DAY, ZERO, 0);
      await expect(requests.connect(adminA).addService(AGENCY_A, code("Y"), longest, DAY, ZERO, 0))
        .to.emit(requests, "ServiceAdded")
        .withArgs(4n, AGENCY_A, code("Y"), longest, DAY, ZERO, 0);
      expect((await requests.getService(4n)).name).to.equal(longest);
    });

    it("rejects an SLA of 0 and one longer than 366 days", async function () {
      const { requests, adminA } = await loadFixture(cityFixture);
      for (const sla of [0, MAX_SLA + 1, 2 ** 32 - 1]) {
        await expect(requests.connect(adminA).addService(AGENCY_A, code("X"), "X", sla, ZERO, 0))
          .to.be.revertedWithCustomError(requests, "ServiceInvalidSla")
          .withArgs(sla, MAX_SLA);
      }
    });

    it("accepts an SLA of 1 second and of exactly 366 days", async function () {
      const { requests, adminA } = await loadFixture(cityFixture);
      await expect(requests.connect(adminA).addService(AGENCY_A, code("X"), "X", 1, ZERO, 0))
        .to.emit(requests, "ServiceAdded")
        .withArgs(3n, AGENCY_A, code("X"), "X", 1, ZERO, 0);
      await expect(requests.connect(adminA).addService(AGENCY_A, code("Y"), "Y", MAX_SLA, ZERO, 0))
        .to.emit(requests, "ServiceAdded")
        .withArgs(4n, AGENCY_A, code("Y"), "Y", MAX_SLA, ZERO, 0);
      expect((await requests.getService(4n)).slaSeconds).to.equal(BigInt(MAX_SLA));
    });

    it("rejects a minimum level on an open service", async function () {
      const { requests, adminA } = await loadFixture(cityFixture);
      await expect(requests.connect(adminA).addService(AGENCY_A, code("X"), "X", DAY, ZERO, 1))
        .to.be.revertedWithCustomError(requests, "ServiceInvalidClaimLevel")
        .withArgs(ZERO, 1);
    });

    it("rejects a gated service with level 0 or a level above 3", async function () {
      const { requests, adminA } = await loadFixture(cityFixture);
      for (const level of [0, 4, 255]) {
        await expect(requests.connect(adminA).addService(AGENCY_A, code("X"), "X", DAY, RESIDENT, level))
          .to.be.revertedWithCustomError(requests, "ServiceInvalidClaimLevel")
          .withArgs(RESIDENT, level);
      }
    });

    it("accepts a gated service at levels 1 and 3", async function () {
      const { requests, adminA } = await loadFixture(cityFixture);
      await expect(requests.connect(adminA).addService(AGENCY_A, code("X"), "X", DAY, RESIDENT, 1))
        .to.emit(requests, "ServiceAdded")
        .withArgs(3n, AGENCY_A, code("X"), "X", DAY, RESIDENT, 1);
      await expect(requests.connect(adminA).addService(AGENCY_A, code("Y"), "Y", DAY, RESIDENT, 3))
        .to.emit(requests, "ServiceAdded")
        .withArgs(4n, AGENCY_A, code("Y"), "Y", DAY, RESIDENT, 3);
    });

    it("rejects a claim type that is not registered", async function () {
      const { requests, adminA } = await loadFixture(cityFixture);
      const unknown = id("PEMILIK_KENDARAAN");
      await expect(requests.connect(adminA).addService(AGENCY_A, code("X"), "X", DAY, unknown, 2))
        .to.be.revertedWithCustomError(requests, "ServiceUnknownClaimType")
        .withArgs(unknown);
    });

    it("accepts a claim type the agency itself is not trusted to issue", async function () {
      const { requests, adminB } = await loadFixture(cityFixture);
      await expect(requests.connect(adminB).addService(AGENCY_B, code("SIUP"), "Izin usaha", DAY, RESIDENT, 2))
        .to.emit(requests, "ServiceAdded")
        .withArgs(3n, AGENCY_B, code("SIUP"), "Izin usaha", DAY, RESIDENT, 2);
    });
  });

  describe("setServiceActive", function () {
    it("lets the agency admin close a service, emitting ServiceActiveChanged", async function () {
      const { requests, adminA } = await loadFixture(cityFixture);
      await expect(requests.connect(adminA).setServiceActive(SERVICE_GATED, false))
        .to.emit(requests, "ServiceActiveChanged")
        .withArgs(SERVICE_GATED, AGENCY_A, false, adminA.address);
      expect((await requests.getService(SERVICE_GATED)).active).to.equal(false);
    });

    it("lets the governor close and reopen any agency's service", async function () {
      const { requests, governor } = await loadFixture(cityFixture);
      await expect(requests.connect(governor).setServiceActive(SERVICE_OPEN, false))
        .to.emit(requests, "ServiceActiveChanged")
        .withArgs(SERVICE_OPEN, AGENCY_B, false, governor.address);
      await expect(requests.connect(governor).setServiceActive(SERVICE_OPEN, true))
        .to.emit(requests, "ServiceActiveChanged")
        .withArgs(SERVICE_OPEN, AGENCY_B, true, governor.address);
      expect((await requests.getService(SERVICE_OPEN)).active).to.equal(true);
    });

    it("rejects a change that changes nothing", async function () {
      const { requests, adminA } = await loadFixture(cityFixture);
      await expect(requests.connect(adminA).setServiceActive(SERVICE_GATED, true))
        .to.be.revertedWithCustomError(requests, "ServiceUnchanged")
        .withArgs(SERVICE_GATED);
      await requests.connect(adminA).setServiceActive(SERVICE_GATED, false);
      await expect(requests.connect(adminA).setServiceActive(SERVICE_GATED, false))
        .to.be.revertedWithCustomError(requests, "ServiceUnchanged")
        .withArgs(SERVICE_GATED);
    });

    for (const who of ["adminB", "officerA", "stranger"] as const) {
      it(`rejects ${who} closing a service of agency 1`, async function () {
        const d = await loadFixture(cityFixture);
        const signer = d[who];
        await expect(d.requests.connect(signer).setServiceActive(SERVICE_GATED, false))
          .to.be.revertedWithCustomError(d.requests, "ServiceUnauthorized")
          .withArgs(signer.address, AGENCY_A);
      });
    }

    it("rejects the admin of a suspended agency but lets the governor act", async function () {
      const { requests, directory, governor, adminA } = await loadFixture(cityFixture);
      await directory.connect(governor).setAgencyActive(AGENCY_A, false);
      await expect(requests.connect(adminA).setServiceActive(SERVICE_GATED, false))
        .to.be.revertedWithCustomError(requests, "ServiceUnauthorized")
        .withArgs(adminA.address, AGENCY_A);
      await expect(requests.connect(governor).setServiceActive(SERVICE_GATED, false))
        .to.emit(requests, "ServiceActiveChanged")
        .withArgs(SERVICE_GATED, AGENCY_A, false, governor.address);
    });

    it("rejects an unknown service", async function () {
      const { requests, governor } = await loadFixture(cityFixture);
      for (const serviceId of [0n, 3n]) {
        await expect(requests.connect(governor).setServiceActive(serviceId, false))
          .to.be.revertedWithCustomError(requests, "ServiceUnknown")
          .withArgs(serviceId);
      }
    });

    it("makes a closed service reject submissions and a reopened one accept them", async function () {
      const { requests, adminA, citizen } = await loadFixture(residentFixture);
      await requests.connect(adminA).setServiceActive(SERVICE_GATED, false);
      await expect(requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), ""))
        .to.be.revertedWithCustomError(requests, "ServiceInactive")
        .withArgs(SERVICE_GATED);
      await requests.connect(adminA).setServiceActive(SERVICE_GATED, true);
      const ref = clientRef();
      await requests.connect(citizen).submit(SERVICE_GATED, ZERO, ref, "");
      expect(await requests.requestIdByClientRef(citizen.address, ref)).to.equal(1n);
    });

    it("lets requests filed before the service closed go on to completion, rating and cancellation", async function () {
      const { requests, adminA, officerA, citizen } = await loadFixture(residentFixture);
      await requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), "Permohonan 1");
      await requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), "Permohonan 2");
      await requests.connect(adminA).setServiceActive(SERVICE_GATED, false);

      await requests.connect(officerA).updateStatus(1n, Status.InProgress, ZERO, "");
      await expect(requests.connect(officerA).updateStatus(1n, Status.Completed, ZERO, "Selesai"))
        .to.emit(requests, "RequestStatusChanged")
        .withArgs(
          1n,
          citizen.address,
          AGENCY_A,
          Status.InProgress,
          Status.Completed,
          officerA.address,
          ZERO,
          "Selesai",
        );
      await expect(requests.connect(citizen).rate(1n, 4, ZERO))
        .to.emit(requests, "RequestRated")
        .withArgs(1n, citizen.address, AGENCY_A, 4, ZERO);
      await expect(requests.connect(citizen).cancel(2n))
        .to.emit(requests, "RequestStatusChanged")
        .withArgs(2n, citizen.address, AGENCY_A, Status.Submitted, Status.Cancelled, citizen.address, ZERO, "");
      expect((await requests.getRequest(1n)).status).to.equal(BigInt(Status.Completed));
      expect((await requests.getRequest(2n)).status).to.equal(BigInt(Status.Cancelled));
    });
  });

  describe("submit", function () {
    it("numbers requests from 1 and returns the new id", async function () {
      const { requests, citizen, stranger } = await loadFixture(residentFixture);
      const ref = clientRef();
      expect(await requests.connect(citizen).submit.staticCall(SERVICE_GATED, ZERO, ref, "")).to.equal(1n);
      await requests.connect(citizen).submit(SERVICE_GATED, ZERO, ref, "");
      expect(await requests.requestCount()).to.equal(1n);
      const ref2 = clientRef();
      expect(await requests.connect(stranger).submit.staticCall(SERVICE_OPEN, ZERO, ref2, "")).to.equal(2n);
      await requests.connect(stranger).submit(SERVICE_OPEN, ZERO, ref2, "");
      expect(await requests.requestCount()).to.equal(2n);
    });

    it("emits RequestSubmitted with every argument, dueAt being the submission time plus the SLA", async function () {
      const { requests, citizen } = await loadFixture(residentFixture);
      const contentHash = commitment("NIK 3273010101900001, KTP-el rusak");
      const ref = clientRef();
      const summary = "KTP-el rusak, mohon diganti";
      const tx = await requests.connect(citizen).submit(SERVICE_GATED, contentHash, ref, summary);
      const submittedAt = await minedAt(tx);
      await expect(tx)
        .to.emit(requests, "RequestSubmitted")
        .withArgs(
          1n,
          citizen.address,
          AGENCY_A,
          SERVICE_GATED,
          contentHash,
          ref,
          submittedAt + BigInt(3 * DAY),
          summary,
        );
    });

    it("stores the request, returned by getRequest under its field names", async function () {
      const { requests, citizen, submittedAt, dueAt } = await loadFixture(submittedFixture);
      const request = await requests.getRequest(1n);
      expect(request.citizen).to.equal(citizen.address);
      expect(request.serviceId).to.equal(SERVICE_GATED);
      expect(request.status).to.equal(BigInt(Status.Submitted));
      expect(request.escalated).to.equal(false);
      expect(request.rating).to.equal(0n);
      expect(request.submittedAt).to.equal(submittedAt);
      expect(request.dueAt).to.equal(dueAt);
      expect(dueAt - submittedAt).to.equal(BigInt(3 * DAY));
    });

    it("records the request under the sender's clientRef", async function () {
      const { requests, citizen, stranger, ref } = await loadFixture(submittedFixture);
      expect(await requests.requestIdByClientRef(citizen.address, ref)).to.equal(1n);
      expect(await requests.requestIdByClientRef(stranger.address, ref)).to.equal(0n);
      expect(await requests.requestIdByClientRef(citizen.address, clientRef())).to.equal(0n);
    });

    it("rejects an unknown service", async function () {
      const { requests, citizen } = await loadFixture(residentFixture);
      for (const serviceId of [0n, 3n]) {
        await expect(requests.connect(citizen).submit(serviceId, ZERO, clientRef(), ""))
          .to.be.revertedWithCustomError(requests, "ServiceUnknown")
          .withArgs(serviceId);
      }
    });

    it("accepts a summary of exactly 280 bytes of Indonesian text with emoji", async function () {
      const { requests, stranger } = await loadFixture(cityFixture);
      const summary = indonesianText(MAX_TEXT);
      expect(byteLength(summary)).to.equal(MAX_TEXT);
      expect([...summary].length).to.be.lessThan(MAX_TEXT);
      const ref = clientRef();
      const tx = await requests.connect(stranger).submit(SERVICE_OPEN, ZERO, ref, summary);
      const submittedAt = await minedAt(tx);
      await expect(tx)
        .to.emit(requests, "RequestSubmitted")
        .withArgs(1n, stranger.address, AGENCY_B, SERVICE_OPEN, ZERO, ref, submittedAt + BigInt(7 * DAY), summary);
    });

    it("rejects a summary of 281 bytes though it has fewer than 280 characters", async function () {
      const { requests, stranger } = await loadFixture(cityFixture);
      const summary = indonesianText(MAX_TEXT - 3) + "🚧"; // 277 + 4 bytes
      expect(byteLength(summary)).to.equal(MAX_TEXT + 1);
      expect([...summary].length).to.be.lessThan(MAX_TEXT);
      await expect(requests.connect(stranger).submit(SERVICE_OPEN, ZERO, clientRef(), summary))
        .to.be.revertedWithCustomError(requests, "RequestTextTooLong")
        .withArgs(BigInt(MAX_TEXT + 1), BigInt(MAX_TEXT));
    });

    it("counts bytes, not characters: 141 two-byte characters are too long", async function () {
      const { requests, stranger } = await loadFixture(cityFixture);
      await requests.connect(stranger).submit(SERVICE_OPEN, ZERO, clientRef(), "é".repeat(140));
      await expect(requests.connect(stranger).submit(SERVICE_OPEN, ZERO, clientRef(), "é".repeat(141)))
        .to.be.revertedWithCustomError(requests, "RequestTextTooLong")
        .withArgs(282n, BigInt(MAX_TEXT));
      expect(await requests.requestCount()).to.equal(1n);
    });

    it("accepts an empty summary (an anonymous report) and a zero contentHash", async function () {
      const { requests, stranger } = await loadFixture(cityFixture);
      const ref = clientRef();
      const tx = await requests.connect(stranger).submit(SERVICE_OPEN, ZERO, ref, "");
      const submittedAt = await minedAt(tx);
      await expect(tx)
        .to.emit(requests, "RequestSubmitted")
        .withArgs(1n, stranger.address, AGENCY_B, SERVICE_OPEN, ZERO, ref, submittedAt + BigInt(7 * DAY), "");
    });

    it("rejects a zero clientRef", async function () {
      const { requests, citizen } = await loadFixture(residentFixture);
      await expect(requests.connect(citizen).submit(SERVICE_GATED, ZERO, ZERO, ""))
        .to.be.revertedWithCustomError(requests, "RequestZeroClientRef")
        .withArgs();
    });

    it("rejects the same clientRef twice from the same sender, naming the first request", async function () {
      const { requests, citizen, ref } = await loadFixture(submittedFixture);
      await expect(requests.connect(citizen).submit(SERVICE_GATED, ZERO, ref, "Klik dua kali"))
        .to.be.revertedWithCustomError(requests, "RequestDuplicateSubmission")
        .withArgs(citizen.address, ref, 1n);
      // The reference is per sender, not per service.
      await expect(requests.connect(citizen).submit(SERVICE_OPEN, ZERO, ref, ""))
        .to.be.revertedWithCustomError(requests, "RequestDuplicateSubmission")
        .withArgs(citizen.address, ref, 1n);
      expect(await requests.requestCount()).to.equal(1n);
    });

    it("accepts the same clientRef from another sender", async function () {
      const { requests, citizen2, ref } = await loadFixture(submittedFixture);
      await expect(requests.connect(citizen2).submit(SERVICE_OPEN, ZERO, ref, ""))
        .to.emit(requests, "RequestSubmitted")
        .withArgs(2n, citizen2.address, AGENCY_B, SERVICE_OPEN, ZERO, ref, (d: bigint) => d > 0n, "");
      expect(await requests.requestIdByClientRef(citizen2.address, ref)).to.equal(2n);
    });

    it("refuses a request from the admin or an officer of the service's own agency", async function () {
      const { requests, adminA, officerA, adminB, officerB } = await loadFixture(threeServicesFixture);
      // Agency B's open service, and agency A's gated and open ones: membership is checked before the claim.
      for (const [serviceId, members, agencyId] of [
        [SERVICE_OPEN, [adminB, officerB], AGENCY_B],
        [SERVICE_GATED, [adminA, officerA], AGENCY_A],
        [3n, [adminA, officerA], AGENCY_A],
      ] as const) {
        for (const member of members) {
          await expect(requests.connect(member).submit(serviceId, ZERO, clientRef(), "Laporan sendiri"))
            .to.be.revertedWithCustomError(requests, "RequestByAgencyMember")
            .withArgs(member.address, agencyId);
        }
      }
      expect(await requests.requestCount()).to.equal(0n);
    });

    it("tells a member of a suspended agency that the agency is suspended", async function () {
      const { requests, directory, governor, officerB } = await loadFixture(cityFixture);
      await directory.connect(governor).setAgencyActive(AGENCY_B, false);
      await expect(requests.connect(officerB).submit(SERVICE_OPEN, ZERO, clientRef(), ""))
        .to.be.revertedWithCustomError(requests, "RequestAgencyInactive")
        .withArgs(AGENCY_B);
    });

    it("accepts a former officer once removed from the agency", async function () {
      const { requests, directory, adminB, officerB } = await loadFixture(cityFixture);
      await directory.connect(adminB).removeOfficer(officerB.address);
      const ref = clientRef();
      await expect(requests.connect(officerB).submit(SERVICE_OPEN, ZERO, ref, "")).to.emit(
        requests,
        "RequestSubmitted",
      );
      expect(await requests.requestIdByClientRef(officerB.address, ref)).to.equal(1n);
    });

    it("accepts any wallet on an open service, members of other agencies included", async function () {
      const { requests, stranger, officerA, governor } = await loadFixture(cityFixture);
      for (const [i, signer] of [stranger, officerA, governor].entries()) {
        const ref = clientRef();
        await requests.connect(signer).submit(SERVICE_OPEN, ZERO, ref, "");
        expect(await requests.requestIdByClientRef(signer.address, ref)).to.equal(BigInt(i + 1));
        expect((await requests.getRequest(BigInt(i + 1))).citizen).to.equal(signer.address);
      }
    });

    describe("claim gating", function () {
      it("accepts a citizen holding the claim at the required level", async function () {
        const { requests, citizen } = await loadFixture(residentFixture);
        await expect(requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), ""))
          .to.emit(requests, "RequestSubmitted")
          .withArgs(
            1n,
            citizen.address,
            AGENCY_A,
            SERVICE_GATED,
            ZERO,
            (r: string) => r !== ZERO,
            (d: bigint) => d > 0n,
            "",
          );
      });

      it("accepts a citizen holding the claim at a higher level", async function () {
        const { requests, attestations, officerA, citizen2 } = await loadFixture(cityFixture);
        await attestations.connect(officerA).attest(citizen2.address, RESIDENT, commitment("biometrik"), 3, 0);
        const ref = clientRef();
        await requests.connect(citizen2).submit(SERVICE_GATED, ZERO, ref, "");
        expect(await requests.requestIdByClientRef(citizen2.address, ref)).to.equal(1n);
      });

      it("rejects a wallet without the claim", async function () {
        const { requests, citizen2 } = await loadFixture(residentFixture);
        await expect(requests.connect(citizen2).submit(SERVICE_GATED, ZERO, clientRef(), ""))
          .to.be.revertedWithCustomError(requests, "RequestClaimRequired")
          .withArgs(citizen2.address, RESIDENT, 2);
      });

      it("rejects a claim below the required level", async function () {
        const { requests, attestations, officerA, citizen2 } = await loadFixture(residentFixture);
        await attestations.connect(officerA).attest(citizen2.address, RESIDENT, commitment("unggah KK"), 1, 0);
        await expect(requests.connect(citizen2).submit(SERVICE_GATED, ZERO, clientRef(), ""))
          .to.be.revertedWithCustomError(requests, "RequestClaimRequired")
          .withArgs(citizen2.address, RESIDENT, 2);
      });

      it("rejects a claim superseded by a lower-level one", async function () {
        const { requests, attestations, officerA, citizen } = await loadFixture(residentFixture);
        await attestations.connect(officerA).attest(citizen.address, RESIDENT, commitment("ulang"), 1, 0);
        await expect(requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), ""))
          .to.be.revertedWithCustomError(requests, "RequestClaimRequired")
          .withArgs(citizen.address, RESIDENT, 2);
      });

      it("rejects a revoked claim", async function () {
        const { requests, attestations, officerA, citizen, uid } = await loadFixture(residentFixture);
        await attestations.connect(officerA).revoke(uid, code("DATA_CHANGED"));
        await expect(requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), ""))
          .to.be.revertedWithCustomError(requests, "RequestClaimRequired")
          .withArgs(citizen.address, RESIDENT, 2);
      });

      it("rejects an expired claim", async function () {
        const { requests, attestations, officerA, citizen2 } = await loadFixture(residentFixture);
        const expiresAt = (await now()) + DAY;
        await attestations.connect(officerA).attest(citizen2.address, RESIDENT, commitment("sementara"), 2, expiresAt);
        const ref = clientRef();
        await requests.connect(citizen2).submit(SERVICE_GATED, ZERO, ref, "");
        expect(await requests.requestIdByClientRef(citizen2.address, ref)).to.equal(1n);
        await time.increaseTo(expiresAt + 1);
        await expect(requests.connect(citizen2).submit(SERVICE_GATED, ZERO, clientRef(), ""))
          .to.be.revertedWithCustomError(requests, "RequestClaimRequired")
          .withArgs(citizen2.address, RESIDENT, 2);
      });

      it("rejects a claim whose issuing agency is suspended, even for another agency's service", async function () {
        const { requests, directory, governor, citizen } = await loadFixture(residentFixture);
        // Agency 2's service gated on RESIDENT, a claim only agency 1 issues.
        await requests.connect(governor).addService(AGENCY_B, code("SIUP"), "Izin usaha", DAY, RESIDENT, 2);
        const ref = clientRef();
        await requests.connect(citizen).submit(3n, ZERO, ref, "");
        expect(await requests.requestIdByClientRef(citizen.address, ref)).to.equal(1n);
        await directory.connect(governor).setAgencyActive(AGENCY_A, false);
        await expect(requests.connect(citizen).submit(3n, ZERO, clientRef(), ""))
          .to.be.revertedWithCustomError(requests, "RequestClaimRequired")
          .withArgs(citizen.address, RESIDENT, 2);
      });
    });

    it("rejects a request to a service whose agency is suspended", async function () {
      const { requests, directory, governor, stranger } = await loadFixture(cityFixture);
      await directory.connect(governor).setAgencyActive(AGENCY_B, false);
      await expect(requests.connect(stranger).submit(SERVICE_OPEN, ZERO, clientRef(), ""))
        .to.be.revertedWithCustomError(requests, "RequestAgencyInactive")
        .withArgs(AGENCY_B);
      await directory.connect(governor).setAgencyActive(AGENCY_B, true);
      const ref = clientRef();
      await requests.connect(stranger).submit(SERVICE_OPEN, ZERO, ref, "");
      expect(await requests.requestIdByClientRef(stranger.address, ref)).to.equal(1n);
    });

    it("tells a resident of a suspended agency that the agency is suspended, not that they lack a claim", async function () {
      const { requests, directory, governor, citizen } = await loadFixture(residentFixture);
      await directory.connect(governor).setAgencyActive(AGENCY_A, false);
      await expect(requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), ""))
        .to.be.revertedWithCustomError(requests, "RequestAgencyInactive")
        .withArgs(AGENCY_A);
    });

    it("counts the request as submitted and open for the service's agency", async function () {
      const { requests } = await loadFixture(submittedFixture);
      const stats = await requests.agencyStats(AGENCY_A);
      expect(stats.submitted).to.equal(1n);
      expect(stats.open).to.equal(1n);
    });
  });

  describe("updateStatus", function () {
    describe("transition table", function () {
      it("starts from one request in every status", async function () {
        const { requests, inStatus } = await loadFixture(everyStatusFixture);
        for (const status of REQUEST_STATUSES) {
          expect((await requests.getRequest(inStatus(status))).status).to.equal(BigInt(status));
        }
      });

      for (const from of REQUEST_STATUSES) {
        for (const to of [0, 1, 2, 3, 4, 5, 6, 7, 8, 255]) {
          if (ALLOWED.has(`${from}>${to}`)) {
            it(`moves a request from ${statusName(from)} to ${statusName(to)}`, async function () {
              const { requests, officerA, citizen, inStatus } = await loadFixture(everyStatusFixture);
              const requestId = inStatus(from);
              const noteHash = commitment(`catatan ${from}>${to}`);
              await expect(requests.connect(officerA).updateStatus(requestId, to, noteHash, "Catatan petugas"))
                .to.emit(requests, "RequestStatusChanged")
                .withArgs(
                  requestId,
                  citizen.address,
                  AGENCY_A,
                  from,
                  to,
                  officerA.address,
                  noteHash,
                  "Catatan petugas",
                );
              expect((await requests.getRequest(requestId)).status).to.equal(BigInt(to));
            });
          } else {
            it(`refuses to move a request from ${statusName(from)} to ${statusName(to)}`, async function () {
              const { requests, officerA, inStatus } = await loadFixture(everyStatusFixture);
              const requestId = inStatus(from);
              await expect(requests.connect(officerA).updateStatus(requestId, to, ZERO, ""))
                .to.be.revertedWithCustomError(requests, "RequestInvalidTransition")
                .withArgs(requestId, from, to);
              expect((await requests.getRequest(requestId)).status).to.equal(BigInt(from));
            });
          }
        }
      }
    });

    it("lets the agency admin act as an officer", async function () {
      const { requests, adminA, citizen } = await loadFixture(submittedFixture);
      await expect(requests.connect(adminA).updateStatus(1n, Status.InProgress, ZERO, "Diproses"))
        .to.emit(requests, "RequestStatusChanged")
        .withArgs(1n, citizen.address, AGENCY_A, Status.Submitted, Status.InProgress, adminA.address, ZERO, "Diproses");
    });

    for (const who of ["officerB", "adminB", "stranger", "governor", "citizen"] as const) {
      it(`rejects ${who}, who is not an officer of the service's agency`, async function () {
        const d = await loadFixture(submittedFixture);
        const signer = d[who];
        await expect(d.requests.connect(signer).updateStatus(1n, Status.InProgress, ZERO, ""))
          .to.be.revertedWithCustomError(d.requests, "RequestNotOfficer")
          .withArgs(signer.address, AGENCY_A);
      });
    }

    it("rejects the officers and admin of a suspended agency", async function () {
      const { requests, directory, governor, officerA, adminA } = await loadFixture(submittedFixture);
      await directory.connect(governor).setAgencyActive(AGENCY_A, false);
      for (const signer of [officerA, adminA]) {
        await expect(requests.connect(signer).updateStatus(1n, Status.InProgress, ZERO, ""))
          .to.be.revertedWithCustomError(requests, "RequestNotOfficer")
          .withArgs(signer.address, AGENCY_A);
      }
    });

    it("rejects an officer who was removed from the agency", async function () {
      const { requests, directory, adminA, officerA } = await loadFixture(submittedFixture);
      await directory.connect(adminA).removeOfficer(officerA.address);
      await expect(requests.connect(officerA).updateStatus(1n, Status.InProgress, ZERO, ""))
        .to.be.revertedWithCustomError(requests, "RequestNotOfficer")
        .withArgs(officerA.address, AGENCY_A);
    });

    it("accepts a note of exactly 280 bytes and rejects one of 281", async function () {
      const { requests, officerA, citizen } = await loadFixture(submittedFixture);
      const tooLong = indonesianText(MAX_TEXT + 1);
      await expect(requests.connect(officerA).updateStatus(1n, Status.InProgress, ZERO, tooLong))
        .to.be.revertedWithCustomError(requests, "RequestTextTooLong")
        .withArgs(BigInt(MAX_TEXT + 1), BigInt(MAX_TEXT));
      const longest = indonesianText(MAX_TEXT);
      await expect(requests.connect(officerA).updateStatus(1n, Status.InProgress, ZERO, longest))
        .to.emit(requests, "RequestStatusChanged")
        .withArgs(1n, citizen.address, AGENCY_A, Status.Submitted, Status.InProgress, officerA.address, ZERO, longest);
    });

    for (const from of OPEN_STATUSES) {
      it(`refuses to reject a request in ${statusName(from)} without a note, and accepts a one-byte one`, async function () {
        const { requests, officerA, citizen, inStatus } = await loadFixture(everyStatusFixture);
        const requestId = inStatus(from);
        // A private note hash is no reason the citizen can read.
        for (const noteHash of [ZERO, commitment("alasan pribadi")]) {
          await expect(requests.connect(officerA).updateStatus(requestId, Status.Rejected, noteHash, ""))
            .to.be.revertedWithCustomError(requests, "RequestReasonRequired")
            .withArgs(requestId);
        }
        await expect(requests.connect(officerA).updateStatus(requestId, Status.Rejected, ZERO, "-"))
          .to.emit(requests, "RequestStatusChanged")
          .withArgs(requestId, citizen.address, AGENCY_A, from, Status.Rejected, officerA.address, ZERO, "-");
      });
    }

    it("rejects an unknown request", async function () {
      const { requests, officerA } = await loadFixture(submittedFixture);
      for (const requestId of [0n, 2n]) {
        await expect(requests.connect(officerA).updateStatus(requestId, Status.InProgress, ZERO, ""))
          .to.be.revertedWithCustomError(requests, "RequestUnknown")
          .withArgs(requestId);
      }
    });

    it("never changes a final status, whoever tries and however", async function () {
      const { requests, officerA, adminA, citizen, inStatus } = await loadFixture(everyStatusFixture);
      for (const from of FINAL_STATUSES) {
        const requestId = inStatus(from);
        for (const to of REQUEST_STATUSES) {
          await expect(requests.connect(adminA).updateStatus(requestId, to, ZERO, ""))
            .to.be.revertedWithCustomError(requests, "RequestInvalidTransition")
            .withArgs(requestId, from, to);
        }
        await expect(requests.connect(citizen).respond(requestId, ZERO, ""))
          .to.be.revertedWithCustomError(requests, "RequestInvalidTransition")
          .withArgs(requestId, from, Status.InProgress);
        await expect(requests.connect(citizen).cancel(requestId))
          .to.be.revertedWithCustomError(requests, "RequestInvalidTransition")
          .withArgs(requestId, from, Status.Cancelled);
        await expect(requests.connect(officerA).markDuplicate(requestId, 1n))
          .to.be.revertedWithCustomError(requests, "RequestNotOpen")
          .withArgs(requestId, from);
        expect((await requests.getRequest(requestId)).status).to.equal(BigInt(from));
      }
    });

    it("moves a completed request from open to completed in the agency's figures", async function () {
      const { requests, officerA } = await loadFixture(submittedFixture);
      await requests.connect(officerA).updateStatus(1n, Status.InProgress, ZERO, "");
      await requests.connect(officerA).updateStatus(1n, Status.Completed, ZERO, "");
      const stats = await requests.agencyStats(AGENCY_A);
      expect([stats.submitted, stats.open, stats.completed, stats.rejected]).to.deep.equal([1n, 0n, 1n, 0n]);
    });

    it("moves a rejected request from open to rejected in the agency's figures", async function () {
      const { requests, officerA } = await loadFixture(submittedFixture);
      await requests.connect(officerA).updateStatus(1n, Status.Rejected, ZERO, "Berkas tidak lengkap");
      const stats = await requests.agencyStats(AGENCY_A);
      expect([stats.submitted, stats.open, stats.completed, stats.rejected]).to.deep.equal([1n, 0n, 0n, 1n]);
      expect(stats.totalResolutionSeconds).to.equal(0n);
    });

    it("counts a request completed exactly at its due date as on time and one second later as late", async function () {
      const { requests, officerA, citizen } = await loadFixture(residentFixture);
      const tx1 = await requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), "");
      const tx2 = await requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), "");
      const due1 = (await minedAt(tx1)) + BigInt(3 * DAY);
      const due2 = (await minedAt(tx2)) + BigInt(3 * DAY);
      await requests.connect(officerA).updateStatus(1n, Status.InProgress, ZERO, "");
      await requests.connect(officerA).updateStatus(2n, Status.InProgress, ZERO, "");
      await time.setNextBlockTimestamp(due1);
      await requests.connect(officerA).updateStatus(1n, Status.Completed, ZERO, "");
      await time.setNextBlockTimestamp(due2 + 1n);
      await requests.connect(officerA).updateStatus(2n, Status.Completed, ZERO, "");
      const stats = await requests.agencyStats(AGENCY_A);
      expect(stats.completed).to.equal(2n);
      expect(stats.completedOnTime).to.equal(1n);
      expect(stats.totalResolutionSeconds).to.equal(BigInt(3 * DAY) + BigInt(3 * DAY + 1));
    });
  });

  describe("respond", function () {
    it("lets the citizen answer a request for information, moving it back to InProgress", async function () {
      const { requests, citizen } = await loadFixture(needsInfoFixture);
      const contentHash = commitment("surat kehilangan dari kepolisian.pdf");
      await expect(requests.connect(citizen).respond(1n, contentHash, "Surat kehilangan sudah diunggah"))
        .to.emit(requests, "RequestStatusChanged")
        .withArgs(
          1n,
          citizen.address,
          AGENCY_A,
          Status.NeedsInfo,
          Status.InProgress,
          citizen.address,
          contentHash,
          "Surat kehilangan sudah diunggah",
        );
      expect((await requests.getRequest(1n)).status).to.equal(BigInt(Status.InProgress));
      const stats = await requests.agencyStats(AGENCY_A);
      expect([stats.submitted, stats.open]).to.deep.equal([1n, 1n]);
    });

    it("accepts a note of exactly 280 bytes and rejects one of 281", async function () {
      const { requests, citizen } = await loadFixture(needsInfoFixture);
      await expect(requests.connect(citizen).respond(1n, ZERO, indonesianText(MAX_TEXT + 1)))
        .to.be.revertedWithCustomError(requests, "RequestTextTooLong")
        .withArgs(BigInt(MAX_TEXT + 1), BigInt(MAX_TEXT));
      const longest = indonesianText(MAX_TEXT);
      await expect(requests.connect(citizen).respond(1n, ZERO, longest))
        .to.emit(requests, "RequestStatusChanged")
        .withArgs(1n, citizen.address, AGENCY_A, Status.NeedsInfo, Status.InProgress, citizen.address, ZERO, longest);
    });

    for (const who of ["officerA", "adminA", "stranger", "citizen2"] as const) {
      it(`rejects ${who}, who did not file the request`, async function () {
        const d = await loadFixture(needsInfoFixture);
        const signer = d[who];
        await expect(d.requests.connect(signer).respond(1n, ZERO, ""))
          .to.be.revertedWithCustomError(d.requests, "RequestNotCitizen")
          .withArgs(signer.address, 1n);
      });
    }

    for (const from of REQUEST_STATUSES.filter((s) => s !== Status.NeedsInfo)) {
      it(`rejects an answer to a request in ${statusName(from)}`, async function () {
        const { requests, citizen, inStatus } = await loadFixture(everyStatusFixture);
        await expect(requests.connect(citizen).respond(inStatus(from), ZERO, ""))
          .to.be.revertedWithCustomError(requests, "RequestInvalidTransition")
          .withArgs(inStatus(from), from, Status.InProgress);
      });
    }
  });

  describe("cancel", function () {
    it("lets the citizen withdraw a Submitted request", async function () {
      const { requests, citizen } = await loadFixture(submittedFixture);
      await expect(requests.connect(citizen).cancel(1n))
        .to.emit(requests, "RequestStatusChanged")
        .withArgs(1n, citizen.address, AGENCY_A, Status.Submitted, Status.Cancelled, citizen.address, ZERO, "");
      expect((await requests.getRequest(1n)).status).to.equal(BigInt(Status.Cancelled));
      const stats = await requests.agencyStats(AGENCY_A);
      expect([stats.submitted, stats.open, stats.cancelled]).to.deep.equal([1n, 0n, 1n]);
    });

    it("lets the citizen withdraw a request waiting for information", async function () {
      const { requests, citizen } = await loadFixture(needsInfoFixture);
      await expect(requests.connect(citizen).cancel(1n))
        .to.emit(requests, "RequestStatusChanged")
        .withArgs(1n, citizen.address, AGENCY_A, Status.NeedsInfo, Status.Cancelled, citizen.address, ZERO, "");
      expect((await requests.getRequest(1n)).status).to.equal(BigInt(Status.Cancelled));
    });

    for (const from of [Status.InProgress, ...FINAL_STATUSES]) {
      it(`refuses to cancel a request in ${statusName(from)}`, async function () {
        const { requests, citizen, inStatus } = await loadFixture(everyStatusFixture);
        await expect(requests.connect(citizen).cancel(inStatus(from)))
          .to.be.revertedWithCustomError(requests, "RequestInvalidTransition")
          .withArgs(inStatus(from), from, Status.Cancelled);
      });
    }

    for (const who of ["officerA", "adminA", "stranger", "governor"] as const) {
      it(`rejects ${who}, who did not file the request`, async function () {
        const d = await loadFixture(submittedFixture);
        const signer = d[who];
        await expect(d.requests.connect(signer).cancel(1n))
          .to.be.revertedWithCustomError(d.requests, "RequestNotCitizen")
          .withArgs(signer.address, 1n);
      });
    }
  });

  describe("escalate", function () {
    it("rejects escalation before the due date", async function () {
      const { requests, citizen, dueAt } = await loadFixture(submittedFixture);
      await expect(requests.connect(citizen).escalate(1n))
        .to.be.revertedWithCustomError(requests, "RequestNotOverdue")
        .withArgs(1n, dueAt);
    });

    it("rejects escalation exactly at the due date", async function () {
      const { requests, citizen, dueAt } = await loadFixture(submittedFixture);
      await time.setNextBlockTimestamp(dueAt);
      await expect(requests.connect(citizen).escalate(1n))
        .to.be.revertedWithCustomError(requests, "RequestNotOverdue")
        .withArgs(1n, dueAt);
    });

    it("lets the citizen escalate one second after the due date, emitting RequestEscalated", async function () {
      const { requests, citizen, dueAt } = await loadFixture(submittedFixture);
      await time.setNextBlockTimestamp(dueAt + 1n);
      await expect(requests.connect(citizen).escalate(1n))
        .to.emit(requests, "RequestEscalated")
        .withArgs(1n, citizen.address, AGENCY_A, dueAt);
      expect((await requests.getRequest(1n)).escalated).to.equal(true);
      expect((await requests.agencyStats(AGENCY_A)).escalated).to.equal(1n);
    });

    it("escalates a request once only", async function () {
      const { requests, citizen, dueAt } = await loadFixture(submittedFixture);
      await time.increaseTo(dueAt + 1n);
      await requests.connect(citizen).escalate(1n);
      await expect(requests.connect(citizen).escalate(1n))
        .to.be.revertedWithCustomError(requests, "RequestAlreadyEscalated")
        .withArgs(1n);
      expect((await requests.agencyStats(AGENCY_A)).escalated).to.equal(1n);
    });

    it("escalates a request waiting for information, and the request goes on afterwards", async function () {
      const { requests, citizen, officerA, dueAt } = await loadFixture(needsInfoFixture);
      await time.increaseTo(dueAt + 1n);
      await expect(requests.connect(citizen).escalate(1n))
        .to.emit(requests, "RequestEscalated")
        .withArgs(1n, citizen.address, AGENCY_A, dueAt);
      await requests.connect(citizen).respond(1n, ZERO, "");
      await requests.connect(officerA).updateStatus(1n, Status.Completed, ZERO, "");
      const request = await requests.getRequest(1n);
      expect(request.status).to.equal(BigInt(Status.Completed));
      expect(request.escalated).to.equal(true);
    });

    for (const from of FINAL_STATUSES) {
      it(`rejects escalation of an overdue request in ${statusName(from)}`, async function () {
        const { requests, citizen, inStatus } = await loadFixture(everyStatusFixture);
        await time.increase(4 * DAY);
        await expect(requests.connect(citizen).escalate(inStatus(from)))
          .to.be.revertedWithCustomError(requests, "RequestNotOpen")
          .withArgs(inStatus(from), from);
      });
    }

    it("rejects escalation of an escalated request once it is completed", async function () {
      const { requests, citizen, officerA, dueAt } = await loadFixture(submittedFixture);
      await time.increaseTo(dueAt + 1n);
      await requests.connect(citizen).escalate(1n);
      await requests.connect(officerA).updateStatus(1n, Status.InProgress, ZERO, "");
      await requests.connect(officerA).updateStatus(1n, Status.Completed, ZERO, "");
      await expect(requests.connect(citizen).escalate(1n))
        .to.be.revertedWithCustomError(requests, "RequestNotOpen")
        .withArgs(1n, Status.Completed);
    });

    for (const who of ["officerA", "stranger"] as const) {
      it(`rejects ${who}, who did not file the request`, async function () {
        const d = await loadFixture(submittedFixture);
        await time.increaseTo(d.dueAt + 1n);
        const signer = d[who];
        await expect(d.requests.connect(signer).escalate(1n))
          .to.be.revertedWithCustomError(d.requests, "RequestNotCitizen")
          .withArgs(signer.address, 1n);
      });
    }
  });

  describe("rate", function () {
    it("lets the citizen rate a Completed request, emitting RequestRated", async function () {
      const { requests, citizen, inStatus } = await loadFixture(everyStatusFixture);
      const requestId = inStatus(Status.Completed);
      const commentHash = commitment("Pelayanan cepat dan ramah");
      await expect(requests.connect(citizen).rate(requestId, 4, commentHash))
        .to.emit(requests, "RequestRated")
        .withArgs(requestId, citizen.address, AGENCY_A, 4, commentHash);
      expect((await requests.getRequest(requestId)).rating).to.equal(4n);
      const stats = await requests.agencyStats(AGENCY_A);
      expect([stats.ratingSum, stats.ratingCount]).to.deep.equal([4n, 1n]);
    });

    it("lets the citizen rate a Rejected request", async function () {
      const { requests, citizen, inStatus } = await loadFixture(everyStatusFixture);
      const requestId = inStatus(Status.Rejected);
      await expect(requests.connect(citizen).rate(requestId, 1, ZERO))
        .to.emit(requests, "RequestRated")
        .withArgs(requestId, citizen.address, AGENCY_A, 1, ZERO);
      expect((await requests.getRequest(requestId)).rating).to.equal(1n);
    });

    it("lets the citizen rate a Duplicate request, and the rating counts for the agency", async function () {
      const { requests, citizen, inStatus } = await loadFixture(everyStatusFixture);
      const requestId = inStatus(Status.Duplicate);
      await expect(requests.connect(citizen).rate(requestId, 2, ZERO))
        .to.emit(requests, "RequestRated")
        .withArgs(requestId, citizen.address, AGENCY_A, 2, ZERO);
      expect((await requests.getRequest(requestId)).rating).to.equal(2n);
      const stats = await requests.agencyStats(AGENCY_A);
      expect([stats.ratingSum, stats.ratingCount]).to.deep.equal([2n, 1n]);
    });

    const RATEABLE: number[] = [Status.Completed, Status.Rejected, Status.Duplicate];
    for (const status of REQUEST_STATUSES.filter((s) => !RATEABLE.includes(s))) {
      it(`refuses a rating for a request in ${statusName(status)}`, async function () {
        const { requests, citizen, inStatus } = await loadFixture(everyStatusFixture);
        await expect(requests.connect(citizen).rate(inStatus(status), 3, ZERO))
          .to.be.revertedWithCustomError(requests, "RequestNotRateable")
          .withArgs(inStatus(status), status);
      });
    }

    it("accepts every score from 1 to 4", async function () {
      const { requests, citizen, officerA } = await loadFixture(residentFixture);
      for (let score = 1; score <= 4; score++) {
        await requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), "");
        await requests.connect(officerA).updateStatus(BigInt(score), Status.Rejected, ZERO, "Berkas tidak lengkap");
        await requests.connect(citizen).rate(BigInt(score), score, ZERO);
        expect((await requests.getRequest(BigInt(score))).rating).to.equal(BigInt(score));
      }
      const stats = await requests.agencyStats(AGENCY_A);
      expect([stats.ratingSum, stats.ratingCount]).to.deep.equal([10n, 4n]);
    });

    it("rejects scores 0, 5 and 255", async function () {
      const { requests, citizen, inStatus } = await loadFixture(everyStatusFixture);
      for (const score of [0, 5, 255]) {
        await expect(requests.connect(citizen).rate(inStatus(Status.Completed), score, ZERO))
          .to.be.revertedWithCustomError(requests, "RequestInvalidScore")
          .withArgs(score);
      }
      expect((await requests.getRequest(inStatus(Status.Completed))).rating).to.equal(0n);
    });

    it("takes one rating per request", async function () {
      const { requests, citizen, inStatus } = await loadFixture(everyStatusFixture);
      const requestId = inStatus(Status.Completed);
      await requests.connect(citizen).rate(requestId, 2, ZERO);
      await expect(requests.connect(citizen).rate(requestId, 4, ZERO))
        .to.be.revertedWithCustomError(requests, "RequestAlreadyRated")
        .withArgs(requestId);
      expect((await requests.getRequest(requestId)).rating).to.equal(2n);
      const stats = await requests.agencyStats(AGENCY_A);
      expect([stats.ratingSum, stats.ratingCount]).to.deep.equal([2n, 1n]);
    });

    for (const who of ["officerA", "stranger", "citizen2"] as const) {
      it(`rejects ${who}, who did not file the request`, async function () {
        const d = await loadFixture(everyStatusFixture);
        const signer = d[who];
        await expect(d.requests.connect(signer).rate(d.inStatus(Status.Completed), 4, ZERO))
          .to.be.revertedWithCustomError(d.requests, "RequestNotCitizen")
          .withArgs(signer.address, d.inStatus(Status.Completed));
      });
    }
  });

  describe("markDuplicate", function () {
    it("closes an open request as a duplicate of an earlier one, emitting RequestMarkedDuplicate", async function () {
      const { requests, officerA, citizen2, attestations } = await loadFixture(submittedFixture);
      await attestations.connect(officerA).attest(citizen2.address, RESIDENT, commitment("KK"), 2, 0);
      await requests.connect(citizen2).submit(SERVICE_GATED, ZERO, clientRef(), "Sama seperti laporan lain");
      await expect(requests.connect(officerA).markDuplicate(2n, 1n))
        .to.emit(requests, "RequestMarkedDuplicate")
        .withArgs(2n, citizen2.address, AGENCY_A, 1n, officerA.address);
      expect((await requests.getRequest(2n)).status).to.equal(BigInt(Status.Duplicate));
      expect(await requests.duplicateOf(2n)).to.equal(1n);
      expect(await requests.duplicateOf(1n)).to.equal(0n);
      expect((await requests.getRequest(1n)).status).to.equal(BigInt(Status.Submitted));
      const stats = await requests.agencyStats(AGENCY_A);
      expect([stats.submitted, stats.open, stats.duplicates]).to.deep.equal([2n, 1n, 1n]);
    });

    for (const from of OPEN_STATUSES) {
      it(`closes a request in ${statusName(from)} as a duplicate`, async function () {
        const { requests, officerA, citizen, inStatus } = await loadFixture(everyStatusFixture);
        // Request 1 (Submitted) has no earlier request: file a fresh Submitted one (id 8) instead.
        let requestId = inStatus(from);
        if (from === Status.Submitted) {
          await requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), "");
          requestId = 8n;
        }
        expect((await requests.getRequest(requestId)).status).to.equal(BigInt(from));
        await expect(requests.connect(officerA).markDuplicate(requestId, 1n))
          .to.emit(requests, "RequestMarkedDuplicate")
          .withArgs(requestId, citizen.address, AGENCY_A, 1n, officerA.address);
        expect((await requests.getRequest(requestId)).status).to.equal(BigInt(Status.Duplicate));
        expect(await requests.duplicateOf(requestId)).to.equal(1n);
      });
    }

    it("accepts an original that is Completed", async function () {
      const { requests, officerA, citizen, inStatus } = await loadFixture(everyStatusFixture);
      await requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), ""); // 8
      await expect(requests.connect(officerA).markDuplicate(8n, inStatus(Status.Completed)))
        .to.emit(requests, "RequestMarkedDuplicate")
        .withArgs(8n, citizen.address, AGENCY_A, inStatus(Status.Completed), officerA.address);
      expect(await requests.duplicateOf(8n)).to.equal(inStatus(Status.Completed));
    });

    for (const original of OPEN_STATUSES) {
      it(`accepts an original that is still open (${statusName(original)})`, async function () {
        const { requests, officerA, citizen, inStatus } = await loadFixture(everyStatusFixture);
        await requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), ""); // 8
        await expect(requests.connect(officerA).markDuplicate(8n, inStatus(original)))
          .to.emit(requests, "RequestMarkedDuplicate")
          .withArgs(8n, citizen.address, AGENCY_A, inStatus(original), officerA.address);
        expect((await requests.getRequest(inStatus(original))).status).to.equal(BigInt(original));
      });
    }

    for (const original of [Status.Rejected, Status.Cancelled]) {
      it(`rejects an original that was ${statusName(original)}, which nobody will serve`, async function () {
        const { requests, officerA, citizen, inStatus } = await loadFixture(everyStatusFixture);
        await requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), ""); // 8
        await expect(requests.connect(officerA).markDuplicate(8n, inStatus(original)))
          .to.be.revertedWithCustomError(requests, "RequestInvalidOriginal")
          .withArgs(8n, inStatus(original));
        expect((await requests.getRequest(8n)).status).to.equal(BigInt(Status.Submitted));
        expect(await requests.duplicateOf(8n)).to.equal(0n);
      });
    }

    it("accepts an original filed to another service of the same agency", async function () {
      const { requests, officerA, citizen, stranger } = await loadFixture(threeServicesFixture);
      await requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), "");
      await requests.connect(stranger).submit(3n, ZERO, clientRef(), "");
      await expect(requests.connect(officerA).markDuplicate(2n, 1n))
        .to.emit(requests, "RequestMarkedDuplicate")
        .withArgs(2n, stranger.address, AGENCY_A, 1n, officerA.address);
    });

    it("rejects an original that is zero, the request itself, later, or unknown", async function () {
      const { requests, officerA, citizen } = await loadFixture(residentFixture);
      for (let i = 0; i < 3; i++) await requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), "");
      for (const originalId of [0n, 2n, 3n, 99n]) {
        await expect(requests.connect(officerA).markDuplicate(2n, originalId))
          .to.be.revertedWithCustomError(requests, "RequestInvalidOriginal")
          .withArgs(2n, originalId);
      }
      expect((await requests.getRequest(2n)).status).to.equal(BigInt(Status.Submitted));
    });

    it("rejects an original that is itself a duplicate", async function () {
      const { requests, officerA, inStatus, citizen } = await loadFixture(everyStatusFixture);
      await requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), ""); // 8
      await expect(requests.connect(officerA).markDuplicate(8n, inStatus(Status.Duplicate)))
        .to.be.revertedWithCustomError(requests, "RequestInvalidOriginal")
        .withArgs(8n, inStatus(Status.Duplicate));
      // Pointing at the duplicate's own original works.
      await expect(requests.connect(officerA).markDuplicate(8n, await requests.duplicateOf(inStatus(Status.Duplicate))))
        .to.emit(requests, "RequestMarkedDuplicate")
        .withArgs(8n, citizen.address, AGENCY_A, 1n, officerA.address);
    });

    it("rejects an original of another agency", async function () {
      const { requests, officerA, officerB, citizen, stranger } = await loadFixture(residentFixture);
      await requests.connect(stranger).submit(SERVICE_OPEN, ZERO, clientRef(), ""); // 1, agency 2
      await requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), ""); // 2, agency 1
      await requests.connect(citizen).submit(SERVICE_OPEN, ZERO, clientRef(), ""); // 3, agency 2
      await expect(requests.connect(officerA).markDuplicate(2n, 1n))
        .to.be.revertedWithCustomError(requests, "RequestInvalidOriginal")
        .withArgs(2n, 1n);
      await expect(requests.connect(officerB).markDuplicate(3n, 2n))
        .to.be.revertedWithCustomError(requests, "RequestInvalidOriginal")
        .withArgs(3n, 2n);
      await expect(requests.connect(officerB).markDuplicate(3n, 1n))
        .to.emit(requests, "RequestMarkedDuplicate")
        .withArgs(3n, citizen.address, AGENCY_B, 1n, officerB.address);
    });

    for (const from of FINAL_STATUSES) {
      it(`rejects marking a request in ${statusName(from)}`, async function () {
        const { requests, officerA, inStatus } = await loadFixture(everyStatusFixture);
        await expect(requests.connect(officerA).markDuplicate(inStatus(from), 1n))
          .to.be.revertedWithCustomError(requests, "RequestNotOpen")
          .withArgs(inStatus(from), from);
      });
    }

    for (const who of ["officerB", "stranger", "citizen", "governor"] as const) {
      it(`rejects ${who}, who is not an officer of the request's agency`, async function () {
        const d = await loadFixture(everyStatusFixture);
        const signer = d[who];
        await expect(d.requests.connect(signer).markDuplicate(2n, 1n))
          .to.be.revertedWithCustomError(d.requests, "RequestNotOfficer")
          .withArgs(signer.address, AGENCY_A);
      });
    }

    it("lets the agency admin mark a duplicate", async function () {
      const { requests, adminA, citizen } = await loadFixture(everyStatusFixture);
      await expect(requests.connect(adminA).markDuplicate(2n, 1n))
        .to.emit(requests, "RequestMarkedDuplicate")
        .withArgs(2n, citizen.address, AGENCY_A, 1n, adminA.address);
    });

    it("rejects an officer of a suspended agency", async function () {
      const { requests, directory, governor, officerA } = await loadFixture(everyStatusFixture);
      await directory.connect(governor).setAgencyActive(AGENCY_A, false);
      await expect(requests.connect(officerA).markDuplicate(2n, 1n))
        .to.be.revertedWithCustomError(requests, "RequestNotOfficer")
        .withArgs(officerA.address, AGENCY_A);
    });
  });

  describe("unknown requests", function () {
    const calls = {
      getRequest: (d: Submitted, rid: bigint) => d.requests.getRequest(rid),
      updateStatus: (d: Submitted, rid: bigint) =>
        d.requests.connect(d.officerA).updateStatus(rid, Status.InProgress, ZERO, ""),
      markDuplicate: (d: Submitted, rid: bigint) => d.requests.connect(d.officerA).markDuplicate(rid, 1n),
      respond: (d: Submitted, rid: bigint) => d.requests.connect(d.citizen).respond(rid, ZERO, ""),
      cancel: (d: Submitted, rid: bigint) => d.requests.connect(d.citizen).cancel(rid),
      escalate: (d: Submitted, rid: bigint) => d.requests.connect(d.citizen).escalate(rid),
      rate: (d: Submitted, rid: bigint) => d.requests.connect(d.citizen).rate(rid, 4, ZERO),
    };
    for (const [name, call] of Object.entries(calls)) {
      it(`makes ${name} revert with RequestUnknown for id 0 and an id past the last`, async function () {
        const d = await loadFixture(submittedFixture);
        for (const rid of [0n, 2n, 2n ** 256n - 1n]) {
          await expect(call(d, rid)).to.be.revertedWithCustomError(d.requests, "RequestUnknown").withArgs(rid);
        }
      });
    }

    it("reports an unknown request as neither overdue nor a duplicate", async function () {
      const { requests } = await loadFixture(submittedFixture);
      await time.increase(30 * DAY);
      expect(await requests.isOverdue(2n)).to.equal(false);
      expect(await requests.duplicateOf(2n)).to.equal(0n);
      expect(await requests.isOverdue(1n)).to.equal(true);
    });
  });

  describe("isOverdue", function () {
    it("is false before and at the due date and true after it while the request is open", async function () {
      const { requests, dueAt } = await loadFixture(submittedFixture);
      expect(await requests.isOverdue(1n)).to.equal(false);
      await time.increaseTo(dueAt - 1n);
      expect(await requests.isOverdue(1n)).to.equal(false);
      await time.increaseTo(dueAt);
      expect(await requests.isOverdue(1n)).to.equal(false);
      await time.increaseTo(dueAt + 1n);
      expect(await requests.isOverdue(1n)).to.equal(true);
    });

    it("stays true in every open status and becomes false once the request is closed", async function () {
      const { requests, officerA, citizen, dueAt } = await loadFixture(submittedFixture);
      await time.increaseTo(dueAt + 1n);
      expect(await requests.isOverdue(1n)).to.equal(true);
      await requests.connect(officerA).updateStatus(1n, Status.InProgress, ZERO, "");
      expect(await requests.isOverdue(1n)).to.equal(true);
      await requests.connect(officerA).updateStatus(1n, Status.NeedsInfo, ZERO, "");
      expect(await requests.isOverdue(1n)).to.equal(true);
      await requests.connect(citizen).respond(1n, ZERO, "");
      await requests.connect(officerA).updateStatus(1n, Status.Completed, ZERO, "");
      expect(await requests.isOverdue(1n)).to.equal(false);
    });

    it("is false for every closed request, however late", async function () {
      const { requests, inStatus } = await loadFixture(everyStatusFixture);
      await time.increase(30 * DAY);
      for (const status of FINAL_STATUSES) {
        expect(await requests.isOverdue(inStatus(status))).to.equal(false);
      }
      for (const status of OPEN_STATUSES) {
        expect(await requests.isOverdue(inStatus(status))).to.equal(true);
      }
    });

    it("uses each service's own SLA", async function () {
      const { requests, citizen, stranger } = await loadFixture(threeServicesFixture);
      await requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), ""); // 3 days
      await requests.connect(stranger).submit(3n, ZERO, clientRef(), ""); // 1 day
      await time.increase(DAY + 10);
      expect(await requests.isOverdue(1n)).to.equal(false);
      expect(await requests.isOverdue(2n)).to.equal(true);
      expect((await requests.getRequest(2n)).dueAt - (await requests.getRequest(2n)).submittedAt).to.equal(BigInt(DAY));
    });
  });

  describe("agencyStats", function () {
    it("is all zero for an agency with no requests", async function () {
      const { requests } = await loadFixture(cityFixture);
      for (const agencyId of [AGENCY_A, AGENCY_B, 99n]) {
        expect([...(await requests.agencyStats(agencyId))]).to.deep.equal(Array(11).fill(0n));
      }
    });

    it("adds up a scripted mix of requests exactly", async function () {
      const { requests, officerA, citizen, stranger } = await loadFixture(residentFixture);
      const submittedAt: bigint[] = [0n];
      for (let i = 1; i <= 6; i++) {
        const tx = await requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), `Permohonan ${i}`);
        submittedAt.push(await minedAt(tx));
      }
      // A request of agency 2, which must not touch agency 1's figures (nor the reverse).
      await requests.connect(stranger).submit(SERVICE_OPEN, ZERO, clientRef(), "Jalan rusak"); // 7

      await requests.connect(officerA).updateStatus(1n, Status.InProgress, ZERO, "");
      await requests.connect(officerA).updateStatus(2n, Status.InProgress, ZERO, "");
      await requests.connect(officerA).updateStatus(3n, Status.Rejected, ZERO, "Bukan wewenang Disdukcapil");
      await requests.connect(citizen).cancel(4n);
      await requests.connect(officerA).markDuplicate(5n, 1n);
      await requests.connect(officerA).updateStatus(6n, Status.InProgress, ZERO, "");
      await requests.connect(officerA).updateStatus(6n, Status.NeedsInfo, ZERO, "");

      // Request 1 completed a day in, within its 3-day SLA.
      await time.increase(DAY);
      const completed1 = await minedAt(await requests.connect(officerA).updateStatus(1n, Status.Completed, ZERO, ""));
      // Request 2 escalated and completed after its due date.
      await time.increase(3 * DAY);
      expect(await requests.isOverdue(2n)).to.equal(true);
      await requests.connect(citizen).escalate(2n);
      const completed2 = await minedAt(await requests.connect(officerA).updateStatus(2n, Status.Completed, ZERO, ""));
      expect(completed1 - submittedAt[1]).to.be.at.most(BigInt(3 * DAY));
      expect(completed2 - submittedAt[2]).to.be.greaterThan(BigInt(3 * DAY));

      await requests.connect(citizen).rate(1n, 4, ZERO);
      await requests.connect(citizen).rate(3n, 2, ZERO);
      await requests.connect(citizen).rate(5n, 3, ZERO); // the duplicate

      const stats = await requests.agencyStats(AGENCY_A);
      expect(stats.submitted).to.equal(6n);
      expect(stats.open).to.equal(1n);
      expect(stats.completed).to.equal(2n);
      expect(stats.rejected).to.equal(1n);
      expect(stats.cancelled).to.equal(1n);
      expect(stats.duplicates).to.equal(1n);
      expect(stats.completedOnTime).to.equal(1n);
      expect(stats.totalResolutionSeconds).to.equal(completed1 - submittedAt[1] + (completed2 - submittedAt[2]));
      expect(stats.escalated).to.equal(1n);
      expect(stats.ratingSum).to.equal(9n);
      expect(stats.ratingCount).to.equal(3n);
      expect(stats.submitted).to.equal(
        stats.open + stats.completed + stats.rejected + stats.cancelled + stats.duplicates,
      );

      const other = await requests.agencyStats(AGENCY_B);
      expect([...other]).to.deep.equal([1n, 1n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n]);
    });
  });

  describe("privacy", function () {
    it("takes free text only as a service name, a request summary and a note", async function () {
      const { requests } = await loadFixture(deployFixture);
      const strings: string[] = [];
      requests.interface.forEachFunction((fn) => {
        for (const input of fn.inputs) if (input.type === "string") strings.push(`${fn.name}.${input.name}`);
      });
      requests.interface.forEachEvent((event) => {
        for (const input of event.inputs) if (input.type === "string") strings.push(`${event.name}.${input.name}`);
      });
      expect(strings.sort()).to.deep.equal(
        [
          "addService.name",
          "respond.note",
          "submit.summary",
          "updateStatus.note",
          "ServiceAdded.name",
          "RequestStatusChanged.note",
          "RequestSubmitted.summary",
        ].sort(),
      );
    });

    it("puts no personal data in calldata, storage views or events, only salted commitments", async function () {
      const { requests, officerA, citizen } = await loadFixture(residentFixture);
      const personal = ["3273010101900001", "Siti Rahayu", "Jl. Dago No. 12", "081234567890"];
      const salt = ethers.hexlify(ethers.randomBytes(32));
      const contentHash = commitment(personal.join("|"), salt);
      const replySalt = ethers.hexlify(ethers.randomBytes(32));
      const replyHash = commitment("foto surat kehilangan", replySalt);
      const noteHash = commitment("Pemohon diminta melampirkan surat kehilangan");

      const txs = [
        await requests.connect(citizen).submit(SERVICE_GATED, contentHash, clientRef(), "KTP-el hilang"),
        await requests.connect(officerA).updateStatus(1n, Status.InProgress, ZERO, ""),
        await requests.connect(officerA).updateStatus(1n, Status.NeedsInfo, noteHash, "Mohon lengkapi berkas"),
        await requests.connect(citizen).respond(1n, replyHash, "Sudah dilengkapi"),
      ];
      await expect(txs[0])
        .to.emit(requests, "RequestSubmitted")
        .withArgs(
          1n,
          citizen.address,
          AGENCY_A,
          SERVICE_GATED,
          contentHash,
          (r: string) => r !== ZERO,
          (d: bigint) => d > 0n,
          "KTP-el hilang",
        );
      await expect(txs[3])
        .to.emit(requests, "RequestStatusChanged")
        .withArgs(
          1n,
          citizen.address,
          AGENCY_A,
          Status.NeedsInfo,
          Status.InProgress,
          citizen.address,
          replyHash,
          "Sudah dilengkapi",
        );

      const secrets = personal.map((text) => ethers.hexlify(ethers.toUtf8Bytes(text)).slice(2).toLowerCase());
      for (const tx of txs) {
        const receipt = await tx.wait();
        const published = [tx.data, ...receipt!.logs.flatMap((log) => [log.data, ...log.topics])]
          .join("")
          .toLowerCase();
        for (const secret of secrets) expect(published).to.not.contain(secret);
      }
      const request = await requests.getRequest(1n);
      expect(Object.keys((request as unknown as Result).toObject())).to.deep.equal([
        "citizen",
        "serviceId",
        "status",
        "escalated",
        "rating",
        "submittedAt",
        "dueAt",
      ]);
    });
  });

  // -----------------------------------------------------------------------------------------------
  // Issue 10: agencies grading themselves and hiding what they did not do
  // -----------------------------------------------------------------------------------------------

  describe("insider attacks (issue 10)", function () {
    it("agencies cannot grade themselves: their members can neither file, nor answer, nor rate", async function () {
      const { requests, directory, officerA, adminA, officerB, adminB, citizen2 } =
        await loadFixture(threeServicesFixture);
      // The officer and the admin of agency A cannot file to A's services (3 is open to any wallet).
      for (const member of [officerA, adminA]) {
        for (const serviceId of [SERVICE_GATED, 3n]) {
          await expect(requests.connect(member).submit(serviceId, ZERO, clientRef(), "Sangat puas"))
            .to.be.revertedWithCustomError(requests, "RequestByAgencyMember")
            .withArgs(member.address, AGENCY_A);
        }
      }
      // Members of other agencies still can.
      for (const [i, member] of [officerB, adminB].entries()) {
        await expect(requests.connect(member).submit(3n, ZERO, clientRef(), "Pengaduan"))
          .to.emit(requests, "RequestSubmitted")
          .withArgs(
            BigInt(i + 1),
            member.address,
            AGENCY_A,
            3n,
            ZERO,
            (r: string) => r !== ZERO,
            (t: bigint) => t > 0n,
            "Pengaduan",
          );
      }
      // citizen2 files as a citizen (3 and 4), then joins agency A as an officer.
      await requests.connect(citizen2).submit(3n, ZERO, clientRef(), "Pengaduan 1");
      await requests.connect(citizen2).submit(3n, ZERO, clientRef(), "Pengaduan 2");
      await requests.connect(officerA).updateStatus(3n, Status.InProgress, ZERO, "");
      await requests.connect(officerA).updateStatus(3n, Status.NeedsInfo, ZERO, "Mohon lengkapi");
      await requests.connect(officerA).updateStatus(4n, Status.InProgress, ZERO, "");
      await requests.connect(officerA).updateStatus(4n, Status.Completed, ZERO, "Selesai");
      await directory.connect(adminA).addOfficer(AGENCY_A, citizen2.address);
      await expect(requests.connect(citizen2).respond(3n, ZERO, "Sudah"))
        .to.be.revertedWithCustomError(requests, "RequestByAgencyMember")
        .withArgs(citizen2.address, AGENCY_A);
      await expect(requests.connect(citizen2).rate(4n, 4, ZERO))
        .to.be.revertedWithCustomError(requests, "RequestByAgencyMember")
        .withArgs(citizen2.address, AGENCY_A);
      expect((await requests.getRequest(4n)).rating).to.equal(0n);
      expect((await requests.agencyStats(AGENCY_A)).ratingCount).to.equal(0n);
      // Once they leave the agency they are a citizen again.
      await directory.connect(adminA).removeOfficer(citizen2.address);
      await expect(requests.connect(citizen2).rate(4n, 3, ZERO))
        .to.emit(requests, "RequestRated")
        .withArgs(4n, citizen2.address, AGENCY_A, 3, ZERO);
    });

    it("a late request cannot be hidden as a duplicate of a dead one; a real duplicate still counts and is rated", async function () {
      const { requests, officerA, citizen, inStatus } = await loadFixture(everyStatusFixture);
      await requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), "Terlambat 1"); // 8
      await requests.connect(citizen).submit(SERVICE_GATED, ZERO, clientRef(), "Terlambat 2"); // 9
      await time.increase(3 * DAY + 1);
      await requests.connect(citizen).escalate(8n);
      await requests.connect(citizen).escalate(9n);
      expect(await requests.isOverdue(8n)).to.equal(true);
      const before = await requests.agencyStats(AGENCY_A);

      // Cancelled, rejected or duplicate originals: nobody served or will serve them.
      for (const original of [Status.Cancelled, Status.Rejected, Status.Duplicate]) {
        await expect(requests.connect(officerA).markDuplicate(8n, inStatus(original)))
          .to.be.revertedWithCustomError(requests, "RequestInvalidOriginal")
          .withArgs(8n, inStatus(original));
      }
      expect((await requests.getRequest(8n)).status).to.equal(BigInt(Status.Submitted));
      expect(await requests.isOverdue(8n)).to.equal(true);
      expect([...(await requests.agencyStats(AGENCY_A))]).to.deep.equal([...before]);

      // A Completed original and an open one work.
      await expect(requests.connect(officerA).markDuplicate(8n, inStatus(Status.Completed)))
        .to.emit(requests, "RequestMarkedDuplicate")
        .withArgs(8n, citizen.address, AGENCY_A, inStatus(Status.Completed), officerA.address);
      await expect(requests.connect(officerA).markDuplicate(9n, inStatus(Status.Submitted)))
        .to.emit(requests, "RequestMarkedDuplicate")
        .withArgs(9n, citizen.address, AGENCY_A, inStatus(Status.Submitted), officerA.address);
      const after = await requests.agencyStats(AGENCY_A);
      expect(after.duplicates).to.equal(before.duplicates + 2n);
      expect(after.open).to.equal(before.open - 2n);
      expect(after.escalated).to.equal(before.escalated);
      expect(after.submitted).to.equal(
        after.open + after.completed + after.rejected + after.cancelled + after.duplicates,
      );

      // The citizen rates both, and the ratings count.
      await expect(requests.connect(citizen).rate(8n, 1, ZERO))
        .to.emit(requests, "RequestRated")
        .withArgs(8n, citizen.address, AGENCY_A, 1, ZERO);
      await expect(requests.connect(citizen).rate(9n, 2, ZERO))
        .to.emit(requests, "RequestRated")
        .withArgs(9n, citizen.address, AGENCY_A, 2, ZERO);
      const rated = await requests.agencyStats(AGENCY_A);
      expect([rated.ratingSum, rated.ratingCount]).to.deep.equal([after.ratingSum + 3n, after.ratingCount + 2n]);
      expect((await requests.getRequest(8n)).rating).to.equal(1n);
    });

    it("a request cannot be rejected without a reason", async function () {
      const { requests, officerA, citizen } = await loadFixture(submittedFixture);
      await expect(requests.connect(officerA).updateStatus(1n, Status.Rejected, ZERO, ""))
        .to.be.revertedWithCustomError(requests, "RequestReasonRequired")
        .withArgs(1n);
      expect((await requests.getRequest(1n)).status).to.equal(BigInt(Status.Submitted));
      expect((await requests.agencyStats(AGENCY_A)).rejected).to.equal(0n);
      const reason = "Bukan wewenang Disdukcapil: ajukan ke kecamatan";
      await expect(requests.connect(officerA).updateStatus(1n, Status.Rejected, ZERO, reason))
        .to.emit(requests, "RequestStatusChanged")
        .withArgs(1n, citizen.address, AGENCY_A, Status.Submitted, Status.Rejected, officerA.address, ZERO, reason);
      expect((await requests.getRequest(1n)).status).to.equal(BigInt(Status.Rejected));
      expect((await requests.agencyStats(AGENCY_A)).rejected).to.equal(1n);
    });
  });
});
