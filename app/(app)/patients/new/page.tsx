import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PatientForm } from "@/components/forms/PatientForm";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { listSiteOptions } from "@/lib/dal/admin/siteOptions";
import { isClinicalWriter } from "@/lib/dal/access";
import { listActingPhysicians } from "@/lib/dal/onBehalfOf";
import { createPatientAction } from "../actions";

export const metadata: Metadata = { title: "New patient" };

export default async function NewPatientPage() {
  const me = await requirePrincipal();
  // Only physicians and coordinators enter clinical records (the DAL refuses the rest); others get the same 404 as a bad URL.
  if (!isClinicalWriter(me)) notFound();
  const [sites, physicians] = await Promise.all([listSiteOptions(me), listActingPhysicians(me)]);
  const coordinator = me.role === "coordinator";
  const defaultSite = me.siteId ?? (sites.length === 1 ? sites[0]!.id : null);
  return (
    <>
      <header className="page-header">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link href="/patients">Patients</Link>
        </nav>
        <h1>New patient</h1>
        <p className="muted">
          {coordinator ? "The physician you choose will be the patient’s responsible physician." : "You will be the patient’s responsible physician."} All
          fields are required unless marked optional.
        </p>
      </header>
      <div className="panel form-panel">
        <PatientForm
          action={createPatientAction}
          initialValues={{ siteId: defaultSite ? String(defaultSite) : "" }}
          sites={sites}
          physicians={coordinator ? physicians : undefined}
          cancelHref="/patients"
        />
      </div>
    </>
  );
}
