import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PatientForm } from "@/components/forms/PatientForm";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { listSiteOptions } from "@/lib/dal/admin/siteOptions";
import { createPatientAction } from "../actions";

export const metadata: Metadata = { title: "New patient" };

export default async function NewPatientPage() {
  const me = await requirePrincipal();
  // Only physicians enter clinical records (the DAL refuses the rest); others get the same 404 as a bad URL.
  if (me.role !== "physician") notFound();
  const sites = await listSiteOptions(me);
  const defaultSite = me.siteId ?? (sites.length === 1 ? sites[0]!.id : null);
  return (
    <>
      <header className="page-header">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link href="/patients">Patients</Link>
        </nav>
        <h1>New patient</h1>
        <p className="muted">You will be the patient’s responsible physician. All fields are required unless marked optional.</p>
      </header>
      <div className="panel form-panel">
        <PatientForm action={createPatientAction} initialValues={{ siteId: defaultSite ? String(defaultSite) : "" }} sites={sites} cancelHref="/patients" />
      </div>
    </>
  );
}
